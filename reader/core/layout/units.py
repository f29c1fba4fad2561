"""The unsplittable units of a block: characters and annotated bases with their readings.

See :mod:`reader.core.layout` for how units make lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.cells import _WIDTHS, cell_len, char_width, display_text, truncate
from reader.core.layers import RubySpan
from reader.core.layout.model import _NO_PART_START, _SPACES, _WORD_JOINERS, Placement
from reader.core.linebreak import break_allowed


def _is_word_char(ch: str) -> bool:
    return ch < "\u3000" and ch.isalnum()


def _inside_word(text: str, offset: int) -> bool:
    """True when a break at ``offset`` would split a Latin word or number (NATO, 2023, 3.5)."""
    before, after = text[offset - 1], text[offset]
    if not _is_word_char(after):
        return False
    if _is_word_char(before):
        return True
    return before in _WORD_JOINERS and offset >= 2 and _is_word_char(text[offset - 2])


def _share_reading(reading: str, weights: list[int]) -> list[str]:
    """``reading`` cut into consecutive shares in proportion to ``weights``.

    A share does not begin with a small kana, ー or ん when the cut can move
    (ちょう, not ち|ょう).
    """
    size, total = len(reading), sum(weights)
    cuts, acc = [0], 0
    for weight in weights:
        acc += weight
        cuts.append(size * acc // total)
    for k in range(1, len(weights)):
        cut = cuts[k]
        while cut < cuts[k + 1] and cut < size and reading[cut] in _NO_PART_START:
            cut += 1
        cuts[k] = cut
    return [reading[cuts[k] : cuts[k + 1]] for k in range(len(weights))]


def _group_starts(text: str, chars: list[int], groups: int) -> list[int]:
    """Indexes into ``chars`` where ``groups`` near-equal groups of those characters begin.

    A cut that kinsoku forbids (before ョ, ー …) moves to the nearest allowed
    character start between its neighbours, when there is one.
    """
    count = len(chars)
    index = [count * g // groups for g in range(groups)]
    for g in range(1, groups):
        if break_allowed(text, chars[index[g]]):
            continue
        low = index[g - 1] + 1
        high = index[g + 1] - 1 if g + 1 < groups else count - 1
        ideal = index[g]
        for k in sorted(range(low, high + 1), key=lambda k: abs(k - ideal)):
            if break_allowed(text, chars[k]):
                index[g] = k
                break
    return index


class _Units:
    """The unsplittable units of a block, as parallel lists (fast to scan)."""

    __slots__ = (
        "allow_left",
        "allow_right",
        "base_off",
        "end",
        "excess",
        "free",
        "gap",
        "rank",
        "read_w",
        "reading",
        "reading_off",
        "start",
        "width",
    )

    def __init__(self) -> None:
        self.start: list[int] = []
        self.end: list[int] = []
        self.width: list[int] = []
        """Cells of the unit on the base row: base plus inline reading, or the padded base under ruby."""
        self.reading: list[str | None] = []
        """The reading (display text) over an annotated unit; ``None`` for plain text."""
        self.base_off: list[int] = []
        self.reading_off: list[int] = []
        """Column of the base and of the reading inside the slot (negative: the reading overhangs)."""
        self.excess: list[int] = []
        self.read_w: list[int] = []
        """Above: reading cells minus base cells, and reading cells (0 for plain text)."""
        self.free: list[bool] = []
        """Above: plain text a reading may overhang (no reading of its own, not a kanji)."""
        self.allow_left: list[int] = []
        self.allow_right: list[int] = []
        """Above: cells a reading may overhang on each side, its neighbours all on its line."""
        self.gap: list[int] = []
        """Blank cells before the unit when the unit before it is on the same line."""
        self.rank: list[int] = []
        """Rank of a break before the unit (see the module docstring)."""

    def add(
        self,
        start: int,
        end: int,
        width: int,
        reading: str | None = None,
        base_off: int = 0,
        reading_off: int = 0,
    ) -> None:
        self.start.append(start)
        self.end.append(end)
        self.width.append(width)
        self.reading.append(reading)
        self.base_off.append(base_off)
        self.reading_off.append(reading_off)


def _valid_annotations(annotations: Sequence[RubySpan], start: int, end: int) -> list[RubySpan]:
    """The annotations that are in order, do not overlap, have text and lie inside the block."""
    kept: list[RubySpan] = []
    last = start
    for ann in annotations:
        if ann.start >= last and start <= ann.start < ann.end <= end and ann.reading:
            kept.append(ann)
            last = ann.end
    return kept


def _add_annotated(
    units: _Units,
    text: str,
    start: int,
    end: int,
    reading: str,
    placement: Placement,
    room: int,
    head: int = 0,
    tail: int = 0,
) -> None:
    """Add the unit for an annotated base, split over its characters if wider than ``room``.

    ``head`` and ``tail`` are the cells of the characters kinsoku glues to the
    unit on the left (「) and right (」。): they must fit on its line too, so a
    line never starts with the 」 after a unit that was not split.
    """
    inline = placement is Placement.INLINE
    base_w = cell_len(text[start:end])
    shown = f"({display_text(reading)})" if inline else display_text(reading)
    read_w = cell_len(shown)
    slot = base_w + read_w if inline else max(base_w, read_w)
    chars = [start] + [i for i in range(start + 1, end) if char_width(text[i]) != 0]
    count = len(chars)
    if slot + head + tail <= room or (count == 1 and slot <= room):
        if inline:
            units.add(start, end, slot, shown, 0, base_w)
        else:
            units.add(start, end, slot, shown, (slot - base_w) // 2, (slot - read_w) // 2)
        return
    if count == 1:  # one character under a reading wider than the line: cut the reading
        # leave room for the glued 」。 too when that still leaves a reading to show
        fit = room - head - tail if room - head - tail > base_w + 2 else room
        if inline:
            inner = truncate(display_text(reading), fit - base_w - 2)
            shown = f"({inner})" if inner else ""
            units.add(start, end, base_w + cell_len(shown), shown, 0, base_w)
        else:
            shown = truncate(shown, fit)
            read_w = cell_len(shown)
            slot = max(base_w, read_w)
            units.add(start, end, slot, shown, (slot - base_w) // 2, (slot - read_w) // 2)
        return
    # Wider than a line: cut the base into as few groups of characters as fit,
    # and share the reading out over them in proportion.
    for groups in range(2, count + 1):
        index = [*_group_starts(text, chars, groups), count]
        cuts = [*(chars[k] for k in index[:-1]), end]
        shares = _share_reading(reading, [index[g + 1] - index[g] for g in range(groups)])
        needed = [
            cell_len(text[cuts[g] : cuts[g + 1]]) + cell_len(shares[g]) + 2 * bool(shares[g])
            if inline
            else max(cell_len(text[cuts[g] : cuts[g + 1]]), cell_len(shares[g]))
            for g in range(groups)
        ]
        needed[0] += head
        needed[-1] += tail
        if max(needed) <= room:
            break
    last = len(shares) - 1
    for g, share in enumerate(shares):
        a, b = cuts[g], cuts[g + 1]
        if share:
            glue_head = head if g == 0 else 0
            glue_tail = tail if g == last else 0
            _add_annotated(units, text, a, b, share, placement, room, glue_head, glue_tail)
        else:
            units.add(a, b, cell_len(text[a:b]), "", 0, 0)


def _build_units(
    text: str, start: int, end: int, annotations: list[RubySpan], placement: Placement, room: int
) -> _Units:
    units = _Units()
    widths = _WIDTHS
    pos = start
    for k, ann in enumerate([*annotations, None]):
        stop = end if ann is None else ann.start
        previous_end = pos
        while pos < stop:
            ch = text[pos]
            w = widths.get(ch)
            if w is None:
                w = char_width(ch)
            nxt = pos + 1
            # combining marks and other zero-width characters ride on the character
            # before, unless it is a space (a space at a break is dropped, they are not)
            while nxt < stop and ch not in _SPACES and char_width(text[nxt]) == 0:
                nxt += 1
            if nxt > pos + 1:
                w = cell_len(text[pos:nxt])
            units.add(pos, nxt, w)
            pos = nxt
        if ann is not None:
            glued_from = ann.start
            while glued_from > previous_end and not break_allowed(text, glued_from):
                glued_from -= 1
            limit = annotations[k + 1].start if k + 1 < len(annotations) else end
            glued_to = ann.end
            while glued_to < limit and not break_allowed(text, glued_to):
                glued_to += 1
            head = cell_len(text[glued_from : ann.start])
            tail = cell_len(text[ann.end : glued_to])
            _add_annotated(units, text, ann.start, ann.end, ann.reading, placement, room, head, tail)
            pos = ann.end
    return units
