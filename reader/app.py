"""The Textual application: the library, the reader, and where you were in each text.

:class:`YomuApp` opens the library (``yomu``) or one text (``yomu FILE``,
``yomu -``, ``yomu URL``, ``yomu --paste``).  Every text opened from a source
is remembered in the library; the reading screen reports where the reader is
(:class:`~reader.screens.reader.ReaderScreen.Moved`) and the app records it,
so opening the text again brings the reader back there (``--restart``: from the
top).  ``q`` in a text opened from the library goes back to the list; anywhere
else it quits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader.core.document import Document
from reader.core.printable import one_line, screen_text
from reader.core.sources.decode import SourceError
from reader.core.study.database import StoreError
from reader.data.config import Settings, keymap_conflicts, load_settings
from reader.data.library import Library, LibraryEntry, OpenedText, keep_parsed, open_entry, open_pasted
from reader.data.paths import bundled_seed, styles_dir
from reader.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from reader.core.study.scheduler import StudySession


def reader_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens (not on the way to the first paint)."""
    from reader.commands import ReaderCommands

    return ReaderCommands


NOTICE_LIMIT = 1000
"""Characters of a notice shown at most (an error may quote a whole file)."""
KEY_GROUPS = (("reader", "view"), ("session",))
"""Components whose keys are live together (see ``reader.keys.Key.where``): a key given to two of one group clashes."""


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """Remaps that name no binding or take a key another action needs (``q`` above all)."""
    from reader.keys import KEYS

    groups = [{key.id: key.keys for key in KEYS if key.where in group} for group in KEY_GROUPS]
    return keymap_conflicts(keymap, groups)


