"""Laying out one block: ranking the breaks, filling lines, and drawing each line's pieces."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.cells import display_text
from reader.core.layers import RubySpan
from reader.core.layout.model import (
    _SPACES,
    ALLOWED,
    FORCED,
    IN_WORD,
    PHRASE,
    LaidLine,
    Piece,
    Placement,
)
from reader.core.layout.overhang import _fit_overhang, _line_geometry, _scan_above
from reader.core.layout.units import _build_units, _inside_word, _Units, _valid_annotations
from reader.core.linebreak import NO_LINE_END, NO_LINE_START, break_allowed, phrase_breaks


def _rank_breaks(units: _Units, text: str, start: int, end: int, phrases_on: bool = True) -> None:
    """Fill ``units.rank`` for the boundary before each unit."""
    n = len(units.start)
    phrases = phrase_breaks(text, start, end) if phrases_on else frozenset()
    u_start = units.start
    reading = units.reading
    rank = [FORCED] * n
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
                rank[i] = PHRASE
        elif (before in _SPACES and before) or not break_allowed(text, p):
            continue  # after spaces: only as a last resort (leading spaces of a block)
        elif _inside_word(text, p):
            rank[i] = IN_WORD
        elif p in phrases:
            rank[i] = PHRASE
        else:
            rank[i] = ALLOWED
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
    annotations: Sequence[RubySpan],
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
                    if r == PHRASE:
                        break
            nxt = e
            while nxt < n and text[u_start[nxt]] in _SPACES and units.reading[nxt] is None:
                nxt += 1  # a space at a break is not drawn at the start of the next line
        line_end = u_start[nxt] if nxt < n else end
        base, over = _line_pieces(units, text, s, e, indent, placement, overhang)
        lines.append(LaidLine(u_start[s], line_end, base, over))
        s = nxt
    return tuple(lines)
