"""The help screen: every key, grouped."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.keys import help_rows


class HelpScreen(ModalScreen[None]):
    """Lists every key of the reader as bound now (remapped keys show remapped); Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", show=True)]

    def __init__(self, live: Mapping[str, list[str]], keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.live = live
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        lines: list[str] = []
        group = ""
        for row_group, keys, description in help_rows(self.live, self.keymap):
            if row_group != group:
                if lines:
                    lines.append("")
                lines.append(row_group)
                group = row_group
            lines.append(f"  {keys:<18} {description}")
        lines.append("")
        lines.append("Esc, q or ? closes this help.")
        with VerticalScroll(id="help-body"):
            yield Static(Content("\n".join(lines)), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "yomu — keys"
