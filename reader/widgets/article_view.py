"""The article, drawn with Textual's Line API.

The core lays out each block (title, heading, paragraph) into display lines
for a width and a furigana placement (``reader.core.layout``); this widget
turns those lines into rows — two per line when readings sit above the text —
and draws only the rows on screen in ``render_line``.  Rows are cached in an
LRU keyed by row index; the cache is cleared when the width, the mode, the
readings or the theme change.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.cells import cell_len
from reader.core.document import Document, Section
from reader.core.layers import Analysis, RubySpan, Token
from reader.core.layout import Annotation, LaidLine, Placement, layout_block
from reader.core.linebreak import phrases_loaded
from reader.core.navigation import WordCursor


@dataclass(frozen=True, slots=True)
class Mark:
    """A style over article text ``[start, end)``: a component class of the view."""

    start: int
    end: int
    component: str
    """E.g. ``article-view--cursor``; its colours live in the .tcss."""


@dataclass(frozen=True, slots=True)
class Row:
    """One terminal row of the article."""

    block: int
    """Index into the article's blocks."""
    line: LaidLine | None
    """The display line this row belongs to (None for the blank row between blocks)."""
    over: bool
    """True for the annotation row above a line of text."""


class ArticleView(ScrollView, can_focus=True):
    """A scrolling view of the article with readings above, inline or off."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--heading",
        "article-view--ruby",
        "article-view--inline",
        "article-view--romaji",
        "article-view--cursor",
        "article-view--selection",
        "article-view--glossary",
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
    MARK_ORDER = ("status", "entities", "glossary", "selection", "cursor")
    """Mark layers from bottom to top: a later layer's style wins where both set a colour."""

    DEFAULT_CSS = """
    ArticleView {
        overflow-y: auto;
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "End", show=False),
        Binding("w", "word(1)", "Next word", show=False, id="cursor.next"),
        Binding("b", "word(-1)", "Previous word", show=False, id="cursor.previous"),
        Binding("W", "hard_word(1)", "Next hard word", show=False, id="cursor.next_hard"),
        Binding("B", "hard_word(-1)", "Previous hard word", show=False, id="cursor.previous_hard"),
        Binding("right_parenthesis", "unit('sentence', 1)", "Next sentence", show=False, id="cursor.next_sentence"),
        Binding(
            "left_parenthesis", "unit('sentence', -1)", "Previous sentence", show=False, id="cursor.previous_sentence"
        ),
        Binding(
            "right_curly_bracket", "unit('paragraph', 1)", "Next paragraph", show=False, id="cursor.next_paragraph"
        ),
        Binding(
            "left_curly_bracket",
            "unit('paragraph', -1)",
            "Previous paragraph",
            show=False,
            id="cursor.previous_paragraph",
        ),
        Binding("v", "select", "Select", show=False, id="cursor.select"),
        Binding("escape", "leave_word_mode", "Leave word mode", show=False, id="cursor.leave"),
    ]

    placement: reactive[Placement] = reactive(Placement.ABOVE, init=False)
    """Where readings go: above the text, inline after it, or nowhere."""
    romaji: reactive[bool] = reactive(False, init=False)
    """Show romaji above every word instead of kana above kanji."""

    @dataclass
    class CursorMoved(Message):
        """The word cursor moved (``token`` None: word mode left)."""

        view: ArticleView
        token: Token | None
        selection: tuple[int, int] | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.CursorMoved)

        @property
        def control(self) -> ArticleView:
            return self.view

    @dataclass
    class FirstPaint(Message):
        """The text is on screen for the first time: slower work may start now."""

        view: ArticleView

    class SectionChanged(Message):
        """The section at the top of the view changed."""

        def __init__(self, view: ArticleView, section: Section) -> None:
            super().__init__()
            self.view = view
            self.section = section

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(self, document: Document, *, max_width: int = 100, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.max_width = max_width
        self.analysis: Analysis | None = None
        self.romaji_words: tuple[Annotation, ...] = ()
        self._blocks = list(document.blocks())
        self._block_sections = [section.index if section is not None else 0 for _, _, section in self._blocks]
        self._rows: list[Row] = []
        self._row_starts: list[int] = []
        """Article offset at the start of each row, for keeping the place on re-layout."""
        self._section_rows: list[int] = []
        self._layout_width = 0
        self._margin = 0
        self._layout_key: tuple[object, ...] | None = None
        self._line_cache: LRUCache[int, Strip] = LRUCache(2048)
        self._current_section = -1
        self._painted = False
        self.on_first_paint: Callable[[], object] | None = None
        """Called the moment the text is first drawn (the screen starts the readings)."""
        self._partial = False
        """True while only the first screens are laid out (the rest follows the paint)."""
        self.ruby_filter: Callable[[RubySpan], bool] | None = None
        """Which readings are shown (None: all); the furigana filter."""
        self.cursor: WordCursor | None = None
        """The word cursor, once the tokens are known."""
        self.is_hard: Callable[[Token], bool] = lambda token: False
        """Which words ``W``/``B`` stop on (set by the screen: glossary terms, words above the level)."""
        self._marks: dict[str, tuple[Mark, ...]] = {}
        self._mark_starts: dict[str, list[int]] = {}

    # ----------------------------------------------------------------- layout

    def _annotations(self) -> list[Annotation]:
        """Every annotation of the article for the current mode, in text order."""
        if self.romaji:
            return list(self.romaji_words)
        if self.analysis is None or self.placement is Placement.OFF:
            return []
        keep = self.ruby_filter
        return [
            Annotation(span.start, span.end, span.reading) for span in self.analysis.ruby if keep is None or keep(span)
        ]

    def _relayout(self, width: int, *, screens: int | None = None) -> None:
        """Lay out the blocks for ``width`` cells and rebuild the rows.

        With ``screens``, only the blocks up to that many screens below the
        current place are laid out now and the rest right after the next paint
        (the first screen and the arrival of the readings use this: the text
        shows sooner).
        """
        text_width = max(10, min(width - 2, self.max_width))
        placement = Placement.ABOVE if self.romaji else self.placement
        key = (text_width, placement, self.romaji, id(self.analysis), id(self.romaji_words), id(self.ruby_filter))
        if key == self._layout_key and not self._partial:
            return
        top_offset = self.top_offset
        # Until BudouX has loaded (in the readings worker), lines break by
        # kinsoku rules alone; the layout is redone when the readings arrive.
        phrases = phrases_loaded()
        stop_after = None
        if screens is not None:
            stop_after = (top_offset or 0, screens * max(1, self.scrollable_content_region.height))
        annotations = self._annotations()
        starts = [a.start for a in annotations]
        rows: list[Row] = []
        row_starts: list[int] = []
        section_rows: list[int] = []
        for index, (_kind, span, section) in enumerate(self._blocks):
            if section is not None:
                while len(section_rows) <= section.index:
                    section_rows.append(len(rows))
            lo = bisect.bisect_left(starts, span.start)
            hi = bisect.bisect_left(starts, span.end)
            block_annotations = [a for a in annotations[lo:hi] if a.end <= span.end]
            for line in layout_block(
                self.document.text, span.start, span.end, block_annotations, text_width, placement, phrases=phrases
            ):
                if line.over is not None:
                    rows.append(Row(index, line, True))
                    row_starts.append(line.start)
                rows.append(Row(index, line, False))
                row_starts.append(line.start)
            rows.append(Row(index, None, False))
            row_starts.append(span.end)
            if stop_after is not None and span.end > stop_after[0]:
                below = len(rows) - bisect.bisect_left(row_starts, stop_after[0])
                if below >= stop_after[1] and index + 1 < len(self._blocks):
                    break
        else:
            stop_after = None
        self._partial = stop_after is not None
        if self._partial:
            self.call_after_refresh(self._complete_layout, width)
        self._rows = rows
        self._row_starts = row_starts
        self._section_rows = section_rows or [0]
        self._layout_width = text_width
        self._margin = max(1, (width - text_width) // 2) if width - 2 > self.max_width else 1
        self._layout_key = key
        self._line_cache.clear()
        self.virtual_size = Size(width, len(rows))
        if top_offset is not None:
            self.scroll_to(y=self.row_of_offset(top_offset), animate=False, immediate=True, force=True)
        self.refresh()

    def _complete_layout(self, width: int) -> None:
        """Lay out the rest of the blocks after a partial layout."""
        if self._partial:
            self._relayout(width)

    def ensure_complete(self) -> None:
        """Finish a partial layout now (before anything that needs every row)."""
        if self._partial:
            self._relayout(self.scrollable_content_region.width)

    def relayout(self) -> None:
        """Lay the text out again (mode or readings changed)."""
        self._layout_key = None
        if self.size.width:
            self._relayout(self.scrollable_content_region.width)

    def on_resize(self) -> None:
        # The region left of the scrollbar: rows never run under it.  The very
        # first layout is partial: the first screens now, the rest after the paint.
        self._relayout(self.scrollable_content_region.width, screens=None if self._painted else 2)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_cache.clear()

    def watch_placement(self) -> None:
        self.relayout()

    def watch_romaji(self) -> None:
        self.relayout()

    def set_analysis(self, analysis: Analysis, romaji_words: tuple[Annotation, ...]) -> None:
        """Readings arrived from the analyser: draw them."""
        self.analysis = analysis
        self.romaji_words = romaji_words
        old = self.cursor
        self.cursor = WordCursor(self.document, analysis.tokens)
        if old is not None and old.token is not None:
            # New readings (the whole text after the first screens', or after a
            # pinned reading): the cursor and the selection stay where they were.
            anchor = old.words[old.anchor].start if old.anchor is not None else None
            self.cursor.place(old.token.start)
            if anchor is not None:
                self.cursor.anchor = self.cursor.word_at(anchor)
        self._layout_key = None
        if self.size.width:
            self._relayout(self.scrollable_content_region.width, screens=2)

    def set_ruby_filter(self, keep: Callable[[RubySpan], bool] | None) -> None:
        """Show only the readings ``keep`` accepts (None: all) and lay out again."""
        self.ruby_filter = keep
        self.relayout()

    def set_romaji_words(self, romaji_words: tuple[Annotation, ...]) -> None:
        """The romaji style changed."""
        self.romaji_words = romaji_words
        if self.romaji:
            self.relayout()

    # ------------------------------------------------------------- positions

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def top_offset(self) -> int | None:
        """The article offset shown at the top of the view (None before layout)."""
        if not self._rows:
            return None
        row = min(int(self.scroll_offset.y), len(self._rows) - 1)
        return self._row_starts[row]

    def row_of_offset(self, offset: int) -> int:
        """The first row showing ``offset`` (the over row when there is one)."""
        if not self._rows:
            return 0
        index = bisect.bisect_right(self._row_starts, offset) - 1
        index = max(0, index)
        # Step back to the over row of the same line and to the first row of equal start.
        while (
            index > 0
            and self._row_starts[index - 1] == self._row_starts[index]
            and self._rows[index - 1].line is not None
        ):
            index -= 1
        return index

    def section_row(self, section_index: int) -> int:
        """The row where a section begins."""
        self.ensure_complete()
        if 0 <= section_index < len(self._section_rows):
            return self._section_rows[section_index]
        return 0

    def section_at_top(self) -> Section:
        """The section shown at the top of the view."""
        sections = self.document.sections
        if not self._rows:
            return sections[0]
        y = int(self.scroll_offset.y)
        # The section whose start row is at or above the top; at the very end,
        # the last section counts as current even if its heading is lower.
        if y >= self.max_scroll_y and self.max_scroll_y > 0:
            # At the end nothing can scroll further: a heading anywhere on screen counts.
            index = bisect.bisect_right(self._section_rows, y + self.scrollable_content_region.height - 1) - 1
        else:
            index = bisect.bisect_right(self._section_rows, y) - 1
        return sections[max(0, min(index, len(sections) - 1))]

    def scroll_to_section(self, section_index: int) -> None:
        """Bring a section's heading to the top of the view."""
        self.scroll_to(y=self.section_row(section_index), animate=False, immediate=True, force=True)
        self._check_section()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_section()

    def _check_section(self) -> None:
        section = self.section_at_top()
        if section.index != self._current_section:
            self._current_section = section.index
            self.post_message(self.SectionChanged(self, section))

    # ------------------------------------------------------------ word cursor

    @property
    def in_word_mode(self) -> bool:
        return self.cursor is not None and self.cursor.index is not None

    def _cursor_changed(self) -> None:
        cursor = self.cursor
        token = cursor.token if cursor is not None else None
        if token is None:
            self.set_marks("cursor", [])
            self.set_marks("selection", [])
        else:
            self.set_marks("cursor", [Mark(token.start, token.end, "article-view--cursor")])
            selection = cursor.selection() if cursor is not None else None
            self.set_marks("selection", [Mark(*selection, "article-view--selection")] if selection else [])
            self.scroll_to_offset(token.start)
        self.post_message(self.CursorMoved(self, token, cursor.selection() if cursor else None))

    def _ensure_cursor(self) -> bool:
        """Enter word mode at the top of the screen; False while readings load."""
        if self.cursor is None:
            self.notify("The words are still being analysed…", timeout=2)
            return False
        if self.cursor.index is None:
            top = self.top_offset or 0
            self.cursor.start_at(top)
            self._cursor_changed()
            return False
        return True

    def refresh_cursor(self) -> None:
        """Redraw the cursor and selection marks after the cursor changed outside the view."""
        self._cursor_changed()

    def place_cursor(self, offset: int) -> None:
        """Put the word cursor on the word at ``offset`` (entering word mode)."""
        if self.cursor is not None:
            self.cursor.place(offset)
            self._cursor_changed()

    def action_word(self, delta: int) -> None:
        if self._ensure_cursor() and self.cursor is not None:
            self.cursor.move(delta)
            self._cursor_changed()

    def action_hard_word(self, direction: int) -> None:
        if self.cursor is None:
            self._ensure_cursor()
            return
        if self.cursor.index is None:
            self.cursor.start_at(self.top_offset or 0)
            self.cursor.index = (
                max(0, self.cursor.index - 1) if direction > 0 and self.cursor.index else self.cursor.index
            )
        if self.cursor.move_to_next(direction, self.is_hard) is None:
            self.notify("No more hard words that way.", timeout=2)
        self._cursor_changed()

    def action_unit(self, unit: str, direction: int) -> None:
        if self._ensure_cursor() and self.cursor is not None:
            self.cursor.move_unit(unit, direction)
            self._cursor_changed()

    def action_select(self) -> None:
        if self.cursor is None:
            self._ensure_cursor()
            return
        if self.cursor.index is None:
            self.cursor.start_at(self.top_offset or 0)
        if self.cursor.anchor is None:
            self.cursor.begin_selection()
        else:
            self.cursor.anchor = None
        self._cursor_changed()

    def action_leave_word_mode(self) -> None:
        if self.in_word_mode and self.cursor is not None:
            if self.cursor.anchor is not None:
                self.cursor.anchor = None
            else:
                self.cursor.leave()
            self._cursor_changed()
        else:
            self.screen.set_focus(self)

    # ------------------------------------------------------------------ marks

    def set_marks(self, layer: str, marks: tuple[Mark, ...] | list[Mark]) -> None:
        """Replace one layer of marks (``entities``, ``glossary``, ``cursor`` …) and redraw."""
        ordered = tuple(sorted(marks, key=lambda mark: (mark.start, mark.end)))
        if self._marks.get(layer, ()) == ordered:
            return
        if ordered:
            self._marks[layer] = ordered
            self._mark_starts[layer] = [mark.start for mark in ordered]
        else:
            self._marks.pop(layer, None)
            self._mark_starts.pop(layer, None)
        self._line_cache.clear()
        self.refresh()

    def marks(self, layer: str) -> tuple[Mark, ...]:
        return self._marks.get(layer, ())

    def _mark_components(self, offset: int) -> list[str]:
        """Component classes of the marks over ``offset``, bottom layer first."""
        found: list[str] = []
        for layer in (*self.MARK_ORDER, *sorted(set(self._marks) - set(self.MARK_ORDER))):
            marks = self._marks.get(layer)
            if not marks:
                continue
            index = bisect.bisect_right(self._mark_starts[layer], offset) - 1
            # Marks may nest (ロシア inside ロシア大統領府): look back a little.
            for mark in marks[max(0, index - 3) : index + 1]:
                if mark.start <= offset < mark.end:
                    found.append(mark.component)
        return found

    def scroll_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Bring the line holding ``offset`` into view (to the top with ``top``)."""
        self.ensure_complete()
        row = self.row_of_offset(offset)
        height = self.scrollable_content_region.height
        y = int(self.scroll_offset.y)
        if top:
            self.scroll_to(y=max(0, row - 1), animate=False, immediate=True, force=True)
        elif row < y or row + 2 > y + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True, force=True)
        self._check_section()

    def row_text(self, y: int) -> str:
        """What row ``y`` shows, as plain text (for tests and copying)."""
        return "".join(segment.text for segment in self._render_row(y)).rstrip()

    # ------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        if not self._painted and self._rows:
            self._painted = True
            # Called at once, not through the message queue, which is still busy
            # with the rest of the first frame: the readings should start now.
            if self.on_first_paint is not None:
                self.on_first_paint()
            self.post_message(self.FirstPaint(self))
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.size.width
        strip = self._line_cache.get(row)
        if strip is None:
            strip = Strip(self._render_row(row))
            self._line_cache[row] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_offsets(scroll_x, row)

    def _render_row(self, y: int) -> list[Segment]:
        if y >= len(self._rows):
            return []
        row = self._rows[y]
        if row.line is None:
            return []
        kind = self._blocks[row.block][0]
        base_style = self.rich_style
        if kind == "title":
            base_style = base_style + self.get_component_rich_style("article-view--title", partial=True)
        elif kind == "heading":
            base_style = base_style + self.get_component_rich_style("article-view--heading", partial=True)
        pieces = row.line.over if row.over else row.line.base
        if not pieces:
            return []
        over_name = "article-view--romaji" if self.romaji else "article-view--ruby"
        over_style = self.rich_style + self.get_component_rich_style(over_name, partial=True)
        inline_style = base_style + self.get_component_rich_style("article-view--inline", partial=True)
        segments: list[Segment] = [Segment(" " * self._margin, self.rich_style)]
        column = 0
        for piece in pieces:
            if piece.column > column:
                segments.append(Segment(" " * (piece.column - column), base_style))
            if piece.kind == "ruby":
                segments.append(Segment(piece.text, over_style))
            elif piece.kind == "inline":
                segments.append(Segment(piece.text, inline_style))
            elif self._marks:
                segments.extend(self._marked_segments(piece.text, piece.start, piece.end, base_style))
            else:
                segments.append(Segment(piece.text, base_style))
            column = piece.column + cell_len(piece.text)
        return segments

    def _marked_segments(self, drawn: str, start: int, end: int, base_style: Style) -> list[Segment]:
        """Segments of a text piece with the mark styles of each character applied."""
        text = self.document.text
        if drawn != text[start:end]:
            # Control characters were made visible: style the piece as a whole.
            style = base_style
            for name in self._mark_components(start):
                style = style + self.get_component_rich_style(name, partial=True)
            return [Segment(drawn, style)]
        out: list[Segment] = []
        run_start = 0
        run_components: list[str] | None = None
        for index in range(end - start + 1):
            components = self._mark_components(start + index) if index < end - start else None
            if index and components != run_components:
                style = base_style
                for name in run_components or ():
                    style = style + self.get_component_rich_style(name, partial=True)
                out.append(Segment(drawn[run_start:index], style))
                run_start = index
            run_components = components
        return out


__all__ = ["ArticleView", "Mark", "Row"]
