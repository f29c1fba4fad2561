"""The rows of the article on screen, laid out only where the reader looks.

The article is a sequence of blocks (title, headings, paragraphs).  For a
width and a furigana placement each block becomes display lines
(:func:`reader.core.layout.layout_block`) and each line one row, or two with
readings above; a blank row follows every block.  Laying out a whole novel for
every width, mode and arrival of readings would cost seconds, so
:class:`ArticleRows` lays out a block only when a row of it is asked for and
keeps an *estimate* of every other block's height.  A Fenwick tree of the
heights turns a row into its block, and a block into its first row, in
O(log n); when a block is laid out its exact height replaces the estimate and
only the rows below it move.  The laid-out lines of the most recently used
blocks are kept (an LRU of ``keep_blocks``), so memory does not grow with the
text.

Pure: no Textual, no Rich.  :class:`reader.widgets.article_view.ArticleView`
draws what this module lays out.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.document import Document
from reader.core.layers import RubySpan
from reader.core.layout import LaidLine, Placement, layout_block

__all__ = ["ArticleRows", "Block", "Row", "document_blocks"]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article: the title, a heading or a paragraph."""

    index: int
    kind: str
    """``"title"``, ``"heading"`` or ``"paragraph"``."""
    start: int
    end: int
    section: int
    """Index of the section the block belongs to (0 for the title)."""


def document_blocks(document: Document) -> tuple[Block, ...]:
    """The blocks of ``document`` in reading order."""
    return tuple(
        Block(index, kind, span.start, span.end, section.index if section is not None else 0)
        for index, (kind, span, section) in enumerate(document.blocks())
    )


@dataclass(frozen=True, slots=True)
class Row:
    """One terminal row: a line of a block (its reading row or its text row) or the blank after a block."""

    block: int
    line: int
    """Index of the line within the block; -1 for the blank row after the block."""
    over: bool
    """True for the reading row above a line of text."""


class _Heights:
    """Block heights with prefix sums and search by row (a Fenwick tree)."""

    def __init__(self, heights: Sequence[int]) -> None:
        self.values = list(heights)
        n = len(self.values)
        tree = [0] * (n + 1)
        for i, value in enumerate(self.values, 1):
            tree[i] += value
            parent = i + (i & -i)
            if parent <= n:
                tree[parent] += tree[i]
        self._tree = tree
        self.total = sum(self.values)
        self._top_bit = 1 << (n.bit_length() - 1) if n else 0

    def set(self, index: int, value: int) -> None:
        delta = value - self.values[index]
        if not delta:
            return
        self.values[index] = value
        self.total += delta
        i = index + 1
        tree = self._tree
        while i < len(tree):
            tree[i] += delta
            i += i & -i

    def before(self, index: int) -> int:
        """Sum of the heights of the blocks before ``index``."""
        total, i, tree = 0, index, self._tree
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    def find(self, row: int) -> int:
        """The block holding ``row`` (clamped to the first and last block)."""
        if row <= 0 or not self.values:
            return 0
        position, remaining, step, tree, n = 0, row, self._top_bit, self._tree, len(self.values)
        while step:
            nxt = position + step
            if nxt <= n and tree[nxt] <= remaining:
                position = nxt
                remaining -= tree[nxt]
            step >>= 1
        return min(position, n - 1)


