"""In a real terminal (tmux): what a person sees when things go wrong.

* an error nothing inside the reader caught closes it with the one line, no traceback;
* ``L`` on a read-only database says so in a notice and the reader goes on;
* a hostile article, glossary and copy preview neither set the terminal's
  clipboard (OSC 52) nor its title.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.study import StudyStore
from reader.data.paths import database_path
from tests.conftest import ROOT, SEED
from tests.e2e.conftest import Start, Terminal
from tests.e2e.conftest import yomu as yomu  # the private tmux server fixture
from tests.hardening.test_database import _unprivileged
from tests.hardening.test_hostile_string import hostile_article

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]


@pytest.fixture
def terminal(yomu: Start) -> Iterator[list[Terminal]]:
    """Terminals started here (the ``yomu`` fixture gives the private tmux server)."""
    started: list[Terminal] = []
    yield started
    for term in started:
        term.close()


def start(terminals: list[Terminal], *command: str, size: tuple[int, int] = (120, 40)) -> Terminal:
    env = {name: os.environ[name] for name in ("YOMU_CONFIG_DIR", "YOMU_DATA_DIR", "YOMU_CACHE_DIR")}
    line = " ".join(shlex.quote(part) for part in command)
    script = f'cd {shlex.quote(str(ROOT))} && {line}; echo "exit status $?"; sleep 60'
    term = Terminal(f"sh -c {shlex.quote(script)}", env, size)
    terminals.append(term)
    return term


CRASH = (
    "import sys\n"
    "import reader.screens.reader as screen\n"
    "def broken(self): raise RuntimeError('a bug nothing caught')\n"
    "screen.ReaderScreen.action_help = broken\n"
    "from reader.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_an_error_nothing_caught_ends_the_reader_with_one_line(terminal: list[Terminal]) -> None:
    term = start(terminal, sys.executable, "-c", CRASH, str(SEED), size=(200, 40))  # the line fits one row
    term.wait_for("だいとうりょう")
    term.press("?")
    screen = term.wait_for("exit status 1")
    assert "Traceback" not in screen and "╭" not in screen  # neither Python's nor Rich's
    lines = [line for line in screen.splitlines() if line.startswith("yomu: ")]
    assert lines == [f"yomu: {SEED}: RuntimeError: a bug nothing caught (YOMU_DEBUG=1 shows where)"]


def test_l_on_a_read_only_database_says_so_and_the_reader_goes_on(terminal: list[Terminal]) -> None:
    prefix = _unprivileged()
    with StudyStore.open(database_path()) as store:
        store.pin("会見", "かいけん")
    data = Path(os.environ["YOMU_DATA_DIR"])
    for path in data.iterdir():
        path.chmod(0o444)
    try:
        term = start(terminal, *prefix, sys.executable, "-m", "reader", str(SEED))
        term.wait_for("だいとうりょう")
        time.sleep(1.0)  # the study store opens after the readings
        term.press("w", "L")
        screen = term.wait_for("Not saved")
        assert "read-only" in screen
        term.press("j", "w", "K")
        term.wait_for("Not saved")
        term.press("q")
        screen = term.wait_for("exit status 0")
        assert "Traceback" not in screen
    finally:
        for path in data.iterdir():
            path.chmod(0o644)


def _tmux(term: Terminal, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def test_a_hostile_article_neither_writes_the_clipboard_nor_sets_the_title(
    terminal: list[Terminal], tmp_path: Path
) -> None:
    article = hostile_article(tmp_path)
    term = start(terminal, sys.executable, "-m", "reader", str(article))
    _tmux(term, "set-option", "-g", "set-clipboard", "on")  # OSC 52 would make a tmux buffer
    _tmux(term, "set-option", "-g", "allow-rename", "on")
    title_before = _tmux(term, "display-message", "-p", "-t", term.name, "#{pane_title}").stdout
    screen = term.wait_for("^[]52;c;")
    term.press("g")
    term.wait_for("summit")
    term.press("escape", "w", "v", "}", "Y")
    term.wait_for("Copy excerpts as")
    for key in ("down", "down", "escape"):
        time.sleep(0.5)
        term.press(key)
    deadline = time.monotonic() + 20
    while "Copy excerpts as" in term.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    term.press("q")
    screen = term.wait_for("exit status 0")
    assert "Traceback" not in screen
    assert _tmux(term, "list-buffers").stdout == ""
    title = _tmux(term, "display-message", "-p", "-t", term.name, "#{pane_title}").stdout
    assert "pwned" not in title and title == title_before
