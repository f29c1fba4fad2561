"""The reader screen's look-up and glossary behaviour (a mixin of ReaderScreen).

The word cursor posts ``ArticleView.CursorMoved``; a thread worker looks the
word up (jamdict keeps one connection per thread) and the look-up panel shows
it.  The glossary is built in a worker once the readings are known; its panel
asks for jumps with ``GlossaryPanel.JumpTo``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work

from reader.core.layers import Token
from reader.screens.host import ReaderHost
from reader.widgets.article_view import ArticleView, Mark

if TYPE_CHECKING:
    from reader.core.analysis.glossary import GlossaryTerm
    from reader.core.lexicon.dictionary import WordEntry
    from reader.widgets.glossary import GlossaryPanel
    from reader.widgets.lookup import LookupPanel


class LookupControls(ReaderHost):
    """Look-up panel, entry modal and glossary panel of the reader screen."""

    glossary_terms: tuple[GlossaryTerm, ...] = ()
    _glossary_spans: list[tuple[int, int]]

    # The panels are mounted just after the first paint (their modules and
    # the dictionaries they lead to stay off the path to the first screen).
    @property
    def lookup_panel(self) -> LookupPanel:
        self._ensure_panels()
        return cast("LookupPanel", self.query_one("#lookup"))

    @property
    def glossary_panel(self) -> GlossaryPanel:
        self._ensure_panels()
        return cast("GlossaryPanel", self.query_one("#glossary"))

    # ------------------------------------------------------------ look-up

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        panel = self.lookup_panel
        token = event.token
        panel.display = self.settings.show_lookup and token is not None
        if token is None:
            panel.show_message("w / b move the word cursor; the word's entry shows here.")
            return
        panel.show_message(f"{token.surface} {token.reading} …")
        self.look_up(token)

    @work(thread=True, exclusive=True, group="lookup", exit_on_error=False, description="look up a word")
    def look_up(self, token: Token) -> None:
        """Look ``token`` up in the local dictionaries (in a thread)."""
        from reader.core.lexicon import DictionaryUnavailable
        from reader.core.lexicon.dictionary import lookup_word

        try:
            entry = lookup_word(token.surface, token.lemma, token.reading, token.pos)
        except DictionaryUnavailable as error:
            self.app.call_from_thread(self.lookup_panel.show_message, str(error))
            return
        self.app.call_from_thread(self._show_entry, token, entry)

    def _show_entry(self, token: Token, entry: WordEntry | None) -> None:
        view = self.query_one(ArticleView)
        current = view.cursor.token if view.cursor is not None else None
        if current is None or (current.start, current.end) != (token.start, token.end):
            return  # the cursor moved on while this look-up ran
        self.lookup_panel.show_entry(entry, token.surface)

    def action_open_entry(self) -> None:
        """Enter in word mode: the full dictionary entry in a modal."""
        from reader.screens.entry import EntryScreen

        entry = self.lookup_panel.entry
        if entry is None:
            self.notify("No dictionary entry for this word.", timeout=2)
            return
        self.app.push_screen(EntryScreen(entry))

    def action_toggle_lookup(self) -> None:
        panel = self.lookup_panel
        self.settings.show_lookup = not self.settings.show_lookup
        view = self.query_one(ArticleView)
        panel.display = self.settings.show_lookup and view.in_word_mode
        self._save()
        self.notify("Look-up panel " + ("on" if self.settings.show_lookup else "off"), timeout=2)

    # ----------------------------------------------------------- glossary

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False, description="build the glossary")
    def build_glossary(self) -> None:
        """Curated terms of the article (if any) plus automatic ones (in a thread)."""
        from reader.core.analysis.glossary import (
            CuratedTerm,
            GlossaryError,
            build_glossary,
            curated_path_for,
            load_curated,
        )

        analysis = self.analysis
        if analysis is None:
            return
        curated: tuple[CuratedTerm, ...] = ()
        warning = None
        if self.document.name and self.document.name != "-":
            path = curated_path_for(self.document.name)
            if path.exists():
                try:
                    curated = load_curated(path)
                except GlossaryError as error:
                    warning = str(error)
        terms = build_glossary(self.document.text, analysis, curated, level=self.settings.level)
        self.app.call_from_thread(self._glossary_ready, terms, warning)

    def _glossary_ready(self, terms: tuple[GlossaryTerm, ...], warning: str | None) -> None:
        self.glossary_terms = terms
        self._glossary_spans = sorted(span for term in terms for span in term.occurrences)
        self.glossary_panel.set_terms(terms)
        self._mark_glossary()
        if warning:
            self.notify(warning, severity="warning", markup=False)

    def _mark_glossary(self) -> None:
        view = self.query_one(ArticleView)
        if self.settings.mark_glossary:
            view.set_marks("glossary", [Mark(s, e, "article-view--glossary") for s, e in self._glossary_spans])
        else:
            view.set_marks("glossary", [])

    def is_glossary_word(self, token: Token) -> bool:
        """True when ``token`` lies inside a glossary term."""
        import bisect

        spans = getattr(self, "_glossary_spans", [])
        index = bisect.bisect_right(spans, (token.start, 1 << 30)) - 1
        return index >= 0 and spans[index][0] <= token.start < spans[index][1]

    def on_glossary_panel_jump_to(self, event: GlossaryPanel.JumpTo) -> None:
        start, _end = event.span
        view = self.query_one(ArticleView)
        view.place_cursor(start)
        total = len(event.term.occurrences)
        if total > 1:
            self.notify(f"{event.term.surface}: use {event.index + 1} of {total}", timeout=2, markup=False)

    def action_toggle_glossary(self) -> None:
        self._toggle_side_panel(self.glossary_panel, "show_glossary")

    def action_toggle_glossary_marks(self) -> None:
        self.settings.mark_glossary = not self.settings.mark_glossary
        self._mark_glossary()
        self._save()
        self.notify("Glossary terms " + ("underlined" if self.settings.mark_glossary else "not underlined"), timeout=2)
