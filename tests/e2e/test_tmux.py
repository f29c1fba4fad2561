"""End to end: start `yomu` in a real terminal (tmux), press keys, read the screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.e2e.conftest import Start

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]


def test_reader_opens_the_seed_then_f_and_bracket_work(yomu: Start) -> None:
    term = yomu(str(SEED))  # `yomu` alone opens the library
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


def test_a_bad_file_prints_one_line_in_the_terminal(yomu: Start, tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01binary")
    term = yomu(str(bad))
    screen = term.wait_for("exit status 1")
    assert "binary file" in screen
    assert "Traceback" not in screen


def test_reader_opens_a_file_given_on_the_command_line(yomu: Start, tmp_path: Path) -> None:
    article = tmp_path / "eucjp.txt"
    article.write_bytes("東京の天気\n\n今日は東京で雨が降りました。\n".encode("euc_jp"))
    term = yomu(str(article))
    term.wait_for("東京の天気")
    term.wait_for("とうきょう")
    term.press("q")
    term.wait_for("exit status 0")
