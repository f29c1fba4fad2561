"""The article: a view of its rows with a word cursor, marks and accent marks.

:class:`ArticleView` is a :class:`~reader.widgets.rows_view.RowsView` (rows,
readings, scrolling, drawing) that adds what lies over the text: mark layers
(:meth:`ArticleView.set_marks`: glossary underlines, names by type, status
colours, emphasis), the pitch-accent phrases ``A`` draws, and the word cursor: ``w``/``b`` and the
other cursor keys move it (the reading screen binds them, so they work from
any panel), it is drawn as a mark, and every move posts
:class:`ArticleView.CursorMoved` for the look-up panel.  Moving the cursor
redraws only the rows of the word it leaves and of the word it enters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.core.accent import AccentPhrase
from reader.core.analysed import AnalysedText
from reader.core.document import Document, Emphasis
from reader.core.layers import Token
from reader.core.marks import Mark
from reader.core.navigation import WordCursor
from reader.keys import bindings
from reader.widgets.rows_view import RowsView

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm

__all__ = ["ArticleView", "Mark"]


class ArticleView(RowsView, can_focus=True):
    """A scrolling view of the article with readings above, inline or off, and a word cursor."""

    BINDINGS = bindings("view")
    """Scrolling: the view's own keys (a side panel with focus uses these keys for its list)."""

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

    def __init__(
        self,
        document: Document,
        text: AnalysedText | None = None,
        *,
        max_width: int = 100,
        start_offset: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(document, text, max_width=max_width, start_offset=start_offset, id=id)
        self.cursor = WordCursor(document, self.text)
        self.is_hard: Callable[[Token], bool] = lambda token: False
        """Which words ``W``/``B`` stop on (set by the screen: glossary terms, words above the level)."""

    def next_section(self) -> bool:
        """``]``: the next section's heading to the top; False at the last section."""
        current = self.section_at_top().index
        if current + 1 >= len(self.document.sections):
            return False
        self.scroll_to_section(current + 1)
        return True

    def previous_section(self) -> None:
        """``[``: back to the top of this section, or else to the previous one."""
        current = self.section_at_top().index
        if self.scroll_offset.y > self.section_row(current):
            self.scroll_to_section(current)
        elif current > 0:
            self.scroll_to_section(current - 1)
        else:
            self.scroll_to_row(0)

    def goto_section(self, index: int) -> bool:
        """``1``–``9``: a section's heading to the top; False when there is no such section."""
        if not 0 <= index < len(self.document.sections):
            return False
        self.scroll_to_section(index)
        return True

    # ------------------------------------------------------------ marks and accents

    def set_marks(self, layer: str, marks: Iterable[Mark]) -> None:
        """Replace one layer of marks (``entities``, ``glossary`` …) and redraw."""
        old = self.marks.get(layer)
        if not self.marks.set(layer, marks):
            return
        if layer in ("cursor", "selection"):
            self._redraw_ranges([(mark.start, mark.end) for mark in (*old, *self.marks.get(layer))])
        else:
            self._strips.clear()
            self.refresh()

    def set_mark_source(self, layer: str, source: Callable[[int, int], Iterable[Mark]] | None) -> None:
        """Make a layer computed per row (the study status colours)."""
        self.marks.set_source(layer, source)
        self.marks_changed()

    def marks_changed(self) -> None:
        """What a mark source gives has changed: redraw."""
        self.marks.touch()
        self._strips.clear()
        self.refresh()

    def _redraw_ranges(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Redraw only the rows showing these ranges of the text."""
        rows = self.rows
        for start, end in ranges:
            for block in range(rows.block_at(start), rows.block_at(max(start, end - 1)) + 1):
                self._strips.pop(block, None)
            for y in rows.rows_of_range(start, end):
                self.refresh_line(y)

    def marks_of(self, layer: str, start: int = 0, end: int | None = None) -> list[Mark]:
        """The marks of one layer over ``[start, end)`` (the whole text by default)."""
        return self.marks.layer(layer, start, len(self.document.text) if end is None else end)

    def show_accents(self, phrases: Mapping[int, Sequence[AccentPhrase]]) -> None:
        """The accent phrases of these blocks (offsets into the text): drawn while accents are on."""
        self._accent_phrases.update(phrases)
        if self.accents:
            for block in phrases:
                self._strips.pop(block, None)
            self.refresh()

    def accent_phrases(self, block: int) -> Sequence[AccentPhrase]:
        """The accent phrases drawn over a block (none until they were given)."""
        return self._accent_phrases.get(block, ())

    # ------------------------------------------------------------ data down

    def _tokens_replaced(self) -> None:
        self.cursor.refresh()

    def show_glossary_terms(self, terms: Iterable[GlossaryTerm]) -> None:
        """Underline every use of these glossary terms (none: no underlines)."""
        self.set_marks("glossary", [Mark(s, e, "article-view--glossary") for t in terms for s, e in t.occurrences])

    def show_emphasis(self, spans: Iterable[Emphasis]) -> None:
        """The author's emphasis (傍点, 傍線), drawn in the emphasis style."""
        self.set_marks("emphasis", [Mark(e.start, e.end, "article-view--emphasis") for e in spans])

    def show_entities(self, index: EntityIndex | None) -> None:
        """Colour every name of ``index`` by its type (None: no colours)."""
        mentions = index.mentions if index is not None else ()
        self.set_marks("entities", [Mark(m.start, m.end, f"article-view--entity-{m.type.lower()}") for m in mentions])

    # ------------------------------------------------------------ word cursor

    @property
    def in_word_mode(self) -> bool:
        return self.cursor.active

    @property
    def cursor_token(self) -> Token | None:
        """The word under the cursor (None outside word mode)."""
        return self.cursor.token

    def _cursor_changed(self) -> None:
        token = self.cursor.token
        selection = self.cursor.selection()
        if token is None:
            self.set_marks("cursor", [])
            self.set_marks("selection", [])
        else:
            self.scroll_to_offset(token.start)
            self.set_marks("cursor", [Mark(token.start, token.end, "article-view--cursor")])
            self.set_marks("selection", [Mark(*selection, "article-view--selection")] if selection else [])
        self.post_message(self.CursorMoved(self, token, selection))

    def _enter_word_mode(self) -> bool:
        """Start word mode at the top of the screen; False when that was the move (or no words yet)."""
        if self.text.empty:
            self.notify("The words are still being analysed…", timeout=2)
            return False
        if not self.cursor.active:
            self.cursor.start_at(self.top_offset or 0)
            self._cursor_changed()
            return False
        return True

    def refresh_cursor(self) -> None:
        """Redraw the cursor and selection marks after the cursor changed outside the view."""
        self._cursor_changed()

    def place_cursor(self, offset: int) -> None:
        """Put the word cursor on the word at ``offset`` (entering word mode)."""
        if not self.text.empty:
            self.cursor.place(offset)
            self._cursor_changed()

    def move_word(self, delta: int) -> None:
        """``w``/``b``: the next or previous word (the first press enters word mode)."""
        if self._enter_word_mode():
            self.cursor.move(delta)
            self._cursor_changed()

    def move_hard_word(self, direction: int) -> None:
        """``W``/``B``: the next or previous hard word (glossary term, above the learner's level)."""
        if self.text.empty:
            self._enter_word_mode()
            return
        if not self.cursor.active:
            top = self.top_offset or 0
            start = self.cursor.start_at(top)
            if start is not None and direction > 0 and self.is_hard(start):
                self._cursor_changed()
                return
        if self.cursor.move_to_next(direction, self.is_hard) is None:
            self.notify("No more hard words that way.", timeout=2)
        self._cursor_changed()

    def move_unit(self, unit: str, direction: int) -> None:
        """``)``/``(`` sentence, ``}``/``{`` paragraph."""
        if self._enter_word_mode():
            self.cursor.move_unit(unit, direction)
            self._cursor_changed()

    def toggle_selection(self) -> None:
        """``v``: start a selection at the cursor, or drop it."""
        if self.text.empty:
            self._enter_word_mode()
            return
        if not self.cursor.active:
            self.cursor.start_at(self.top_offset or 0)
        if self.cursor.anchor is None:
            self.cursor.begin_selection()
        else:
            self.cursor.anchor = None
        self._cursor_changed()

    def leave_word_mode(self) -> bool:
        """``Esc``: drop the selection, else leave word mode; False when there was nothing to leave."""
        if self.cursor.anchor is not None:
            self.cursor.anchor = None
        elif self.cursor.active:
            self.cursor.leave()
        else:
            return False
        self._cursor_changed()
        return True

    def drop_selection(self) -> None:
        if self.cursor.anchor is not None:
            self.cursor.anchor = None
            self._cursor_changed()
