"""The one guard where text enters the engines (SudachiPy, pykakasi).

Any Python ``str`` may reach the analyser: a file decoded with replacement
characters, standard input, a paragraph of 100,000 characters without a
newline, a kanji followed by an ideographic variation selector (葛 + U+E0100).
The engines do not take all of them:

* SudachiPy refuses a line over :data:`SUDACHI_MAX_BYTES` of UTF-8
  ("Input is too long") and a string holding a lone surrogate (it cannot be
  encoded);
* pykakasi raises ``IndexError`` inside its converter on a variation selector
  after some characters (葛 U+E0100, 﨑 U+E0101, or one alone).

So text is cut into pieces that fit (:func:`pieces`: at sentence ends, then
after punctuation, then at a fixed size, never inside a surrogate pair or
between a character and its variation selector), offsets kept; what goes to
SudachiPy has each lone surrogate replaced by U+FFFD (one code point for one,
so offsets hold, :func:`for_sudachi`); what goes to pykakasi has no variation
selectors (they carry no reading) and a failure of pykakasi on one piece is
contained to that piece (:func:`kakasi_reading`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

SUDACHI_MAX_BYTES = 49149
"""SudachiPy 0.6–0.7 refuses input longer than this many bytes of UTF-8."""
MAX_PIECE = 4000
"""Lines longer than this many characters are cut before tokenising.

At most 4 bytes a character, 4,000 characters are 16,000 bytes: well inside
SudachiPy's limit, and small enough that one piece of a text without newlines
is analysed in a few tens of milliseconds (the screen asks for blocks)."""

_SENTENCE_END = re.compile(r"[。！？!?．][」』）)】〕〉》”’]*")
_PUNCTUATION = re.compile(r"[、，,・：；:;…‥]|[\s\u3000]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
VARIATION_SELECTORS = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d]")
"""Standardised and ideographic variation selectors (and Mongolian free variation selectors)."""


def _safe_cut(line: str, at: int, floor: int) -> int:
    """Move a cut at ``at`` back so that it never separates a character from what belongs to it.

    Never to ``floor`` or before it (a run of selectors longer than a piece is cut anyway).
    """
    cut = at
    while (
        cut > floor + 1
        and cut < len(line)
        and ("\udc00" <= line[cut] <= "\udfff" or VARIATION_SELECTORS.match(line, cut) or line[cut] == "\u200d")
    ):
        cut -= 1
    return cut


def pieces(line: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``line``, each at most ``limit`` characters, covering it in order.

    A line within the limit is one piece.  A longer one is cut after the last
    sentence end inside the limit, else after the last punctuation or space,
    else at the limit itself (moved back off a variation selector or the low
    half of a surrogate pair).
    """
    if len(line) <= limit:
        return [(0, len(line))] if line else []
    out: list[tuple[int, int]] = []
    start = 0
    while len(line) - start > limit:
        window_end = start + limit
        cut = 0
        for m in _SENTENCE_END.finditer(line, start, window_end):
            cut = m.end()
        if cut <= start:
            for m in _PUNCTUATION.finditer(line, start, window_end):
                cut = m.end()
        if cut <= start:
            cut = window_end
        cut = _safe_cut(line, cut, start)
        out.append((start, cut))
        start = cut
    out.append((start, len(line)))
    return out


def for_sudachi(text: str) -> str:
    """``text`` with lone surrogates as U+FFFD (same length, so offsets hold)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def without_selectors(text: str) -> str:
    """``text`` without variation selectors (葛󠄀 is read as 葛)."""
    return VARIATION_SELECTORS.sub("", text)


def kakasi_reading(convert: Callable[[str], list[dict[str, str]]], text: str) -> str:
    """Hiragana from pykakasi's ``convert`` for one line, a failure contained to the character that causes it.

    Variation selectors and lone surrogates are dropped first; if pykakasi
    still raises on the line, it is converted character by character and a
    character it cannot convert is left as it is (the caller sees an unread kanji).
    """
    clean = _SURROGATE.sub("", without_selectors(text))
    if not clean:
        return ""
    try:
        return "".join(item["hira"] for item in convert(clean))
    except Exception:  # pykakasi's internal errors (IndexError, KeyError) on rare sequences
        out = []
        for ch in clean:
            try:
                out.append("".join(item["hira"] for item in convert(ch)))
            except Exception:
                out.append(ch)
        return "".join(out)


__all__ = [
    "MAX_PIECE",
    "SUDACHI_MAX_BYTES",
    "VARIATION_SELECTORS",
    "for_sudachi",
    "kakasi_reading",
    "pieces",
    "without_selectors",
]
