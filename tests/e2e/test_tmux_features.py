"""End to end in a real terminal (tmux): names, look-up, a study session and copying.

Each test drives ``python -m reader`` with the keys a user presses and reads
the screen.  The tmux server is a private one (its own socket folder), with no
X or Wayland display in its environment, so the copy tests see what a user on
a bare terminal or over SSH sees.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from reader.core.study import StudyStore
from tests.conftest import SEED
from tests.e2e.conftest import Start, Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]


def started(yomu: Start) -> Terminal:
    """The reader on the seed, once the readings and the names are in."""
    term = yomu(str(SEED))  # `yomu` alone opens the library
    term.wait_for("だいとうりょう")
    return term


def press_until(term: Terminal, key: str, needle: str, times: int = 25) -> str:
    """Press ``key`` until ``needle`` shows (a user pressing w until the word is reached)."""
    for _ in range(times):
        term.press(key)
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline:
            screen = term.screen()
            if needle in screen:
                return screen
            time.sleep(0.05)
    raise AssertionError(f"{needle!r} never showed after {times} × {key}; last screen:\n{term.screen()}")


def test_entity_sidebar_enter_shows_the_mention_and_looks_it_up(yomu: Start) -> None:
    term = started(yomu)
    term.press("e")
    screen = term.wait_for("People 8")
    rows = [line for line in screen.splitlines() if "│" in line]
    assert any("▸プーチン" in row for row in rows)
    assert any("▸キム・ジョンウン" in row for row in rows)
    # プーチン is highlighted first; one row down is キム・ジョンウン.
    term.press("j")
    term.press("Enter")
    screen = term.wait_for("JMnedict (name)")
    assert "キム  きむ" in screen
    assert "1. Kim" in screen
    assert "キム・ジョンウン(" in screen  # the first mention, in the lead, is on screen
    term.press("q")
    term.wait_for("exit status 0")


def test_word_cursor_on_a_treaty_shows_its_meaning(yomu: Start) -> None:
    term = started(yomu)
    term.press("4")  # 専門家 “北朝鮮と新たな条約締結に向け話し合う可能性”
    term.wait_for("section 4/11")
    screen = press_until(term, "w", "条約  じょうやく")
    assert "treaty" in screen
    term.press("q")
    term.wait_for("exit status 0")


def test_learning_a_word_then_a_study_session_records_the_review(yomu: Start, tmp_path: Path) -> None:
    term = started(yomu)
    term.press("w", "w")  # プーチン, 大統領
    term.wait_for("president")
    term.press("L")
    term.wait_for("learning (added to")
    term.press("s")
    term.wait_for("Space: show the answer")
    term.press("Space")
    term.wait_for("1 Again · 2 Hard · 3 Good · 4 Easy")
    term.press("3")
    term.wait_for("1 answered")
    term.press("q")  # end the session here (the card may come round again)
    screen = term.wait_for("Reviewed: 1 card(s)")
    assert "Session" in screen
    assert "Answered right: 100%" in screen
    assert "Next card due:" in screen
    term.press("q")
    term.wait_for("known 0%")  # back in the reader
    term.press("q")
    term.wait_for("exit status 0")
    with StudyStore.open(tmp_path / "data" / "yomu.db") as store:
        assert store.status_of("大統領", "だいとうりょう") == "learning"
        card = store.card_for("大統領", "だいとうりょう")
        assert card is not None
        reviews = store.reviews(card.id)
        assert [review.rating for review in reviews] == [3]


def test_copy_a_sentence_without_a_display_goes_through_the_terminal(yomu: Start) -> None:
    """No X or Wayland: the copy goes to the terminal's clipboard (OSC 52), which tmux keeps as a buffer."""
    term = started(yomu)
    subprocess.run(["tmux", "set-option", "-s", "set-clipboard", "on"], check=True)
    term.press("w", ")")  # into the lead's first sentence
    term.wait_for("ロシア  ろしあ")
    term.press("y", "s")
    screen = term.wait_for("OSC 52")
    assert "Copied the sentence (anki)" in screen
    deadline = time.monotonic() + 5
    copied = ""
    while time.monotonic() < deadline and not copied:
        done = subprocess.run(["tmux", "show-buffer"], capture_output=True)
        copied = done.stdout.decode("utf-8") if done.returncode == 0 else ""
        time.sleep(0.1)
    assert copied == (
        "ロシアと 北朝鮮[きたちょうせん]は、プーチン 大統領[だいとうりょう]が18 日[にち]から"
        " 北朝鮮[きたちょうせん]を 訪問[ほうもん]すると 発表[はっぴょう]しました。"
    )
    term.press("q")
    term.wait_for("exit status 0")
