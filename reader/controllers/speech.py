"""Speaking the text aloud: ``a`` says the word under the cursor, ``a`` again (or ``a s``) its sentence.

:class:`Speech` owns the reader's one :class:`~reader.integrations.sound.Speaker`
(made on the first ``a``; audio cached in the cache folder's ``audio/``).  A
key only starts a worker: it picks what to give the voice (a word is said from
its written form when the voice reads that form as the text does, else from
its reading; :func:`~reader.integrations.sound.spoken_form`) and hands it to
the speaker, which synthesises and plays in its own thread.  ``Esc`` and
leaving the reader stop it.  What cannot be done (no player, the sound extra
missing) comes back as one :class:`~reader.messages.Notice`.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.widget import Widget
from textual.worker import Worker

from reader.core.document import Document
from reader.core.layers import Token
from reader.messages import Notice, failure_of

if TYPE_CHECKING:
    from reader.integrations.sound import Speaker

__all__ = ["Speech"]

_SPEAKERS: weakref.WeakKeyDictionary[App[object], Speaker] = weakref.WeakKeyDictionary()

SENTENCE_KEY = "s"
"""The key that, right after a word was said, says its sentence (``a s``)."""
SENTENCE_KEY_SECONDS = 2.0
"""How long after a word was said ``s`` still means "its sentence" (later it is the study key again)."""


class Speech(Widget):
    """Says words, sentences and selections, one at a time, without blocking a key."""

    DEFAULT_CSS = "Speech { display: none; }"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self._speaker: Speaker | None = None
        self._last: tuple[int, int, str] | None = None
        """What was said last: its range and ``word`` or ``sentence`` (the next ``a`` on that word goes on)."""
        self._word_said: tuple[Token, float] | None = None
        """The word just said and when (``s`` right after it says its sentence)."""
        self._latest = 0
        """The number of the latest request: a worker with an older one says nothing (it was overtaken)."""
        self._order = threading.Lock()

    @property
    def speaker(self) -> Speaker:
        """The app's one speaker, made on first use (it looks for a player on ``PATH`` then).

        One per app, so a reader opened from the library never talks over another.
        """
        if self._speaker is None:
            speaker = _SPEAKERS.get(self.app)
            if speaker is None:
                from reader.data.paths import cache_dir
                from reader.integrations.sound import Speaker

                speaker = _SPEAKERS[self.app] = Speaker(cache_dir() / "audio")
            self._speaker = speaker
        return self._speaker

    # ------------------------------------------------------------ keys

    def say(self, token: Token | None, selection: tuple[int, int] | None = None) -> None:
        """``a``: the selection, else the word under the cursor; the same word again: its sentence."""
        if selection is not None:
            start, end = selection
            self._start(self._sentences(start, end), (start, end, "selection"))
            return
        if token is None:
            self.post_message(Notice("Put the word cursor on a word first (w).", timeout=2))
            return
        if self._last == (token.start, token.end, "word"):
            self.say_sentence(token)
            return
        if self._start([(token.surface, token.reading)], (token.start, token.end, "word")):
            self._word_said = (token, time.monotonic())

    def say_sentence(self, token: Token | None) -> None:
        """The sentence holding the word under the cursor."""
        if token is None:
            self.post_message(Notice("Put the word cursor on a word first (w).", timeout=2))
            return
        span = self.document.sentence_at(token.start)
        start, end = (span.start, span.end) if span is not None else (token.start, token.end)
        self._start(self._sentences(start, end), (token.start, token.end, "sentence"))

    def key_after(self, key: str) -> bool:
        """The key after the one that said a word: ``s`` soon after says its sentence.  True when it was used."""
        said, self._word_said = self._word_said, None
        if said is None or key != SENTENCE_KEY or time.monotonic() - said[1] > SENTENCE_KEY_SECONDS:
            return False
        self.say_sentence(said[0])
        return True

    def stop(self) -> None:
        """Stop speaking (``Esc``)."""
        self._word_said = None
        if self._speaker is not None:
            self._speaker.stop()

    def on_unmount(self) -> None:
        self.stop()

    # ------------------------------------------------------------ work

    def _sentences(self, start: int, end: int) -> list[tuple[str, str]]:
        """``[start, end)`` as the sentences it holds (each said as soon as it is made)."""
        text = self.document.text
        pieces = [
            (text[max(s.start, start) : min(s.end, end)], "")
            for s in self.document.sentences
            if s.start < end and s.end > start
        ]
        return [piece for piece in pieces if piece[0].strip()] or [(text[start:end], "")]

    def _start(self, pieces: list[tuple[str, str]], said: tuple[int, int, str]) -> bool:
        """Say ``pieces`` (text, and a word's reading or ``""``); False when there is no player."""
        from reader.integrations.sound import NoPlayer

        self._word_said = None
        speaker = self.speaker
        if speaker.player is None:
            self.post_message(Notice(f"Cannot speak: {NoPlayer()}", severity="warning", timeout=6))
            return False
        self._last = said
        speaker.on_error = self._failed  # this reader tells of the failures of what it asked for
        self._latest += 1
        self._speak(pieces, self._latest)
        return True

    @work(thread=True, group="speech", exit_on_error=False, description="say it")
    def _speak(self, pieces: list[tuple[str, str]], number: int) -> None:
        from reader.integrations.sound import NoPlayer, SoundUnavailable, spoken_form

        try:
            texts = [spoken_form(text, reading) if reading else text for text, reading in pieces]
            with self._order:
                # Two quick presses run two workers; the later request wins whichever finishes first.
                if number == self._latest:
                    self.speaker.speak(texts)
        except (SoundUnavailable, NoPlayer) as error:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        """From any thread: why speech stopped, as a notice."""
        self.post_message(Notice(f"Cannot speak: {error}", severity="warning", timeout=6))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.post_message(failure)
