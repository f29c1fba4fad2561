"""Audio players found at run time: the first of paplay, aplay, afplay, ffplay, pw-play on PATH.

A player is an outside program given the WAV file's path; it runs in its own
process group so playing never blocks the caller, and :meth:`Player.stop`
ends it (and anything it started) at once.  Without any player the reader
says so and ``yomu say`` still writes files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PLAYERS", "NoPlayer", "Player", "find_player"]

PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("paplay", ()),
    ("aplay", ("-q",)),
    ("afplay", ()),
    ("ffplay", ("-nodisp", "-autoexit", "-loglevel", "quiet")),
    ("pw-play", ()),
)
"""Players in the order they are tried, each with the arguments that make it play a file quietly and exit."""


class NoPlayer(Exception):
    """No audio player is installed; ``str(error)`` names the ones looked for."""

    def __init__(self) -> None:
        names = ", ".join(name for name, _ in PLAYERS)
        super().__init__(f"no audio player found (looked for {names}); 'yomu say' still writes audio files")


@dataclass
class Player:
    """One player program and the process it is running, if any."""

    name: str
    """The program's name (``paplay``)."""
    executable: str
    """Its full path, as found on PATH."""
    arguments: tuple[str, ...] = ()
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def command(self, path: Path) -> list[str]:
        """The command line that plays ``path``."""
        return [self.executable, *self.arguments, str(path)]

    def play(self, path: Path) -> None:
        """Start playing ``path`` and return at once; whatever was playing stops first."""
        with self._lock:
            self._stop_locked()
            self._process = subprocess.Popen(
                self.command(path),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )

    @property
    def playing(self) -> bool:
        """True while the last file started is still playing."""
        process = self._process
        return process is not None and process.poll() is None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the current file has played (or ``timeout`` seconds); True when it has ended."""
        process = self._process
        if process is None:
            return True
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def stop(self) -> None:
        """Stop playing now (no-op when nothing plays)."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        # The player may have started helpers of its own (a wrapper script is common): end the
        # whole process group it leads.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(1.0)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def find_player(path: str | None = None, names: Sequence[str] | None = None) -> Player | None:
    """The first player installed, searching ``path`` (default: ``$PATH``); ``None`` when there is none.

    ``names`` limits the search to some of :data:`PLAYERS` (in their order).
    """
    for name, arguments in PLAYERS:
        if names is not None and name not in names:
            continue
        executable = shutil.which(name, path=path)
        if executable:
            return Player(name=name, executable=executable, arguments=arguments)
    return None
