"""The Textual application."""

from __future__ import annotations

from textual.app import App

from reader.commands import ReaderCommands
from reader.core.document import Document
from reader.data.config import Settings, load_settings
from reader.data.paths import styles_dir


class YomuApp(App[None]):
    """yomu: read a Japanese article with readings, from the keyboard."""

    CSS_PATH = [str(styles_dir() / "app.tcss")]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    TITLE = "yomu"

    def __init__(self, document: Document, settings: Settings | None = None) -> None:
        super().__init__()
        self.document = document
        warning = None
        if settings is None:
            settings, warning = load_settings()
        self.settings = settings
        self._settings_warning = warning

    def on_mount(self) -> None:
        from reader.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.document, self.settings))
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", markup=False)
