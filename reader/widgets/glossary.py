"""The glossary panel: the article's terms in order of first occurrence.

It shows what it is given (:meth:`GlossaryPanel.set_terms`) and posts
:class:`GlossaryPanel.JumpTo` when the reader asks to see a term in the text:
Enter → its first occurrence, ``.``/``,`` → the next/previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.analysis.glossary import GlossaryTerm
from reader.core.printable import one_line
from reader.keys import bindings

SOURCE_MARK = {"curated": "★", "jmdict": "J", "parts": "+"}
"""One cell showing where a term's meaning comes from."""


def term_label(term: GlossaryTerm) -> Content:
    """Two lines: the term with its reading, then its meaning (and source)."""
    mark = SOURCE_MARK.get(term.source, "?")
    # Curated terms come from a file beside the article: control characters shown, never sent.
    surface, reading, meaning = (one_line(value, limit=None) for value in (term.surface, term.reading, term.meaning))
    return Content(f"{mark} {surface}  {reading}\n   {meaning}")


class GlossaryPanel(OptionList):
    """Lists glossary terms; Enter, '.' and ',' ask the screen to jump to an occurrence."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("glossary")

    @dataclass
    class JumpTo(Message):
        """The reader wants to see occurrence ``index`` of ``term`` (offsets in term.occurrences)."""

        term: GlossaryTerm
        index: int

        @property
        def span(self) -> tuple[int, int]:
            """(start, end) of the occurrence in the text."""
            return self.term.occurrences[self.index]

    def __init__(self, terms: Sequence[GlossaryTerm] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Glossary"
        self.terms: tuple[GlossaryTerm, ...] = ()
        self._occurrence: dict[str, int] = {}
        if terms is None:
            self._say("Building the glossary…")
        else:
            self.set_terms(terms)

    def _say(self, message: str) -> None:
        self.terms = ()
        self.clear_options()
        self.add_option(Option(Content(message), id="none", disabled=True))
        self.border_subtitle = ""

    def set_terms(self, terms: Sequence[GlossaryTerm]) -> None:
        """Replace the list (terms already in order of first occurrence)."""
        self.terms = tuple(terms)
        self._occurrence = {}
        self.clear_options()
        self.add_options(Option(term_label(t), id=f"term-{i}") for i, t in enumerate(self.terms))
        if not self.terms:
            self.add_option(Option(Content("No terms above your level here."), id="none", disabled=True))
        self.border_subtitle = f"{len(self.terms)} terms"
        if self.terms:
            self.highlighted = 0

    def show_failure(self, error: str) -> None:
        """The glossary could not be built: say so instead of "Building the glossary…"."""
        self._say(f"The glossary could not be built ({error}).")

    @property
    def current(self) -> GlossaryTerm | None:
        """The highlighted term."""
        if self.highlighted is None or not self.terms:
            return None
        return self.terms[self.highlighted]

    def action_jump(self, step: int) -> None:
        """Enter (0): first occurrence; ``.`` (+1) / ``,`` (-1): next / previous, wrapping."""
        term = self.current
        if term is None:
            return
        count = len(term.occurrences)
        index = 0 if step == 0 else (self._occurrence.get(term.surface, 0) + step) % count
        self._occurrence[term.surface] = index
        self.post_message(self.JumpTo(term, index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a term (Enter is the panel's own binding): jump to its first use."""
        event.stop()
        self.action_jump(0)
