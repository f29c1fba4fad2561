"""Pitch accent of Tokyo Japanese: morae, high/low patterns and how to draw them.

An accent *type* is the mora after which the pitch falls (the downstep), counted
from 1; ``0`` is flat (heiban: the pitch rises after the first mora and stays
up, also over a following particle).  箸 はし is 1 (はꜜし), 橋 はし is 2 (はしꜜ:
the fall shows on the particle, はしꜜが), 端 はし is 0.  One word, or one accent
phrase, has at most one downstep.

Everything here is pure: readings in, strings out.  Where the accent comes
from (OpenJTalk, UniDic) is :mod:`reader.integrations.sound`'s business; the
screen draws what :func:`pitch_cells` and :func:`downstep_notation` give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.cells import cell_len

__all__ = [
    "DOWNSTEP",
    "HIGH",
    "LOW",
    "Accent",
    "AccentPhrase",
    "accent_kind",
    "accent_row",
    "downstep_notation",
    "pitch_cells",
    "pitch_pattern",
    "pitch_row",
    "split_morae",
]

DOWNSTEP = "ꜜ"
"""Marks the fall: drawn after the accented mora (はꜜし) and as the last cell of its line."""
HIGH = "‾"
"""A cell of the line over a high mora."""
LOW = "_"
"""A cell of the line under a low mora."""

_SMALL = frozenset("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ")
"""Small kana that join the kana before them into one mora (きょ, ファ); small っ/ッ is a mora of its own."""


@dataclass(frozen=True, slots=True)
class Accent:
    """The pitch accent of one word with one reading, as a source gives it."""

    reading: str
    """The reading the accent belongs to (hiragana)."""
    types: tuple[int, ...]
    """Accent types, the usual one first (0 = flat, n = fall after mora n); several when speakers differ."""
    source: str
    """Where it comes from (``"openjtalk"``, ``"unidic"``, or both joined by ``+``)."""

    @property
    def morae(self) -> int:
        """The reading's length in morae."""
        return len(split_morae(self.reading))

    def notation(self) -> str:
        """The reading with its usual accent marked: ``はꜜし``."""
        return downstep_notation(self.reading, self.types[0]) if self.types else self.reading

    def notations(self) -> tuple[str, ...]:
        """The reading marked with each of its accents."""
        return tuple(downstep_notation(self.reading, t) for t in self.types)


@dataclass(frozen=True, slots=True)
class AccentPhrase:
    """An accent phrase of a text: a range of it, its spoken reading and its one accent.

    A phrase is a word with the particles and endings that lean on it
    (箸を, 使います); compounds are one phrase (大統領選挙).  ``start``/``end``
    are offsets into the text the phrase was found in.
    """

    start: int
    end: int
    reading: str
    """What is said (hiragana, long vowels as ー where the speech lengthens them)."""
    accent: int
    """0 for flat, else the mora after which the pitch falls."""

    @property
    def morae(self) -> int:
        """The phrase's length in morae."""
        return len(split_morae(self.reading))

    def pattern(self) -> tuple[bool, ...]:
        """High (True) or low for each mora of the phrase."""
        return pitch_pattern(self.morae, self.accent)


def split_morae(kana: str) -> list[str]:
    """The morae of a reading: きょう → [きょ, う]; small ゃゅょぁ… join the kana before them.

    っ, ん and ー are morae of their own.  Characters that are not kana (a
    stray symbol) count as one mora each, so the result always covers the
    whole input: ``"".join(split_morae(s)) == s``.
    """
    morae: list[str] = []
    for ch in kana:
        if ch in _SMALL and morae:
            morae[-1] += ch
        else:
            morae.append(ch)
    return morae


def accent_kind(morae: int, accent: int) -> str:
    """The name of the pattern: heiban (flat), atamadaka (fall after the first), nakadaka, odaka (after the last)."""
    if accent == 0:
        return "heiban"
    if accent == 1:
        return "atamadaka"
    if accent >= morae:
        return "odaka"
    return "nakadaka"


def pitch_pattern(morae: int, accent: int) -> tuple[bool, ...]:
    """High (True) or low (False) for each of ``morae`` morae under accent type ``accent``.

    Tokyo rules: the first mora is low unless the accent is on it; the pitch is
    high from the second mora up to the accented one and low after it; flat
    words stay high to the end.  An accent past the last mora is read as odaka.
    """
    if morae <= 0:
        return ()
    if accent < 0:
        raise ValueError(f"accent type {accent} is negative")
    if accent == 1:
        return (True,) + (False,) * (morae - 1)
    last_high = morae if accent == 0 else min(accent, morae)
    return tuple(1 <= i < last_high for i in range(morae))


