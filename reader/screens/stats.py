"""How hard the article is for this reader: words known, new words per section."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.cells import cell_len
from reader.core.study.stats import ArticleStats

BAR_WIDTH = 20
LABEL_WIDTH = 24


def _fit(label: str, width: int) -> str:
    """``label`` cut to ``width`` cells (with …) and padded to it."""
    if cell_len(label) > width:
        out = ""
        for ch in label:
            if cell_len(out + ch) > width - 1:
                break
            out += ch
        label = out + "…"
    return label + " " * (width - cell_len(label))


def stats_lines(stats: ArticleStats) -> list[str]:
    """The statistics as text rows (also what tests read)."""
    lines = [
        f"Words known: {stats.known_tokens} of {stats.tokens} running words ({stats.share_known:.0%})",
        f"Distinct words: {stats.words}, known {stats.known_words} ({stats.share_words_known:.0%}), "
        f"new {stats.new_words}",
    ]
    densest = stats.densest
    if densest is not None and densest.new_words:
        lines.append(
            f"Densest section: {densest.index + 1} {densest.label} "
            f"({densest.new_words} new in {densest.tokens} words, {densest.density:.0%})"
        )
    lines += ["", "New words per section:"]
    top = max((s.new_words for s in stats.sections), default=0)
    for section in stats.sections:
        filled = round(section.new_words / top * BAR_WIDTH) if top else 0
        mark = " ◀" if densest is not None and section.index == densest.index and section.new_words else ""
        lines.append(
            f"{section.index + 1:>2} {_fit(section.label, LABEL_WIDTH)} "
            f"{'█' * filled}{'·' * (BAR_WIDTH - filled)} {section.new_words:>3}{mark}"
        )
    return lines


class StatsScreen(ModalScreen[None]):
    """Statistics of one article against the reader's marks; Esc, q or i closes."""

    DEFAULT_CSS = """
    StatsScreen { align: center middle; }
    #stats-body { width: 80; max-width: 95%; height: auto; max-height: 90%;
                  border: round $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss", "Close", show=True)]

    def __init__(self, stats: ArticleStats, title: str = "") -> None:
        super().__init__()
        self.stats = stats
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-body"):
            yield Static(Content("\n".join(stats_lines(self.stats))), id="stats-text")

    def on_mount(self) -> None:
        body = self.query_one("#stats-body")
        body.border_title = "Statistics"
        if self.title_text:
            body.border_subtitle = self.title_text
