"""Marks: styles the reader lays over ranges of the text, in layers.

The word cursor, a selection, glossary terms, names by type and words by study
status are each a *layer* of :class:`Mark` spans naming a component class of
the article view (its colours live in the ``.tcss``).  A layer is either a
fixed list or a *source*, a function giving the marks of a range when a row is
drawn — the study-status layer is one, so marking a word costs nothing in
proportion to the text.  Pure: no Textual, no Rich.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["LAYER_ORDER", "Mark", "MarkLayers"]

LAYER_ORDER = ("emphasis", "status", "entities", "glossary", "selection", "cursor")
"""Layers from bottom to top: a later layer's style wins where both set a colour."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A style over text ``[start, end)``: a component class of the article view."""

    start: int
    end: int
    component: str
    """E.g. ``article-view--cursor``."""


MarkSource = Callable[[int, int], Iterable[Mark]]
"""Gives the marks overlapping ``[start, end)``."""


class _Layer:
    def __init__(self, marks: Iterable[Mark]) -> None:
        self.marks = tuple(sorted(marks, key=lambda mark: (mark.start, mark.end)))
        self.starts = [mark.start for mark in self.marks]
        self.longest = max((mark.end - mark.start for mark in self.marks), default=0)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [mark for mark in self.marks[lo:hi] if mark.end > start]


class MarkLayers:
    """The mark layers of one view."""

    def __init__(self) -> None:
        self._fixed: dict[str, _Layer] = {}
        self._sources: dict[str, MarkSource] = {}
        self.version = 0
        """Grows with every change (views drop what they drew with older marks)."""

    def set(self, layer: str, marks: Iterable[Mark]) -> bool:
        """Replace a fixed layer; True when it changed."""
        new = _Layer(marks)
        old = self._fixed.get(layer)
        if (old.marks if old else ()) == new.marks:
            return False
        if new.marks:
            self._fixed[layer] = new
        else:
            self._fixed.pop(layer, None)
        self.version += 1
        return True

    def set_source(self, layer: str, source: MarkSource | None) -> None:
        """Make ``layer`` computed per range by ``source`` (None: no such layer)."""
        if source is None:
            self._sources.pop(layer, None)
        else:
            self._sources[layer] = source
        self.version += 1

    def touch(self) -> None:
        """What a source gives has changed (a word was marked): redraw."""
        self.version += 1

    def get(self, layer: str) -> tuple[Mark, ...]:
        """The marks of a fixed layer."""
        found = self._fixed.get(layer)
        return found.marks if found else ()

    def layer(self, name: str, start: int = 0, end: int = 1 << 62) -> list[Mark]:
        """The marks of one layer (fixed or computed) overlapping ``[start, end)``."""
        found = self._fixed.get(name)
        if found is not None:
            return found.overlapping(start, end)
        source = self._sources.get(name)
        return list(source(start, end)) if source is not None else []

    def __bool__(self) -> bool:
        return bool(self._fixed or self._sources)

    def _order(self) -> list[str]:
        names = set(self._fixed) | set(self._sources)
        return [name for name in LAYER_ORDER if name in names] + sorted(names - set(LAYER_ORDER))

    def in_range(self, start: int, end: int) -> list[Mark]:
        """The marks overlapping ``[start, end)``, bottom layer first."""
        found: list[Mark] = []
        for name in self._order():
            layer = self._fixed.get(name)
            if layer is not None:
                found.extend(layer.overlapping(start, end))
            source = self._sources.get(name)
            if source is not None:
                found.extend(mark for mark in source(start, end) if mark.end > start and mark.start < end)
        return found

    def components_at(self, offset: int) -> list[str]:
        """Component classes of the marks over ``offset``, bottom layer first."""
        return [mark.component for mark in self.in_range(offset, offset + 1)]
