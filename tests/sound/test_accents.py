"""Pitch accent from the engines (pyopenjtalk-plus, UniDic) and ``yomu lookup``."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pyopenjtalk", reason="the sound extra (pyopenjtalk-plus) is not installed")

from reader.cli import main
from reader.core.analysis.kana import to_hiragana
from reader.core.lexicon.jam import jamdict_for_thread
from reader.integrations.sound import accent_of, phrase_accents
from reader.integrations.sound.engines import has_unidic

MINIMAL_PAIRS = [
    ("箸", "はし", 1),
    ("橋", "はし", 2),
    ("端", "はし", 0),
    ("雨", "あめ", 1),
    ("飴", "あめ", 0),
    ("神", "かみ", 1),
    ("紙", "かみ", 2),
    ("髪", "かみ", 2),
    ("柿", "かき", 0),
    ("牡蠣", "かき", 1),
    ("酒", "さけ", 0),
    ("鮭", "さけ", 1),
    ("今", "いま", 1),
    ("居間", "いま", 2),
]
"""The classic minimal pairs with their standard Tokyo accents (NHK日本語発音アクセント新辞典)."""


@pytest.mark.parametrize(("word", "reading", "accent"), MINIMAL_PAIRS)
def test_minimal_pairs_have_their_tokyo_accent(word: str, reading: str, accent: int) -> None:
    found = accent_of(word, word, reading)
    assert found is not None
    assert found.reading == reading
    assert found.types[0] == accent
    assert "openjtalk" in found.source


def test_a_reading_that_is_not_the_usual_one_is_found_among_other_analyses() -> None:
    assert accent_of("端", "端", "はし").types[0] == 0  # type: ignore[union-attr]
    hata = accent_of("端", "端", "はた")
    assert hata is not None and hata.reading == "はた" and hata.types[0] == 0
    assert accent_of("端", "端", "ばなな") is None


def test_an_inflected_word_gets_its_dictionary_forms_accent() -> None:
    found = accent_of("食べた", "食べる", "たべた")
    assert found is not None and found.reading == "たべる" and found.types[0] == 2
    # 行った as おこなった is 行う, not 行く.
    assert accent_of("行った", "行う", "おこなった").reading == "おこなう"  # type: ignore[union-attr]


@pytest.mark.skipif(not has_unidic(), reason="UniDic (fugashi + unidic-lite) is not installed")
def test_words_with_two_accents_list_both() -> None:
    found = accent_of("昨日", "昨日", "きのう")
    assert found is not None
    assert found.types[:2] == (2, 0)
    assert found.notations()[:2] == ("きのꜜう", "きのう")


def test_compounds_get_one_accent_for_the_whole_word() -> None:
    found = accent_of("大統領選挙", "大統領選挙", "")
    assert found is not None and found.reading == "だいとうりょうせんきょ"
    assert found.types == (7,)  # 大統領 + 選挙 (C1): the fall after せ


def test_phrases_of_a_sentence_cover_its_words_with_one_accent_each() -> None:
    text = "前書き。箸を使って、橋を渡りました。"
    start = text.index("箸")
    phrases = phrase_accents(text, start, len(text))
    pieces = [text[p.start : p.end] for p in phrases]
    assert pieces[0] == "箸を" and phrases[0].accent == 1 and phrases[0].reading == "はしを"
    assert "橋を" in pieces and phrases[pieces.index("橋を")].accent == 2
    previous_end = start
    for phrase in phrases:
        assert previous_end <= phrase.start < phrase.end <= len(text)
        assert "、" not in text[phrase.start : phrase.end] and "。" not in text[phrase.start : phrase.end]
        assert phrase.morae == len(phrase.pattern())
        previous_end = phrase.end


def test_phrases_of_a_news_sentence_keep_the_compound_together(seed_text: str) -> None:
    start = seed_text.index("プーチン大統領")
    end = seed_text.index("。", start) + 1
    phrases = phrase_accents(seed_text, start, end)
    assert seed_text[phrases[0].start : phrases[0].end].startswith("プーチン大統領")
    assert all(start <= p.start < p.end <= end for p in phrases)


def _lookup(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    status = main(["lookup", *argv, "--format", "json"])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.mark.parametrize(("word", "reading", "accent"), MINIMAL_PAIRS)
def test_lookup_prints_the_tokyo_accent_of_minimal_pairs(
    capsys: pytest.CaptureFixture[str], word: str, reading: str, accent: int
) -> None:
    status, rows, err = _lookup(capsys, word, "--reading", reading)
    assert status == 0 and err == ""
    row = next(r for r in rows if r["word"] == word)
    assert row["reading"] == reading
    assert row["accent"] == [accent]
    assert row["senses"] and row["senses"][0]["glosses"]
    assert set(row) >= {"word", "reading", "accent", "senses", "jlpt"}


def test_lookup_of_a_word_lists_each_reading_with_its_accent(capsys: pytest.CaptureFixture[str]) -> None:
    status, rows, _ = _lookup(capsys, "端")
    assert status == 0
    entry = next(r for r in rows if "はし" in r["readings"])
    assert len(entry["accent"]) == len(entry["readings"])
    assert entry["accent"][entry["readings"].index("はし")] == 0
    assert all(r["word"] == "端" for r in rows)
    # そば is read so only when written 側 or 傍: not a reading of 端.
    assert not any("そば" in r["readings"] for r in rows)


def test_lookup_in_kana_lists_every_word_read_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, rows, _ = _lookup(capsys, "はし")
    assert status == 0
    accents = {r["word"]: r["accent"] for r in rows}
    assert accents["箸"] == [1] and accents["橋"] == [2] and accents["端"] == [0]


def test_lookup_text_format_marks_the_downstep(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "箸"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("箸  はꜜし [1]")
    assert "chopsticks" in out


def test_lookup_of_an_inflected_form_gives_the_dictionary_form(capsys: pytest.CaptureFixture[str]) -> None:
    status, rows, _ = _lookup(capsys, "食べた")
    assert status == 0
    assert rows[0]["word"] == "食べる" and rows[0]["reading"] == "たべる" and rows[0]["accent"] == [2]


def test_lookup_of_nothing_japanese_is_one_line_and_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "xyzzy"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "yomu: lookup: no dictionary entry for 'xyzzy'"
    assert main(["lookup", "  "]) == 1


def test_jlpt_comes_from_the_dictionary_code(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.core.lexicon.dictionary import lookup_word

    _, rows, _ = _lookup(capsys, "橋")
    entry = lookup_word("橋", "橋", "はし")
    assert entry is not None
    assert rows[0]["jlpt"] == entry.jlpt
    kana = [to_hiragana(k.text) for e in jamdict_for_thread().lookup("橋").entries for k in e.kana_forms]
    assert rows[0]["reading"] in kana
