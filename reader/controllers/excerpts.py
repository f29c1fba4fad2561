"""Copying annotated excerpts: ``y`` and the key after it, ``Y``.

With a selection, the copy key copies it; without one it waits for a second
key: ``s`` sentence, ``p`` paragraph, ``S`` section, or the copy key again
(the last excerpt, in a format chosen anew).  ``Y`` chooses the format and
what to add; the choice is remembered in the settings.  The text comes from
the one formatter in :mod:`reader.core.excerpt` that ``yomu annotate`` prints
with, given only the layers of the excerpt's range (a copy costs in
proportion to the excerpt, not to the text).  With accents chosen, the accent
phrases of the range are found in a worker first (the sound extra; without it
the copy is made without them and the notice says why).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan
from reader.data.config import Settings
from reader.keys import YANK_UNITS
from reader.messages import failure_of

if TYPE_CHECKING:
    from textual.app import App

    from reader.clipboard import CopyResult
    from reader.core.accent import AccentPhrase
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm
    from reader.screens.excerpt_format import ExcerptChoice, ExcerptFormatScreen

__all__ = ["Excerpts"]


class _ClipboardFromThread:
    """The app's terminal clipboard (OSC 52) for :func:`~reader.clipboard.copy_text` run in a thread."""

    def __init__(self, app: App[object]) -> None:
        self.app = app

    @property
    def is_headless(self) -> bool:
        return self.app.is_headless

    def copy_to_clipboard(self, text: str) -> None:
        self.app.call_from_thread(self.app.copy_to_clipboard, text)


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

    class _AccentsFound(Message, bubble=False):
        def __init__(self, span: tuple[int, int], phrases: tuple[AccentPhrase, ...], error: str | None) -> None:
            super().__init__()
            self.span, self.phrases, self.error = span, phrases, error

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
        self._accents: dict[tuple[int, int], tuple[AccentPhrase, ...]] = {}
        """Accent phrases of the ranges copied (or previewed) with accents."""
        self._accent_problem: str | None = None
        """Why accents cannot be found (the sound extra is missing): copies go without them."""
        self._copying = threading.Lock()
        """Held by the thread that is copying (one copy at a time)."""
        self._finding: dict[tuple[int, int], str | None] = {}
        """Ranges whose accents are being found → what to copy when they come (None: only a preview)."""
        self._chooser: ExcerptFormatScreen | None = None

    def choice(self) -> ExcerptChoice:
        from reader.screens.excerpt_format import ExcerptChoice

        settings = self.settings
        return ExcerptChoice(
            settings.excerpt_format, settings.excerpt_notes, settings.excerpt_cite, settings.excerpt_accent
        )

    def excerpt_text(self, start: int, end: int, choice: ExcerptChoice) -> str:
        """What a copy of ``[start, end)`` holds in the chosen format."""
        from reader.core.excerpt import format_excerpt, notes_from_layers

        layers = Analysis(tuple(self.text.tokens_in(start, end)), tuple(self.text.ruby_in(start, end)))
        notes = notes_from_layers(start, end, self.glossary_terms, self.entity_index) if choice.notes else None
        accents = self._accents.get((start, end)) if choice.accent else None
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
            accents=accents,
        )

    def copy_range(self, start: int, end: int, what: str) -> None:
        """Copy ``[start, end)`` in the remembered format; ``Copied`` says where it went."""
        from reader.clipboard import copy_text

        choice = self.choice()
        self.last = (start, end)
        if self._wants_accents(start, end, choice):
            self._accents_for((start, end), then_copy=what)  # copies when they are found
            return
        self._copy(copy_text, self.excerpt_text(start, end, choice), what, choice, start, end)

    @work(thread=True, group="copy", exit_on_error=False, description="copy the excerpt")
    def _copy(
        self,
        copy_text: Callable[[str, _ClipboardFromThread], CopyResult],
        text: str,
        what: str,
        choice: ExcerptChoice,
        start: int,
        end: int,
    ) -> None:
        """The clipboard in a thread: its tools are processes (xclip, wl-copy), which a busy or
        hung display server can keep for seconds, and no key should wait for them.  One copy at a
        time (``_copying``), so two quick copies reach the clipboard in the order they were made."""
        with self._copying:
            result = copy_text(text, _ClipboardFromThread(self.app))
        notice = result.notice
        if choice.accent and self._accent_problem is not None:
            notice += f" (without accents: {self._accent_problem})"
        self.post_message(self.Copied(what, choice.fmt, notice, result.ok, start, end))

    def _wants_accents(self, start: int, end: int, choice: ExcerptChoice) -> bool:
        """Does a copy of ``[start, end)`` need accent phrases not found yet?"""
        from reader.core.excerpt import ACCENT_FORMATS

        return (
            choice.accent
            and choice.fmt in ACCENT_FORMATS
            and self._accent_problem is None
            and (start, end) not in self._accents
        )

    def _accents_for(self, span: tuple[int, int], then_copy: str | None = None) -> None:
        """Find the accent phrases of ``span`` (once at a time), then copy it if ``then_copy`` says what it is."""
        finding = span in self._finding
        if then_copy is not None or not finding:
            self._finding[span] = then_copy
        if not finding:
            self._find_accents(*span)

    @work(thread=True, group="excerpt-accents", exit_on_error=False, description="find accents")
    def _find_accents(self, start: int, end: int) -> None:
        from reader.integrations.sound import SoundUnavailable, phrase_accents

        try:
            phrases = phrase_accents(self.document.text, start, end)
        except SoundUnavailable as error:
            self.post_message(self._AccentsFound((start, end), (), str(error)))
            return
        self.post_message(self._AccentsFound((start, end), phrases, None))

    def _on_excerpts__accents_found(self, message: _AccentsFound) -> None:
        then_copy = self._finding.pop(message.span, None)
        if message.error is not None:
            self._accent_problem = message.error
        else:
            if len(self._accents) > 64:
                self._accents.clear()
            self._accents[message.span] = message.phrases
        if then_copy is not None:
            self.copy_range(*message.span, then_copy)
        chooser = self._chooser
        if chooser is not None and chooser.is_attached:
            chooser.refresh_preview()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.post_message(failure)

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
            self._chooser = None
            if choice is None:
                return
            self.settings.excerpt_format = choice.fmt
            self.settings.excerpt_notes = choice.notes
            self.settings.excerpt_cite = choice.cite
            self.settings.excerpt_accent = choice.accent
            self.post_message(self.SettingsChanged())
            self.copy_range(*span, "Copied")

        def preview(choice: ExcerptChoice) -> str:
            text = self.excerpt_text(*span, choice)
            if not self._wants_accents(*span, choice):
                return text
            self._accents_for(span)
            return text + "\n(finding the pitch accents…)"

        self._chooser = ExcerptFormatScreen(self.choice(), preview)
        self.app.push_screen(self._chooser, chosen)
