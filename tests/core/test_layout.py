"""Layout of blocks into terminal rows with ruby: exact small cases and invariants on the seed."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import pytest

from reader.core.cells import cell_len, char_width, display_text
from reader.core.layers import RubySpan
from reader.core.layout import LaidLine, Piece, Placement, layout_block
from reader.core.linebreak import NO_LINE_END, NO_LINE_START, break_allowed
from reader.core.sources import load_document
from tests.conftest import SEED

SPACES = " \u3000\t"


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("ch", "width"),
    [
        ("a", 1),
        ("大", 2),
        ("ー", 2),
        ("Ａ", 2),  # fullwidth
        ("\u3000", 2),
        ("\u0301", 0),  # combining acute
        ("\u200b", 0),
        ("\x1b", 2),  # ^[
        ("\x7f", 2),  # ^?
        ("\x9b", 4),  # <9b>
        ("\t", 1),
        ("…", 1),
    ],
)
def test_char_width(ch: str, width: int) -> None:
    assert char_width(ch) == width
    assert cell_len(ch) == width


def test_display_text_makes_control_characters_visible() -> None:
    assert display_text("\x1b[31m赤\x1b[0m") == "^[[31m赤^[[0m"
    assert display_text("a\x7fb\x9bc\td\x00") == "a^?b<9b>c d^@"
    assert display_text("普通の文") == "普通の文"


def test_cell_len_measures_what_is_drawn() -> None:
    for s in ["\x1b[31m赤\x1b[0m", "NATO加盟", "e\u0301", "a\x9bb", "全角　空白"]:
        shown = display_text(s)
        assert cell_len(s) == sum(char_width(ch) for ch in shown)
    assert cell_len("プーチン大統領が") == 16
    assert cell_len("2023年") == 6


# ---------------------------------------------------------------- invariants


def row_width(row: Sequence[Piece]) -> int:
    return max((p.column + cell_len(p.text) for p in row), default=0)


def check_row(row: Sequence[Piece], width: int, indent: int, min_gap: int) -> None:
    """Pieces sorted by column, inside [indent, width), ``min_gap`` blank cells between them at least."""
    last_end = None
    for piece in row:
        assert piece.column >= indent, piece
        assert piece.column + cell_len(piece.text) <= width, piece
        if last_end is not None:
            assert piece.column >= last_end + min_gap, (row, piece)
        last_end = piece.column + cell_len(piece.text)


def base_row_cells(row: Sequence[Piece]) -> dict[int, tuple[str, Piece]]:
    """Each occupied cell of a base row: the character drawn there and its piece."""
    cells = {}
    for piece in row:
        col = piece.column
        for ch in piece.text:
            for c in range(col, col + char_width(ch)):
                cells[c] = (ch, piece)
            col += char_width(ch)
    return cells


def check_ruby_over_base(ruby: Piece, base: Piece, cells: dict[int, tuple[str, Piece]], overhang: int) -> None:
    """A reading covers its base (or sits inside it when narrower), as centred as the overhang allows,
    and overhangs at most ``overhang`` cells of unannotated, non-kanji characters on each side."""
    r0, r1 = ruby.column, ruby.column + cell_len(ruby.text)
    b0, b1 = base.column, base.column + cell_len(base.text)
    shift = (r0 + r1) - (b0 + b1)  # twice the distance between the centres
    if r1 - r0 <= b1 - b0 or overhang == 0:
        assert abs(shift) <= 1, (ruby, base)
    else:
        assert r0 <= b0 and b1 <= r1, (ruby, base)
        assert abs(shift) <= 1 + 2 * overhang, (ruby, base)
    for side in (range(r0, min(r1, b0)), range(max(r0, b1), r1)):
        covered = [cells[c] for c in side if c in cells]
        assert len(covered) <= overhang, (ruby, base, covered)
        for ch, piece in covered:
            assert piece.kind == "text" and not is_kanji(ch), (ruby, base, piece)


def glue(text: str, ann: RubySpan, anns: Sequence[RubySpan], start: int, end: int) -> int:
    """Cells of the characters kinsoku keeps on the line of ``ann`` (「 before it, 」。 after it)."""
    before = max([a.end for a in anns if a.end <= ann.start], default=start)
    after = min([a.start for a in anns if a.start >= ann.end], default=end)
    left = ann.start
    while left > before and not break_allowed(text, left):
        left -= 1
    right = ann.end
    while right < after and not break_allowed(text, right):
        right += 1
    return cell_len(text[left : ann.start]) + cell_len(text[ann.end : right])


def check_layout(
    text: str,
    start: int,
    end: int,
    anns: Sequence[RubySpan],
    width: int,
    placement: Placement,
    lines: Sequence[LaidLine],
    indent: int = 0,
    *,
    kinsoku: bool = True,
    overhang: int = 2,
) -> None:
    """Every rule of the layout, checked on what layout_block returned.

    ``overhang`` is the one the layout was made with (it matters above only).
    ``kinsoku=False`` skips the check that a forbidden line start or end was
    unavoidable (random readings over 」！ and spaces make "unavoidable" depend
    on how a too-wide unit was cut, which the check does not model).
    """
    assert lines
    # the lines tile the block
    assert lines[0].start == start
    assert lines[-1].end == end
    for a, b in pairwise(lines):
        assert a.end == b.start

    room = width - indent
    drawn: list[Piece] = []  # article characters (text/base pieces), in order
    whole_bases: set[tuple[int, int]] = set()
    for line in lines:
        check_row(line.base, width, indent, 0)
        if placement is Placement.ABOVE:
            assert line.over is not None
            check_row(line.over, width, indent, 1)  # readings never touch
        else:
            assert line.over is None
        bases = {(p.start, p.end): p for p in line.base if p.kind == "base"}
        article = [p for p in line.base if p.kind in ("text", "base")]
        # article characters of a line: contiguous from line.start, then only dropped spaces
        pos = line.start
        for piece in article:
            assert piece.start == pos, (line, piece)
            assert piece.text == display_text(text[piece.start : piece.end])
            pos = piece.end
        assert set(text[pos : line.end]) <= set(SPACES), line
        drawn.extend(article)
        whole_bases.update(bases)
        if placement is Placement.OFF:
            assert all(p.kind == "text" for p in line.base)
        if placement is Placement.INLINE:
            for i, piece in enumerate(line.base):
                if piece.kind == "inline":
                    # right after its base, on the same line
                    base = line.base[i - 1]
                    assert base.kind == "base" and (base.start, base.end) == (piece.start, piece.end)
                    assert piece.column == base.column + cell_len(base.text)
                    assert piece.text.startswith("(") and piece.text.endswith(")")
        if placement is Placement.ABOVE:
            assert all(p.kind in ("text", "base") for p in line.base)
            cells = base_row_cells(line.base)
            for ruby in line.over or ():
                assert ruby.kind == "ruby"
                base = bases[(ruby.start, ruby.end)]  # the base is on this very line
                check_ruby_over_base(ruby, base, cells, overhang)

    # the article text comes back, less the spaces dropped at breaks
    kept = {i for p in drawn for i in range(p.start, p.end)}
    assert "".join(text[p.start : p.end] for p in drawn) == "".join(text[i] for i in range(start, end) if i in kept)
    assert all(text[i] in SPACES for i in range(start, end) if i not in kept)

    # readings: whole over their base when the unit fits a line, shared out otherwise
    if placement is not Placement.OFF:
        kind = "ruby" if placement is Placement.ABOVE else "inline"
        shown = [p for line in lines for p in (line.over or line.base) if p.kind == kind]
        base_pieces = [p for line in lines for p in line.base if p.kind == "base"]
        for ann in anns:
            base_w = cell_len(text[ann.start : ann.end])
            reading = display_text(ann.reading)
            slot = max(base_w, cell_len(reading)) if placement is Placement.ABOVE else base_w + cell_len(reading) + 2
            mine = [p for p in shown if ann.start <= p.start and p.end <= ann.end]
            whole = [(p.start, p.end) for p in mine] == [(ann.start, ann.end)]
            if slot + glue(text, ann, anns, start, end) <= room:
                assert whole, (ann, mine)
            if whole and slot <= room:
                assert mine[0].text == (reading if placement is Placement.ABOVE else f"({reading})")
            else:
                # split only because it (and the 「」 glued to it) was wider than the line
                assert slot + glue(text, ann, anns, start, end) > room
                joined = "".join(p.text.strip("()") for p in mine)
                if joined != reading and "…" not in joined:
                    # a share can vanish only when not even "(…)" fits beside its base
                    assert placement is Placement.INLINE, (ann, mine)
                    assert len(mine) < len([b for b in base_pieces if ann.start <= b.start < ann.end])

    # kinsoku, except where no allowed break existed on the line (a base kept whole
    # has none inside; one split because it was wider than the line has)
    inside_bases = {p for ann in anns if (ann.start, ann.end) in whole_bases for p in range(ann.start + 1, ann.end)}
    for a, b in pairwise(lines if kinsoku else ()):
        a_art = [p for p in a.base if p.kind in ("text", "base")]
        b_art = [p for p in b.base if p.kind in ("text", "base")]
        if not a_art or not b_art:
            continue
        last = text[a_art[-1].end - 1]
        first = text[b_art[0].start]
        if last in NO_LINE_END or first in NO_LINE_START:
            options = [
                p
                for p in range(a.start + 1, b_art[0].start + 1)
                if p not in inside_bases
                and text[p - 1] not in SPACES
                and text[p] not in SPACES
                and break_allowed(text, p)
            ]
            assert not options, (a, b, options)


# ---------------------------------------------------------------- the seed article


@cache
def seed_blocks() -> tuple[str, tuple[tuple[str, int, int], ...]]:
    doc = load_document(str(SEED))
    return doc.text, tuple((kind, span.start, span.end) for kind, span, _section in doc.blocks())


def is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "々"


def runs(text: str, start: int, end: int, pred) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    out, i = [], start
    while i < end:
        if pred(text[i]):
            j = i
            while j < end and pred(text[j]):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def kana_readings(text: str, start: int, end: int) -> list[RubySpan]:
    """A made-up reading, two kana per kanji, over each run of kanji."""
    return [RubySpan(a, b, "よみ" * (b - a)) for a, b in runs(text, start, end, is_kanji)]


def romaji_readings(text: str, start: int, end: int) -> list[RubySpan]:
    """Long romaji-like readings over every word (kanji, katakana, Latin runs), some very long."""

    def word_class(ch: str) -> int:
        if is_kanji(ch):
            return 1
        if "\u30a0" <= ch <= "\u30ff":
            return 2
        if ch.isascii() and ch.isalnum():
            return 3
        return 0

    out = []
    i, n = start, 0
    while i < end:
        cls = word_class(text[i])
        if not cls:
            i += 1
            continue
        j = i
        while j < end and word_class(text[j]) == cls:
            j += 1
        n += 1
        reading = "x" * 45 if n % 11 == 0 else "kya" * (j - i) + "n"
        out.append(RubySpan(i, j, reading))
        i = j
    return out


WIDTHS = [*range(20, 48), *range(48, 161, 7), 160]


@pytest.mark.parametrize(
    ("placement", "overhang"),
    [(Placement.ABOVE, 2), (Placement.ABOVE, 0), (Placement.INLINE, 2), (Placement.OFF, 2)],
)
@pytest.mark.parametrize("readings", [kana_readings, romaji_readings])
def test_seed_article_at_many_widths(placement: Placement, overhang: int, readings) -> None:  # type: ignore[no-untyped-def]
    text, blocks = seed_blocks()
    for kind, start, end in blocks:
        anns = readings(text, start, end)
        indent = 2 if kind == "heading" else 0
        for width in WIDTHS:
            lines = layout_block(text, start, end, anns, width, placement, indent=indent, overhang=overhang)
            check_layout(text, start, end, anns, width, placement, lines, indent, overhang=overhang)


def test_seed_overhang_takes_no_more_rows_than_padding() -> None:
    text, blocks = seed_blocks()
    for width in (30, 60, 80, 120):
        rows = {
            overhang: sum(
                len(layout_block(text, s, e, kana_readings(text, s, e), width, overhang=overhang))
                for _kind, s, e in blocks
            )
            for overhang in (0, 2)
        }
        assert rows[2] <= rows[0], (width, rows)


def test_seed_breaks_follow_phrases_where_they_can() -> None:
    """With no readings, most breaks of the seed land on BudouX phrase boundaries."""
    from reader.core.linebreak import phrase_breaks

    text, blocks = seed_blocks()
    on_phrase = total = 0
    for _kind, start, end in blocks:
        phrases = phrase_breaks(text, start, end)
        for line in layout_block(text, start, end, [], 40, Placement.OFF)[1:]:
            total += 1
            on_phrase += line.start in phrases or text[line.start - 1] in SPACES
    assert total > 100
    assert on_phrase / total > 0.9


def test_seed_latin_words_and_numbers_are_not_split() -> None:
    text, blocks = seed_blocks()
    for width in WIDTHS:
        for _kind, start, end in blocks:
            for line in layout_block(text, start, end, [], width, Placement.OFF)[1:]:
                p = line.start
                assert not (text[p - 1].isascii() and text[p - 1].isalnum() and text[p].isascii() and text[p].isalnum())


# ---------------------------------------------------------------- exact cases


def rows(lines: Sequence[LaidLine]) -> list[tuple[list[tuple[int, str, str]], list[tuple[int, str]] | None]]:
    return [
        (
            [(p.column, p.text, p.kind) for p in line.base],
            None if line.over is None else [(p.column, p.text) for p in line.over],
        )
        for line in lines
    ]


PUTIN = "プーチン大統領が"
PUTIN_RUBY = [RubySpan(4, 7, "だいとうりょう")]


def test_without_overhang_ruby_above_is_centred_and_the_base_padded() -> None:
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40, overhang=0)
    # だいとうりょう takes 14 cells over a 6-cell base: the slot is 14 wide (cells 8-21),
    # the base sits in its middle (12-17) and が follows the slot.
    assert rows(lines) == [
        ([(0, "プーチン", "text"), (12, "大統領", "base"), (22, "が", "text")], [(8, "だいとうりょう")]),
    ]
    assert [(p.start, p.end) for p in lines[0].base] == [(0, 4), (4, 7), (7, 8)]
    assert (lines[0].over[0].start, lines[0].over[0].end) == (4, 7)  # type: ignore[index]


def test_ruby_overhangs_the_kana_beside_its_base() -> None:
    # だいとうりょう stands 8 cells wider than 大統領: it overhangs ン and が by 2 cells
    # each (cells 6-7 and 18-19), so the base is padded by only 2 cells a side.
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40)
    assert rows(lines) == [
        ([(0, "プーチン", "text"), (10, "大統領", "base"), (18, "が", "text")], [(6, "だいとうりょう")]),
    ]
    assert rows(layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40, overhang=2)) == rows(lines)


PUTIN_LONG = "プーチン大統領が18日から"
PUTIN_LONG_RUBY = [RubySpan(4, 7, "だいとうりょう"), RubySpan(10, 11, "にち")]


def test_two_readings_share_the_kana_between_them() -> None:
    lines = layout_block(PUTIN_LONG, 0, len(PUTIN_LONG), PUTIN_LONG_RUBY, 60)
    # 大統領 padded 2 a side as above; にち (4 cells over 2) overhangs 8 and か by one
    # cell each and keeps a blank cell (20) from だいとうりょう, which ends over が.
    assert rows(lines) == [
        (
            [
                (0, "プーチン", "text"),
                (10, "大統領", "base"),
                (18, "が18", "text"),
                (22, "日", "base"),
                (24, "から", "text"),
            ],
            [(6, "だいとうりょう"), (21, "にち")],
        )
    ]
    # without overhang: the old layout, every base padded to its reading's width
    lines = layout_block(PUTIN_LONG, 0, len(PUTIN_LONG), PUTIN_LONG_RUBY, 60, overhang=0)
    assert rows(lines) == [
        (
            [
                (0, "プーチン", "text"),
                (12, "大統領", "base"),
                (22, "が18", "text"),
                (27, "日", "base"),
                (30, "から", "text"),
            ],
            [(8, "だいとうりょう"), (26, "にち")],
        )
    ]


def test_okurigana_stay_with_their_kanji() -> None:
    # つよ over 強 overhangs を and め by one cell each: 強める is not torn apart
    text = "を強める狙い"
    anns = [RubySpan(1, 2, "つよ"), RubySpan(4, 5, "ねら")]
    assert rows(layout_block(text, 0, len(text), anns, 40)) == [
        (
            [
                (0, "を", "text"),
                (2, "強", "base"),
                (4, "める", "text"),
                (8, "狙", "base"),
                (10, "い", "text"),
            ],
            [(1, "つよ"), (7, "ねら")],
        )
    ]
    assert rows(layout_block(text, 0, len(text), anns, 40, overhang=0)) == [
        (
            [
                (0, "を", "text"),
                (3, "強", "base"),
                (6, "める", "text"),
                (11, "狙", "base"),
                (14, "い", "text"),
            ],
            [(2, "つよ"), (10, "ねら")],
        )
    ]


def test_a_reading_never_overhangs_an_annotated_neighbour() -> None:
    # きたちょうせん may overhang の but not 訪問, which has a reading of its own: it is
    # padded 2 cells left (2 overhang の) and 4 right; ほうもん overhangs nothing on
    # the left (padded 2) and is kept one blank cell (14) from きたちょうせん.
    text = "の北朝鮮訪問を"
    anns = [RubySpan(1, 4, "きたちょうせん"), RubySpan(4, 6, "ほうもん")]
    assert rows(layout_block(text, 0, len(text), anns, 40)) == [
        (
            [(0, "の", "text"), (4, "北朝鮮", "base"), (17, "訪問", "base"), (21, "を", "text")],
            [(0, "きたちょうせん"), (15, "ほうもん")],
        )
    ]


def test_a_reading_never_overhangs_a_kanji_without_one() -> None:
    text = "新大統領が"
    lines = layout_block(text, 0, len(text), [RubySpan(1, 4, "だいとうりょう")], 40)
    # 新 has no reading here but is a kanji: padded 4 cells on the left, overhang が on the right
    assert rows(lines) == [
        ([(0, "新", "text"), (6, "大統領", "base"), (14, "が", "text")], [(2, "だいとうりょう")]),
    ]


def test_at_the_start_of_a_line_the_reading_overhangs_right_only() -> None:
    # nothing to overhang on the left: 大統領 is padded 4 cells left and 2 right, centred
    text = "大統領が"
    lines = layout_block(text, 0, len(text), [RubySpan(0, 3, "だいとうりょう")], 40)
    assert rows(lines) == [([(4, "大統領", "base"), (12, "が", "text")], [(0, "だいとうりょう")])]
    lines = layout_block(text, 0, len(text), [RubySpan(0, 3, "だいとうりょう")], 40, indent=2)
    assert rows(lines) == [([(6, "大統領", "base"), (14, "が", "text")], [(2, "だいとうりょう")])]
    # つよ shifts right to overhang め by 2 cells rather than pad 強 by one
    text = "強める狙いか"
    anns = [RubySpan(0, 1, "つよ"), RubySpan(3, 4, "ねら")]
    assert rows(layout_block(text, 0, len(text), anns, 40)) == [
        (
            [(0, "強", "base"), (2, "める", "text"), (6, "狙", "base"), (8, "いか", "text")],
            [(0, "つよ"), (5, "ねら")],
        )
    ]
    # the same after a line break: プーチン fills the first line
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 16)
    assert rows(lines) == [
        ([(0, "プーチン", "text")], []),
        ([(4, "大統領", "base"), (12, "が", "text")], [(0, "だいとうりょう")]),
    ]


def test_the_last_reading_of_a_line_may_overhang_its_blank_end() -> None:
    text = "が大統領"
    anns = [RubySpan(1, 4, "だいとうりょう")]
    # base row 12 cells (2 padding right of 大統領), over row 14: fits 14, not 13
    assert rows(layout_block(text, 0, len(text), anns, 14)) == [
        ([(0, "が", "text"), (4, "大統領", "base")], [(0, "だいとうりょう")]),
    ]
    assert len(layout_block(text, 0, len(text), anns, 13)) > 1


def test_ruby_inline() -> None:
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40, Placement.INLINE)
    assert rows(lines) == [
        (
            [
                (0, "プーチン", "text"),
                (8, "大統領", "base"),
                (14, "(だいとうりょう)", "inline"),
                (30, "が", "text"),
            ],
            None,
        )
    ]


def test_ruby_off_ignores_readings() -> None:
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40, Placement.OFF)
    assert rows(lines) == [([(0, PUTIN, "text")], None)]


def test_a_short_reading_is_centred_over_a_wider_base() -> None:
    lines = layout_block("日本語", 0, 3, [RubySpan(0, 2, "に")], 20)
    assert rows(lines) == [([(0, "日本", "base"), (4, "語", "text")], [(1, "に")])]


def test_readings_side_by_side_get_a_blank_cell_between() -> None:
    text = "首脳会談"
    lines = layout_block(text, 0, 4, [RubySpan(0, 2, "しゅのう"), RubySpan(2, 4, "かいだん")], 40)
    assert rows(lines) == [([(2, "首脳", "base"), (11, "会談", "base")], [(0, "しゅのう"), (9, "かいだん")])]


def test_readings_that_already_have_room_get_no_extra_gap() -> None:
    text = "日本国家"
    lines = layout_block(text, 0, 4, [RubySpan(0, 2, "に"), RubySpan(2, 4, "こ")], 40)
    assert rows(lines) == [([(0, "日本", "base"), (4, "国家", "base")], [(1, "に"), (5, "こ")])]


def test_a_base_and_its_ruby_move_to_the_next_line_together() -> None:
    lines = layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 16, overhang=0)
    assert rows(lines) == [
        ([(0, "プーチン", "text")], []),
        ([(4, "大統領", "base"), (14, "が", "text")], [(0, "だいとうりょう")]),
    ]


def test_a_unit_wider_than_the_line_shares_its_reading_over_its_characters() -> None:
    # だいとうりょう (14 cells) does not fit 12: the base is cut in as few groups as
    # fit (大|統領), the reading shared in proportion (だい|とうりょう).
    lines = layout_block("大統領が", 0, 4, [RubySpan(0, 3, "だいとうりょう")], 12, overhang=0)
    assert rows(lines) == [
        ([(1, "大", "base")], [(0, "だい")]),
        ([(3, "統領", "base"), (10, "が", "text")], [(0, "とうりょう")]),
    ]
    # at 6 cells even 統領 under とうりょう is too wide: one character each
    lines = layout_block("大統領", 0, 3, [RubySpan(0, 3, "だいとうりょう")], 6, overhang=0)
    assert rows(lines) == [
        ([(1, "大", "base")], [(0, "だい")]),
        ([(1, "統", "base")], [(0, "とう")]),
        ([(2, "領", "base")], [(0, "りょう")]),
    ]


def test_a_reading_too_long_for_any_line_is_cut() -> None:
    lines = layout_block("金", 0, 1, [RubySpan(0, 1, "x" * 30)], 20)
    assert rows(lines) == [([(9, "金", "base")], [(0, "x" * 19 + "…")])]
    lines = layout_block("金", 0, 1, [RubySpan(0, 1, "x" * 30)], 20, Placement.INLINE)
    assert rows(lines) == [([(0, "金", "base"), (2, "(" + "x" * 15 + "…)", "inline")], None)]


def test_no_line_starts_with_closing_punctuation() -> None:
    text = "あいうえお。かきくけこ"
    for width in range(4, 24):
        lines = layout_block(text, 0, len(text), [], width, Placement.OFF)
        assert all(text[line.start] not in NO_LINE_START for line in lines), width
        check_layout(text, 0, len(text), [], width, Placement.OFF, lines)


def test_no_line_ends_with_an_opening_bracket() -> None:
    text = "あいう「かきくけこ」と言った"
    for width in range(4, 30):
        lines = layout_block(text, 0, len(text), [], width, Placement.OFF)
        assert all(text[line.end - 1] not in NO_LINE_END for line in lines), width


def test_forbidden_breaks_are_taken_when_nothing_else_fits() -> None:
    text = "ー" * 12
    lines = layout_block(text, 0, len(text), [], 10, Placement.OFF)
    assert [row_width(line.base) for line in lines] == [10, 10, 4]


def test_latin_words_are_kept_whole() -> None:
    text = "北朝鮮とNATOの関係"
    lines = layout_block(text, 0, len(text), [], 10, Placement.OFF)
    assert [line.base[0].text for line in lines] == ["北朝鮮と", "NATOの関係"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    text = "abcdefghijkl"
    lines = layout_block(text, 0, len(text), [], 5, Placement.OFF)
    assert [line.base[0].text for line in lines] == ["abcde", "fghij", "kl"]


def test_a_space_at_a_break_is_not_drawn() -> None:
    text = "abcd  efgh ij"
    lines = layout_block(text, 0, len(text), [], 5, Placement.OFF)
    assert [(line.start, line.end, [(p.column, p.text) for p in line.base]) for line in lines] == [
        (0, 6, [(0, "abcd")]),
        (6, 11, [(0, "efgh")]),
        (11, 13, [(0, "ij")]),
    ]


def test_an_ideographic_space_at_a_break_is_not_drawn() -> None:
    text = "北朝鮮訪問　軍事的連携"
    lines = layout_block(text, 0, len(text), [], 12, Placement.OFF)
    assert [line.base[0].text for line in lines] == ["北朝鮮訪問", "軍事的連携"]


def test_indent_counts_in_the_width() -> None:
    text = "ロシア大統領府高官 “首脳会談は19日に行われる見通し”"
    anns = kana_readings(text, 0, len(text))
    for placement in Placement:
        for width in range(12, 50):
            lines = layout_block(text, 0, len(text), anns, width, placement, indent=4)
            check_layout(text, 0, len(text), anns, width, placement, lines, indent=4)
            assert all(p.column >= 4 for line in lines for p in line.base)


def test_control_characters_are_drawn_in_caret_notation() -> None:
    text = "\x1b[31m赤\x1b[0m"
    lines = layout_block(text, 0, len(text), [], 40, Placement.OFF)
    assert rows(lines) == [([(0, "^[[31m赤^[[0m", "text")], None)]
    lines = layout_block(text, 0, len(text), [], 5, Placement.OFF)
    assert all(row_width(line.base) <= 5 for line in lines)
    assert "".join(p.text for line in lines for p in line.base) == "^[[31m赤^[[0m"


def test_a_combining_mark_stays_with_its_letter() -> None:
    text = "cafe\u0301s"
    lines = layout_block(text, 0, len(text), [], 4, Placement.OFF)
    assert [line.base[0].text for line in lines] == ["cafe\u0301", "s"]


def test_a_block_inside_a_longer_text_keeps_article_offsets() -> None:
    text = "前の段落\nプーチン大統領が\n次"
    start = text.index("プ")
    end = start + len(PUTIN)
    lines = layout_block(text, start, end, [RubySpan(start + 4, start + 7, "だいとうりょう")], 40)
    assert [(p.start, p.end) for p in lines[0].base] == [
        (start, start + 4),
        (start + 4, start + 7),
        (start + 7, end),
    ]
    assert rows(lines) == rows(layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40))


def test_bad_annotations_are_skipped() -> None:
    anns = [
        RubySpan(4, 7, "だいとうりょう"),
        RubySpan(5, 6, "とう"),  # overlaps the one before
        RubySpan(6, 12, "そと"),  # runs past the block
        RubySpan(0, 0, "から"),  # empty base
        RubySpan(7, 8, ""),  # empty reading
    ]
    lines = layout_block(PUTIN, 0, len(PUTIN), anns, 40)
    assert rows(lines) == rows(layout_block(PUTIN, 0, len(PUTIN), PUTIN_RUBY, 40))


def test_an_empty_block_is_one_empty_line() -> None:
    assert layout_block("abc", 1, 1, [], 10) == (LaidLine(1, 1, (), ()),)
    assert layout_block("abc", 1, 1, [], 10, Placement.OFF) == (LaidLine(1, 1, (), None),)


ALPHABET = (
    "あいうえおかきくけこっゃょー"  # kana, small kana, ー
    "大統領北朝鮮訪問会談々"
    "アイウエオッャ"
    "NATO2023abc.,"
    "、。「」（）“”・！？"
    "  \u3000\t"
    "\x1b\x7f\x9b\u0301\u200b"
)


@pytest.mark.parametrize("seed", range(60))
def test_random_text_keeps_every_rule(seed: int) -> None:
    """Random mixtures of scripts, punctuation, spaces and control characters, with random readings."""
    import random

    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80)))
    anns, pos = [], 0
    while pos < len(text):
        pos += rng.randint(0, 6)
        length = rng.randint(1, 5)
        if pos + length <= len(text):
            reading = "".join(rng.choice("かなkyaxょー") for _ in range(rng.randint(1, 30)))
            anns.append(RubySpan(pos, pos + length, reading))
        pos += length
    for placement, overhang in [
        *((Placement.ABOVE, o) for o in (0, 1, 2, 3)),
        (Placement.INLINE, 2),
        (Placement.OFF, 2),
    ]:
        for width in (6, 7, 9, 12, 20, 33):
            indent = rng.choice((0, 0, 2))
            lines = layout_block(text, 0, len(text), anns, width, placement, indent=indent, overhang=overhang)
            if not text:
                assert len(lines) == 1
                continue
            check_layout(text, 0, len(text), anns, width, placement, lines, indent, kinsoku=False, overhang=overhang)
            lines = layout_block(text, 0, len(text), [], width, placement, indent=indent, overhang=overhang)
            check_layout(text, 0, len(text), [], width, placement, lines, indent, overhang=overhang)