def downstep_notation(kana: str, accent: int) -> str:
    """``kana`` with ꜜ after the accented mora: 箸 はꜜし, 橋 はしꜜ, 端 はし (flat, no mark)."""
    morae = split_morae(kana)
    if accent <= 0 or not morae:
        return kana
    at = min(accent, len(morae))
    return "".join(morae[:at]) + DOWNSTEP + "".join(morae[at:])


def pitch_cells(morae: int, accent: int, width: int) -> str:
    """A line of exactly ``width`` cells drawing the pitch of ``morae`` morae.

    Each mora gets a share of the cells (spread as evenly as the width allows,
    so a two-mora word over one kanji takes one cell a mora, over two kana two
    cells a mora): ``‾`` over a high mora, ``_`` under a low one, and the last
    cell of the accented mora is ``ꜜ``.  Drawn on the reading row above a word
    (``‾ꜜ__`` over はし for 箸, ``__‾ꜜ`` for 橋, ``__‾‾`` for 端).  With fewer
    cells than morae, neighbouring morae share a cell (high wins, the fall is
    kept).  Every character is one cell wide.
    """
    if width <= 0:
        return ""
    if morae <= 0:
        return " " * width
    high = pitch_pattern(morae, accent)

    def covered(cell: int) -> range:
        first = cell * morae // width
        return range(first, max(first, ((cell + 1) * morae - 1) // width) + 1)

    fall = min(accent, morae) - 1 if accent > 0 else -1
    fall_cell = max((c for c in range(width) if fall in covered(c)), default=-1)
    return "".join(
        DOWNSTEP if cell == fall_cell else HIGH if any(high[m] for m in covered(cell)) else LOW for cell in range(width)
    )


def pitch_row(kana: str, accent: int) -> str:
    """The pitch line to draw above ``kana`` itself, cell for cell.

    Each mora's line is as wide as the mora is drawn (きょ takes four cells, う
    two), so the line stays over its kana; the result is exactly as wide as
    ``kana`` (``cell_len``).
    """
    morae = split_morae(kana)
    high = pitch_pattern(len(morae), accent)
    fall = min(accent, len(morae)) - 1 if accent > 0 else -1
    parts: list[str] = []
    for index, mora in enumerate(morae):
        width = cell_len(mora)
        line = (HIGH if high[index] else LOW) * width
        if index == fall and width:
            line = line[:-1] + DOWNSTEP
        parts.append(line)
    return "".join(parts)


def _phrase_line(surface: str, phrase: AccentPhrase) -> str:
    """The pitch line over a phrase's own text, as wide as the text is drawn."""
    from reader.core.analysis.kana import is_kana, to_hiragana

    if surface and all(is_kana(ch) for ch in surface) and len(split_morae(to_hiragana(surface))) == phrase.morae:
        return pitch_row(surface, phrase.accent)  # kana: each mora's line over its own kana
    return pitch_cells(phrase.morae, phrase.accent, cell_len(surface))


def accent_row(text: str, start: int, end: int, phrases: Sequence[AccentPhrase]) -> str:
    """The accent row to draw over ``text[start:end]`` (one terminal line of the text), cell for cell.

    ``phrases`` are accent phrases with offsets into ``text`` (what
    :func:`reader.integrations.sound.phrase_accents` gives for the screen).
    Each phrase's line (:func:`pitch_cells`, or :func:`pitch_row` over kana)
    lies over the phrase's own cells; a phrase cut by the line end continues on
    the next line, so the rows of two lines joined are the row of both.
    Punctuation and text outside every phrase get spaces.  The result is
    exactly ``cell_len(text[start:end])`` cells wide.
    """
    width = cell_len(text[start:end])
    cells = [" "] * width
    for phrase in phrases:
        lo, hi = max(start, phrase.start), min(end, phrase.end)
        if lo >= hi:
            continue
        line = _phrase_line(text[phrase.start : phrase.end], phrase)
        skip = cell_len(text[phrase.start : lo])
        take = cell_len(text[lo:hi])
        column = cell_len(text[start:lo])
        cells[column : column + take] = line[skip : skip + take]
    return "".join(cells)
