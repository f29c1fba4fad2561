"""Real-terminal fixtures: a private tmux server running ``python -m reader``."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT


class Terminal:
    """A tmux session running one command."""

    def __init__(self, command: str, env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        self.name = "yomu-e2e-" + uuid.uuid4().hex[:8]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                f"env -u COLUMNS -u LINES TERM=xterm-256color {exports} {command}",
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never showed; last screen:\n{screen}")

    def press(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


Start = Callable[..., Terminal]


@pytest.fixture
def yomu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Start]:
    """Starts ``python -m reader`` in a private tmux server without a display."""
    sockets = Path(tempfile.mkdtemp(prefix="yomu-tmux-"))  # short: socket paths are limited to ~100 bytes
    monkeypatch.setenv("TMUX_TMPDIR", str(sockets))
    for name in ("TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    # Something in the test process sets COLUMNS=80 / LINES=24 in the C-level
    # environment (not in os.environ); children would inherit them and the
    # reader would lay out for 80 × 24 in a 120 × 40 window.
    for name in ("COLUMNS", "LINES"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    env = {
        "YOMU_CONFIG_DIR": str(tmp_path / "config"),
        "YOMU_DATA_DIR": str(tmp_path / "data"),
        "YOMU_CACHE_DIR": str(tmp_path / "cache"),
    }
    sessions: list[Terminal] = []

    def start(*args: str, extra_env: dict[str, str] | None = None) -> Terminal:
        command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "reader", *args))
        script = f'cd {shlex.quote(str(ROOT))} && {command}; echo "exit status $?"; sleep 60'
        session = Terminal(f"sh -c {shlex.quote(script)}", {**env, **(extra_env or {})})
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()
    socket = sockets / f"tmux-{os.getuid()}" / "default"
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)
    shutil.rmtree(sockets, ignore_errors=True)
