"""The guard where text enters SudachiPy and pykakasi (reader.core.analysis.guard), property-tested."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.analysis import Analyzer
from reader.core.analysis.blocks import analyse_block, block_spans, merge_blocks, text_context
from reader.core.analysis.guard import MAX_PIECE, SUDACHI_MAX_BYTES, for_sudachi, kakasi_reading, pieces
from reader.core.analysis.readings import _KAKASI
from reader.core.sources.text import parse_text


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    a = Analyzer()
    a.load()
    return a


def check_layers(text: str, tokens: tuple, ruby: tuple) -> None:
    """What a user can rely on: tokens in order, inside the text, showing its own characters."""
    last = 0
    for t in tokens:
        assert last <= t.start < t.end <= len(text)
        assert t.surface == text[t.start : t.end]
        last = t.end
    for sp in ruby:
        assert 0 <= sp.start < sp.end <= len(text)


def test_a_line_longer_than_sudachi_takes_is_analysed(analyzer: Analyzer) -> None:
    sentence = "首脳会談を行った。"
    text = sentence * (SUDACHI_MAX_BYTES // len(sentence.encode()) + 50)  # one line, ~50 KB of UTF-8
    analysis = analyzer.analyse(text)
    check_layers(text, analysis.tokens, analysis.ruby)
    assert "".join(t.surface for t in analysis.tokens) == text
    assert [sp.reading for sp in analysis.ruby[:3]] == ["しゅのう", "かいだん", "おこな"]


def test_pieces_cut_at_sentence_ends_then_punctuation_then_anywhere() -> None:
    assert pieces("短い") == [(0, 2)]
    text = "あ" * 10 + "。" + "い" * 10
    assert pieces(text, limit=15) == [(0, 11), (11, 21)]
    text = "あ" * 10 + "、" + "い" * 10
    assert pieces(text, limit=15) == [(0, 11), (11, 21)]
    assert pieces("あ" * 40, limit=15) == [(0, 15), (15, 30), (30, 40)]
    # Never between a kanji and its variation selector.
    text = "葛\U000e0100" * 20
    for s, _ in pieces(text, limit=15):
        assert text[s] == "葛"


def test_variation_selectors_and_surrogates_reach_no_engine_raw() -> None:
    assert for_sudachi("\ud800漢字") == "\ufffd漢字"
    kakasi = _KAKASI
    assert kakasi.reading("葛\U000e0100城") == kakasi.reading("葛城")

    def broken(text: str) -> list[dict[str, str]]:
        if len(text) > 1:
            raise IndexError("string index out of range")  # as pykakasi does on rare sequences
        return [{"hira": "x"}]

    assert kakasi_reading(broken, "ab") == "xx"  # contained to one piece


_HOSTILE = st.one_of(
    st.characters(exclude_categories=()),  # any code point, lone surrogates included
    st.sampled_from(["\U000e0100", "\U000e01ef", "\ufe0f", "\ufe00", "\u200d", "\u0301", "\u3099", "\ufeff"]),
    st.sampled_from(["\x00", "\x1b", "\x7f", "\u2028", "\r", "\n", "\t", "　"]),
    st.sampled_from([*"漢字葛﨑𠀀𪚲々〆ヶかなカナ。、「」", "\ud800", "\udfff"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(_HOSTILE, min_size=1, max_size=80))
def test_any_text_is_analysed_whole_and_by_blocks(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyse(text)
    check_layers(text, analysis.tokens, analysis.ruby)
    try:
        document = parse_text(text)
    except ValueError:
        return  # nothing but white space: no document (the commands say so in one line)
    context = text_context(text, pinned={}, analyzer=analyzer)
    merged = merge_blocks(analyse_block(analyzer, text, s, e, context) for s, e in block_spans(document))
    check_layers(text, merged.tokens, merged.ruby)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.text(_HOSTILE, min_size=1, max_size=6),
    repeat=st.integers(min_value=MAX_PIECE // 6, max_value=MAX_PIECE),
)
def test_long_lines_of_any_characters_are_analysed(analyzer: Analyzer, unit: str, repeat: int) -> None:
    text = (unit * repeat).replace("\n", "x")[: 3 * MAX_PIECE]
    for s, e in pieces(text):
        assert len((for_sudachi(text[s:e])).encode()) <= SUDACHI_MAX_BYTES
    analysis = analyzer.analyse(text)
    check_layers(text, analysis.tokens, analysis.ruby)


def test_numbers_past_a_trillion_have_readings(analyzer: Analyzer) -> None:
    """Found by the property test above: 10 京 and longer digit runs raised IndexError."""
    from reader.core.analysis.counters import number_reading

    assert number_reading("10000000000000000") == "いっけい"
    assert (
        number_reading("123456789012345678901")
        == "いちにさんよんごろくななはちきゅうぜろいちにさんよんごろくななはちきゅうぜろいち"
    )
    analysis = analyzer.analyse("100000000000000000000000円")
    check_layers("100000000000000000000000円", analysis.tokens, analysis.ruby)
