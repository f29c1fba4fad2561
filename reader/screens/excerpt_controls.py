"""The reader screen's copying (a mixin of ReaderScreen).

``v`` (in the article view) starts a selection and ``y`` copies it; without a
selection ``y`` waits for a second key: ``s`` sentence, ``p`` paragraph,
``S`` section, ``y`` the last excerpt again in a format chosen anew.  ``Y``
chooses the format and what to add; the choice is remembered.  The text comes
from the one formatter in ``reader.core.excerpt`` that ``yomu annotate``
prints with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from reader.screens.host import ReaderHost
from reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from reader.screens.excerpt_format import ExcerptChoice

YANK_UNITS = {"s": "sentence", "p": "paragraph", "S": "section"}


class ExcerptControls(ReaderHost):
    """Selections, quick copies and the format chooser."""

    _yank_pending: bool = False
    _last_excerpt: tuple[int, int] | None = None

    def _choice(self) -> ExcerptChoice:
        from reader.screens.excerpt_format import ExcerptChoice

        return ExcerptChoice(self.settings.excerpt_format, self.settings.excerpt_notes, self.settings.excerpt_cite)

    def excerpt_text(self, start: int, end: int, choice: ExcerptChoice) -> str:
        """What a copy of ``[start, end)`` holds in the chosen format."""
        from reader.core.excerpt import format_excerpt, notes_from_layers
        from reader.core.layers import Analysis

        analysis = self.analysis or Analysis((), (), ())
        notes = notes_from_layers(start, end, self.glossary_terms, self.entity_index) if choice.notes else None
        return format_excerpt(
            self.document,
            analysis,
            start,
            end,
            choice.fmt,
            ruby_filter=self.ruby_filter(),
            notes=notes,
            cite=choice.cite,
            romaji_style=self.settings.romaji_style,
        )

    def copy_range(self, start: int, end: int, what: str) -> None:
        """Copy ``[start, end)`` in the remembered format and say where it went."""
        from reader.clipboard import copy_text

        choice = self._choice()
        result = copy_text(self.excerpt_text(start, end, choice), self.app)
        self._last_excerpt = (start, end)
        self.notify(
            f"{what} ({choice.fmt}): {result.notice}",
            severity="information" if result.ok else "error",
            timeout=4,
            markup=False,
        )

    def _cursor_offset(self) -> int:
        view = self.query_one(ArticleView)
        token = view.cursor.token if view.cursor is not None else None
        return token.start if token is not None else (view.top_offset or 0)

    def action_yank(self) -> None:
        """``y``: copy the selection, or wait for s / p / S / y."""
        view = self.query_one(ArticleView)
        selection = view.cursor.selection() if view.cursor is not None else None
        if selection is not None:
            self.copy_range(*selection, "Copied the selection")
            if view.cursor is not None:
                view.cursor.anchor = None
            view.refresh_cursor()
            return
        self._yank_pending = True
        self.notify("Copy: s sentence · p paragraph · S section · y last excerpt in another format", timeout=3)

    def on_key(self, event: events.Key) -> None:
        # Both keys of a chord are taken here, as they bubble through the screen
        # in order; a binding for ``y`` would run later, in the app's queue, and
        # a fast ``ys`` would reach the ``s`` binding first.
        if not self._yank_pending:
            if event.key == "y":
                event.stop()
                event.prevent_default()
                self.action_yank()
            return
        self._yank_pending = False
        key = event.character or event.key
        if key in YANK_UNITS:
            event.stop()
            event.prevent_default()
            from reader.core.excerpt import excerpt_range

            unit = YANK_UNITS[key]
            self.copy_range(*excerpt_range(self.document, self._cursor_offset(), unit), f"Copied the {unit}")
        elif key == "y":
            event.stop()
            event.prevent_default()
            if self._last_excerpt is None:
                self.notify("Nothing copied yet.", timeout=2)
            else:
                self.action_choose_format(again=True)

    def action_choose_format(self, again: bool = False) -> None:
        """``Y``: choose the excerpt format and extras; copy with the choice."""
        from reader.core.excerpt import excerpt_range
        from reader.screens.excerpt_format import ExcerptChoice, ExcerptFormatScreen

        view = self.query_one(ArticleView)
        selection = view.cursor.selection() if view.cursor is not None else None
        if again and self._last_excerpt is not None:
            span = self._last_excerpt
        elif selection is not None:
            span = selection
        else:
            span = excerpt_range(self.document, self._cursor_offset(), "sentence")

        def chosen(choice: ExcerptChoice | None) -> None:
            if choice is None:
                return
            self.settings.excerpt_format = choice.fmt
            self.settings.excerpt_notes = choice.notes
            self.settings.excerpt_cite = choice.cite
            self._save()
            self.copy_range(*span, "Copied")

        def preview(choice: ExcerptChoice) -> str:
            return self.excerpt_text(*span, choice)

        self.app.push_screen(ExcerptFormatScreen(self._choice(), preview), chosen)
        _ = ExcerptChoice
