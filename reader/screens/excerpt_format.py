"""The ``Y`` chooser: the format of copied excerpts and what to add to them.

A small modal: ↑/↓ pick the format, ``n`` adds the glossary terms and entities
met in the excerpt, ``c`` adds the citation, ``a`` the pitch accent of each
phrase (Anki, HTML, Markdown), Enter copies, Esc cancels.  It
returns an :class:`ExcerptChoice` (or ``None``); the caller remembers it in the
settings and copies.  A ``preview`` callable, when given, shows the current
excerpt in the highlighted format as it would be copied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.printable import screen_text

FORMAT_LABELS: dict[str, str] = {
    "anki": "Anki      漢字[かんじ] for Anki's furigana field",
    "html": "HTML      <ruby>漢字<rt>かんじ</rt></ruby>",
    "markdown": "Markdown  漢字(かんじ), Markdown escaped",
    "plain": "Plain     漢字(かんじ)",
    "aozora": "Aozora    ｜漢字《かんじ》",
    "romaji": "Romaji    each sentence with its romaji under it",
    "text": "Text      without readings",
}
"""The formats offered, in order, with what each looks like."""
PREVIEW_LINES = 6
"""Lines of the preview shown; the rest is cut with …"""


@dataclass(frozen=True, slots=True)
class ExcerptChoice:
    """How excerpts are copied: a format of :data:`FORMAT_LABELS`, with notes, citation and accents or not."""

    fmt: str = "anki"
    notes: bool = False
    cite: bool = False
    accent: bool = False
    """Add the pitch accent of each phrase (in the Anki, HTML and Markdown formats)."""


class ExcerptFormatScreen(ModalScreen[ExcerptChoice | None]):
    """Chooses the excerpt format and extras; dismisses with the choice, or ``None`` on Esc."""

    DEFAULT_CSS = """
    ExcerptFormatScreen { align: center middle; }
    ExcerptFormatScreen > #excerpt-format {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ExcerptFormatScreen OptionList { height: auto; max-height: 9; border: none; padding: 0; }
    ExcerptFormatScreen Checkbox { border: none; padding: 0; height: 1; background: $surface; }
    ExcerptFormatScreen #excerpt-preview { color: $text-muted; height: auto; margin-top: 1; }
    ExcerptFormatScreen #excerpt-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("n", "toggle_extra('notes')", "Notes", show=True),
        Binding("c", "toggle_extra('cite')", "Citation", show=True),
        Binding("a", "toggle_extra('accent')", "Accent", show=True),
    ]

    def __init__(
        self,
        current: ExcerptChoice | None = None,
        preview: Callable[[ExcerptChoice], str] | None = None,
    ) -> None:
        super().__init__()
        current = current or ExcerptChoice()
        if current.fmt not in FORMAT_LABELS:
            current = replace(current, fmt="anki")
        self.choice = current
        """The choice as it stands; returned on Enter."""
        self._preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(id="excerpt-format"):
            yield OptionList(
                *(Option(Content(label), id=fmt) for fmt, label in FORMAT_LABELS.items()),
                id="excerpt-formats",
            )
            yield Checkbox(Content("Notes: glossary terms and names (n)"), self.choice.notes, id="notes")
            yield Checkbox(Content("Citation: title and section (c)"), self.choice.cite, id="cite")
            accent_label = "Accent: pitch of each phrase (a) · Anki, HTML, Markdown"
            yield Checkbox(Content(accent_label), self.choice.accent, id="accent")
            if self._preview is not None:
                yield Static(Content(""), id="excerpt-preview", markup=False)
            keys = "↑↓ format · n notes · c citation · a accent · Enter copy · Esc cancel"
            yield Static(Content(keys), id="excerpt-keys")

    def on_mount(self) -> None:
        self.query_one("#excerpt-format").border_title = "Copy excerpts as"
        formats = self.query_one(OptionList)
        formats.highlighted = list(FORMAT_LABELS).index(self.choice.fmt)
        for box in self.query(Checkbox):
            box.can_focus = False  # keys n/c and the mouse toggle them; focus stays on the list
        formats.focus()
        self._show_preview()

    @on(OptionList.OptionHighlighted)
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.choice = replace(self.choice, fmt=event.option.id)
            self._show_preview()

    @on(OptionList.OptionSelected)
    def _format_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.choice = replace(self.choice, fmt=event.option.id)
        self.dismiss(self.choice)

    @on(Checkbox.Changed)
    def _extra_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "notes":
            self.choice = replace(self.choice, notes=event.value)
        elif event.checkbox.id == "cite":
            self.choice = replace(self.choice, cite=event.value)
        elif event.checkbox.id == "accent":
            self.choice = replace(self.choice, accent=event.value)
        self._show_preview()

    def action_toggle_extra(self, extra: str) -> None:
        """Switch notes, citation or accents on or off."""
        self.query_one(f"#{extra}", Checkbox).toggle()

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    def refresh_preview(self) -> None:
        """What the preview shows may have changed (the accents arrived): show it again."""
        self._show_preview()

    def _show_preview(self) -> None:
        if self._preview is None or not self.is_mounted:
            return
        try:
            text = self._preview(self.choice)
        except Exception as error:  # a preview must never take the chooser down
            text = f"(no preview: {error})"
        lines = screen_text(text).split("\n")  # the excerpt's own ESC shown as ^[, as the copy holds it
        if len(lines) > PREVIEW_LINES:
            lines = [*lines[:PREVIEW_LINES], "…"]
        self.query_one("#excerpt-preview", Static).update(Content("\n".join(lines)))
