"""Token rows: the tokens of an analysis before they become :class:`~reader.core.layers.Token` s.

:func:`token_rows` makes them from the analyser's morphs and the ruby every
layer claimed (:mod:`reader.core.analysis.reading_layers`), joining morphs a
ruby span crosses; :func:`build_tokens` turns rows into tokens.  Rows are what
the cache stores and the worker process sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from reader.core.analysis import counters
from reader.core.analysis.kana import has_kanji, is_digit, to_hiragana
from reader.core.analysis.tokens import Morph
from reader.core.layers import RubySpan, Token

TokenRow = tuple[int, int, str, tuple[str, ...], str]
"""A token before it becomes a :class:`Token`: ``(start, end, lemma, pos, reading)``.

Offsets are relative to the analysed text; the surface is the text between
them.  Rows are what the cache stores and the worker process sends."""


def token_rows(
    text: str,
    morphs: Sequence[Morph],
    ruby: Sequence[RubySpan],
    number_readings: Mapping[int, str],
    morph_readings: Mapping[int, str],
) -> list[TokenRow]:
    """Token rows from the morphs, joined where a ruby span crosses them, with readings from all layers."""
    size = len(text)
    span_end_at = [-1] * (size + 1)
    layered_at = bytearray(size + 1)  # 1 where a layer before the analyser's gave the reading
    for sp in ruby:
        for k in range(sp.start, sp.end):
            span_end_at[k] = sp.end
        if sp.source not in ("context", "fallback"):
            layered_at[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    groups: list[list[Morph]] = []
    reach = -1
    for m in morphs:
        if groups and m.start < reach and groups[-1][-1].end == m.start:
            groups[-1].append(m)
        else:
            groups.append([m])
        reach = max(reach, max(span_end_at[m.start : m.end]))
    span_at = {sp.start: sp for sp in ruby}
    rows: list[TokenRow] = []
    for group in groups:
        first = group[0]
        start, end = first.start, group[-1].end
        if len(group) == 1:
            if layered_at.find(1, start, end) < 0 and start not in number_readings:
                reading = _plain_reading(first, morph_readings)
            else:
                reading = _reading_from_spans(text, start, end, span_at, number_readings, group, morph_readings)
            rows.append((start, end, first.lemma, first.pos, reading))
            continue
        reading = _reading_from_spans(text, start, end, span_at, number_readings, group, morph_readings)
        head = max(group, key=lambda m: (m.is_pos("名詞", "固有名詞"), has_kanji(m.surface)))
        rows.append((start, end, text[start:end], head.pos, reading))
    return rows


def build_tokens(text: str, rows: Iterable[TokenRow], base: int) -> tuple[Token, ...]:
    """:class:`Token` s from rows over ``text``, offsets moved by ``base``."""
    return tuple(
        Token(start + base, end + base, text[start:end], lemma, pos, reading)
        for start, end, lemma, pos, reading in rows
    )


_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９,，.．")
_SYMBOL_POS = ("補助記号", "空白")


def _plain_reading(m: Morph, morph_readings: Mapping[int, str]) -> str:
    surface = m.surface
    if m.pos and m.pos[0] in _SYMBOL_POS:
        return surface  # Sudachi reads symbols キゴウ
    if _NUMBER_CHARS.issuperset(surface):
        return counters.number_reading(surface) or surface
    return morph_readings.get(m.start, m.reading)


def _reading_from_spans(
    text: str,
    start: int,
    end: int,
    span_at: Mapping[int, RubySpan],
    number_readings: Mapping[int, str],
    group: Sequence[Morph],
    morph_readings: Mapping[int, str],
) -> str:
    out: list[str] = []
    k = start
    morph_at = {m.start: m for m in group}
    while k < end:
        sp = span_at.get(k)
        if sp is not None:
            out.append(sp.reading)
            k = sp.end
            continue
        if k in number_readings:
            j = k
            while j < end and (is_digit(text[j]) or text[j] in ",，.．万億兆"):
                j += 1
            out.append(number_readings[k])
            k = max(j, k + 1)
            continue
        m = morph_at.get(k)
        if (
            m is not None
            and not has_kanji(m.surface)
            and m.end <= end
            and not any(j in span_at for j in range(m.start, m.end))
        ):
            out.append(_plain_reading(m, morph_readings))
            k = m.end
            continue
        out.append(to_hiragana(text[k]))
        k += 1
    return "".join(out)
