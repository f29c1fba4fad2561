"""The table of contents: one entry per section."""

from __future__ import annotations

from textual.containers import Vertical
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


class ContentsSlot(Vertical):
    """Where the contents list lives: mounted just after the first paint, keeping its width meanwhile.

    ``t`` toggles it (:meth:`toggle`); below 90 columns it starts hidden
    (:meth:`fit_width`) so the text has the width.
    """

    def __init__(self, document: Document, *, shown: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.shown = shown
        """What the settings say (a narrow screen hides it without changing that)."""

    def on_mount(self) -> None:
        self.display = self.shown

    @property
    def contents(self) -> ContentsList:
        """The list (mounted on first use)."""
        if not self.children:
            self.mount(ContentsList(self.document, id="contents"))
        return self.query_one(ContentsList)

    def toggle(self, section: int) -> bool:
        """Show the list (focused, on ``section``) or hide it; True when shown."""
        self.display = not self.display
        self.shown = bool(self.display)
        if self.display:
            self.contents.follow(section)
            self.contents.focus()
        return self.shown

    def fit_width(self, narrow: bool) -> None:
        """On a narrow screen the list is hidden unless it is in use; wide, it is as the settings say."""
        if narrow:
            if not (self.children and self.contents.has_focus):
                self.display = False
        else:
            self.display = self.shown
