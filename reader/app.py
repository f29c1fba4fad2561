"""The Textual application."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

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

    def get_default_screen(self) -> Screen[None]:
        """The reading screen is the app's own screen: no blank screen composed first."""
        from reader.screens.reader import ReaderScreen

        return ReaderScreen(self.document, self.settings)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", markup=False)
