"""The library screen, and the app that opens texts from it and remembers where you were.

``yomu`` with no file opens :class:`LibraryScreen`: every text opened so far
with its title, source, when it was last read, how far you got and the share of
its words you know.  Enter opens a text in the reader, ``d`` takes it off the
list (never the file), ``/`` filters, ``v`` pastes the clipboard as a new text.

:class:`LibraryApp` also runs ``yomu FILE``: it remembers each text opened in
the library, records the reading position when the section at the top changes
and on quitting, and brings a text back to where you were when it opens again
(``--restart`` starts at the top).
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from reader.commands import ReaderCommands
from reader.core.cells import cell_len
from reader.core.sources.decode import SourceError
from reader.core.study.store import StoreError
from reader.data.config import Settings, load_settings
from reader.data.library import Library, LibraryEntry, OpenedText, open_entry, open_pasted
from reader.data.paths import bundled_seed, styles_dir
from reader.widgets import ArticleView

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
    def library_app(self) -> LibraryApp:
        assert isinstance(self.app, LibraryApp)
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


KNOWN = re.compile(r"known (\d+)%")


class LibraryApp(App[None]):
    """yomu: the library, or one text; positions are remembered in the library."""

    CSS_PATH = [str(styles_dir() / "app.tcss")]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    TITLE = "yomu"

    def __init__(
        self,
        opened: OpenedText | None = None,
        settings: Settings | None = None,
        *,
        restart: bool = False,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        warning = None
        if settings is None:
            settings, warning = load_settings()
        self.settings = settings
        self._warnings = [w for w in (warning,) if w]
        self.opened = opened
        self.restart = restart
        self.library = library
        self._restore_pending = opened is not None
        self._last_section = -1
        if self.library is None:
            try:
                self.library = Library.open()
                if self.library.warning:
                    self._warnings.append(self.library.warning)
            except StoreError as error:
                self._warnings.append(f"The library is off: {error}")
        if opened is not None:
            self._remember(opened)

    # ------------------------------------------------------------ screens

    def get_default_screen(self) -> Screen[None]:
        if self.opened is None:
            return LibraryScreen()
        from reader.screens.reader import ReaderScreen

        return ReaderScreen(self.opened.document, self.settings)

    def on_mount(self) -> None:
        self.set_interval(self.WATCH_INTERVAL, self._watch_reader)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        for warning in self._warnings:
            self.notify(warning, severity="warning", markup=False)

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()

    # ------------------------------------------------------------ library

    def library_entries(self) -> list[LibraryEntry]:
        """The entries to list (the bundled article is the first on a fresh install)."""
        if self.library is None:
            return []
        try:
            entries = self.library.entries()
            if not entries and bundled_seed().is_file():
                from reader.data.library import open_source

                seed = open_source(str(bundled_seed()))
                self.library.remember(seed.key, seed.document, source=seed.source, kind=seed.kind)
                entries = self.library.entries()
            return entries
        except (StoreError, SourceError) as error:
            self.notify(str(error), severity="error", markup=False)
            return []

    def _remember(self, opened: OpenedText) -> None:
        if self.library is None:
            return
        try:
            self.library.remember(opened.key, opened.document, source=opened.source, kind=opened.kind, copy=opened.copy)
        except StoreError as error:
            self._warnings.append(str(error))

    def remove_entry(self, entry: LibraryEntry) -> bool:
        if self.library is None:
            return False
        try:
            return self.library.remove(entry.key)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False

    def open_entry(self, entry: LibraryEntry) -> None:
        """Load a library entry and open it in the reader (where you were)."""
        try:
            opened = open_entry(entry)
        except SourceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.open_text(opened)

    def open_text(self, opened: OpenedText) -> None:
        """Open a loaded text in the reader and remember it."""
        from reader.screens.reader import ReaderScreen

        self.opened = opened
        self.restart = False
        self._restore_pending = True
        self._last_section = -1
        self._remember(opened)
        self.push_screen(ReaderScreen(opened.document, self.settings))

    @work(thread=True, exclusive=True, group="paste", exit_on_error=False, description="read the clipboard")
    def paste_new_text(self) -> None:
        """Read the clipboard (in a thread: the tools may take a moment) and open it as a new text."""
        from reader.clipboard import paste_text

        try:
            opened = open_pasted(paste_text())
        except (RuntimeError, SourceError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.open_text, opened)

    # ------------------------------------------------------------ position

    def _reader_view(self) -> ArticleView | None:
        from reader.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return None
        try:
            return screen.query_one(ArticleView)
        except Exception:
            return None

    WATCH_INTERVAL = 0.5
    """Seconds between looks at the reader's position (to restore it once, then to record changes)."""

    def _watch_reader(self) -> None:
        """Restore the saved position once the text is laid out; record it when the section changes.

        A timer rather than the view's messages: they stop at the reading
        screen, and the screen is not this module's to change.
        """
        view = self._reader_view()
        if view is None or self.opened is None or view.top_offset is None or not view.size.height:
            return
        if self._restore_pending:
            self._restore_pending = False
            self._restore(view)
            return
        section = view.section_at_top().index
        if section != self._last_section:
            self._last_section = section
            self.record_position()

    def _restore(self, view: ArticleView) -> None:
        if self.opened is None or self.library is None or self.restart:
            return
        try:
            position = self.library.saved_position(self.opened.key)
        except StoreError:
            return
        if position is None:
            return
        offset = min(position.offset, max(len(self.opened.document.text) - 1, 0))
        # The row that was at the top goes to the top again (the over row of its line, if any).
        view.scroll_to_row(view.row_of_offset(offset))
        self._last_section = view.section_at_top().index

    def record_position(self) -> None:
        """Save where the reader is in the open text (section and offset at the top of the screen)."""
        view = self._reader_view()
        if view is None or self.opened is None or self.library is None:
            return
        offset = view.top_offset
        if offset is None:
            return
        section = view.section_at_top().index
        length = max(len(self.opened.document.text), 1)
        known: float | None = None
        share_text = getattr(self.screen, "known_share", lambda: "")()
        found = KNOWN.search(share_text or "")
        if found:
            known = int(found[1]) / 100
        # The position is a convenience: reading goes on without it.
        with contextlib.suppress(StoreError):
            self.library.record_position(self.opened.key, section, offset, offset / length, known)

    async def action_quit(self) -> None:
        self.record_position()
        await super().action_quit()
