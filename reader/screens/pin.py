"""A small modal to pin the reading of the word under the cursor."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class PinScreen(ModalScreen[str | None]):
    """Asks for a reading in kana; dismisses with the saved reading (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, surface: str, reading: str) -> None:
        super().__init__()
        self.surface = surface
        self.reading = reading

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(Content(f"Pin the reading of {self.surface} (now {self.reading}); it then wins everywhere."))
            yield Input(value=self.reading, placeholder="reading in kana", id="pin-input")
            yield Static(Content(""), id="pin-error")

    def on_mount(self) -> None:
        self.query_one("#pin-box").border_title = "Pin a reading"

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from reader.core.analysis.kana import is_kana, to_hiragana
        from reader.core.study.store import StoreError
        from reader.data.pins import pin_reading

        reading = event.value.strip()
        if not reading or not all(is_kana(ch) or ch == "ー" for ch in reading):
            self.query_one("#pin-error", Static).update(Content("Write the reading in kana (ひらがな or カタカナ)."))
            return
        reading = to_hiragana(reading)
        try:
            warning = pin_reading(self.surface, reading)
        except (StoreError, OSError) as error:
            self.query_one("#pin-error", Static).update(Content(f"Not saved: {error}"))
            return
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self.dismiss(reading)
