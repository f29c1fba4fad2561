"""A scrolling view of laid-out rows of text, drawn with Textual's Line API.

What the rows hold is the core's business: :class:`reader.core.rows.ArticleRows`
lays out the blocks near the view (and estimates the rest), the readings shown
over a block come from :class:`reader.core.shown.ShownReadings`, the styles laid
over the text from :class:`reader.core.marks.MarkLayers`.  This widget turns
rows into strips in ``render_line``, keeps the place on screen when blocks are
laid out (a background pass makes every height exact, a few ms at a time), and
answers where things are (the section at the top, the row of an offset).
Strips are cached per block and line; a change of marks redraws only the rows
it touches.  With :attr:`RowsView.accents` on, the reading row shows the pitch
accent of the text under it (phrases given per block by
:meth:`RowsView.show_accents`).  :class:`reader.widgets.article_view.ArticleView`
adds the word cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.accent import AccentPhrase
from reader.core.analysed import AnalysedText
from reader.core.document import Document, Section
from reader.core.layers import RubySpan
from reader.core.layout import Placement
from reader.core.linebreak import phrases_loaded
from reader.core.marks import MarkLayers
from reader.core.rows import ArticleRows
from reader.core.shown import ShownReadings
from reader.widgets.row_painter import paint_accent_row, paint_row

__all__ = ["RowsView"]


class RowsView(ScrollView):
    """A scrolling view of the text's rows, with readings above, inline or off, and marks."""

    ALLOW_SELECT = False
    """Textual's mouse selection copied nothing of these rows (``v`` selects) and took a third of drawing them."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--heading",
        "article-view--ruby",
        "article-view--inline",
        "article-view--romaji",
        "article-view--accent",
        "article-view--cursor",
        "article-view--selection",
        "article-view--glossary",
        "article-view--emphasis",
        "article-view--entity-person",
        "article-view--entity-place",
        "article-view--entity-org",
        "article-view--entity-facility",
        "article-view--entity-event",
        "article-view--entity-date",
        "article-view--status-new",
        "article-view--status-learning",
        "article-view--status-known",
    }

    DEFAULT_CSS = """
    RowsView {
        overflow-y: auto;
        overflow-x: hidden;
        /* The scrollbar's cells are kept whether it shows or not: the text's width
           never changes when the text grows taller than the view. */
        scrollbar-gutter: stable;
    }
    """

    placement: reactive[Placement] = reactive(Placement.ABOVE, init=False)
    """Where readings go: above the text, inline after it, or nowhere."""
    romaji: reactive[bool] = reactive(False, init=False)
    """Show romaji above every word instead of kana above kanji."""
    accents: reactive[bool] = reactive(False, init=False)
    """Draw pitch-accent marks on the reading row instead of readings (the layout stays as it is)."""

    MARGIN_SCREENS = 1
    """Screens laid out above and below the view, so scrolling a little shows laid-out rows."""

    @dataclass
    class FirstPaint(Message):
        """The text is on screen for the first time: slower work may start now."""

        view: RowsView

    @dataclass
    class SectionChanged(Message):
        """The section at the top of the view changed."""

        view: RowsView
        section: Section

        @property
        def control(self) -> RowsView:
            return self.view

    @dataclass
    class Moved(Message):
        """The view shows other blocks now (readings for them are wanted first)."""

        view: RowsView
        first: int
        last: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, RowsView.Moved)

    def __init__(
        self,
        document: Document,
        text: AnalysedText | None = None,
        *,
        max_width: int = 100,
        start_offset: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._start_offset = start_offset
        """Where the first layout puts the top of the view (a saved position), then None."""
        self.document = document
        self.text = text if text is not None else AnalysedText(document)
        self.max_width = max_width
        self.shown = ShownReadings(self.text)
        """Which readings are drawn (mode, furigana filter, romaji style)."""
        self.marks = MarkLayers()
        """Styles over the text: cursor, selection, glossary terms, names, word status."""
        self.on_first_paint: Callable[[], object] | None = None
        """Called the moment the text is first drawn (the readings start then, not a frame later)."""
        self._rows: ArticleRows | None = None
        self._layout_key: tuple[object, ...] | None = None
        self._margin = 1
        self._strips: dict[int, dict[tuple[int, bool], Strip]] = {}
        self._accent_phrases: dict[int, Sequence[AccentPhrase]] = {}
        self._current_section = -1
        self._shown_blocks = (-1, -1)
        self._painted = False
        self._adjusting = False
        self._filling = False
        self._fill_from = 0

    # ------------------------------------------------------------------ rows

    @property
    def rows(self) -> ArticleRows:
        """The laid-out rows (made on first use for the current width and mode)."""
        if self._rows is None:
            self._new_rows(self.scrollable_content_region.width or 80)
        assert self._rows is not None
        return self._rows

    def _text_width(self, width: int) -> int:
        return max(10, min(width - 2, self.max_width))

    def _new_rows(self, width: int) -> None:
        text_width = self._text_width(width)
        self.shown.placement = self.placement
        self.shown.romaji = self.romaji
        placement = self.shown.effective_placement
        if self.accents and placement is not Placement.ABOVE:
            # Accent marks need the row above the text; inline readings are not drawn meanwhile.
            self.shown.placement, placement = Placement.OFF, Placement.ABOVE
        self._rows = ArticleRows(
            self.document.text,
            self.text.blocks,
            width=text_width,
            placement=placement,
            readings=self.shown,
            phrases=phrases_loaded,
        )
        self._layout_key = (text_width, placement, self.romaji)
        self._margin = max(1, (width - text_width) // 2) if width - 2 > self.max_width else 1
        self._strips.clear()
        self._fill_heights()

    def _relayout(self, *, blocks: Sequence[int] | None = None, new_rows: bool = False) -> None:
        """Lay the text out again (all of it lazily, or ``blocks``), keeping the line at the top in place."""
        if not self.size.width:
            self._rows = None
            return
        anchor = self.top_offset
        if new_rows or self._rows is None:
            self._new_rows(self.scrollable_content_region.width)
        else:
            self.rows.invalidate(blocks)
            if blocks is None:
                self._strips.clear()
            else:
                for block in blocks:
                    self._strips.pop(block, None)
        rows = self.rows
        top = rows.row_of_offset(anchor) if anchor is not None and self._painted else int(self.scroll_offset.y)
        self._prepare(top)
        self.refresh()
        self._fill_heights()

    def _prepare(self, top: int | None = None) -> None:
        """Lay out what the view shows (and a margin), then keep the same line at the top."""
        if self._adjusting or not self.size.width:
            return
        rows = self.rows
        height = max(1, self.scrollable_content_region.height)
        wanted = int(self.scroll_offset.y) if top is None else top
        new_top = rows.ensure(wanted, height, margin=height * self.MARGIN_SCREENS)
        self._adjusting = True
        try:
            self.virtual_size = Size(self.scrollable_content_region.width, rows.total)
            if new_top != int(self.scroll_offset.y):
                self.scroll_to(y=new_top, animate=False, immediate=True, force=True)
        finally:
            self._adjusting = False
        self._check_section()
        first = rows.locate(int(self.scroll_offset.y))[0]
        last = rows.locate(int(self.scroll_offset.y) + height - 1)[0]
        if (first, last) != self._shown_blocks:
            self._shown_blocks = (first, last)
            self.post_message(self.Moved(self, first, last))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._rows is None or self._text_width(width) != self._layout_key_width():
            self._relayout(new_rows=True)
        else:
            self._prepare()
        if self._start_offset is not None and self.size.height:
            offset, self._start_offset = self._start_offset, None
            self.scroll_to_row(self.rows.row_of_offset(offset))
            self._check_section()

    def _layout_key_width(self) -> int:
        return int(self._layout_key[0]) if self._layout_key else -1  # type: ignore[call-overload]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._adjusting:
            self._prepare()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def watch_placement(self) -> None:
        self._relayout(new_rows=True)

    def watch_romaji(self) -> None:
        self._relayout(new_rows=True)

    def watch_accents(self) -> None:
        if self.romaji or self.placement is Placement.ABOVE:
            self._strips.clear()  # the same rows: only the reading rows are drawn otherwise
            self.refresh()
        else:
            self._relayout(new_rows=True)

    def readings_arrived(self, blocks: Sequence[int] | None = None) -> None:
        """New tokens and readings for these blocks (all with None): draw them."""
        self.shown.forget(list(blocks) if blocks is not None else None)
        self._tokens_replaced()
        visible = self._visible_blocks()
        if blocks is None or any(block in visible for block in blocks):
            self._relayout(blocks=blocks)
        else:
            self.rows.invalidate(blocks)  # laid out again when scrolled to
            for block in blocks:
                self._strips.pop(block, None)
            self._fill_heights()

    @property
    def laying_out(self) -> bool:
        """True while the background pass is still making heights exact (tests wait for it)."""
        return self._filling

    FILL_SLICE = 0.004
    """Seconds of laying out per step of the background pass that makes every height exact."""

    def _fill_heights(self) -> None:
        """Start (if idle) the background pass that lays out blocks off screen, a few ms at a time.

        Until then their heights are estimates: the scrollbar and the rows of far
        sections are approximate, never wrong about what is on screen.  Blocks
        whose readings have not arrived wait for them (laying them out twice
        would be wasted), unless readings are off.
        """
        self._fill_from = 0
        if not self._filling and self._painted:
            self._filling = True
            self.set_timer(0.05, self._fill_step)

    def _fill_step(self) -> None:
        rows = self._rows
        if rows is None or not self.size.width:
            self._filling = False
            return
        need_readings = self.shown.romaji or self.placement is not Placement.OFF
        top = int(self.scroll_offset.y)
        anchor_block, within = rows.locate(top)
        self._fill_from, laid = rows.fill(
            self.FILL_SLICE, self._fill_from, lambda block: not need_readings or self.text.has(block)
        )
        if laid:
            # Blocks above the top may have changed height: the same row stays on top.
            self._adjusting = True
            try:
                self.virtual_size = Size(self.scrollable_content_region.width, rows.total)
                new_top = rows.start_row(anchor_block) + min(within, rows.height(anchor_block) - 1)
                if new_top != top:
                    self.scroll_to(y=new_top, animate=False, immediate=True, force=True)
            finally:
                self._adjusting = False
        if self._fill_from < 0:
            self._filling = False
            return
        self.set_timer(0.02, self._fill_step)

    def set_ruby_filter(self, keep: Callable[[RubySpan], bool] | None) -> None:
        """Show only the readings ``keep`` accepts (None: all)."""
        self.shown.keep = keep
        if not self.romaji:
            self._relayout()

    def set_romaji_style(self, style: str) -> None:
        self.shown.style = style  # type: ignore[assignment]
        self.shown.forget()
        if self.romaji:
            self._relayout()

    def readings_shown(self, start: int = 0, end: int | None = None) -> list[RubySpan]:
        """The readings drawn over ``[start, end)`` in the current mode (kana, romaji, or none)."""
        end = len(self.document.text) if end is None else end
        return [
            span
            for block in self.text.blocks[self.text.block_at(start) : self.text.block_at(max(start, end - 1)) + 1]
            for span in self.shown(block)
            if span.start >= start and span.end <= end
        ]

    # ------------------------------------------------------------- positions

    @property
    def row_count(self) -> int:
        return self.rows.total if self.size.width else 0

    @property
    def top_offset(self) -> int | None:
        """The article offset shown at the top of the view (None before layout)."""
        if self._rows is None or not self.text.blocks:
            return None
        return self._rows.offset_at_row(int(self.scroll_offset.y))

    @property
    def blocks_on_screen(self) -> range:
        """The blocks the view shows now."""
        return self._visible_blocks()

    def _visible_blocks(self) -> range:
        if self._rows is None:
            return range(0)
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        return range(self._rows.locate(top)[0], self._rows.locate(top + height - 1)[0] + 1)

    def row_of_offset(self, offset: int) -> int:
        """The first row showing ``offset`` (the reading row when there is one)."""
        return self.rows.row_of_offset(offset)

    def section_row(self, section_index: int) -> int:
        """The row where a section begins."""
        return self.rows.section_row(section_index)

    def section_at_top(self) -> Section:
        """The section shown at the top of the view."""
        sections = self.document.sections
        if self._rows is None or not self.text.blocks:
            return sections[0]
        rows = self._rows
        y = int(self.scroll_offset.y)
        block = rows.locate(y)[0]
        index = self.text.blocks[block].section
        if y >= self.max_scroll_y > 0:
            # At the end nothing can scroll further: a heading anywhere on screen counts.
            last = rows.locate(y + self.scrollable_content_region.height - 1)[0]
            for b in range(block, last + 1):
                if self.text.blocks[b].kind == "heading":
                    index = self.text.blocks[b].section
        return sections[max(0, min(index, len(sections) - 1))]

    def scroll_to_row(self, row: int) -> None:
        """Bring ``row`` to the top of the view, laying out what is then shown."""
        self._prepare(row)
        self.scroll_to(y=row, animate=False, immediate=True, force=True)
        self._prepare()

    def scroll_to_section(self, section_index: int) -> None:
        """Bring a section's heading to the top of the view."""
        self.scroll_to_row(self.section_row(section_index))
        # Laying out the blocks above may have moved the heading: put it back on top.
        row = self.section_row(section_index)
        if row != int(self.scroll_offset.y):
            self.scroll_to(y=row, animate=False, immediate=True, force=True)
        self._check_section()

    def scroll_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Bring the line holding ``offset`` into view (to the top with ``top``)."""
        row = self.rows.row_of_offset(offset)
        height = self.scrollable_content_region.height
        y = int(self.scroll_offset.y)
        if top:
            self.scroll_to_row(max(0, row - 1))
        elif row < y or row + 2 > y + height:
            self.scroll_to_row(max(0, row - height // 3))
        self._check_section()

    def action_scroll_end(self) -> None:
        """End: the last screen of the text, laid out before moving there."""
        rows = self.rows
        height = max(1, self.scrollable_content_region.height)
        for _ in range(3):  # laying out the last blocks may change their height
            rows.ensure(max(0, rows.total - height), height)
        self.virtual_size = Size(self.scrollable_content_region.width, rows.total)
        self.scroll_to(y=max(0, rows.total - height), animate=False, immediate=True, force=True)
        self._prepare()

    def action_scroll_home(self) -> None:
        self.scroll_to_row(0)

    def _check_section(self) -> None:
        section = self.section_at_top()
        if section.index != self._current_section:
            self._current_section = section.index
            self.post_message(self.SectionChanged(self, section))

    def _tokens_replaced(self) -> None:
        """New tokens replaced the old ones (subclasses keep what pointed at them)."""

    # ------------------------------------------------------------- rendering

    def row_text(self, y: int) -> str:
        """What row ``y`` shows, as plain text (for tests and copying)."""
        return "".join(segment.text for segment in self._render_row(y)).rstrip()

    def render_line(self, y: int) -> Strip:
        if not self._painted and self.text.blocks:
            self._painted = True
            # Called at once, not through the message queue (busy with the rest of the first frame).
            if self.on_first_paint is not None:
                self.on_first_paint()
            self.post_message(self.FirstPaint(self))
            self.call_later(self._fill_heights)
        scroll_x, scroll_y = self.scroll_offset
        row_index = scroll_y + y
        width = self.size.width
        rows = self.rows
        row = rows.row(row_index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        cache = self._strips.setdefault(row.block, {})
        key = (row.line, row.over)
        strip = cache.get(key)
        if strip is None:
            strip = Strip(self._render_row(row_index))
            cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _render_row(self, y: int) -> list[Segment]:
        rows = self.rows
        row = rows.row(y)
        if row is None or row.line < 0:
            return []
        line = rows.lines(row.block)[row.line]
        if row.over and self.accents:
            return paint_accent_row(
                line,
                text=self.document.text,
                phrases=self._accent_phrases.get(row.block, ()),
                margin=self._margin,
                base=self.rich_style,
                style=lambda name: self.get_component_rich_style(name, partial=True),
            )
        marks = self.marks.in_range(line.start, max(line.end, line.start + 1)) if self.marks and not row.over else []
        return paint_row(
            line,
            over=row.over,
            kind=self.text.blocks[row.block].kind,
            text=self.document.text,
            marks=marks,
            margin=self._margin,
            romaji=self.romaji,
            base=self.rich_style,
            style=lambda name: self.get_component_rich_style(name, partial=True),
        )
