"""Excerpt formats: Aozora ruby round-trips to the text; inline and romaji forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.analysis import Analyzer, romanize
from reader.core.excerpt import format_aozora, format_inline, format_romaji
from reader.core.layers import RomajiWord, RubySpan

SEED = Path(__file__).resolve().parents[2] / "seeds" / "nhk-putin-north-korea-visit.txt"
RUBY = re.compile(r"｜([^｜《》]+)《([^《》]*)》")


def strip(marked: str) -> str:
    return RUBY.sub(lambda m: m.group(1), marked)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    a = Analyzer()
    a.load()
    return a


def test_seed_round_trip(analyzer: Analyzer) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = analyzer.analyse(text)
    marked = format_aozora(text, result.ruby)
    assert strip(marked) == text
    assert marked.count("《") == len(result.ruby)
    # Any range round-trips too, including ones that cut a span.
    for start, end in ((0, 30), (5, 6), (100, 900), (len(text) - 40, len(text))):
        assert strip(format_aozora(text, result.ruby, start, end)) == text[start:end]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "漢字",
        "\n\n見通し\n",
        "《吾輩》は｜猫《ねこ》である",
        "ａｂｃ１２３、全角と　空白\t",
        "2日間の会議(かいぎ)、キム・ジョンウン(金正恩)氏。",
        "人々々、一ヶ月、〆切",
    ],
)
def test_tricky_round_trip(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyse(text)
    assert strip(format_aozora(text, result.ruby)) == text
    inline = format_inline(text, result.ruby)
    assert len(inline) == len(text) + sum(len(sp.reading) + 2 for sp in result.ruby)


def test_formats_of_a_range() -> None:
    text = "北朝鮮を訪問\n見通し"
    ruby = [RubySpan(0, 3, "きたちょうせん"), RubySpan(4, 6, "ほうもん"), RubySpan(7, 9, "みとお")]
    assert format_aozora(text, ruby) == "｜北朝鮮《きたちょうせん》を｜訪問《ほうもん》\n｜見通《みとお》し"
    assert format_inline(text, ruby) == "北朝鮮(きたちょうせん)を訪問(ほうもん)\n見通(みとお)し"
    assert format_aozora(text, ruby, 3, 6) == "を｜訪問《ほうもん》"
    assert format_aozora(text, ruby, 1, 5) == "朝鮮を訪"  # spans cut by the range are left out


def test_romaji_keeps_lines_and_punctuation() -> None:
    text = "北朝鮮を訪問。\n\n見通し、"
    words = [
        RomajiWord(0, 3, "Kitachōsen"),
        RomajiWord(3, 4, "o"),
        RomajiWord(4, 6, "hōmon"),
        RomajiWord(6, 7, "."),
        RomajiWord(9, 12, "Mitōshi"),
        RomajiWord(12, 13, ","),
    ]
    assert format_romaji(text, words) == "Kitachōsen o hōmon.\n\nMitōshi,"
    assert format_romaji(text, words, 4, 12) == "hōmon.\n\nMitōshi"


def test_romaji_of_the_seed_has_its_lines(analyzer: Analyzer) -> None:
    text = SEED.read_text(encoding="utf-8")
    out = format_romaji(text, romanize(analyzer.analyse(text).tokens))
    assert out.count("\n") == text.count("\n")
    assert out.startswith("Pūchin daitōryō ga 18-nichi kara Kitachōsen hōmon")
    assert "、" not in out and "。" not in out
