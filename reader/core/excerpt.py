"""Text formats of an excerpt (a range of the text) with its readings.

* :func:`format_aozora` — ruby as ｜BASE《よみ》 (stripping the markup gives the text back);
* :func:`format_inline` — ruby in brackets: 大統領(だいとうりょう);
* :func:`format_romaji` — romaji words separated by spaces, lines kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.layers import RomajiWord, RubySpan

_NO_SPACE_BEFORE = tuple(",.!?)]}”’»:;…%")
_NO_SPACE_AFTER = tuple("([{“‘«")


def _range(text: str, start: int, end: int | None) -> tuple[int, int]:
    end = len(text) if end is None else end
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return start, end


def _with_ruby(text: str, ruby: Sequence[RubySpan], start: int, end: int | None, aozora: bool) -> str:
    start, end = _range(text, start, end)
    out: list[str] = []
    pos = start
    for sp in sorted(ruby, key=lambda s: s.start):
        if sp.start < pos or sp.end > end or sp.start >= sp.end:
            continue  # outside the range, cut by it, or overlapping an earlier span
        out.append(_plain(text[pos : sp.start], aozora))
        base = text[sp.start : sp.end]
        out.append(f"｜{base}《{sp.reading}》" if aozora else f"{base}({sp.reading})")
        pos = sp.end
    out.append(_plain(text[pos:end], aozora))
    return "".join(out)


def _plain(chunk: str, aozora: bool) -> str:
    """Text outside ruby, as it is.

    A literal 《 right after a kanji would read as ruby shorthand, but every
    kanji carries a span, so such a 《 always follows a span's 》 and stays text.
    """
    _ = aozora
    return chunk


def format_aozora(text: str, ruby: Sequence[RubySpan], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every ruby span written ｜BASE《よみ》."""
    return _with_ruby(text, ruby, start, end, aozora=True)


def format_inline(text: str, ruby: Sequence[RubySpan], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with readings in brackets after their kanji: 大統領(だいとうりょう)."""
    return _with_ruby(text, ruby, start, end, aozora=False)


def format_romaji(text: str, words: Sequence[RomajiWord], start: int = 0, end: int | None = None) -> str:
    """Romaji of the words in ``text[start:end]``, separated by spaces; newlines of the text are kept."""
    start, end = _range(text, start, end)
    lines: list[list[str]] = [[]]
    pos = start
    for w in sorted(words, key=lambda w: w.start):
        if w.start < start or w.end > end or w.start < pos:
            continue
        for _ in range(text.count("\n", pos, w.start)):
            lines.append([])
        lines[-1].append(w.romaji)
        pos = w.end
    for _ in range(text.count("\n", pos, end)):
        lines.append([])
    return "\n".join(_join_words(line) for line in lines)


def _join_words(words: Sequence[str]) -> str:
    out = ""
    for w in words:
        if out and not w.startswith(_NO_SPACE_BEFORE) and not out.endswith(_NO_SPACE_AFTER):
            out += " "
        out += w
    return out
