"""End to end: start `yomu` in a real terminal (tmux), press keys, read the screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]


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


@pytest.fixture
def terminal(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        "YOMU_CONFIG_DIR": str(tmp_path / "config"),
        "YOMU_DATA_DIR": str(tmp_path / "data"),
        "YOMU_CACHE_DIR": str(tmp_path / "cache"),
    }
    sessions: list[Terminal] = []

    def start(*args: str) -> Terminal:
        command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "reader", *args))
        script = f'cd {shlex.quote(str(ROOT))} && {command}; echo "exit status $?"; sleep 60'
        session = Terminal(f"sh -c {shlex.quote(script)}", env)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def test_reader_opens_the_seed_then_f_and_bracket_work(terminal) -> None:  # type: ignore[no-untyped-def]
    term = terminal()
    term.wait_for("プーチン大統領が18日から北朝鮮訪問")
    screen = term.wait_for("だいとうりょう")  # readings arrive from the worker
    assert "section 1/11" in screen
    assert "furigana: above" in screen
    term.press("f")
    screen = term.wait_for("furigana: inline")
    assert "大統領(だいとうりょう)" in screen
    term.press("]")
    screen = term.wait_for("section 2/11")
    assert "ロシア大統領府" in screen
    term.press("q")


def test_a_bad_file_prints_one_line_in_the_terminal(terminal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01binary")
    term = terminal(str(bad))
    screen = term.wait_for("exit status 1")
    assert "binary file" in screen
    assert "Traceback" not in screen


def test_reader_opens_a_file_given_on_the_command_line(terminal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "eucjp.txt"
    article.write_bytes("東京の天気\n\n今日は東京で雨が降りました。\n".encode("euc_jp"))
    term = terminal(str(article))
    term.wait_for("東京の天気")
    term.wait_for("とうきょう")
    term.press("q")
    term.wait_for("exit status 0")
