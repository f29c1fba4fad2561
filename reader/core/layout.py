"""Layout of one block of article text into terminal rows, with ruby.

:func:`layout_block` turns ``text[start:end]`` (a title, heading or paragraph)
and the readings over it into display lines for a width in cells.  Each line is
a base row (the text) and, with readings above, an over row (the ruby); each
row is a tuple of :class:`Piece` s at columns, already made safe to draw with
:func:`~reader.core.cells.display_text`.  The Textual view draws exactly these
pieces; nothing here knows about Textual or Rich.

How a line is filled:

1. The block is cut into *units* that are never split: a character (with any
   combining marks after it) or an annotated base with its reading.  With
   readings above, a reading narrower than its base is centred over it; a
   wider one may *overhang* the characters beside its base that carry no
   reading of their own (kana, punctuation, digits, Latin, spaces; never a
   kanji or another annotated base) by up to ``overhang`` cells a side, as JIS
   X 4051 lets ruby overhang adjacent kana, and the base is padded only for
   the rest (:func:`_geometry`, :func:`_fit_overhang`).  Two readings on the
   over row keep at least one blank cell between them.  A unit wider than the
   line (a long reading on a narrow screen) is split: its reading is shared
   out over its base characters.
2. Every boundary between units gets a rank: a BudouX phrase boundary or a
   space (3), any other break kinsoku allows (2), a break inside a Latin word
   or number (1), a break kinsoku forbids (0).
3. Greedy filling: take units while they fit, then break at the rightmost
   boundary of the best rank on the line.  Rank 0 is used only when a run with
   no allowed break is wider than the line; no row is ever wider than ``width``.
   With readings above, a line is measured exactly as it will be drawn: its
   first reading cannot overhang to the left (the over row never starts left
   of the indent), its last may overhang the blank end of the line, and the
   line fits when both its base row and its over row do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reader.core.cells import _WIDTHS, cell_len, char_width, display_text, truncate
from reader.core.linebreak import NO_LINE_END, NO_LINE_START, break_allowed, phrase_breaks

__all__ = ["Annotation", "LaidLine", "Piece", "Placement", "layout_block"]


@dataclass(frozen=True, slots=True)
class Annotation:
    """A reading (kana or romaji) over the base ``text[start:end]``."""

    start: int
    end: int
    text: str


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

_PHRASE, _ALLOWED, _IN_WORD, _FORCED = 3, 2, 1, 0


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


def _valid_annotations(annotations: Sequence[Annotation], start: int, end: int) -> list[Annotation]:
    """The annotations that are in order, do not overlap, have text and lie inside the block."""
    kept: list[Annotation] = []
    last = start
    for ann in annotations:
        if ann.start >= last and start <= ann.start < ann.end <= end and ann.text:
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
    text: str, start: int, end: int, annotations: list[Annotation], placement: Placement, room: int
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
            _add_annotated(units, text, ann.start, ann.end, ann.text, placement, room, head, tail)
            pos = ann.end
    return units


def _is_han(ch: str) -> bool:
    """True for a kanji (or 々 〆 〇): a character with a reading of its own, never overhung."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
        or ch in "々〆〇〻"
    )


def _geometry(excess: int, read_w: int, allow_left: int, allow_right: int) -> tuple[int, int, int]:
    """The footprint of a unit with a reading above: its width on the base row, then the
    columns of its base and of its reading inside it (the reading's may be negative).

    A reading narrower than its base is centred over it.  A wider one stands out by
    ``excess`` cells, centred (``excess // 2`` on the left) unless overhanging the
    ``allow_left`` / ``allow_right`` cells beside the base needs less padding with
    it shifted: the padding is the least the allowances permit, and the reading is
    as near the centre as that padding lets it be.
    """
    if excess <= 0:
        return read_w - excess, 0, -excess // 2
    centre = excess // 2
    low, high = allow_left, excess - allow_right  # left extensions needing no padding, if low >= high
    if low > high:
        low, high = high, low
    x = low if centre < low else high if centre > high else centre  # cells left of the base
    pad_left = x - allow_left if x > allow_left else 0
    pad_right = excess - x - allow_right if excess - x > allow_right else 0
    return read_w - excess + pad_left + pad_right, pad_left, pad_left - x


