"""The text's layers, found in the background: readings first, then names and the glossary.

:class:`TextAnalysis` owns the analysis workers.  It fills the shared
:class:`~reader.core.analysed.AnalysedText` (on the event loop, from the
results its workers post) and tells the screen what arrived:
:class:`TextAnalysis.ReadingsArrived` (which blocks), then
:class:`TextAnalysis.EntitiesFound` and :class:`TextAnalysis.GlossaryBuilt`
once the whole text is read.  The part of the text on screen is analysed
first, so its readings show a moment after the first paint.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan, Token
from reader.messages import failure_of

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm

__all__ = ["TextAnalysis"]


def _shifted(analysis: Analysis, delta: int) -> Analysis:
    """The layers of a slice of the text, moved to the slice's place in the whole."""
    if not delta:
        return analysis
    return Analysis(
        tokens=tuple(replace(t, start=t.start + delta, end=t.end + delta) for t in analysis.tokens),
        ruby=tuple(replace(r, start=r.start + delta, end=r.end + delta) for r in analysis.ruby),
    )


def _shifted_spans(spans: tuple[RubySpan, ...], delta: int) -> tuple[RubySpan, ...]:
    return tuple(replace(span, start=span.start + delta, end=span.end + delta) for span in spans)


class TextAnalysis(Widget):
    """Readings, names and glossary terms of one text, found by workers."""

    DEFAULT_CSS = "TextAnalysis { display: none; }"

    FIRST_SCREENS_CHARS = 1500
    """About two screens of text around the view: their readings are found and shown first."""
    LAYERS_DELAY = 0.35
    """Seconds between the readings and the start of the names and the glossary (so they do not compete)."""

    @dataclass
    class ReadingsArrived(Message):
        """Tokens and readings of these blocks are in the text's layers now."""

        blocks: list[int]
        complete: bool
        """True when every block of the text has its readings."""

    @dataclass
    class EntitiesFound(Message):
        """The people, places, organisations … of the whole text."""

        index: EntityIndex

    @dataclass
    class GlossaryBuilt(Message):
        """The glossary of the whole text (``warning``: the curated glossary file could not be read)."""

        terms: tuple[GlossaryTerm, ...]
        warning: str | None

    class _Analysed(Message, bubble=False):
        """A worker's result, taken into the layers on the event loop."""

        def __init__(self, start: int, end: int, analysis: Analysis, complete: bool) -> None:
            super().__init__()
            self.start, self.end, self.analysis, self.complete = start, end, analysis, complete

    def __init__(self, document: Document, text: AnalysedText, *, level: str) -> None:
        super().__init__()
        self.document = document
        self.text = text
        self.level = level
        self.state = "loading readings…"
        """What the header says about the readings ('' once they are all in)."""
        self.entity_index: EntityIndex | None = None
        self.glossary_terms: tuple[GlossaryTerm, ...] = ()
        self._glossary_spans: list[tuple[int, int]] = []
        self.glossary_ready = False

    # ------------------------------------------------------------ readings

    def start(self, around: int = 0) -> None:
        """Find the readings: the blocks around offset ``around`` first, then the whole text."""
        self._analyse(around)

    def reload(self) -> None:
        """Find every reading again (a reading was pinned)."""
        self.state = "re-reading…"
        self._analyse(0)

    def _first_range(self, around: int) -> tuple[int, int]:
        """Whole blocks around ``around`` holding about two screens of text."""
        blocks = self.text.blocks
        if not blocks:
            return 0, 0
        first = self.text.block_at(around)
        last = first
        while last + 1 < len(blocks) and blocks[last].end - blocks[first].start < self.FIRST_SCREENS_CHARS:
            last += 1
        return blocks[first].start, blocks[last].end

    @work(thread=True, exclusive=True, group="readings", exit_on_error=False, description="find the readings")
    def _analyse(self, around: int) -> None:
        from reader.core.analysis import Analyzer
        from reader.core.linebreak import load_phrases
        from reader.core.sources.author import analyse_document, with_author_readings
        from reader.data.pins import load_pins

        load_phrases()
        analyzer = Analyzer(pinned=load_pins())
        document = self.document
        text = document.text
        start, end = self._first_range(around)
        if (start, end) != (0, len(text)) and end > start:
            # The author's ruby first, as everywhere (reader.core.sources.author); offsets local to the slice.
            author = _shifted_spans(document.author_ruby(start, end), -start)
            first = with_author_readings(analyzer.analyse(text[start:end], author=author), author)
            self.post_message(self._Analysed(start, end, _shifted(first, start), False))
        self.post_message(self._Analysed(0, len(text), analyse_document(analyzer, document), True))

    def _on_text_analysis__analysed(self, message: _Analysed) -> None:
        blocks = self.text.put(message.start, message.end, message.analysis.tokens, message.analysis.ruby)
        if message.complete:
            self.state = ""
            self.set_timer(self.LAYERS_DELAY, self.build_layers)
        self.post_message(self.ReadingsArrived(blocks, message.complete))

    # ------------------------------------------------------------ names and glossary

    def build_layers(self) -> None:
        """Find the names and build the glossary of the whole text (in workers)."""
        self._find_names(self.text.analysis())
        self.build_glossary()

    def build_glossary(self) -> None:
        """Build the glossary again (the learner's level changed)."""
        self._build_glossary(self.text.analysis(), self.level)

    @work(thread=True, exclusive=True, group="names", exit_on_error=False, description="find the names")
    def _find_names(self, analysis: Analysis) -> None:
        """The people, places, organisations … of the whole text."""
        from reader.core.analysis.entities import extract_entities, find_article_date
        from reader.core.sources.author import overlay_author_names

        index = extract_entities(self.document.text, analysis, article_date=find_article_date(self.document.text))
        index = overlay_author_names(index, self.document)  # names the source marks win
        self.post_message(self.EntitiesFound(index))

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False, description="build the glossary")
    def _build_glossary(self, analysis: Analysis, level: str) -> None:
        """Curated terms of the text (if it has a glossary file) and automatic ones for the learner's level."""
        from reader.core.analysis.glossary import (
            CuratedTerm,
            GlossaryError,
            build_glossary,
            curated_path_for,
            load_curated,
        )

        curated: tuple[CuratedTerm, ...] = ()
        warning = None
        if self.document.name and self.document.name != "-":
            path: Path = curated_path_for(self.document.name)
            if path.exists():
                try:
                    curated = load_curated(path)
                except GlossaryError as error:
                    warning = str(error)
        terms = build_glossary(self.document.text, analysis, curated, level=level)
        self.post_message(self.GlossaryBuilt(terms, warning))

    def _on_text_analysis_entities_found(self, message: EntitiesFound) -> None:
        self.entity_index = message.index

    def _on_text_analysis_glossary_built(self, message: GlossaryBuilt) -> None:
        self.glossary_terms = message.terms
        self._glossary_spans = sorted(span for term in message.terms for span in term.occurrences)
        self.glossary_ready = True

    def is_glossary_word(self, token: Token) -> bool:
        """True when ``token`` lies inside a glossary term."""
        spans = self._glossary_spans
        index = bisect.bisect_right(spans, (token.start, 1 << 62)) - 1
        return index >= 0 and spans[index][0] <= token.start < spans[index][1]

    def is_hard(self, token: Token) -> bool:
        """Where W/B stop: glossary terms and words above the learner's level."""
        if self.is_glossary_word(token):
            return True
        from reader.core.analysis.kana import has_kanji
        from reader.core.lexicon.levels import is_above, word_level

        return has_kanji(token.surface) and is_above(word_level(token.lemma, token.reading), self.level)

    # ------------------------------------------------------------ failures

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is None:
            return
        if event.worker.group == "readings":
            self.state = "readings unavailable"
        self.post_message(failure)
