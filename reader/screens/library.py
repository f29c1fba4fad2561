"""The library screen: every text opened so far.

``yomu`` with no file opens :class:`LibraryScreen`: every text opened so far
with its title, source, when it was last read, how far you got and the share of
its words you know.  Enter opens a text in the reader, ``d`` takes it off the
list (never the file), ``/`` filters, ``v`` pastes the clipboard as a new text.
The app (:class:`reader.app.YomuApp`) keeps the library and the positions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from reader.core.cells import cell_len
from reader.data.library import LibraryEntry

if TYPE_CHECKING:
    from reader.app import YomuApp

COLUMNS = ("Title", "Source", "Last read", "Progress", "Known")


def ago(moment: datetime, now: datetime | None = None) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``yesterday``, ``4 days ago`` or the date."""
    now = now or datetime.now(UTC)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return moment.astimezone().strftime("%Y-%m-%d")


def fit(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal cells with …."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def entry_cells(entry: LibraryEntry, now: datetime | None = None) -> tuple[str, str, str, str, str]:
    """What the list shows of an entry, as plain strings."""
    progress = f"§{entry.section + 1} · {entry.read_share:.0%}"
    known = "—" if entry.known_share is None else f"{entry.known_share:.0%}"
    return (fit(entry.title, 40), fit(entry.source, 36), ago(entry.last_read, now), progress, known)


def matches(entry: LibraryEntry, query: str) -> bool:
    """True when every word of ``query`` is in the title or the source (case-insensitive)."""
    haystack = f"{entry.title} {entry.source}".casefold()
    return all(word in haystack for word in query.casefold().split())


class LibraryScreen(Screen[None]):
    """Every text opened so far; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=True, id="library.open"),
        Binding("d", "remove", "Remove from list", show=True, id="library.remove"),
        Binding("slash", "filter", "Filter", show=True, id="library.filter"),
        Binding("v", "paste", "Paste as new text", show=True, id="library.paste"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear"),
        Binding("q", "app.quit", "Quit", show=True, id="library.quit"),
    ]
    DEFAULT_CSS = """
    LibraryScreen #library-title { background: $panel; color: $text; text-style: bold; padding: 0 1; }
    LibraryScreen #library-filter { display: none; }
    LibraryScreen #library-filter.shown { display: block; }
    LibraryScreen #library-empty { padding: 1 2; color: $text-muted; }
    LibraryScreen DataTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.shown: list[LibraryEntry] = []

    @property
    def library_app(self) -> YomuApp:
        from reader.app import YomuApp

        assert isinstance(self.app, YomuApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static("yomu — library", id="library-title", markup=False)
        yield Input(placeholder="filter: words of the title or source", id="library-filter")
        table: DataTable[Text] = DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="library-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        self.refresh_entries()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_entries()

    def refresh_entries(self) -> None:
        """Read the library again and show the entries that pass the filter."""
        entries = self.library_app.library_entries()
        self.shown = [e for e in entries if matches(e, self.query_text)]
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        now = datetime.now(UTC)
        for entry in self.shown:
            table.add_row(*(Text(cell) for cell in entry_cells(entry, now)), key=entry.key)
        if self.shown:
            table.move_cursor(row=min(cursor, len(self.shown) - 1))
        count = len(entries)
        title = f"yomu — library · {count} text{'s' if count != 1 else ''}"
        if self.query_text:
            title += f" · filter: {self.query_text} ({len(self.shown)} shown)"
        self.query_one("#library-title", Static).update(Text(title))
        empty = self.query_one("#library-empty", Static)
        if self.shown:
            empty.update("")
        elif count:
            empty.update(Text("No text matches the filter (Esc clears it)."))
        else:
            empty.update(Text("The library is empty: open a file with `yomu FILE`, or paste a text with v."))

    def selected(self) -> LibraryEntry | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row < 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def action_open(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.library_app.open_entry(entry)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_remove(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.library_app.remove_entry(entry):
            self.notify(f"Removed from the list: {fit(entry.title, 40)} (the file stays)", timeout=3, markup=False)
        self.refresh_entries()

    def action_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.add_class("shown")
        field.value = self.query_text
        field.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refresh_entries()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#library-filter", Input)
        field.value = ""
        field.remove_class("shown")
        self.query_text = ""
        self.refresh_entries()
        self.query_one(DataTable).focus()

    def action_paste(self) -> None:
        self.library_app.paste_new_text()
