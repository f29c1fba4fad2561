"""The table of contents: one entry per section."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.cells import display_text, truncate
from reader.core.document import Document
from reader.keys import bindings

LABEL_CELLS = 26
"""Entries are cut to one line of the list (its width less border and padding)."""


class ContentsList(OptionList):
    """Sections of the article; choosing one brings its heading to the top."""

    BINDINGS = bindings("contents")

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        options = [
            Option(
                Content(
                    truncate(f"{section.index + 1:>2} {display_text(document.section_label(section))}", LABEL_CELLS)
                ),
                id=f"section-{section.index}",
            )
            for section in document.sections
        ]
        super().__init__(*options, id=id)
        self.border_title = "Sections"

    def follow(self, section_index: int) -> None:
        """Highlight the section on screen without moving focus."""
        if self.highlighted != section_index:
            self.highlighted = section_index
