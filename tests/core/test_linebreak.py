"""Kinsoku rules and BudouX phrase boundaries."""

from __future__ import annotations

import threading

import pytest

from reader.core import linebreak
from reader.core.linebreak import NO_LINE_END, NO_LINE_START, break_allowed, phrase_breaks


@pytest.mark.parametrize("ch", list("、。，．・：；？！ー」』）】〕〉》”’ぁっゃょァッャョヵヶ々ゝゞヽヾ,.)]}!?:;"))
def test_no_line_start_has_the_listed_characters(ch: str) -> None:
    assert ch in NO_LINE_START


@pytest.mark.parametrize("ch", list("「『（【〔〈《“‘([{"))
def test_no_line_end_has_the_listed_characters(ch: str) -> None:
    assert ch in NO_LINE_END


def test_the_two_sets_do_not_share_a_character() -> None:
    assert not NO_LINE_START & NO_LINE_END


@pytest.mark.parametrize(
    ("text", "offset", "allowed"),
    [
        ("北朝鮮を訪問", 3, True),
        ("訪問した。", 4, False),  # 。 may not start a line
        ("しました、と", 4, False),
        ("ちょっと", 1, False),  # small ょ
        ("プーチン", 1, False),  # ー
        ("「訪問」", 1, False),  # 「 may not end a line
        ("（金正恩）", 1, False),
        ("訪問「", 2, True),  # a break before 「 is fine
        ("e\u0301", 1, False),  # a combining mark stays with its letter
        ("あい", 0, True),
        ("あい", 2, True),
    ],
)
def test_break_allowed(text: str, offset: int, allowed: bool) -> None:
    assert break_allowed(text, offset) is allowed


def test_phrase_breaks_are_offsets_into_the_whole_text() -> None:
    text = "前置き。ロシアと北朝鮮は、プーチン大統領が訪問すると発表しました。後書き"
    start = text.index("ロ")
    end = text.index("後")
    breaks = phrase_breaks(text, start, end)
    assert all(start < b < end for b in breaks)
    assert text.index("北") in breaks
    assert text.index("プ") in breaks
    assert text.index("統") not in breaks


def test_phrase_breaks_of_short_ranges_are_empty() -> None:
    assert phrase_breaks("あ", 0, 1) == frozenset()
    assert phrase_breaks("あい", 1, 1) == frozenset()


def test_the_parser_loads_once_from_many_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linebreak, "_parser", None)
    loaded: list[object] = []

    def load() -> None:
        loaded.append(linebreak._budoux_parser())

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loaded) == 8
    assert all(parser is loaded[0] for parser in loaded)
