"""Pitch accent drawing in the core: morae, patterns, ꜜ notation and pitch lines (no engines needed)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.accent import (
    DOWNSTEP,
    HIGH,
    LOW,
    Accent,
    AccentPhrase,
    accent_kind,
    accent_row,
    downstep_notation,
    pitch_cells,
    pitch_pattern,
    pitch_row,
    split_morae,
)
from reader.core.cells import cell_len

HIRAGANA = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "がぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽっゃゅょぁぃぅぇぉー"
)
KATAKANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴッャュョァィゥェォーヴ"
)
kana = st.text(alphabet=HIRAGANA + KATAKANA, min_size=1, max_size=12)


def falls(pattern: tuple[bool, ...]) -> int:
    return sum(1 for a, b in itertools.pairwise(pattern) if a and not b)


@pytest.mark.parametrize(
    ("kana_text", "morae"),
    [
        ("はし", ["は", "し"]),
        ("きょう", ["きょ", "う"]),
        ("とうきょう", ["と", "う", "きょ", "う"]),
        ("がっこう", ["が", "っ", "こ", "う"]),
        ("ファッション", ["ファ", "ッ", "ショ", "ン"]),
        ("プーチン", ["プ", "ー", "チ", "ン"]),
    ],
)
def test_morae_join_small_kana_and_count_sokuon_hatsuon_and_long_marks(kana_text: str, morae: list[str]) -> None:
    assert split_morae(kana_text) == morae


@pytest.mark.parametrize(
    ("word", "reading", "accent", "marked", "kind"),
    [
        ("箸", "はし", 1, "はꜜし", "atamadaka"),
        ("橋", "はし", 2, "はしꜜ", "odaka"),
        ("端", "はし", 0, "はし", "heiban"),
        ("雨", "あめ", 1, "あꜜめ", "atamadaka"),
        ("飴", "あめ", 0, "あめ", "heiban"),
        ("居間", "いま", 2, "いまꜜ", "odaka"),
        ("大統領", "だいとうりょう", 3, "だいとꜜうりょう", "nakadaka"),
        ("今日", "きょう", 1, "きょꜜう", "atamadaka"),
    ],
)
def test_downstep_notation_of_minimal_pairs(word: str, reading: str, accent: int, marked: str, kind: str) -> None:
    assert downstep_notation(reading, accent) == marked
    assert accent_kind(len(split_morae(reading)), accent) == kind


def test_patterns_follow_the_tokyo_rules() -> None:
    assert pitch_pattern(2, 1) == (True, False)  # 箸: high-low
    assert pitch_pattern(2, 2) == (False, True)  # 橋: low-high, the fall comes on the particle
    assert pitch_pattern(2, 0) == (False, True)  # 端: low-high, and the particle stays high
    assert pitch_pattern(4, 2) == (False, True, False, False)
    assert pitch_pattern(1, 1) == (True,)
    assert pitch_pattern(0, 0) == ()


def test_accent_keeps_every_type_and_marks_each() -> None:
    accent = Accent(reading="きのう", types=(2, 0), source="openjtalk+unidic")
    assert accent.morae == 3
    assert accent.notation() == "きのꜜう"
    assert accent.notations() == ("きのꜜう", "きのう")


def test_pitch_line_over_kana_and_over_a_kanji_word() -> None:
    assert pitch_row("はし", 1) == HIGH + DOWNSTEP + LOW + LOW  # はꜜし
    assert pitch_row("はし", 2) == LOW + LOW + HIGH + DOWNSTEP  # はしꜜ
    assert pitch_row("はし", 0) == LOW + LOW + HIGH + HIGH  # はし
    # 箸 is one kanji: two cells carry two morae.
    assert pitch_cells(2, 1, 2) == DOWNSTEP + LOW
    assert pitch_cells(2, 2, 2) == LOW + DOWNSTEP
    # A long mora keeps its line over its own kana (きょ takes four cells).
    assert pitch_row("きょう", 1) == HIGH * 3 + DOWNSTEP + LOW * 2


@given(kana, st.integers(min_value=0, max_value=14))
def test_one_downstep_at_most_and_marks_within_the_kanas_cells(text: str, accent: int) -> None:
    morae = split_morae(text)
    assert "".join(morae) == text
    pattern = pitch_pattern(len(morae), accent)
    assert len(pattern) == len(morae)
    assert falls(pattern) <= 1
    if len(morae) >= 2:
        assert pattern[0] != pattern[1]  # Tokyo: the first two morae always differ
    marked = downstep_notation(text, accent)
    assert marked.count(DOWNSTEP) == (1 if accent > 0 else 0)
    assert marked.replace(DOWNSTEP, "") == text
    row = pitch_row(text, accent)
    assert cell_len(row) == cell_len(text)
    assert row.count(DOWNSTEP) == (1 if accent > 0 else 0)
    assert set(row) <= {HIGH, LOW, DOWNSTEP}
    if accent > 0:
        # The fall is drawn in the last cell of the accented mora.
        at = min(accent, len(morae))
        assert row.index(DOWNSTEP) == cell_len("".join(morae[:at])) - 1


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=13), st.integers(0, 40))
def test_pitch_cells_fill_exactly_the_width_given(morae: int, accent: int, width: int) -> None:
    line = pitch_cells(morae, accent, width)
    assert len(line) == width and cell_len(line) == width
    assert line.count(DOWNSTEP) <= 1
    if accent > 0 and width:
        assert line.count(DOWNSTEP) == 1
    if accent == 0:
        assert DOWNSTEP not in line
        if width >= morae >= 2:
            assert line.startswith(LOW) and line.endswith(HIGH)


def test_negative_accent_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        pitch_pattern(3, -1)


SENTENCE = "前書き。箸を使って、はしを渡りました。"
PHRASES = (
    AccentPhrase(0, 3, "まえがき", 0),
    AccentPhrase(4, 6, "はしを", 1),
    AccentPhrase(6, 9, "つかって", 0),
    AccentPhrase(10, 13, "はしを", 1),
    AccentPhrase(13, 18, "わたりました", 4),
)


def test_accent_row_puts_each_phrase_over_its_own_cells() -> None:
    row = accent_row(SENTENCE, 0, len(SENTENCE), PHRASES)
    assert cell_len(row) == cell_len(SENTENCE)
    assert row[6:8] == "  "  # 。 has no pitch
    assert row[8:12] == HIGH + DOWNSTEP + LOW + LOW  # 箸を: high, fall after は, low particle
    assert row[20:26] == HIGH + DOWNSTEP + LOW * 4  # はしを in kana: the fall over し's cells
    assert row.endswith("  ")  # the final 。


@given(st.integers(min_value=0, max_value=len(SENTENCE)))
def test_accent_rows_of_two_lines_join_into_the_row_of_both(cut: int) -> None:
    whole = accent_row(SENTENCE, 0, len(SENTENCE), PHRASES)
    assert accent_row(SENTENCE, 0, cut, PHRASES) + accent_row(SENTENCE, cut, len(SENTENCE), PHRASES) == whole
    assert cell_len(accent_row(SENTENCE, cut, len(SENTENCE), PHRASES)) == cell_len(SENTENCE[cut:])