class SafeApp(App[None]):
    """What every yomu app is: safe notices, one line for an uncaught error, key remaps checked.

    Every notice is made safe to show (control characters of a file name, the
    article or a database row as ``^[``); an error nothing inside caught ends
    the app with one line (``yomu`` prints :attr:`failure`) instead of
    Textual's traceback; a key remap that takes a key another action needs is
    reported when it is applied.
    """

    failure: str | None = None
    """One line saying why the app stopped on an error nothing caught (``yomu`` prints it)."""

    def apply_keymap(self, keymap: Mapping[str, str]) -> None:
        """Apply the user's key remaps, with a notice for each conflict."""
        if not keymap:
            return
        self.set_keymap(dict(keymap))
        for problem in keymap_problems(keymap):
            self.notify(problem, severity="warning", timeout=10, markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice passes here: control characters of file names, article text or
        database rows are made visible (``^[``), so a notice never drives the terminal."""
        super().notify(
            screen_text(message)[:NOTICE_LIMIT],
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _handle_exception(self, error: Exception) -> None:
        # The last net of the error rule inside the app: Textual would print a
        # full traceback after closing the screen; yomu prints one line instead
        # (YOMU_DEBUG=1 keeps Textual's traceback).  Textual's own handling
        # still runs, so Pilot tests see the exception.
        from reader.cmd import describe

        self.failure = describe(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if os.environ.get("YOMU_DEBUG", "") not in ("", "0"):
            super()._fatal_error()
            return
        self.bell()
        self.exit(return_code=1)


class YomuApp(SafeApp):
    """yomu: the library of texts, and the reader for one of them."""

    CSS_PATH = [str(styles_dir() / "app.tcss")]
    COMMANDS = App.COMMANDS | {reader_commands}
    TITLE = "yomu"

    def __init__(
        self,
        opened: OpenedText | Document | None = None,
        settings: Settings | None = None,
        *,
        restart: bool = False,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        warnings: list[str] = []
        if settings is None:
            settings, warning = load_settings()
            warnings += [warning] if warning else []
        self.settings = settings
        self.restart = restart
        self.opened: OpenedText | None = opened if isinstance(opened, OpenedText) else None
        self.document: Document | None = opened.document if isinstance(opened, OpenedText) else opened
        """The text the app opened first (None: the library)."""
        self.library = library
        if self.library is None and not isinstance(opened, Document):
            # A bare Document (tests, scripts) reads without the library; a text from a source is remembered.
            try:
                self.library = Library.open()
                if self.library.warning:
                    warnings.append(self.library.warning)
            except StoreError as error:
                warnings.append(f"The library is off: {error}")
        self._warnings = warnings
        if self.opened is not None:
            self._remember(self.opened)

    # ------------------------------------------------------------ screens

    def get_default_screen(self) -> Screen[None]:
        """The reading screen (or the library) is the app's own screen: no blank screen composed first."""
        if self.document is None:
            from reader.screens.library import LibraryScreen

            return LibraryScreen()
        return ReaderScreen(self.document, self.settings, start_offset=self._saved_offset(self.opened))

    def on_mount(self) -> None:
        self.apply_keymap(self.settings.keymap)
        for warning in self._warnings:
            self.notify(warning, severity="warning", markup=False)
        if not gc.isenabled():
            # `yomu` starts with the collector off (reader.cli.read); the first paint turns it on,
            # or this, whichever comes first (the library, an error screen).
            self.set_timer(1.0, _collect_again)
            if self.document is None:
                self.call_after_refresh(_collect_again)

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()

    def open_text(self, opened: OpenedText) -> None:
        """Open a loaded text in the reader, where the reader left it, over the library."""
        self.opened = opened
        self._remember(opened)
        self.push_screen(ReaderScreen(opened.document, self.settings, start_offset=self._saved_offset(opened)))

    async def action_quit(self) -> None:
        """``q``: back to the library from a text opened there, else quit (the position is saved first)."""
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            self._record(screen.position())
            if len(self.screen_stack) > 1:
                self.pop_screen()
                self.opened = None
                return
        await super().action_quit()

    # ------------------------------------------------------------ the library

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

    def open_entry(self, entry: LibraryEntry) -> None:
        """Load a library entry and open it in the reader."""
        try:
            opened = open_entry(entry)
        except SourceError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.restart = False
        self.open_text(opened)

    def remove_entry(self, entry: LibraryEntry) -> bool:
        if self.library is None:
            return False
        try:
            return self.library.remove(entry.key)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False

    class _Pasted(Message):
        def __init__(self, opened: OpenedText | None, error: str = "") -> None:
            super().__init__()
            self.opened, self.error = opened, error

    @work(thread=True, exclusive=True, group="paste", exit_on_error=False, description="read the clipboard")
    def paste_new_text(self) -> None:
        """Read the clipboard (in a thread: the tools may take a moment) and open it as a new text."""
        from reader.clipboard import paste_text

        try:
            self.post_message(self._Pasted(open_pasted(paste_text())))
        except (RuntimeError, SourceError, OSError) as error:
            self.post_message(self._Pasted(None, str(error)))

    def _on_yomu_app__pasted(self, message: _Pasted) -> None:
        if message.opened is None:
            self.notify(message.error, severity="error", markup=False)
        else:
            self.open_text(message.opened)

    @on(ReaderScreen.Shown)
    def _text_shown(self) -> None:
        """The text is on screen: a text parsed now is kept in the document cache (the next opening
        skips the parser), in a thread, so its first paint waited for none of it."""
        _collect_again()
        opened = self.opened
        if opened is not None and opened.unkept:
            self.opened = dataclasses.replace(opened, unkept=b"")
            self._keep_parsed(opened)

    @work(thread=True, group="keep", exit_on_error=False, description="keep the parsed text")
    def _keep_parsed(self, opened: OpenedText) -> None:
        keep_parsed(opened)

    def _remember(self, opened: OpenedText) -> None:
        if self.library is None:
            return
        try:
            self.library.remember(opened.key, opened.document, source=opened.source, kind=opened.kind, copy=opened.copy)
        except StoreError as error:
            self._warnings.append(str(error))

    # ------------------------------------------------------------ positions

    def _saved_offset(self, opened: OpenedText | None) -> int | None:
        if opened is None or self.library is None or self.restart:
            return None
        try:
            position = self.library.saved_position(opened.key)
        except StoreError:
            return None
        return None if position is None else min(position.offset, max(len(opened.document.text) - 1, 0))

    @on(ReaderScreen.Moved)
    def _reader_moved(self, event: ReaderScreen.Moved) -> None:
        self._record(event)

    def _record(self, where: ReaderScreen.Moved) -> None:
        """Save where the reader is in the open text (a convenience: reading goes on without it)."""
        if self.opened is None or self.library is None:
            return
        with contextlib.suppress(StoreError):
            self.library.record_position(
                self.opened.key, where.section, where.offset, where.read_share, where.known_share
            )


class StudyApp(SafeApp):
    """``yomu study``: an app that is only a study session."""

    CSS_PATH = [str(styles_dir() / "app.tcss")]
    TITLE = "yomu study"

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        from reader.screens.study import StudyScreen

        self.push_screen(StudyScreen(self.session), lambda _summary: self.exit())


def _collect_again() -> None:
    """The cyclic garbage collector on again, after the first paint (see :func:`reader.cli.read`)."""
    gc.enable()
