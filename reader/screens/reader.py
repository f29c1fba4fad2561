"""The reading screen: header, contents, article, footer.

The screen mediates: widgets post messages up (the view's section changed, a
contents entry was chosen) and the screen tells the others what to do.  The
analyser runs in a thread worker, so the text paints first and the readings
follow without blocking keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.worker import Worker, WorkerState

from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan, Token
from reader.core.layout import Annotation, Placement
from reader.data.config import FURIGANA_FILTERS, FURIGANA_MODES, Settings, save_settings
from reader.keys import READER_KEYS, bindings
from reader.screens.entity_controls import EntityControls
from reader.screens.excerpt_controls import ExcerptControls
from reader.screens.lookup_controls import LookupControls
from reader.screens.study_controls import StudyControls
from reader.widgets import ArticleHeader, ArticleView, ContentsList


def romaji_annotations(analysis: Analysis, style: str) -> tuple[Annotation, ...]:
    """Romaji over every word, for the row above the text (punctuation gets none)."""
    from reader.core.analysis.romaji import romanize

    return tuple(
        Annotation(word.start, word.end, word.romaji)
        for word in romanize(analysis.tokens, style)  # type: ignore[arg-type]
        if any(ch.isalnum() for ch in word.romaji)
    )


FILTER_NAMES = {"all": "all words", "level": "above my level", "unknown": "not known"}


class ReaderScreen(LookupControls, EntityControls, ExcerptControls, StudyControls, Screen[None]):
    """Reads one article."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(READER_KEYS)

    def __init__(self, document: Document, settings: Settings) -> None:
        super().__init__()
        self.document = document
        self.settings = settings
        self.analysis: Analysis | None = None
        self.readings_state = "loading readings…"
        self._panels_mounted = False

    def compose(self) -> ComposeResult:
        yield ArticleHeader(self.document.title_text, id="header")
        with Horizontal(id="body"):
            # The contents list is mounted into its slot just after the first
            # paint; the slot keeps its width so the text does not move.
            yield Vertical(id="contents-slot")
            with Vertical(id="main"):
                yield ArticleView(self.document, max_width=self.settings.max_width, id="article")
            yield Vertical(id="side")
        yield Footer()

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def contents(self) -> ContentsList:
        self._ensure_contents()
        return self.query_one(ContentsList)

    def _ensure_contents(self) -> None:
        slot = self.query_one("#contents-slot")
        if not slot.children:
            contents = ContentsList(self.document, id="contents")
            contents.highlighted = self.article.section_at_top().index
            slot.mount(contents)

    NARROW = 90
    """Below this many columns the contents list starts hidden (``t`` still shows it)."""

    def on_resize(self) -> None:
        slot = self.query_one("#contents-slot")
        if self.size.width < self.NARROW:
            if not (slot.children and slot.children[0].has_focus):
                slot.display = False
        else:
            slot.display = self.settings.show_contents

    def on_article_view_first_paint(self) -> None:
        self._ensure_contents()

    def on_mount(self) -> None:
        view = self.article
        view.set_reactive(ArticleView.placement, Placement(self.settings.furigana))
        view.set_reactive(ArticleView.romaji, self.settings.romaji)
        self.query_one("#contents-slot").display = self.settings.show_contents
        self.query_one("#side").display = False
        view.is_hard = self.is_hard_word
        view.on_first_paint = self.load_readings
        view.focus()
        self._update_header()

    # ----------------------------------------------------------- readings

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analyse the article")
    def load_readings(self) -> tuple[Analysis, tuple[Annotation, ...]]:
        """Tokenise the article and find its readings (in a thread)."""
        from reader.core.analysis import Analyzer
        from reader.core.linebreak import load_phrases
        from reader.data.pins import load_pins

        load_phrases()
        analyzer = Analyzer(pinned=load_pins())
        text = self.document.text
        head = self._first_screens_end()
        if head < len(text) and not self.settings.romaji:
            # The first screens' readings first (a few ms), then the whole text.
            self.app.call_from_thread(self._show_first_readings, analyzer.analyse(text[:head]))
        analysis = analyzer.analyse(text)
        # Romaji only when shown: off the path to the first readings otherwise.
        words = romaji_annotations(analysis, self.settings.romaji_style) if self.settings.romaji else ()
        return analysis, words

    FIRST_SCREENS_CHARS = 1500
    """About two screens of text: their readings are found and shown first."""

    def _first_screens_end(self) -> int:
        """The end of the paragraph that holds the first ~two screens of text."""
        for paragraph in self.document.paragraphs:
            if paragraph.end >= self.FIRST_SCREENS_CHARS:
                return paragraph.end
        return len(self.document.text)

    def _show_first_readings(self, analysis: Analysis) -> None:
        """Readings of the first screens, until the whole text's arrive."""
        if self.analysis is None:
            self.article.set_analysis(analysis, ())

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "analysis":
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            analysis, words = event.worker.result
            self.analysis = analysis
            self.readings_state = ""
            self.article.ruby_filter = self.ruby_filter()
            self.article.set_analysis(analysis, words)
            self._mark_statuses()
            self._update_header()
            # Panels, study marks, the glossary and the names come once the
            # readings are on screen, so they do not compete with them.
            self.set_timer(0.15, self._after_readings)
        elif event.state == WorkerState.ERROR:
            self.readings_state = "readings unavailable"
            self._update_header()
            self.notify(f"Readings could not be loaded: {event.worker.error}", severity="error", markup=False)

    def _ensure_panels(self) -> None:
        """Mount the look-up panel and the side panels (once), after the first paint."""
        if self._panels_mounted:
            return
        self._panels_mounted = True
        from reader.widgets.entities import EntitySidebar
        from reader.widgets.glossary import GlossaryPanel
        from reader.widgets.lookup import LookupPanel

        lookup = LookupPanel(id="lookup")
        lookup.display = False
        entities = EntitySidebar(id="entities")
        entities.display = self.settings.show_entities
        glossary = GlossaryPanel(id="glossary")
        glossary.display = self.settings.show_glossary
        self.query_one("#main").mount(lookup)
        self.query_one("#side").mount(entities, glossary)
        self._update_side()

    def _after_readings(self) -> None:
        self._ensure_panels()
        if self.store is None:
            self.open_store()
        self.set_timer(0.2, self._start_layers)

    def _start_layers(self) -> None:
        self.build_glossary()
        self.extract_entities()

    # ------------------------------------------------------------- header

    def _mode_text(self) -> str:
        mode = f"furigana: {self.article.placement.value}"
        if self.settings.furigana_filter != "all" and not self.article.romaji:
            mode += f" ({FILTER_NAMES[self.settings.furigana_filter]})"
        if self.article.romaji:
            mode += " · romaji"
        if self.readings_state:
            mode += f" · {self.readings_state}"
        share = self.known_share()
        if share:
            mode += f" · {share}"
        return mode

    def _update_header(self) -> None:
        section = self.article.section_at_top()
        total = len(self.document.sections)
        self.query_one(ArticleHeader).show(f"section {section.index + 1}/{total}", self._mode_text())

    @on(ArticleView.SectionChanged)
    def _section_changed(self, event: ArticleView.SectionChanged) -> None:
        self.contents.follow(event.section.index)
        self.emphasise_entities(event.section.index)
        self._update_header()

    @on(OptionList.OptionSelected, "#contents")
    def _contents_chosen(self, event: OptionList.OptionSelected) -> None:
        self.article.scroll_to_section(event.option_index)
        self.article.focus()

    # ------------------------------------------------------------ actions

    def action_next_section(self) -> None:
        current = self.article.section_at_top().index
        if current + 1 < len(self.document.sections):
            self.article.scroll_to_section(current + 1)
        else:
            self.notify("This is the last section.", timeout=2)

    def action_previous_section(self) -> None:
        view = self.article
        current = view.section_at_top().index
        # Inside a section, go back to its own heading first.
        if view.scroll_offset.y > view.section_row(current):
            view.scroll_to_section(current)
        elif current > 0:
            view.scroll_to_section(current - 1)
        else:
            view.scroll_home(animate=False)

    def action_goto_section(self, index: int) -> None:
        if 0 <= index < len(self.document.sections):
            self.article.scroll_to_section(index)
        else:
            self.notify(f"There is no section {index + 1} (the article has {len(self.document.sections)}).", timeout=2)

    def action_toggle_contents(self) -> None:
        contents = self.contents
        slot = self.query_one("#contents-slot")
        if slot.display and contents.has_focus:
            slot.display = False
            self.article.focus()
        else:
            slot.display = True
            contents.follow(self.article.section_at_top().index)
            contents.focus()
        self.settings.show_contents = bool(slot.display)
        self._save()

    def action_focus_article(self) -> None:
        self.article.focus()

    def action_cycle_furigana(self) -> None:
        view = self.article
        modes = FURIGANA_MODES
        current = view.placement.value
        view.placement = Placement(modes[(modes.index(current) + 1) % len(modes)])
        self.settings.furigana = view.placement.value
        self._save()
        self._update_header()

    def action_toggle_romaji(self) -> None:
        view = self.article
        if not view.romaji and self.analysis is not None and not view.romaji_words:
            view.romaji_words = romaji_annotations(self.analysis, self.settings.romaji_style)
        view.romaji = not view.romaji
        self.settings.romaji = view.romaji
        self._save()
        self._update_header()

    def action_set_romaji_style(self, style: str) -> None:
        """Palette: choose the romaji system (Hepburn, Hepburn with ou, Kunrei, passport)."""
        self.settings.romaji_style = style
        self._save()
        view = self.article
        if self.analysis is not None:
            view.set_romaji_words(romaji_annotations(self.analysis, style))
        self.notify(f"Romaji: {style}", timeout=2)

    def action_set_level(self, level: str) -> None:
        """Palette: the learner's JLPT level (the furigana filter and W/B use it)."""
        self.settings.level = level
        self._save()
        self._apply_filter()
        self._update_header()
        if self.analysis is not None:
            self.build_glossary()  # automatic terms depend on the level
        self.notify(f"Your level: {level}; words above it count as hard", timeout=2)

    def action_cycle_furigana_filter(self) -> None:
        filters = FURIGANA_FILTERS
        self.settings.furigana_filter = filters[(filters.index(self.settings.furigana_filter) + 1) % len(filters)]
        self._apply_filter()
        self._save()
        self._update_header()
        label = FILTER_NAMES[self.settings.furigana_filter]
        if self.settings.furigana_filter == "level":
            label += f" ({self.settings.level})"
        self.notify(f"Furigana over {label}", timeout=2, markup=False)

    def _apply_filter(self) -> None:
        """Give the view the furigana filter of the settings."""
        if self.analysis is None:
            return
        self.article.set_ruby_filter(self.ruby_filter())

    def ruby_filter(self) -> Callable[[RubySpan], bool] | None:
        """The current furigana filter as a predicate over ruby spans (None: all)."""
        if self.analysis is None or self.settings.furigana_filter == "all":
            return None
        from reader.core.analysis.filters import make_ruby_filter
        from reader.core.lexicon.levels import word_level

        return make_ruby_filter(
            self.settings.furigana_filter,
            self.analysis.tokens,
            level=self.settings.level,
            level_of=lambda token: word_level(token.lemma, token.reading),
            is_known=self.is_known,
        )

    def is_hard_word(self, token: Token) -> bool:
        """Where W/B stop: glossary terms and words above the learner's level."""
        if self.is_glossary_word(token):
            return True
        from reader.core.analysis.kana import has_kanji
        from reader.core.lexicon.levels import is_above, word_level

        return has_kanji(token.surface) and is_above(word_level(token.lemma, token.reading), self.settings.level)

    def _toggle_side_panel(self, panel: Widget, setting: str) -> None:
        """Show and focus a side panel; when it has focus already, hide it."""
        self._ensure_panels()
        if panel.display and panel.has_focus:
            panel.display = False
            self.article.focus()
        else:
            panel.display = True
            panel.focus()
        setattr(self.settings, setting, bool(panel.display))
        self._update_side()
        self._save()

    def _update_side(self) -> None:
        side = self.query_one("#side")
        side.display = any(child.display for child in side.children)

    def action_pin_reading(self) -> None:
        view = self.article
        token = view.cursor.token if view.cursor is not None else None
        if token is None:
            self.notify("Put the word cursor on a word first (w).", timeout=2)
            return
        from reader.screens.pin import PinScreen

        def pinned(reading: str | None) -> None:
            if reading:
                self.notify(f"Pinned {token.surface} → {reading}; re-reading the article…", markup=False)
                self.load_readings()

        self.app.push_screen(PinScreen(token.surface, token.reading), pinned)

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def _save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Settings not saved: {error}", severity="warning", markup=False)
