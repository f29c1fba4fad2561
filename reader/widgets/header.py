"""The header line: title, current section and reading mode."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.core.cells import cell_len, display_text, truncate


class ArticleHeader(Static):
    """Shows ``title · section i/n · furigana: mode`` without markup parsing."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: 1;
        dock: top;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.article_title = display_text(title)
        self.section_text = ""
        self.mode_text = ""

    def show(self, section: str, mode: str) -> None:
        """Update the section and mode parts."""
        self.section_text = section
        self.mode_text = mode
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        right = f" · {self.section_text} · {self.mode_text} "
        width = max(10, self.size.width or 80)
        title = truncate(" " + self.article_title, max(5, width - cell_len(right)))
        self.update(Content(title + right))
