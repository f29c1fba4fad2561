"""What a laid-out block is made of: placements, pieces and lines, and the constants of the rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["LaidLine", "Piece", "Placement"]


class Placement(StrEnum):
    """Where readings are drawn."""

    ABOVE = "above"
    """On a row of their own above the base (furigana)."""
    INLINE = "inline"
    """In brackets after the base: 大統領(だいとうりょう)."""
    OFF = "off"
    """Not at all."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Something drawn on one row, starting at ``column``."""

    column: int
    """First cell of the piece on its row (the indent included)."""
    text: str
    """What is drawn, already passed through ``display_text``."""
    start: int
    """Article offsets the piece stands for; for a ruby or inline piece, its base."""
    end: int
    kind: str
    """``"text"``, ``"base"`` (text under a reading), ``"ruby"`` (over row) or ``"inline"``."""


@dataclass(frozen=True, slots=True)
class LaidLine:
    """One display line: a base row and, with readings above, the over row.

    The ranges of a block's lines tile the block: a space dropped at a break
    belongs to the end of the line before the break, with no piece drawn for it.
    """

    start: int
    end: int
    base: tuple[Piece, ...]
    over: tuple[Piece, ...] | None
    """The reading row; ``None`` unless placement is ABOVE (then always present, maybe empty)."""


_SPACES = frozenset(" \u3000\t")
"""Break spaces: a break at a run of them drops the run from the next line's start."""

_WORD_JOINERS = frozenset(".,:'’")
"""Inside a Latin word or number these join their neighbours (3.5, 2,000, U.S.)."""

_NO_PART_START = frozenset("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーんン")
"""Kana a share of a split reading should not begin with (ちょう, not ち|ょう)."""

PHRASE, ALLOWED, IN_WORD, FORCED = 3, 2, 1, 0
"""Ranks of a break: a phrase boundary or a space, kinsoku-allowed, inside a Latin word, forbidden."""
