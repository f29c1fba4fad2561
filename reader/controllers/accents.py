"""Pitch-accent marks over the text (``A``): the accent phrases of the blocks on screen.

:class:`AccentMarks` switches the marks on and off and finds the accent
phrases (:func:`~reader.integrations.sound.phrase_accents`: each phrase's
reading and where its pitch falls) of the blocks the view shows, in a worker,
block by block — a paragraph is the unit OpenJTalk phrases best, and the view
caches its rows per block.  Blocks scrolled to later are found as they come
into view; a block is never done twice.  The view draws what
:class:`AccentMarks.Found` brings on its reading row.  Without the sound
extra, ``A`` says what to install and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from reader.core.accent import AccentPhrase
from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.messages import Notice, failure_of

__all__ = ["AccentMarks"]

AHEAD = 2
"""Blocks below the screen whose phrases are found too, so scrolling a little shows them at once."""


class AccentMarks(Widget):
    """Whether accent marks are shown, and the accent phrases of the blocks found so far."""

    DEFAULT_CSS = "AccentMarks { display: none; }"

    @dataclass
    class Changed(Message):
        """The marks were switched on or off."""

        shown: bool

    @dataclass
    class Found(Message):
        """The accent phrases of some blocks (block index → phrases, offsets into the text)."""

        phrases: dict[int, tuple[AccentPhrase, ...]]

    class _Found(Message, bubble=False):
        def __init__(
            self, asked: list[int], phrases: dict[int, tuple[AccentPhrase, ...]], error: str | None = None
        ) -> None:
            super().__init__()
            self.asked, self.phrases, self.error = asked, phrases, error

    def __init__(self, document: Document, text: AnalysedText) -> None:
        super().__init__()
        self.document = document
        self.text = text
        self.shown = False
        self._done: set[int] = set()
        self._asked: set[int] = set()
        """Blocks a worker is finding now (not asked again meanwhile)."""

    def toggle(self, on_screen: Iterable[int]) -> None:
        """``A``: marks on (finding the phrases of the blocks ``on_screen``) or off."""
        if self.shown:
            self.shown = False
            self.post_message(self.Changed(False))
            return
        from reader.integrations.sound.engines import INSTALL_HINT, has_openjtalk

        if not has_openjtalk():
            self.post_message(
                Notice(f"Accent marks need pyopenjtalk-plus ({INSTALL_HINT})", severity="warning", timeout=6)
            )
            return
        self.shown = True
        self.post_message(self.Changed(True))
        self.want(on_screen)

    def want(self, blocks: Iterable[int]) -> None:
        """The view shows ``blocks`` now: find the phrases of those (and a few below) not found yet."""
        if not self.shown:
            return
        wanted = sorted(set(blocks))
        if wanted:
            wanted += range(wanted[-1] + 1, min(len(self.text.blocks), wanted[-1] + 1 + AHEAD))
        missing = [block for block in wanted if block not in self._done and block not in self._asked]
        if missing:
            self._asked.update(missing)
            self._find(missing)

    @work(thread=True, group="accents", exit_on_error=False, description="find the pitch accents")
    def _find(self, blocks: list[int]) -> None:
        from reader.integrations.sound import SoundUnavailable, phrase_accents

        found: dict[int, tuple[AccentPhrase, ...]] = {}
        text = self.document.text
        try:
            for index in blocks:
                block = self.text.blocks[index]
                found[index] = phrase_accents(text, block.start, block.end)
        except SoundUnavailable as error:
            self.post_message(self._Found(blocks, found, str(error)))
            return
        self.post_message(self._Found(blocks, found))

    def _on_accent_marks__found(self, message: _Found) -> None:
        self._asked.difference_update(message.asked)
        self._done.update(message.phrases)
        if message.phrases:
            self.post_message(self.Found(message.phrases))
        if message.error is not None and self.shown:
            self.shown = False
            self.post_message(self.Changed(False))
            self.post_message(Notice(f"Accent marks are off: {message.error}", severity="warning", timeout=6))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.post_message(failure)
