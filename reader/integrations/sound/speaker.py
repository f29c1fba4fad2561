"""Speaking pieces of text one after another, the first as soon as it is ready.

:meth:`Speaker.speak` returns at once; a worker thread synthesises the first
piece (a word, or the first clause of the first sentence), starts playing it,
synthesises the next while it plays, and so on.  A cached sentence starts in
the time it takes to start the player; a cold one after the synthesis of its
first clause only (see :func:`speech_pieces`), never after the whole
paragraph's.  A new request or
:meth:`Speaker.stop` cancels what is playing and what was still to come.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reader.integrations.sound.players import NoPlayer, Player, find_player
from reader.integrations.sound.synth import synthesize

__all__ = ["Speaker", "speech_pieces"]

LONG_SENTENCE = 30
"""A first sentence longer than this (characters) starts with its first clause alone."""
SHORTEST_HEAD = 8
"""The first clause is at least this long, so the voice does not stop after a word or two."""
CLAUSE_ENDS = "、，,"


def speech_pieces(texts: Sequence[str]) -> list[str]:
    """The pieces a request is synthesised and played in: ``texts``, with a long first sentence cut in two.

    Synthesis takes about a twentieth of the speech's length, so a 70-character
    news sentence needs ~0.7 s before its first sound; its first clause alone
    (up to the first 、 after :data:`SHORTEST_HEAD` characters) needs ~0.15 s,
    and the rest is ready long before the clause has been said.  Only the
    first sentence is cut: the later ones are made while earlier ones play.
    The cut is the same every time, so a repeated request is all cache hits.
    """
    pieces = [t for t in texts if t.strip()]
    if not pieces or len(pieces[0]) <= LONG_SENTENCE:
        return pieces
    first = pieces[0]
    for index, ch in enumerate(first):
        if ch in CLAUSE_ENDS and index + 1 >= SHORTEST_HEAD and first[index + 1 :].strip():
            return [first[: index + 1], first[index + 1 :], *pieces[1:]]
    return pieces


class Speaker:
    """Says texts through a player, synthesising ahead of what plays.

    ``on_error`` is called (from the worker thread) with an exception that
    stopped a request (the engine missing, text with nothing to say); the
    reader turns it into a notice.
    """

    def __init__(
        self,
        cache_dir: Path,
        player: Player | None = None,
        *,
        voice: Path | None = None,
        speed: float = 1.0,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.player = player if player is not None else find_player()
        self.voice = voice
        self.speed = speed
        self.on_error = on_error
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def speak(self, texts: Sequence[str]) -> None:
        """Say ``texts`` in order (each a word or a sentence), stopping whatever was being said.

        Raises :class:`NoPlayer` at once when no player was found.
        """
        if self.player is None:
            raise NoPlayer()
        with self._lock:
            self._stop_locked()
            cancel = threading.Event()
            self._cancel = cancel
            pieces = speech_pieces(texts)
            self._thread = threading.Thread(target=self._run, args=(pieces, cancel), name="yomu-speaker", daemon=True)
            self._thread.start()

    @property
    def speaking(self) -> bool:
        """True while a request is being synthesised or played."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the current request to finish; True when it has."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def stop(self) -> None:
        """Stop speaking now: the file playing and the ones still to come."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        self._cancel.set()
        if self.player is not None:
            self.player.stop()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)
            if self.player is not None:
                self.player.stop()  # the worker may have started a file just before it saw the cancel
        self._thread = None

    def _run(self, pieces: list[str], cancel: threading.Event) -> None:
        player = self.player
        assert player is not None
        try:
            upcoming = iter(pieces)
            ready = self._render_next(upcoming)
            while ready is not None and not cancel.is_set():
                player.play(ready)
                # Render the next piece while this one plays.
                ready = self._render_next(upcoming)
                while not player.wait(0.05):
                    if cancel.is_set():
                        return
        except Exception as error:
            if self.on_error is not None and not cancel.is_set():
                self.on_error(error)

    def _render_next(self, upcoming: Iterator[str]) -> Path | None:
        """The audio of the next piece that has something to say (a lone 」 has not), or None at the end."""
        for text in upcoming:
            try:
                return synthesize(text, self.cache_dir, voice=self.voice, speed=self.speed)
            except ValueError:
                continue
        return None
