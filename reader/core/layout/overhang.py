"""Ruby above the text: how far a reading may overhang its neighbours, and what fits on a line.

See :mod:`reader.core.layout` (step 1 and 3) for the rules.
"""

from __future__ import annotations

from reader.core.analysis.kana import is_kanji
from reader.core.cells import cell_len
from reader.core.layout.units import _Units


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
        if shown is None and not is_kanji(text[u_start[k]]):
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
