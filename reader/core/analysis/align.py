"""Align a word's reading to its surface: kanji runs get ruby, kana stay outside.

見通し + みとおし → 見通《みとお》し; 取り巻く + とりまく → 取《と》り巻《ま》く.
The kana written in the surface anchor the alignment.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.core.analysis.kana import is_digit, is_kanji, to_hiragana

_LETTER_NAMES = {
    "A": "えー|えい|あ", "B": "びー|び", "C": "しー|し", "D": "でぃー|でー|でぃ", "E": "いー|い", "F": "えふ",
    "G": "じー|じ", "H": "えいち|えっち|えいちー", "I": "あい", "J": "じぇー|じぇい", "K": "けー|けい",
    "L": "える", "M": "えむ", "N": "えぬ", "O": "おー|お", "P": "ぴー|ぴ", "Q": "きゅー|きゅう",
    "R": "あーる|あー", "S": "えす", "T": "てぃー|てぃ|てー", "U": "ゆー|ゆう", "V": "ぶい|ぶいー|ぶぃ",
    "W": "だぶりゅー|だぶる", "X": "えっくす|えくす", "Y": "わい", "Z": "ぜっと|ぜっど|ずぃー",
}  # fmt: skip
"""Kana names of Latin letters, so that 京急EXイン aligns with けいきゅういーえっくすいん."""


def _needs_reading(ch: str) -> bool:
    return is_kanji(ch) or is_digit(ch)


def _latin(ch: str) -> str | None:
    upper = unicodedata.normalize("NFKC", ch).upper()
    return upper if upper in _LETTER_NAMES else None


def segments(surface: str) -> list[tuple[int, int, bool]]:
    """Runs of ``surface`` as ``(start, end, is_kanji_run)``; digits join kanji runs."""
    runs: list[tuple[int, int, bool]] = []
    for i, ch in enumerate(surface):
        kind = _needs_reading(ch)
        if runs and runs[-1][2] == kind:
            runs[-1] = (runs[-1][0], i + 1, kind)
        else:
            runs.append((i, i + 1, kind))
    return runs


def _literal(text: str) -> str:
    """A pattern for the non-kanji part of a surface: kana as themselves, Latin letters by name."""
    out = []
    for ch in text:
        letter = _latin(ch)
        out.append(f"(?:{_LETTER_NAMES[letter]})" if letter else re.escape(to_hiragana(ch)))
    return "".join(out)


@lru_cache(maxsize=8192)
def _compiled(pattern: str) -> re.Pattern[str]:
    """Patterns by skeleton ((.+?)る): a novel has thousands, past the 512 that ``re`` keeps."""
    return re.compile(pattern)


@lru_cache(maxsize=4096)
def align(surface: str, reading: str) -> tuple[tuple[int, int, str], ...]:
    """Ruby spans ``(start, end, reading)`` (offsets into ``surface``) for its kanji runs.

    ``reading`` is in hiragana (katakana are folded).  When the kana of the
    surface cannot be found in the reading, one span from the first to the last
    kanji takes what is left after the kana the surface starts and ends with.
    """
    reading = to_hiragana(reading)
    runs = segments(surface)
    if not any(kind for _, _, kind in runs):
        return ()
    pattern = "".join("(.+?)" if kind else _literal(surface[s:e]) for s, e, kind in runs)
    m = _compiled(pattern).fullmatch(reading)
    if m is not None:
        spans = []
        groups = iter(m.groups())
        for s, e, kind in runs:
            if kind:
                spans.append((s, e, next(groups)))
        return tuple(_drop_bare_digits(surface, spans))
    return _fallback(surface, reading, runs)


def _drop_bare_digits(surface: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans that cover only digits are no ruby (digits stay outside)."""
    return [sp for sp in spans if any(is_kanji(ch) for ch in surface[sp[0] : sp[1]])]


def _fallback(surface: str, reading: str, runs: list[tuple[int, int, bool]]) -> tuple[tuple[int, int, str], ...]:
    first = next(s for s, _, kind in runs if kind)
    last = max(e for _, e, kind in runs if kind)
    head = to_hiragana(surface[:first])
    tail = to_hiragana(surface[last:])
    middle = reading
    if head and middle.startswith(head):
        middle = middle[len(head) :]
    if tail and middle.endswith(tail) and len(middle) > len(tail):
        middle = middle[: -len(tail)]
    if not middle:
        return ()
    return ((first, last, middle),)


__all__ = ["align", "segments"]
