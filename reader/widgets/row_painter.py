"""Painting one row of the article: the laid-out pieces with their styles, as Rich segments.

The layout (:mod:`reader.core.layout`) says what goes where; the marks
(:mod:`reader.core.marks`) which component classes lie over which characters;
this turns both into segments with the styles the theme gives those classes.
With accent marks on, a line's reading row shows the pitch of the text under
it instead (:func:`paint_accent_row`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style

from reader.core.accent import AccentPhrase, accent_row
from reader.core.cells import cell_len
from reader.core.layout import LaidLine
from reader.core.marks import Mark

__all__ = ["paint_accent_row", "paint_row"]


def paint_row(
    line: LaidLine,
    *,
    over: bool,
    kind: str,
    text: str,
    marks: Sequence[Mark],
    margin: int,
    romaji: bool,
    base: Style,
    style: Callable[[str], Style],
) -> list[Segment]:
    """The segments of a line's reading row (``over``) or text row.

    ``kind`` is the block's (title and headings have their own style); ``base``
    is the view's style and ``style(name)`` the style of a component class.
    """
    pieces = line.over if over else line.base
    if not pieces:
        return []
    text_style = base
    if kind == "title":
        text_style = base + style("article-view--title")
    elif kind == "heading":
        text_style = base + style("article-view--heading")
    over_style = base + style("article-view--romaji" if romaji else "article-view--ruby")
    inline_style = text_style + style("article-view--inline")
    segments: list[Segment] = [Segment(" " * margin, base)]
    column = 0
    for piece in pieces:
        if piece.column > column:
            segments.append(Segment(" " * (piece.column - column), text_style))
        if piece.kind == "ruby":
            segments.append(Segment(piece.text, over_style))
        elif piece.kind == "inline":
            segments.append(Segment(piece.text, inline_style))
        elif marks:
            segments.extend(_marked(piece.text, piece.start, piece.end, text, text_style, marks, style))
        else:
            segments.append(Segment(piece.text, text_style))
        column = piece.column + cell_len(piece.text)
    return segments


def _marked(
    drawn: str,
    start: int,
    end: int,
    text: str,
    base: Style,
    marks: Sequence[Mark],
    style: Callable[[str], Style],
) -> list[Segment]:
    """Segments of a text piece with the styles of the marks over each character applied."""
    here = [mark for mark in marks if mark.start < end and mark.end > start]
    if not here:
        return [Segment(drawn, base)]
    if drawn != text[start:end]:
        # Control characters were made visible: style the piece as a whole.
        piece_style = base
        for mark in here:
            if mark.start <= start < mark.end:
                piece_style = piece_style + style(mark.component)
        return [Segment(drawn, piece_style)]
    cuts = sorted(
        {start, end, *(m.start for m in here if start < m.start < end), *(m.end for m in here if start < m.end < end)}
    )
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        run_style = base
        for mark in here:
            if mark.start <= a < mark.end:
                run_style = run_style + style(mark.component)
        out.append(Segment(drawn[a - start : b - start], run_style))
    return out


def paint_accent_row(
    line: LaidLine,
    *,
    text: str,
    phrases: Sequence[AccentPhrase],
    margin: int,
    base: Style,
    style: Callable[[str], Style],
) -> list[Segment]:
    """The segments of a line's reading row drawn as pitch-accent marks over its text.

    The text row may be laid out with gaps (a base is centred under a reading
    wider than it), so the marks are drawn piece by piece: each text piece gets
    :func:`~reader.core.accent.accent_row` of its own range, at its own column,
    and the marks stay over the characters they belong to.
    """
    if not line.base:
        return []
    mark_style = base + style("article-view--accent")
    segments: list[Segment] = [Segment(" " * margin, base)]
    column = 0
    for piece in line.base:
        if piece.kind not in ("text", "base"):
            continue
        width = cell_len(piece.text)
        row = accent_row(text, piece.start, piece.end, phrases) if phrases else ""
        # A piece drawn other than as written (control characters made visible) keeps its own width.
        row = (row + " " * width)[:width] if cell_len(row) != width else row
        if piece.column > column:
            segments.append(Segment(" " * (piece.column - column), base))
        segments.append(Segment(row, mark_style))
        column = piece.column + width
    return segments
