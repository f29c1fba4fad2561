"""The reading screen: it composes the components and mediates between them.

Who does what (each owns its state, its workers and its keys):

- :class:`~reader.widgets.ArticleView` draws the text and moves the word cursor;
- :class:`~reader.controllers.TextAnalysis` finds readings, names and the glossary;
- :class:`~reader.controllers.StudyMarks` keeps word marks, colours, sessions, statistics;
- :class:`~reader.controllers.Excerpts` copies annotated excerpts, :class:`~reader.controllers.ReadingModes`
  keeps furigana and romaji modes, :class:`~reader.controllers.Speech` says words (``a``),
  :class:`~reader.controllers.AccentMarks` finds the pitch accents ``A`` draws,
  :class:`~reader.controllers.AnkiLink` sends cards to Anki and reads known words back;
- the panels (contents, look-up, entities, glossary) show what they are given
  and post what the reader asks of them.

Messages come up, the screen's short handlers tell the others what to do.  The
reader's keys are bound here (one table: :mod:`reader.keys`; ``run(…)`` hands a
key to the component that owns it), so they work from any panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList

from reader.controllers import AccentMarks, AnkiLink, Excerpts, ReadingModes, Speech, StudyMarks, TextAnalysis
from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layout import Placement
from reader.data.config import Settings, save_settings
from reader.data.paths import analysis_cache_path
from reader.keys import bindings, live_keys, text_key_action
from reader.messages import Notice, WorkFailed
from reader.widgets import ArticleHeader, ArticleView, ContentsList
from reader.widgets.contents import ContentsSlot
from reader.widgets.rows_view import RowsView
from reader.widgets.side import SidePanels

if TYPE_CHECKING:
    from reader.widgets.entities import EntitySidebar
    from reader.widgets.glossary import GlossaryPanel
    from reader.widgets.lookup import LookupPanel


class ReaderScreen(Screen[None]):
    """Reads one text."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader")

    NARROW = 90
    """Below this many columns the contents list starts hidden and side panels cover the text's right."""

    @dataclass
    class Moved(Message):
        """Where the reader is in the text: the section at the top of the screen and its offset."""

        section: int
        offset: int
        read_share: float
        """How far into the text the top of the screen is (0–1)."""
        known_share: float | None
        """The share of the text's words the reader knows (None before the study marks are in)."""

    class Shown(Message):
        """The text is on screen for the first time (the view's own FirstPaint stops at this screen)."""

    def __init__(self, document: Document, settings: Settings, *, start_offset: int | None = None) -> None:
        super().__init__()
        self.document = document
        self.settings = settings
        self.start_offset = start_offset
        """Where to open the text (the library's saved position); None: at the top."""
        self.text = AnalysedText(document)
        """The text's layers, shared by the view and the components that read them."""
        self._lookup: LookupPanel | None = None
        """The look-up panel, mounted after the first readings (``lookup``)."""
        self._started = False
        """True once the first readings arrived (the panels and the study marks come next, once)."""
        # The components (each owns its part of the reader; see the module docstring).
        self.article = ArticleView(
            document, self.text, max_width=settings.max_width, start_offset=start_offset, id="article"
        )
        self.side = SidePanels(show_entities=settings.show_entities, show_glossary=settings.show_glossary, id="side")
        self.analysis = TextAnalysis(document, self.text, level=settings.level, cache_path=analysis_cache_path())
        self.study = StudyMarks(document, self.text, new_cards=settings.new_cards)
        self.excerpts = Excerpts(document, self.text, settings)
        self.modes = ReadingModes(settings, self.text, is_known=self.study.is_known)
        self.speech = Speech(document)
        self.accents = AccentMarks(document, self.text)
        self.anki = AnkiLink(settings)

    def compose(self) -> ComposeResult:
        yield ArticleHeader(self.document.title_text, id="header")
        with Horizontal(id="body"):
            yield ContentsSlot(self.document, shown=self.settings.show_contents, id="contents-slot")
            with Vertical(id="main"):
                yield self.article
            yield self.side
        yield Footer()
        yield from (self.analysis, self.study, self.excerpts, self.modes, self.speech, self.accents, self.anki)

    @property
    def contents(self) -> ContentsList:
        return self.query_one(ContentsSlot).contents

    # The panels' modules (and the dictionaries they lead to) load after the first paint.
    @property
    def lookup(self) -> LookupPanel:
        if self._lookup is None:
            from reader.widgets.lookup import LookupPanel

            # Kept, not queried back: a mount on a screen that is closing never lands.
            self._lookup = LookupPanel(id="lookup")
            self._lookup.display = False
            self.query_one("#main").mount(self._lookup)
            self.side.ensure()
        return self._lookup

    # ------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        view = self.article
        view.set_reactive(ArticleView.placement, Placement(self.settings.furigana))
        view.set_reactive(ArticleView.romaji, self.settings.romaji)
        view.shown.style = self.settings.romaji_style  # type: ignore[assignment]
        view.is_hard = self.analysis.is_hard
        # Called from the first render, not a message later: the readings start at once.
        view.on_first_paint = lambda: self.analysis.start(view.top_offset or 0)
        view.show_emphasis(self.document.emphasis)
        view.focus()
        # A text read before: the screen's readings from the cache, before the first paint.
        self.analysis.prime(self.start_offset or 0)
        self._update_header()

    def on_resize(self) -> None:
        narrow = self.size.width < self.NARROW
        self.set_class(narrow, "-narrow")
        self.query_one(ContentsSlot).fit_width(narrow)

    def _after_readings(self) -> None:
        """Once the first readings are on screen: the panels, then the study marks."""
        _ = self.lookup
        if self.study.store is None and self.study.unavailable is None:
            self.study.open()

    # ------------------------------------------------------------ what the components say

    @on(TextAnalysis.ReadingsArrived)
    def _readings_arrived(self, event: TextAnalysis.ReadingsArrived) -> None:
        first_time = not self._started
        self._started = True
        self.study.count_blocks(event.blocks)
        self.article.readings_arrived(event.blocks)
        if event.complete:
            self.modes.update_filter()
        self._update_header()
        if first_time:
            self.set_timer(0.15, self._after_readings)

    @on(TextAnalysis.EntitiesFound)
    def _entities_found(self, event: TextAnalysis.EntitiesFound) -> None:
        self.excerpts.entity_index = event.index
        sidebar = self.side.entities
        sidebar.set_index(event.index)
        section = self.article.section_at_top()
        sidebar.emphasise(section.index, section.start, section.end)
        self._show_marks()

    @on(TextAnalysis.GlossaryBuilt)
    def _glossary_built(self, event: TextAnalysis.GlossaryBuilt) -> None:
        self.excerpts.glossary_terms = event.terms
        self.side.glossary.set_terms(event.terms)
        self._show_marks()
        if event.warning:
            self.notify(event.warning, severity="warning", markup=False)

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        """Every worker's failure: one notice, and the panel concerned stops waiting."""
        self.notify(f"Could not {event.what}: {event.error}", severity="error", markup=False, timeout=8)
        if "names" in event.what:
            self.side.entities.show_failure(event.error)
        if "glossary" in event.what:
            self.side.glossary.show_failure(event.error)
        self._update_header()

    @on(StudyMarks.Opened)
    def _study_opened(self, event: StudyMarks.Opened) -> None:
        if event.warning:
            self.notify(event.warning, severity="warning", markup=False, timeout=10)
        self._show_marks()
        self.modes.update_filter()
        self._update_header()
        self.anki.start()

    @on(StudyMarks.Unavailable)
    def _study_unavailable(self, event: StudyMarks.Unavailable) -> None:
        self.notify(f"Study marks are off: {event.error}", severity="error", markup=False)

    @on(StudyMarks.WordMarked)
    def _word_marked(self, event: StudyMarks.WordMarked) -> None:
        from reader.controllers.study import STATUS_NAMES

        self._statuses_changed()
        self.notify(f"{event.lemma} 【{event.reading}】 {STATUS_NAMES[event.status]}", timeout=2, markup=False)
        if event.status == "learning":
            self.anki.add_card(event.lemma, event.reading)

    @on(StudyMarks.StatusesChanged)
    def _statuses_changed(self) -> None:
        self.article.marks_changed()
        if self.settings.furigana_filter == "unknown":
            self.modes.update_filter()
        self._update_header()

    @on(Excerpts.Copied)
    def _copied(self, event: Excerpts.Copied) -> None:
        self.notify(
            f"{event.what} ({event.fmt}): {event.notice}",
            severity="information" if event.ok else "error",
            timeout=4,
            markup=False,
        )
        if event.what == "Copied the selection":
            self.article.drop_selection()

    @on(Excerpts.SettingsChanged)
    def _save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Settings not saved: {error}", severity="warning", markup=False)

    # Sound and Anki: notices, accent marks, the deck chooser.

    @on(Notice)
    def _notice(self, event: Notice) -> None:
        self.notify(event.text, severity=event.severity, timeout=event.timeout, markup=False)

    @on(AccentMarks.Changed)
    def _accents_changed(self, event: AccentMarks.Changed) -> None:
        self.article.accents = event.shown
        self.notify("Accent marks on" if event.shown else "Accent marks off", timeout=2)

    @on(AccentMarks.Found)
    def _accents_found(self, event: AccentMarks.Found) -> None:
        self.article.show_accents(event.phrases)

    @on(RowsView.FirstPaint)
    def _first_paint(self, event: RowsView.FirstPaint) -> None:
        if event.view is self.article:
            self.post_message(self.Shown())

    @on(RowsView.Moved)
    def _view_moved(self, event: RowsView.Moved) -> None:
        """The view shows other blocks: their readings (and accent marks, if shown) are wanted first."""
        self.analysis.prioritise(self.text.blocks[event.first].start)
        self.accents.want(range(event.first, event.last + 1))

    @on(AnkiLink.KnownWordsChanged)
    def _known_words_changed(self) -> None:
        self.study.reload_statuses()

    @on(AnkiLink.DecksListed)
    def _decks_listed(self, event: AnkiLink.DecksListed) -> None:
        from reader.commands import deck_palette

        self.app.push_screen(deck_palette(self, event.decks, event.current, self.anki.choose_deck))

    @on(AnkiLink.SettingsChanged)
    def _anki_settings_changed(self) -> None:
        self._save()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        lookup = self.lookup
        lookup.display = self.settings.show_lookup and event.token is not None
        token = event.token
        notes = [] if token is None else self.document.gaiji_in(token.start, token.end)
        lookup.show_word(token, gaiji=notes)

    @on(ArticleView.SectionChanged)
    def _section_changed(self, event: ArticleView.SectionChanged) -> None:
        self.post_message(self.position())
        self.contents.follow(event.section.index)
        if self._lookup is not None and self.analysis.entity_index is not None:
            self.side.entities.emphasise(event.section.index, event.section.start, event.section.end)
        self._update_header()

    @on(OptionList.OptionSelected, "#contents")
    def _contents_chosen(self, event: OptionList.OptionSelected) -> None:
        self.article.scroll_to_section(event.option_index)
        self.article.focus()

    def on_glossary_panel_jump_to(self, event: GlossaryPanel.JumpTo) -> None:
        self.article.place_cursor(event.span[0])
        total = len(event.term.occurrences)
        if total > 1:
            self.notify(f"{event.term.surface}: use {event.index + 1} of {total}", timeout=2, markup=False)

    def on_entity_sidebar_show_mention(self, event: EntitySidebar.ShowMention) -> None:
        self.article.place_cursor(event.start)
        if event.wrapped:
            first = event.mention_index == event.entity.mentions[0]
            where = "back to the first mention" if first else "round to the last mention"
            self.notify(f"{event.entity.canonical}: {where}", timeout=2, markup=False)

    # ------------------------------------------------------------ keys

    async def on_key(self, event: events.Key) -> None:
        # Bindings run when a key has bubbled up to the app, after the keys typed
        # since have been dispatched; the two keys of a copy chord are taken here,
        # in order, so a fast "y s" never reaches the binding of "s".
        keymap = self.app._keymap  # the keymap the app applied (settings.toml's remaps)
        if self.speech.key_after(event.character or event.key):  # ``a s``: the sentence of the word just said
            event.stop()
            event.prevent_default()
            return
        yank_keys = live_keys([self], keymap).get("copy.yank", [])
        if self.excerpts.take_key(
            event.key, event.character, yank_keys, self.article.cursor.selection(), self._cursor_offset
        ):
            event.stop()
            event.prevent_default()
            return
        action = text_key_action(self.focused, self.article, event.key, keymap)
        if action is not None:
            event.stop()
            await self.article.run_action(action)

    def _cursor_offset(self) -> int:
        view = self.article
        token = view.cursor_token
        return token.start if token is not None else (view.top_offset or 0)

    def action_next_section(self) -> None:
        if not self.article.next_section():
            self.notify("This is the last section.", timeout=2)

    def action_goto_section(self, index: int) -> None:
        if not self.article.goto_section(index):
            self.notify(f"There is no section {index + 1} (the text has {len(self.document.sections)}).", timeout=2)

    def action_toggle_panel(self, name: str) -> None:
        """``t``, ``g``, ``e``: show (and focus) a panel, or hide it; ``l``: the look-up panel on or off."""
        if name == "lookup":
            self.settings.show_lookup = not self.settings.show_lookup
            self.lookup.display = self.settings.show_lookup and self.article.in_word_mode
            self.notify("Look-up panel " + ("on" if self.settings.show_lookup else "off"), timeout=2)
            self._save()
            return
        focused = self.focused
        panel = self.query_one(ContentsSlot) if name == "contents" else self.side.panel(name)
        had_focus = focused is not None and panel in focused.ancestors_with_self
        if name == "contents":
            shown = self.query_one(ContentsSlot).toggle(self.article.section_at_top().index)
        else:
            shown = self.side.toggle(name)
        if not shown and had_focus:
            self.article.focus()
        setattr(self.settings, f"show_{name}", shown)
        self._save()

    def action_back(self) -> None:
        """``Esc``: back to the text from a panel (one over the text closes); else drop the selection or word mode."""
        self.speech.stop()
        view = self.article
        if self.focused is not view:
            if self.has_class("-narrow") and self.side.mounted:
                self.side.hide_all()
            view.focus()
            return
        view.leave_word_mode()

    @on(ReadingModes.Changed)
    def _modes_changed(self, event: ReadingModes.Changed) -> None:
        modes, view = self.modes, self.article
        view.placement = modes.placement
        view.romaji = modes.romaji
        if view.shown.style != self.settings.romaji_style:
            view.set_romaji_style(self.settings.romaji_style)
        if view.shown.keep is not modes.keep:
            view.set_ruby_filter(modes.keep)
        self.excerpts.ruby_filter = modes.keep
        if event.level_changed:
            self.analysis.level = self.settings.level
            if self.analysis.glossary_ready:
                self.analysis.build_glossary()  # automatic terms depend on the level
        self._save()
        self._update_header()
        if event.notice:
            self.notify(event.notice, timeout=2, markup=False)

    def action_run(self, component: str, method: str, first: object = None, second: object = None) -> None:
        """A component's own key: the table names it, its method and arguments (named: Textual drops ``*args``)."""
        target = {"view": self.article, "modes": self.modes, "study": self.study, "anki": self.anki}[component]
        getattr(target, method)(*(arg for arg in (first, second) if arg is not None))

    def action_pin_reading(self) -> None:
        token = self.article.cursor_token
        if token is None:
            self.notify("Put the word cursor on a word first (w).", timeout=2)
            return
        from reader.screens.pin import PinScreen

        def pinned(reading: str | None) -> None:
            if reading:
                self.notify(f"Pinned {token.surface} → {reading}; re-reading the text…", markup=False)
                self.analysis.reload()

        self.app.push_screen(PinScreen(token.surface, token.reading), pinned)

    def action_open_entry(self) -> None:
        """Enter in word mode: the full dictionary entry in a modal."""
        from reader.screens.entry import EntryScreen

        if self.article.cursor_token is None:
            self.notify("Put the word cursor on a word first (w).", timeout=2)
        elif self.lookup.entry is None:
            self.notify("No dictionary entry for this word.", timeout=2)
        else:
            self.app.push_screen(EntryScreen(self.lookup.entry))

    def action_toggle_marks(self, layer: str) -> None:
        notice = self.modes.toggle_marks(layer)
        self._show_marks()
        self._save()
        self.notify(notice, timeout=2)

    def action_yank(self) -> None:
        self.excerpts.yank(self.article.cursor.selection())

    def action_choose_format(self) -> None:
        from reader.core.excerpt import excerpt_range

        selection = self.article.cursor.selection()
        span = selection or excerpt_range(self.document, self._cursor_offset(), "sentence")
        self.excerpts.choose_format(span)

    def action_mark(self, status: str) -> None:
        self.study.mark(self.article.cursor_token, status)

    def action_say(self) -> None:
        self.speech.say(self.article.cursor_token, self.article.cursor.selection())

    def action_say_sentence(self) -> None:
        self.speech.say_sentence(self.article.cursor_token)

    def action_toggle_accents(self) -> None:
        self.accents.toggle(self.article.blocks_on_screen)

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        nodes: list[Widget] = [self, self.article]
        if self.side.mounted:
            nodes += [self.side.entities, self.side.glossary]
        nodes.append(self.contents)
        keymap = self.app._keymap  # the keymap the app applied (settings.toml's remaps)
        self.app.push_screen(HelpScreen(live_keys(nodes, keymap), keymap))

    # ------------------------------------------------------------ helpers

    def position(self) -> Moved:
        """Where the reader is now (for the library: reopening the text comes back here)."""
        view = self.article
        offset = view.top_offset or 0
        return self.Moved(
            view.section_at_top().index, offset, offset / max(1, len(self.document.text)), self.study.known_fraction()
        )

    def _show_marks(self) -> None:
        """Glossary underlines, name colours and status colours, as the settings say."""
        settings, analysis, view = self.settings, self.analysis, self.article
        view.show_glossary_terms(analysis.glossary_terms if settings.mark_glossary else ())
        view.show_entities(analysis.entity_index if settings.mark_entities else None)
        on = settings.mark_status and self.study.store is not None
        view.set_mark_source("status", self.study.status_marks if on else None)

    def _update_header(self) -> None:
        section = self.article.section_at_top()
        total = len(self.document.sections)
        state = self.analysis.state
        if state == "loading readings…" and self.text.analysed_blocks and not self.text.complete:
            state = f"reading {self.text.share_done:.0%}"
        mode = self.modes.mode_text(state, self.study.known_share())
        self.query_one(ArticleHeader).show(f"section {section.index + 1}/{total}", mode)
