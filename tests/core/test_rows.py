"""Rows laid out lazily (reader.core.rows) agree with laying out every block at once."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.layers import RubySpan
from reader.core.layout import Placement, layout_block
from reader.core.rows import ArticleRows, Block, Row, document_blocks
from reader.core.sources import load_document, parse_text
from tests.conftest import SEED

WIDTH = 40


def seed_blocks() -> tuple[str, tuple[Block, ...]]:
    document = load_document(str(SEED))
    return document.text, document_blocks(document)


def readings_for(text: str):  # type: ignore[no-untyped-def]
    """A reading (よみ a character) over every run of kanji of a block."""

    def readings(block: Block) -> list[RubySpan]:
        spans, i = [], block.start
        while i < block.end:
            if "\u4e00" <= text[i] <= "\u9fff":
                j = i
                while j < block.end and "\u4e00" <= text[j] <= "\u9fff":
                    j += 1
                spans.append(RubySpan(i, j, "よみ" * (j - i)))
                i = j
            else:
                i += 1
        return spans

    return readings


def eager_rows(text: str, blocks: Sequence[Block], placement: Placement, readings) -> list[Row]:  # type: ignore[no-untyped-def]
    """Every row of the text, laid out block by block in one go."""
    per = 2 if placement is Placement.ABOVE else 1
    rows: list[Row] = []
    for block in blocks:
        lines = layout_block(text, block.start, block.end, readings(block), WIDTH, placement)
        for index in range(len(lines)):
            if per == 2:
                rows.append(Row(block.index, index, True))
            rows.append(Row(block.index, index, False))
        rows.append(Row(block.index, -1, False))
    return rows


@pytest.mark.parametrize("placement", list(Placement))
def test_lazy_rows_match_an_eager_layout_once_every_block_is_laid_out(placement: Placement) -> None:
    text, blocks = seed_blocks()
    readings = readings_for(text)
    rows = ArticleRows(text, blocks, width=WIDTH, placement=placement, readings=readings)
    expected = eager_rows(text, blocks, placement, readings)
    # Ask for rows in a scattered order, as scrolling and jumping would.
    for y in (0, 300, 120, 5, 999, 60):
        rows.row(min(y, rows.total - 1))
    next_block, _ = rows.fill(60.0, 0, lambda block: True)
    assert next_block == -1
    assert rows.total == len(expected)
    assert [rows.row(y) for y in range(rows.total)] == expected


def test_blocks_not_laid_out_have_estimated_heights_and_nothing_is_laid_out_ahead() -> None:
    text, blocks = seed_blocks()
    rows = ArticleRows(text, blocks, width=WIDTH, placement=Placement.ABOVE, readings=readings_for(text))
    assert rows.laid_out == 0
    assert rows.total > len(blocks)  # estimates: at least a line and a blank per block
    top = rows.ensure(0, 20)
    assert top == 0
    assert 0 < rows.laid_out < len(blocks)  # only what the screen shows
    assert all(rows.is_exact(b) for b in range(rows.laid_out))


def test_laying_out_a_block_above_keeps_the_same_row_on_top() -> None:
    text, blocks = seed_blocks()
    rows = ArticleRows(text, blocks, width=WIDTH, placement=Placement.ABOVE, readings=readings_for(text))
    middle = len(blocks) // 2
    top = rows.start_row(middle) + 1
    block_before, within_before = rows.locate(top)
    new_top = rows.ensure(top, 20, margin=40)  # lays out blocks above the top as well
    assert rows.locate(new_top) == (block_before, within_before)


def test_offsets_and_rows_agree() -> None:
    text, blocks = seed_blocks()
    rows = ArticleRows(text, blocks, width=WIDTH, placement=Placement.ABOVE, readings=readings_for(text))
    rows.fill(60.0, 0, lambda block: True)
    for block in blocks[::3]:
        row = rows.row_of_offset(block.start)
        assert rows.offset_at_row(row) == block.start
        assert rows.row(row) == Row(block.index, 0, True)  # the reading row of the block's first line
        assert rows.row_of_offset(block.end) == rows.start_row(block.index) + rows.height(block.index) - 1


def test_sections_start_at_their_heading() -> None:
    document = load_document(str(SEED))
    blocks = document_blocks(document)
    rows = ArticleRows(document.text, blocks, width=WIDTH, placement=Placement.OFF, readings=lambda b: [])
    for section in document.sections[1:]:
        assert section.heading is not None
        rows.lines(rows.block_at(section.heading.start))
        assert rows.offset_at_row(rows.section_row(section.index)) == section.heading.start


def test_invalidated_blocks_are_laid_out_again_with_new_readings() -> None:
    text, blocks = seed_blocks()
    current: dict[str, bool] = {"on": False}
    base = readings_for(text)

    def readings(block: Block) -> list[RubySpan]:
        return base(block) if current["on"] else []

    rows = ArticleRows(text, blocks, width=WIDTH, placement=Placement.ABOVE, readings=readings)
    first = rows.lines(2)
    assert not any(line.over for line in first)
    current["on"] = True
    assert rows.lines(2) == first  # cached until told
    rows.invalidate([2])
    assert not rows.is_exact(2)
    assert any(line.over for line in rows.lines(2))


def test_the_lines_of_old_blocks_leave_memory_but_their_heights_stay_exact() -> None:
    text, blocks = seed_blocks()
    rows = ArticleRows(text, blocks, width=WIDTH, placement=Placement.OFF, readings=lambda b: [], keep_blocks=16)
    rows.fill(60.0, 0, lambda block: True)
    assert len(rows._lines) == 16
    assert all(rows.is_exact(b) for b in range(len(blocks)))


paragraph = st.text(alphabet="あいう漢字。、「」Ab 1", min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(paragraph, min_size=1, max_size=12),
    width=st.integers(min_value=4, max_value=50),
    placement=st.sampled_from(list(Placement)),
    looks=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
)
def test_any_order_of_looking_gives_the_eager_rows(
    paragraphs: list[str], width: int, placement: Placement, looks: list[int]
) -> None:
    document = parse_text("題名\n\n" + "\n".join(p.replace("\n", " ") for p in paragraphs) + "\n", name="t.txt")
    blocks = document_blocks(document)
    text = document.text
    readings = readings_for(text)
    rows = ArticleRows(text, blocks, width=width, placement=placement, readings=readings)
    for y in looks:
        rows.ensure(min(y, rows.total - 1), 5, margin=3)
    rows.fill(60.0, 0, lambda block: True)
    expected: list[Row] = []
    per = 2 if placement is Placement.ABOVE else 1
    for block in blocks:
        lines = layout_block(text, block.start, block.end, readings(block), width, placement)
        for index in range(len(lines)):
            if per == 2:
                expected.append(Row(block.index, index, True))
            expected.append(Row(block.index, index, False))
        expected.append(Row(block.index, -1, False))
    assert [rows.row(y) for y in range(rows.total)] == expected
