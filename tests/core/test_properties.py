"""Property tests (hypothesis): the layout's rules and romaji's invariants hold for any text.

``check_layout`` (tests/core/test_layout.py) encodes every rule of the layout
(row widths, ruby over its base, kinsoku, pieces tiling the text); here it is
run on random blocks of mixed scripts with random readings, widths and
placements.  Romaji is checked for what must hold whatever the words: words
in order and inside their tokens, hiragana and katakana read alike, the
plain-ou style without macrons.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.kana import to_katakana
from reader.core.analysis.romaji import STYLES, kana_to_romaji, romanize
from reader.core.layers import RubySpan, Token
from reader.core.layout import Placement, layout_block
from tests.core.test_layout import check_layout, is_kanji, runs

ALPHABET = "日本語漢字大統領あいうえおかきくけこっゃーアイウエオヴン、。「」（）！？・ 　ABCxyz0123.,\u0301\x1b"
"""Kanji, kana, small kana, punctuation that kinsoku cares about, spaces, Latin, digits, a combining mark, ESC."""


@st.composite
def blocks_with_readings(draw):  # type: ignore[no-untyped-def]
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=80))
    readings = []
    for a, b in runs(text, 0, len(text), is_kanji):
        if draw(st.booleans()):
            length = draw(st.integers(min_value=1, max_value=3 * (b - a) + 6))
            readings.append(
                RubySpan(a, b, draw(st.text(alphabet="あいうかきくしゃちょーn", min_size=length, max_size=length)))
            )
    return text, readings


@settings(max_examples=300, deadline=None)
@given(
    block=blocks_with_readings(),
    width=st.integers(min_value=2, max_value=60),
    placement=st.sampled_from(list(Placement)),
    overhang=st.integers(min_value=0, max_value=3),
    indent=st.integers(min_value=0, max_value=4),
)
def test_layout_rules_hold_for_any_block(  # type: ignore[no-untyped-def]
    block, width: int, placement: Placement, overhang: int, indent: int
) -> None:
    text, readings = block
    lines = layout_block(text, 0, len(text), readings, width, placement, indent=indent, overhang=overhang)
    shown_indent = max(0, min(indent, max(width, 2) - 2))  # the indent leaves at least one wide character's room
    check_layout(text, 0, len(text), readings, width, placement, lines, shown_indent, kinsoku=False, overhang=overhang)


KANA = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "がぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽっゃゅょー"
)

words = st.lists(
    st.tuples(
        st.text(alphabet=KANA, min_size=1, max_size=6),
        st.sampled_from(
            [("名詞", "普通名詞"), ("動詞", "一般"), ("助詞", "係助詞"), ("補助記号", "句点"), ("名詞", "固有名詞")]
        ),
    ),
    min_size=1,
    max_size=12,
)


def tokens_of(parts) -> list[Token]:  # type: ignore[no-untyped-def]
    tokens, offset = [], 0
    for kana, pos in parts:
        surface = "。" if pos[0] == "補助記号" else kana
        tokens.append(Token(offset, offset + len(surface), surface, surface, pos, kana))
        offset += len(surface)
    return tokens


@settings(max_examples=200, deadline=None)
@given(parts=words, style=st.sampled_from(STYLES))
def test_romaji_words_are_in_order_inside_their_tokens(parts, style: str) -> None:  # type: ignore[no-untyped-def]
    tokens = tokens_of(parts)
    result = romanize(tokens, style)  # type: ignore[arg-type]
    last_end = tokens[0].start
    for word in result:
        assert word.start >= last_end and word.start < word.end
        assert any(t.start == word.start for t in tokens) and any(t.end == word.end for t in tokens)
        assert word.romaji
        last_end = word.end
        if style == "hepburn-ou":
            assert not set(word.romaji) & set("āīūēō")
        assert not any("\u3040" <= ch <= "\u30ff" for ch in word.romaji)  # no kana left


@settings(max_examples=200, deadline=None)
@given(kana=st.text(alphabet=KANA, min_size=1, max_size=10), style=st.sampled_from(STYLES))
def test_hiragana_and_katakana_read_the_same(kana: str, style: str) -> None:
    assert kana_to_romaji(kana, style) == kana_to_romaji(to_katakana(kana), style)  # type: ignore[arg-type]