class ArticleRows:
    """Rows of the article for one width and placement, exact where laid out, estimated elsewhere.

    ``readings(block)`` gives the readings (sorted, not overlapping) to draw
    over a block: kana, romaji, or none; it is called when the block is laid
    out, so readings that arrive later are drawn once the block is
    :meth:`invalidate`-d.  ``phrases()`` tells whether BudouX phrase breaks
    may be used yet.
    """

    def __init__(
        self,
        text: str,
        blocks: Sequence[Block],
        *,
        width: int,
        placement: Placement,
        readings: Callable[[Block], Sequence[RubySpan]],
        phrases: Callable[[], bool] = lambda: True,
        keep_blocks: int = 2048,
    ) -> None:
        self.text = text
        self.blocks = tuple(blocks)
        self.width = max(2, width)
        self.placement = Placement(placement)
        self._readings = readings
        self._phrases = phrases
        self._keep = max(16, keep_blocks)
        self._lines: OrderedDict[int, tuple[LaidLine, ...]] = OrderedDict()
        self._exact = bytearray(len(self.blocks))
        """1 where a block's height is its laid-out height (it stays so when its lines leave the LRU)."""
        self._starts = [block.start for block in self.blocks]
        self._heights = _Heights([self._estimate(block) for block in self.blocks])
        self.laid_out = 0
        """How many block layouts were done (for tests and benchmarks)."""

    # ---------------------------------------------------------------- heights

    @property
    def rows_per_line(self) -> int:
        return 2 if self.placement is Placement.ABOVE else 1

    def _estimate(self, block: Block) -> int:
        """Rows of a block not laid out yet: its characters as two cells each, wrapped at the width."""
        cells = 2 * (block.end - block.start)
        if self.placement is Placement.INLINE:
            cells += cells // 3  # readings in brackets after the kanji
        lines = max(1, -(-cells // self.width))
        return lines * self.rows_per_line + 1

    @property
    def total(self) -> int:
        """Rows of the whole article (exact once every block was laid out)."""
        return self._heights.total

    def height(self, block: int) -> int:
        return self._heights.values[block]

    def is_exact(self, block: int) -> bool:
        """True when the block's height is its laid-out height, not an estimate."""
        return bool(self._exact[block])

    def next_estimated(self, start: int = 0) -> int:
        """The first block at or after ``start`` whose height is still an estimate (-1: none)."""
        return self._exact.find(0, start)

    def start_row(self, block: int) -> int:
        """The first row of ``block`` (exact above only where the blocks above were laid out)."""
        return self._heights.before(block)

    def locate(self, row: int) -> tuple[int, int]:
        """``(block, row within the block)`` of ``row``, clamped into the article."""
        if not self.blocks:
            return 0, 0
        row = max(0, min(row, self.total - 1))
        block = self._heights.find(row)
        return block, row - self._heights.before(block)

    # ---------------------------------------------------------------- lines

    def lines(self, block: int) -> tuple[LaidLine, ...]:
        """The display lines of ``block``, laid out now if they were not (its height becomes exact)."""
        lines = self._lines.get(block)
        if lines is not None:
            self._lines.move_to_end(block)
            return lines
        b = self.blocks[block]
        lines = layout_block(
            self.text, b.start, b.end, self._readings(b), self.width, self.placement, phrases=self._phrases()
        )
        self.laid_out += 1
        self._lines[block] = lines
        self._exact[block] = 1
        if len(self._lines) > self._keep:
            # The oldest block keeps its exact height as its estimate: nothing moves.
            self._lines.popitem(last=False)
        self._heights.set(block, len(lines) * self.rows_per_line + 1)
        return lines

    def fill(self, seconds: float, start: int, wanted: Callable[[int], bool]) -> tuple[int, bool]:
        """Lay out blocks whose height is an estimate, from ``start``, for about ``seconds``.

        ``wanted(block)`` says whether a block may be laid out now (one waiting
        for its readings is skipped).  Returns where to go on next time (-1:
        every block was visited) and whether any height changed.
        """
        from time import perf_counter

        deadline = perf_counter() + seconds
        laid = False
        block = self.next_estimated(start)
        while block >= 0 and perf_counter() < deadline:
            if wanted(block):
                self.lines(block)
                laid = True
            block = self.next_estimated(block + 1)
        return block, laid

    def row(self, y: int) -> Row | None:
        """What row ``y`` shows (laying out its block when needed); None past the end."""
        if not 0 <= y < self.total:
            return None
        block, _ = self.locate(y)
        if block not in self._lines:
            self.lines(block)  # its height may change: find the row again
            if not 0 <= y < self.total:
                return None
            block, _ = self.locate(y)
        lines = self.lines(block)
        within = y - self.start_row(block)
        per = self.rows_per_line
        if within >= len(lines) * per:
            return Row(block, -1, False)
        return Row(block, within // per, per == 2 and within % 2 == 0)

    def line_of(self, row: Row) -> LaidLine | None:
        if row.line < 0:
            return None
        return self.lines(row.block)[row.line]

    def invalidate(self, blocks: Sequence[int] | None = None) -> None:
        """Lay these blocks out again when next asked (all with None); heights stay as estimates."""
        if blocks is None:
            self._lines.clear()
            self._exact = bytearray(len(self.blocks))
            return
        for block in blocks:
            self._lines.pop(block, None)
            self._exact[block] = 0

    # ---------------------------------------------------------------- offsets

    def block_at(self, offset: int) -> int:
        """The block holding ``offset``; the newline after a block belongs to it."""
        if not self.blocks:
            return 0
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def row_of_offset(self, offset: int) -> int:
        """The first row showing ``offset``: the reading row of its line when there is one."""
        if not self.blocks:
            return 0
        block = self.block_at(offset)
        lines = self.lines(block)
        starts = [line.start for line in lines]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        start = self.start_row(block)
        if offset >= self.blocks[block].end and self.blocks[block].end > self.blocks[block].start:
            return start + len(lines) * self.rows_per_line  # the blank row after the block
        return start + index * self.rows_per_line

    def offset_at_row(self, y: int) -> int:
        """The article offset shown at the start of row ``y``."""
        if not self.blocks:
            return 0
        block, within = self.locate(y)
        b = self.blocks[block]
        if block not in self._lines:
            return b.start
        lines = self._lines[block]
        index = within // self.rows_per_line
        return lines[index].start if index < len(lines) else b.end

    def rows_of_range(self, start: int, end: int) -> list[int]:
        """The rows (both rows of a line with readings above) showing any of ``[start, end)``, where laid out."""
        if not self.blocks or end <= start:
            return []
        found: list[int] = []
        first, last = self.block_at(start), self.block_at(max(start, end - 1))
        per = self.rows_per_line
        for block in range(first, last + 1):
            lines = self._lines.get(block)
            if lines is None:
                continue
            top = self.start_row(block)
            for index, line in enumerate(lines):
                if line.start < end and (line.end > start or line.start == start):
                    found.extend(range(top + index * per, top + (index + 1) * per))
        return found

    def section_row(self, section: int) -> int:
        """The first row of a section (its heading, or its first paragraph for the lead)."""
        for block in self.blocks:
            if block.section == section and block.kind != "title":
                return self.start_row(block.index)
        return 0

    def ensure(self, top: int, height: int, margin: int = 0) -> int:
        """Lay out what rows ``top`` … ``top + height`` show, with ``margin`` rows around.

        Returns the row the top should move to so that the same row of the same
        block stays at the top: blocks laid out above it may have changed height.
        """
        if not self.blocks:
            return 0
        block, within = self.locate(top)
        # Below the top: lay out until the screen and the margin are covered.
        covered, b = -within, block
        while b < len(self.blocks) and covered < height + margin:
            self.lines(b)
            covered += self.height(b)
            b += 1
        # Above the top: the margin, so that scrolling up shows laid-out rows.
        above, b = 0, block - 1
        while b >= 0 and above < margin:
            self.lines(b)
            above += self.height(b)
            b -= 1
        within = min(within, self.height(block) - 1)
        return max(0, min(self.start_row(block) + within, self.total - 1))