def _fit_overhang(units: _Units, text: str, overhang: int) -> None:
    """Fill the overhang allowances, footprints and gaps of the units, as if the block were one line.

    A reading may overhang the free (unannotated, non-kanji) cells beside its
    base, up to ``overhang`` a side.  Free cells between two readings are shared
    between them, leaving one blank cell between the readings, by what each
    would use centred; two readings with no free cell between get a blank cell
    of gap unless one already has a margin.  Each allowance depends only on the
    run of free cells on its side, so a line break changes only the first and
    last reading of a line (see :func:`_line_geometry`).
    """
    n = len(units.start)
    reading, width, u_start = units.reading, units.width, units.start
    excess, read_w = [0] * n, [0] * n
    free = [False] * n
    allow_left, allow_right, gap = [0] * n, [0] * n, [0] * n
    prev = -1  # the last reading with only free units since
    run = 0  # free cells since the last unit that is not free
    for k in range(n):
        shown = reading[k]
        if shown is None and not _is_han(text[u_start[k]]):
            free[k] = True
            run += width[k]
            continue
        if not shown:  # a kanji, or a base with no share of a split reading
            if prev >= 0:
                allow_right[prev] = min(overhang, run)
            prev, run = -1, 0
            continue
        read_w[k] = r = cell_len(shown)
        excess[k] = e = r - cell_len(text[u_start[k] : units.end[k]])
        if prev < 0:
            allow_left[k] = min(overhang, run)
        else:
            ej = excess[prev]
            want_j = min(overhang, ej - ej // 2, run) if ej > 0 else 0
            want_k = min(overhang, e // 2, run) if e > 0 else 0
            margins = (-ej - -ej // 2 if ej < 0 else 0) + (-e // 2 if e < 0 else 0)
            room = run - 1 + margins  # over-row cells the two may take, a blank cell left between
            if room < 0:
                gap[k] = -room
            else:
                most = min(overhang, run)
                extra = room - want_j - want_k
                if extra >= 0:
                    take_j = min(most, want_j + (extra + 1) // 2)
                    take_k = min(most, want_k + extra // 2)
                else:
                    take_j = min(want_j, max(room - want_k, (room + 1) // 2))
                    take_k = min(want_k, room - take_j)
                allow_right[prev], allow_left[k] = take_j, take_k
        prev, run = k, 0
    if prev >= 0:
        allow_right[prev] = min(overhang, run)
    units.excess, units.read_w, units.free = excess, read_w, free
    units.allow_left, units.allow_right, units.gap = allow_left, allow_right, gap
    for k in range(n):
        if read_w[k]:
            width[k], units.base_off[k], units.reading_off[k] = _geometry(
                excess[k], read_w[k], allow_left[k], allow_right[k]
            )


def _scan_above(units: _Units, s: int, room: int, overhang: int) -> int:
    """With readings above, the first unit ``i`` after ``s`` that does not fit on a line
    starting at ``s`` (``len(units)`` when all do): lines ``[s, j)`` fit for ``s < j <= i``.

    Measures each line exactly (as :func:`_line_geometry` places it), extending it
    one unit at a time: only its last reading's footprint changes as it grows.
    """
    n = len(units.start)
    reading, width, gap, free = units.reading, units.width, units.gap, units.free
    excess, read_w, allow_left = units.excess, units.read_w, units.allow_left
    first = last = -1
    first_left = 0  # the first reading's left allowance on this line
    head = 0  # cells before the last reading
    tail = 0  # cells after the last reading (or all, before the first)
    run = 0  # free cells just before the current unit
    after_free, after_run = True, 0  # after the last reading: only free units? their first run
    measured = (-1, -1)  # (last reading, its right allowance) that last_w, last_reach are for
    last_w = last_reach = 0  # its footprint, and how far its reading reaches past the footprint start
    i = s
    while i < n:
        if reading[i]:
            if last < 0:
                first, first_left, head = i, min(overhang, run), tail
            else:
                if last == first:
                    w = _geometry(excess[last], read_w[last], first_left, units.allow_right[last])[0]
                else:
                    w = width[last]
                head += w + tail + gap[i]
            last, tail, run = i, 0, 0
            after_free, after_run = True, 0
        else:
            w = width[i]
            tail += w
            if free[i]:
                run += w
                if after_free:
                    after_run += w
            else:
                run, after_free = 0, False
        if last < 0:
            extent = tail
        else:
            right = overhang if after_free else min(overhang, after_run)
            if measured != (last, right):
                left = first_left if last == first else allow_left[last]
                last_w, _base_off, reading_off = _geometry(excess[last], read_w[last], left, right)
                last_reach = reading_off + read_w[last]
                measured = (last, right)
            extent = head + (last_w + tail if last_w + tail > last_reach else last_reach)
        if extent > room:
            break
        i += 1
    return i


def _line_geometry(units: _Units, s: int, e: int, overhang: int) -> dict[int, tuple[int, int, int]]:
    """The footprints (as :func:`_geometry`) of the first and last reading of the line ``[s, e)``.

    The first reading may overhang only the free cells before it on the line;
    the last may overhang the free cells after it and, when the line has nothing
    else after it, the blank end of the line.  Every other reading keeps the
    footprint :func:`_fit_overhang` gave it.
    """
    reading, free, width = units.reading, units.free, units.width
    first = next((k for k in range(s, e) if reading[k]), -1)
    if first < 0:
        return {}
    last = next(k for k in range(e - 1, first - 1, -1) if reading[k])
    left = 0
    k = first - 1
    while k >= s and free[k] and left < overhang:
        left += width[k]
        k -= 1
    right = 0
    k = last + 1
    while k < e and free[k]:
        right += width[k]
        k += 1
    right = min(overhang, right) if k < e else overhang  # the blank end of the line counts
    first_right = right if first == last else units.allow_right[first]
    out = {first: _geometry(units.excess[first], units.read_w[first], min(overhang, left), first_right)}
    if last != first:
        out[last] = _geometry(units.excess[last], units.read_w[last], units.allow_left[last], right)
    return out


def _rank_breaks(units: _Units, text: str, start: int, end: int, phrases_on: bool = True) -> None:
    """Fill ``units.rank`` for the boundary before each unit."""
    n = len(units.start)
    phrases = phrase_breaks(text, start, end) if phrases_on else frozenset()
    u_start = units.start
    reading = units.reading
    rank = [_FORCED] * n
    for i in range(1, n):
        p = u_start[i]
        # a space under a reading is part of its unit, not a break space
        before = text[p - 1] if reading[i - 1] is None else ""
        ch = text[p] if reading[i] is None else ""
        if ch in _SPACES and ch:
            if before in _SPACES and before:
                continue  # inside a run of spaces: the break is at the run's start
            q = p
            while q < end and text[q] in _SPACES:
                q += 1
            if before not in NO_LINE_END and (q >= end or text[q] not in NO_LINE_START):
                rank[i] = _PHRASE
        elif (before in _SPACES and before) or not break_allowed(text, p):
            continue  # after spaces: only as a last resort (leading spaces of a block)
        elif _inside_word(text, p):
            rank[i] = _IN_WORD
        elif p in phrases:
            rank[i] = _PHRASE
        else:
            rank[i] = _ALLOWED
    units.rank = rank


def _line_pieces(
    units: _Units, text: str, s: int, e: int, indent: int, placement: Placement, overhang: int
) -> tuple[tuple[Piece, ...], tuple[Piece, ...] | None]:
    """The base row and over row of the line made of units ``[s, e)``."""
    base: list[Piece] = []
    over: list[Piece] | None = [] if placement is Placement.ABOVE else None
    edges = _line_geometry(units, s, e, overhang) if over is not None else {}
    col = indent
    run_start = -1
    run_col = 0
    u_start, u_end, reading, width, gap = units.start, units.end, units.reading, units.width, units.gap
    seen_reading = False
    for k in range(s, e):
        shown = reading[k]
        if shown is None:
            if run_start < 0:
                run_start, run_col = u_start[k], col
            col += width[k]
            continue
        if run_start >= 0:
            base.append(Piece(run_col, display_text(text[run_start : u_start[k]]), run_start, u_start[k], "text"))
            run_start = -1
        if seen_reading:  # a gap keeps two readings apart: only with the one before on this line
            col += gap[k]
        seen_reading = seen_reading or bool(shown)
        w, base_off, reading_off = edges.get(k) or (width[k], units.base_off[k], units.reading_off[k])
        a, b = u_start[k], u_end[k]
        base.append(Piece(col + base_off, display_text(text[a:b]), a, b, "base"))
        if shown:
            piece = Piece(col + reading_off, shown, a, b, "ruby" if over is not None else "inline")
            if over is not None:
                over.append(piece)
            else:
                base.append(piece)
        col += w
    if run_start >= 0:
        stop = u_end[e - 1]
        base.append(Piece(run_col, display_text(text[run_start:stop]), run_start, stop, "text"))
    return tuple(base), None if over is None else tuple(over)


def layout_block(
    text: str,
    start: int,
    end: int,
    annotations: Sequence[Annotation],
    width: int,
    placement: Placement = Placement.ABOVE,
    *,
    indent: int = 0,
    overhang: int = 2,
    phrases: bool = True,
) -> tuple[LaidLine, ...]:
    """Lay out the block ``text[start:end]`` (no newlines) into display lines ``width`` cells wide.

    ``annotations`` are readings over parts of the block, sorted and not
    overlapping; ones that are not, or lie outside the block, are skipped, and
    with ``Placement.OFF`` all are ignored.  ``indent`` blank cells start every
    line and count in the width.  With readings above, a reading wider than its
    base may overhang up to ``overhang`` cells of the unannotated kana,
    punctuation, Latin or spaces on each side of it (0: the base is padded to
    the reading's full width).  No row is wider than ``width``; the only
    exception is a width under 2 (treated as 2, as a wide character needs two
    cells) or a control character drawn as ``<9b>`` on a line narrower than 4.
    An empty block is one empty line.  ``phrases=False`` breaks by kinsoku
    rules alone, without BudouX (the reader's very first screen, before BudouX
    has loaded).
    """
    placement = Placement(placement)
    width = max(width, 2)
    indent = max(0, min(indent, width - 2))
    overhang = max(0, overhang)
    room = width - indent
    above = placement is Placement.ABOVE
    if start >= end:
        return (LaidLine(start, start, (), () if above else None),)
    anns = [] if placement is Placement.OFF else _valid_annotations(annotations, start, end)
    units = _build_units(text, start, end, anns, placement, room)
    _rank_breaks(units, text, start, end, phrases)
    n = len(units.start)
    if above:
        _fit_overhang(units, text, overhang)
    else:
        units.gap = [0] * n
    u_start, u_width, rank = units.start, units.width, units.rank
    lines: list[LaidLine] = []
    s = 0
    while s < n:
        if above:
            i = _scan_above(units, s, room, overhang)
        else:
            used = u_width[s]
            i = s + 1
            while i < n:
                used += u_width[i]
                if used > room:
                    break
                i += 1
            if i == s + 1 and u_width[s] > room:
                i = s
        if i >= n:
            e = nxt = n
        elif i == s:
            e = nxt = s + 1  # a single unit wider than the line (see the docstring)
        else:
            e, best = s + 1, -1
            for j in range(i, s, -1):
                r = rank[j]
                if r > best:
                    e, best = j, r
                    if r == _PHRASE:
                        break
            nxt = e
            while nxt < n and text[u_start[nxt]] in _SPACES and units.reading[nxt] is None:
                nxt += 1  # a space at a break is not drawn at the start of the next line
        line_end = u_start[nxt] if nxt < n else end
        base, over = _line_pieces(units, text, s, e, indent, placement, overhang)
        lines.append(LaidLine(u_start[s], line_end, base, over))
        s = nxt
    return tuple(lines)
