"""Speaking pieces of text one after another, the first as soon as it is ready.

:meth:`Speaker.speak` returns at once; a worker thread synthesises the first
piece (a word, or the first sentence), starts playing it, synthesises the next
while it plays, and so on.  A cached sentence starts in the time it takes to
start the player; a cold one after its own synthesis only (about 0.1 s for a
news sentence), never after the whole paragraph's.  A new request or
:meth:`Speaker.stop` cancels what is playing and what was still to come.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.integrations.sound.players import NoPlayer, Player, find_player
from reader.integrations.sound.synth import synthesize

__all__ = ["Speaker"]


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
            pieces = [t for t in texts if t.strip()]
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
            ready = self._render(pieces[0]) if pieces else None
            for index in range(len(pieces)):
                if cancel.is_set() or ready is None:
                    return
                player.play(ready)
                # Render the next piece while this one plays.
                ready = self._render(pieces[index + 1]) if index + 1 < len(pieces) else None
                while not player.wait(0.05):
                    if cancel.is_set():
                        return
        except Exception as error:
            if self.on_error is not None and not cancel.is_set():
                self.on_error(error)

    def _render(self, text: str) -> Path:
        return synthesize(text, self.cache_dir, voice=self.voice, speed=self.speed)
