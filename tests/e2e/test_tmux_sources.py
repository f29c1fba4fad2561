"""End to end in tmux: the library with no argument, resuming a text, an Aozora novel and a page."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.e2e.conftest import Start, Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]


def test_the_library_opens_without_a_file_and_enter_reads(yomu: Start) -> None:
    term = yomu()
    screen = term.wait_for("Remove from list")  # the footer's keys
    assert "yomu — library" in screen
    assert "プーチン大統領が18日から" in screen  # the bundled article is the first entry
    term.press("Enter")
    screen = term.wait_for("section 1/11")
    term.press("3")
    term.wait_for("section 3/11")
    term.press("q")  # back to the list, which now says how far the text was read
    screen = term.wait_for("§3")
    assert "yomu — library" in screen
    term.press("q")
    term.wait_for("exit status 0")


def test_reopening_resumes_at_the_section_and_restart_starts_at_the_top(yomu: Start) -> None:
    term = yomu(str(SEED))
    term.wait_for("だいとうりょう")
    term.press("3")
    term.wait_for("section 3/11")
    term.press("q")
    term.wait_for("exit status 0")
    again = yomu(str(SEED))
    assert "section 3/11" in again.wait_for("section 3/11")
    again.press("q")
    fresh = yomu("--restart", str(SEED))
    assert "section 1/11" in fresh.wait_for("section 1/11")


def test_an_aozora_novel_and_a_page_show_no_markup(yomu: Start) -> None:
    term = yomu(str(ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"))
    screen = term.wait_for("section 1/12")
    assert "吾輩は猫である" in screen and "夏目" in screen
    for mark in ("《", "》", "［＃", "｜"):
        assert mark not in screen, mark
    term.press("2")
    screen = term.wait_for("section 2/12")
    assert "名前はまだ無い" in screen
    page = yomu(str(ROOT / "tests" / "fixtures" / "pages" / "nhk-easy.html"))
    screen = page.wait_for("川の水がきれいになった")
    assert "<" not in screen.split("\n", 1)[1] and "colorN" not in screen


def test_standard_input_opens_in_the_reader_with_keys_from_the_terminal(yomu: Start, tmp_path: Path) -> None:
    yomu  # noqa: B018 - the fixture sets up the private tmux server and cleans it up
    env = {name: str(tmp_path / name.lower()) for name in ("YOMU_CONFIG_DIR", "YOMU_DATA_DIR", "YOMU_CACHE_DIR")}
    novel = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
    command = f"cat {shlex.quote(str(novel))} | {shlex.quote(sys.executable)} -m reader -"
    script = f'cd {shlex.quote(str(ROOT))} && {command}; echo "exit status $?"; sleep 60'
    term = Terminal(f"sh -c {shlex.quote(script)}", env)
    try:
        term.wait_for("section 1/12")
        term.press("3")
        assert "section 3/12" in term.wait_for("section 3/12")  # keys come from the terminal, not the pipe
        term.press("q")
        term.wait_for("exit status 0")
    finally:
        term.close()
