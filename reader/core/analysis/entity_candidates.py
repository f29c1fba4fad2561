"""Entity candidates: what the rules find (:class:`Candidate`), and what becomes of them after the rules.

:func:`recurrences` adds a mention wherever a name found once recurs, and
:func:`resolve` keeps nested candidates and drops those that cross a stronger
one or repeat a span.  :class:`Cover` tells in one look-up whether a span lies
inside a candidate.  The rules themselves are in
:mod:`reader.core.analysis.entity_finder` and :mod:`reader.core.analysis.entity_shapes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.layers import Token


@dataclass(slots=True)
class Candidate:
    """A mention before grouping, with what the rules learnt about it."""

    start: int
    end: int
    type: str
    priority: int
    """Higher wins when two candidates cross or share a span."""
    role: str = ""
    partner: int | None = None
    """Start of the other half of a ``name(reading)`` pair."""
    iso: str = ""
    reading: str = ""
    salient: bool = True
    """False for a name inside a longer one that the article does not name on its own
    (a city in a company's name); such a nested mention is dropped."""


class Cover:
    """For each character, the furthest end of a candidate that starts at or before it
    and covers it: whether a span lies inside a candidate is one look-up."""

    def __init__(self, size: int) -> None:
        self.reach = [0] * (size + 1)

    def add(self, start: int, end: int) -> None:
        reach = self.reach
        for k in range(start, end):
            if reach[k] < end:
                reach[k] = end

    def covers(self, at: int) -> bool:
        """True when a candidate covers the character at ``at``."""
        return self.reach[at] > at

    def contains(self, start: int, end: int) -> bool:
        """True when a candidate holds all of ``[start, end)``."""
        return self.reach[start] >= end


def recurrences(text: str, toks: Sequence[Token], found: list[Candidate]) -> None:
    """A name found once is a mention wherever it recurs on word boundaries.

    Names are matched at token starts only (one pass over the tokens with the
    names indexed by first character), and a recurrence inside a candidate
    already found is skipped with a per-character table, so the cost grows
    with the text, not with names × text or candidates²."""
    names = {text[c.start : c.end]: c.type for c in found if c.type != "DATE" and c.end - c.start >= 2}
    for c in list(found):
        if c.type == "PERSON":
            for part in text[c.start : c.end].replace("＝", "・").split("・"):
                if len(part) >= 2 and part not in names:
                    names[part] = "PERSON"
    lengths: dict[str, set[int]] = {}
    for surface in names:
        lengths.setdefault(surface[0], set()).add(len(surface))
    occurrences: dict[str, list[int]] = {}
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    for at in sorted(starts):
        for size in lengths.get(text[at : at + 1], ()):
            surface = text[at : at + size]
            if surface in names and at + size in ends:
                occurrences.setdefault(surface, []).append(at)
    covered = {(c.start, c.end) for c in found}
    inside = Cover(len(text))
    for c in found:
        inside.add(c.start, c.end)
    for surface, kind in names.items():
        end_of = len(surface)
        last_end = -1
        for at in occurrences.get(surface, ()):
            if at < last_end:
                continue  # str.find does not return overlapping occurrences
            end = at + end_of
            last_end = end
            if (at, end) not in covered and not inside.contains(at, end):
                found.append(Candidate(at, end, kind, 1))
                inside.add(at, end)


def resolve(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Keep nested candidates, drop those that cross a stronger one or repeat a span,
    and nested ones the article does not name on their own."""
    nested = _nested(candidates)
    alone = {text[c.start : c.end] for c, inner in zip(candidates, nested, strict=True) if c.salient or not inner}
    candidates = [
        c
        for c, inner in zip(candidates, nested, strict=True)
        if c.salient or text[c.start : c.end] in alone or not inner
    ]
    ordered = sorted(candidates, key=lambda c: (-c.priority, c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    spans: set[tuple[int, int]] = set()
    by_start: dict[int, list[int]] = {}
    by_end: dict[int, list[int]] = {}
    for c in ordered:
        if (c.start, c.end) in spans or _crosses(c, by_start, by_end):
            continue
        kept.append(c)
        spans.add((c.start, c.end))
        by_start.setdefault(c.start, []).append(c.end)
        by_end.setdefault(c.end, []).append(c.start)
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _nested(candidates: Sequence[Candidate]) -> list[bool]:
    """For each candidate, whether another one with a different span holds it."""
    spans = sorted({(c.start, c.end) for c in candidates}, key=lambda s: (s[0], -s[1]))
    inside: set[tuple[int, int]] = set()
    reach = -1  # the furthest end of a span starting before the current start
    i = 0
    while i < len(spans):
        start = spans[i][0]
        j = i
        while j < len(spans) and spans[j][0] == start:
            j += 1
        widest = spans[i][1]  # spans of one start come widest first
        for k in range(i, j):
            end = spans[k][1]
            if reach >= end or (k > i and widest > end):
                inside.add(spans[k])
        reach = max(reach, widest)
        i = j
    return [(c.start, c.end) in inside for c in candidates]


def _crosses(c: Candidate, by_start: dict[int, list[int]], by_end: dict[int, list[int]]) -> bool:
    """True when a kept span overlaps ``c`` without holding it or lying inside it: one
    starting inside ``c`` and ending after it, or ending inside it and starting before."""
    for at in range(c.start + 1, c.end):
        if any(end > c.end for end in by_start.get(at, ())):
            return True
        if any(start < c.start for start in by_end.get(at, ())):
            return True
    return False
