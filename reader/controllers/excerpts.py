"""Copying annotated excerpts: ``y`` and the key after it, ``Y``.

With a selection, the copy key copies it; without one it waits for a second
key: ``s`` sentence, ``p`` paragraph, ``S`` section, or the copy key again
(the last excerpt, in a format chosen anew).  ``Y`` chooses the format and
what to add; the choice is remembered in the settings.  The text comes from
the one formatter in :mod:`reader.core.excerpt` that ``yomu annotate`` prints
with, given only the layers of the excerpt's range (a copy costs in
proportion to the excerpt, not to the text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan
from reader.data.config import Settings
from reader.keys import YANK_UNITS

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm
    from reader.screens.excerpt_format import ExcerptChoice

__all__ = ["Excerpts"]


class Excerpts(Widget):
    """Copies excerpts in the remembered format; waits for the second key of a copy."""

    DEFAULT_CSS = "Excerpts { display: none; }"

    @dataclass
    class Copied(Message):
        """An excerpt went to the clipboard (or wherever the clipboard plumbing could put it)."""

        what: str
        fmt: str
        notice: str
        ok: bool
        start: int
        end: int

    @dataclass
    class SettingsChanged(Message):
        """The reader chose another format or extras: save the settings."""

    def __init__(self, document: Document, text: AnalysedText, settings: Settings) -> None:
        super().__init__()
        self.document = document
        self.text = text
        self.settings = settings
        self.pending = False
        """True after the copy key without a selection: the next key says what to copy."""
        self.last: tuple[int, int] | None = None
        """The range copied last (the copy key twice copies it again in another format)."""
        self.ruby_filter: Callable[[RubySpan], bool] | None = None
        """The furigana filter in force (an excerpt carries the readings the reader sees)."""
        self.glossary_terms: tuple[GlossaryTerm, ...] = ()
        self.entity_index: EntityIndex | None = None

    def choice(self) -> ExcerptChoice:
        from reader.screens.excerpt_format import ExcerptChoice

        return ExcerptChoice(self.settings.excerpt_format, self.settings.excerpt_notes, self.settings.excerpt_cite)

    def excerpt_text(self, start: int, end: int, choice: ExcerptChoice) -> str:
        """What a copy of ``[start, end)`` holds in the chosen format."""
        from reader.core.excerpt import format_excerpt, notes_from_layers

        layers = Analysis(tuple(self.text.tokens_in(start, end)), tuple(self.text.ruby_in(start, end)))
        notes = notes_from_layers(start, end, self.glossary_terms, self.entity_index) if choice.notes else None
        return format_excerpt(
            self.document,
            layers,
            start,
            end,
            choice.fmt,
            ruby_filter=self.ruby_filter,
            notes=notes,
            cite=choice.cite,
            romaji_style=self.settings.romaji_style,
        )

    def copy_range(self, start: int, end: int, what: str) -> None:
        """Copy ``[start, end)`` in the remembered format; ``Copied`` says where it went."""
        from reader.clipboard import copy_text

        choice = self.choice()
        result = copy_text(self.excerpt_text(start, end, choice), self.app)
        self.last = (start, end)
        self.post_message(self.Copied(what, choice.fmt, result.notice, result.ok, start, end))

    def take_key(
        self,
        key: str,
        character: str | None,
        yank_keys: Sequence[str],
        selection: tuple[int, int] | None,
        offset: Callable[[], int],
    ) -> bool:
        """A key the reader typed, before any binding: True when it was the copy key or the one after it.

        ``yank_keys`` are the keys bound to the copy now (``y`` unless remapped);
        ``offset()`` is where the cursor (or the top of the screen) is.
        """
        if self.pending:
            return self.second_key(character or key, offset(), key in yank_keys)
        if key in yank_keys:
            self.yank(selection)
            return True
        return False

    def yank(self, selection: tuple[int, int] | None) -> bool:
        """The copy key: copy the selection (True), or wait for the second key (False)."""
        if selection is not None:
            self.copy_range(*selection, "Copied the selection")
            return True
        self.pending = True
        self.notify("Copy: s sentence · p paragraph · S section · copy key again: last excerpt, new format", timeout=3)
        return False

    def second_key(self, key: str, offset: int, again: bool) -> bool:
        """The key after the copy key; ``again`` when it was the copy key itself.  True when it was used."""
        from reader.core.excerpt import excerpt_range

        self.pending = False
        if again:
            if self.last is None:
                self.notify("Nothing copied yet.", timeout=2)
            else:
                self.choose_format(self.last)
            return True
        unit = YANK_UNITS.get(key)
        if unit is None:
            return False
        self.copy_range(*excerpt_range(self.document, offset, unit), f"Copied the {unit}")
        return True

    def choose_format(self, span: tuple[int, int]) -> None:
        """``Y``: choose the format and extras in a dialog, then copy ``span`` with them."""
        from reader.screens.excerpt_format import ExcerptFormatScreen

        def chosen(choice: ExcerptChoice | None) -> None:
            if choice is None:
                return
            self.settings.excerpt_format = choice.fmt
            self.settings.excerpt_notes = choice.notes
            self.settings.excerpt_cite = choice.cite
            self.post_message(self.SettingsChanged())
            self.copy_range(*span, "Copied")

        def preview(choice: ExcerptChoice) -> str:
            return self.excerpt_text(*span, choice)

        self.app.push_screen(ExcerptFormatScreen(self.choice(), preview), chosen)
