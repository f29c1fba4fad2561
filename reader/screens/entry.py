"""The full dictionary entry of a word, in a modal (Enter on the look-up panel)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.lexicon.dictionary import WordEntry
from reader.widgets.lookup import entry_lines


class EntryScreen(ModalScreen[None]):
    """Every sense, form and kanji of one entry; Esc, q or Enter closes it."""

    DEFAULT_CSS = """
    EntryScreen { align: center middle; }
    EntryScreen > VerticalScroll { width: 80%; height: 80%; border: round $primary; padding: 0 1;
                                   background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "dismiss", "Close", show=True)]

    def __init__(self, entry: WordEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        source = "JMnedict" if self.entry.source == "jmnedict" else "JMdict"
        text = "\n".join([*entry_lines(self.entry, senses=None), "", f"{source} entry {self.entry.entry_id}"])
        with VerticalScroll(id="entry-body"):
            yield Static(Content(text), id="entry-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#entry-body").border_title = f"{self.entry.headword} — dictionary entry"
