"""The text's layers, found in the background: readings first, then names and the glossary.

:class:`TextAnalysis` owns the analysis.  It fills the shared
:class:`~reader.core.analysed.AnalysedText` on the event loop, from the results
its workers post, and tells the screen what arrived:
:class:`TextAnalysis.ReadingsArrived` (which blocks), then
:class:`TextAnalysis.EntitiesFound` and :class:`TextAnalysis.GlossaryBuilt`
once the whole text is read.

Where the work happens (DESIGN.md, "visible first, off the GIL, cached"):

- before the first paint, the blocks the screen will show are read from the
  analysis cache (a few milliseconds; no engine is loaded), so a text opened
  again shows its readings at once;
- at the first paint a thread analyses the shown blocks the cache lacked
  (tens of milliseconds; they go into the cache);
- the rest goes to :class:`~reader.core.analysis.service.BackgroundAnalysis`:
  a worker *process* at low priority, working outward from the view
  (:meth:`prioritise`), which also finds the names and the glossary.  A short
  text (under :data:`WORKER_FROM_CHARS`) is read whole in the thread instead:
  starting a process would cost more than it saves.

Every result is cached on disk (``reader.data.paths.analysis_cache_path()``),
keyed by the text, the pins and the engines' versions.
"""

from __future__ import annotations

import bisect
import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan, Token
from reader.messages import WorkFailed, failure_of

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import CuratedTerm, GlossaryTerm
    from reader.core.analysis.service import AnalysisEvent, BackgroundAnalysis

__all__ = ["WORKER_FROM_CHARS", "TextAnalysis"]

WORKER_FROM_CHARS = 30_000
"""From this many characters on, the text beyond the screen is analysed in a worker process."""


@dataclass(frozen=True, slots=True)
class _Readings:
    """Where the readings come from: the text's blocks as the engine cuts them, pins, the author's ruby."""

    spans: list[tuple[int, int]]
    starts: list[int]
    pinned: dict[str, str]
    author: tuple[RubySpan, ...]


class TextAnalysis(Widget):
    """Readings, names and glossary terms of one text, found by workers."""

    DEFAULT_CSS = "TextAnalysis { display: none; }"

    FIRST_SCREENS_CHARS = 1500
    """About two screens of text around the view: their readings are found first."""

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
        """Blocks from a worker, taken into the layers on the event loop (``generation``: which run)."""

        def __init__(self, generation: int, blocks: list[tuple[int, int, Analysis]]) -> None:
            super().__init__()
            self.generation, self.blocks = generation, blocks

    class _Event(Message, bubble=False):
        """An event of the background analysis (from its thread), or of the thread that reads the screen."""

        def __init__(self, generation: int, event: AnalysisEvent | _Start | _Done) -> None:
            super().__init__()
            self.generation, self.event = generation, event

    def __init__(self, document: Document, text: AnalysedText, *, level: str, cache_path: Path | None) -> None:
        super().__init__()
        self.document = document
        self.text = text
        self.level = level
        self.cache_path = cache_path
        """The analysis cache (``None``: nothing is cached)."""
        self.state = "loading readings…"
        """What the header says about the readings ('' once they are all in)."""
        self.entity_index: EntityIndex | None = None
        self.glossary_terms: tuple[GlossaryTerm, ...] = ()
        self._glossary_spans: list[tuple[int, int]] = []
        self.glossary_ready = False
        self._source: _Readings | None = None
        self._background: BackgroundAnalysis | None = None
        self._generation = 0
        self._view_span = 0
        """The engine's block at the top of the view: the worker goes on from there."""
        self._curated: tuple[tuple[CuratedTerm, ...], str | None] | None = None
        self._froze = False
        """True once the objects alive were frozen out of the collector (``_take``)."""

    # ------------------------------------------------------------ where the readings come from

    def _readings(self) -> _Readings:
        if self._source is None:
            from reader.core.analysis.blocks import block_spans
            from reader.data.pins import load_pins

            spans = block_spans(self.document)
            self._source = _Readings(spans, [s for s, _ in spans], load_pins(), self.document.author_ruby())
        return self._source

    def _spans_around(self, offset: int) -> list[int]:
        """The spans holding about two screens of text from ``offset`` on."""
        source = self._readings()
        first = max(0, bisect.bisect_right(source.starts, offset) - 1)
        last = first
        while (
            last + 1 < len(source.spans) and source.spans[last][1] - source.spans[first][0] < self.FIRST_SCREENS_CHARS
        ):
            last += 1
        return list(range(first, last + 1))

    def _take(self, blocks: list[tuple[int, int, Analysis]], complete: bool = False) -> None:
        done: list[int] = []
        for start, end, analysis in blocks:
            done += self.text.put(start, end, analysis.tokens, analysis.ruby)
        if done and len(self.document.text) >= WORKER_FROM_CHARS:
            # The tokens of a long text are millions of objects, and each of Python's full
            # collections walked them all: 20-275 ms stalls of the event loop, about twenty
            # times while a novel was read.  Frozen, later collections pass them by (they hold
            # no cycles; reference counting frees them).  on_unmount thaws them.
            gc.freeze()
            self._froze = True
        if done or complete:
            self.post_message(self.ReadingsArrived(sorted(set(done)), complete))

    # ------------------------------------------------------------ starting

    def prime(self, around: int) -> None:
        """Before the first paint: the screen's blocks from the cache, if the text was read before (ms)."""
        if self.cache_path is None or not self.cache_path.exists():
            return
        from reader.core.analysis.cache import AnalysisCache
        from reader.core.analysis.service import cached_blocks

        source = self._readings()
        cache = AnalysisCache(self.cache_path)
        try:
            found = cached_blocks(
                cache,
                self.document.text,
                source.spans,
                self._spans_around(around),
                pinned=source.pinned,
                author_ruby=source.author,
            )
        finally:
            cache.close()
        self._take([(b.start, b.end, Analysis(b.tokens, b.ruby)) for b in found.values()])

    def start(self, around: int = 0) -> None:
        """Find the readings: the blocks around offset ``around`` first, then the whole text."""
        self._generation += 1
        self._analyse(self._generation, around)

    def reload(self) -> None:
        """Find every reading again (a reading was pinned)."""
        self.state = "re-reading…"
        self._close_background()
        self._source = None
        self.start(0)

    def prioritise(self, offset: int) -> None:
        """The view moved: the blocks from ``offset`` on are wanted next."""
        if self._source is None:
            return
        self._view_span = max(0, bisect.bisect_right(self._source.starts, offset) - 1)
        if self._background is not None:
            self._background.prioritise(self._view_span)

    @work(thread=True, exclusive=True, group="readings", exit_on_error=False, description="find the readings")
    def _analyse(self, generation: int, around: int) -> None:
        from reader.core.analysis.cache import AnalysisCache
        from reader.core.analysis.service import BlockSource
        from reader.core.linebreak import load_phrases

        load_phrases()
        source = self._readings()
        text = self.document.text
        cache = AnalysisCache(self.cache_path) if self.cache_path is not None else None
        try:
            blocks = BlockSource(text, source.spans, pinned=source.pinned, author_ruby=source.author, cache=cache)
            first = self._spans_around(around)
            self._post_blocks(generation, blocks.analyses(first))
            if len(text) >= WORKER_FROM_CHARS:
                self.post_message(self._Event(generation, _Start(self._options())))  # the rest in a worker process
                return
            rest = [i for i in range(len(source.spans)) if i not in set(first)]
            self._post_blocks(generation, blocks.analyses(rest), last=True)
        finally:
            if cache is not None:
                cache.close()
        self._whole_text(generation)

    @work(
        thread=True,
        exclusive=True,
        group="whole-text",
        exit_on_error=False,
        description="find the names and build the glossary",
    )
    def _whole_text(self, generation: int) -> None:
        """The names and the glossary of a short text, from the cache or found (in a thread of their own)."""
        from reader.core.analysis.cache import AnalysisCache
        from reader.core.analysis.service import BlockSource

        source = self._readings()
        cache = AnalysisCache(self.cache_path) if self.cache_path is not None else None
        try:
            blocks = BlockSource(
                self.document.text, source.spans, pinned=source.pinned, author_ruby=source.author, cache=cache
            )
            _, entities, glossary = blocks.text_results(self._options())
        finally:
            if cache is not None:
                cache.close()
        if generation == self._generation:
            self._post_results(generation, entities, glossary)

    def _post_blocks(self, generation: int, analyses: Any, last: bool = False) -> None:
        batch: list[tuple[int, int, Analysis]] = []
        for _, block in analyses:
            batch.append((block.start, block.end, Analysis(block.tokens, block.ruby)))
            if len(batch) >= 64:
                self.post_message(self._Analysed(generation, batch))
                batch = []
        self.post_message(self._Analysed(generation, batch))
        if last:
            self.post_message(self._Event(generation, _Done()))

    def _options(self) -> Any:
        from reader.core.analysis.entities import find_article_date
        from reader.core.analysis.service import WholeTextOptions

        curated, _warning = self._curated_terms()
        return WholeTextOptions(True, self.level, curated, find_article_date(self.document.text))

    def _curated_terms(self) -> tuple[tuple[CuratedTerm, ...], str | None]:
        """The text's curated glossary file (``ARTICLE.glossary.toml``), if it has one."""
        if self._curated is None:
            from reader.core.analysis.glossary import GlossaryError, curated_path_for, load_curated

            curated: tuple[CuratedTerm, ...] = ()
            warning = None
            if self.document.name and self.document.name != "-":
                path = curated_path_for(self.document.name)
                if path.exists():
                    try:
                        curated = load_curated(path)
                    except GlossaryError as error:
                        warning = str(error)
            self._curated = (curated, warning)
        return self._curated

    def _post_results(self, generation: int, entities: EntityIndex | None, glossary: Any) -> None:
        from reader.core.sources.author import overlay_author_names

        if entities is not None:
            self.post_message(self.EntitiesFound(overlay_author_names(entities, self.document)))
        if glossary is not None:
            self.post_message(self.GlossaryBuilt(tuple(glossary), self._curated_terms()[1]))

    def _start_background(self, generation: int, options: Any) -> None:
        from reader.core.analysis.service import BackgroundAnalysis

        source = self._readings()
        background = BackgroundAnalysis(
            self.document.text,
            source.spans,
            pinned=source.pinned,
            author_ruby=source.author,
            cache_path=self.cache_path,
            on_event=lambda event: self._from_background(generation, event),
            entities=True,
            glossary_level=self.level,
            curated=options.curated,
            article_date=options.article_date,
        )
        self._background = background
        background.prioritise(self._view_span)
        background.start()

    def _from_background(self, generation: int, event: AnalysisEvent) -> None:
        """Called in the background analysis's thread: hand the event to the event loop."""
        self.post_message(self._Event(generation, event))

    # ------------------------------------------------------------ results on the event loop

    def _on_text_analysis__analysed(self, message: _Analysed) -> None:
        if message.generation == self._generation:
            self._take(message.blocks)

    def _on_text_analysis__event(self, message: _Event) -> None:
        from reader.core.analysis.service import AnalysisFailed, AnalysisProgress, BlocksAnalysed, TextResults

        if message.generation != self._generation:
            return  # from a run a pin replaced
        event = message.event
        if isinstance(event, _Start):
            self._start_background(message.generation, event.options)
        elif isinstance(event, BlocksAnalysed):
            self._take([(b.start, b.end, Analysis(b.tokens, b.ruby)) for b in event.blocks])
        elif isinstance(event, AnalysisProgress):
            if self.state.startswith(("loading", "reading", "re-reading")) and event.share < 1:
                self.state = f"reading {event.share:.0%}"
        elif isinstance(event, _Done | TextResults):
            self.state = ""
            self._take([], complete=True)
            if isinstance(event, TextResults):
                self._post_results(message.generation, event.entities, event.glossary)
                self._close_background()
        elif isinstance(event, AnalysisFailed):
            if self.text.complete:  # the readings are in: it was the names and the glossary
                self.state = ""
                self.post_message(WorkFailed("find the names and build the glossary", event.message))
            else:
                self.state = "readings unavailable"
                self.post_message(WorkFailed("find the readings", event.message))
            self._close_background()

    def _on_text_analysis_entities_found(self, message: EntitiesFound) -> None:
        self.entity_index = message.index

    def _on_text_analysis_glossary_built(self, message: GlossaryBuilt) -> None:
        self.glossary_terms = message.terms
        self._glossary_spans = sorted(span for term in message.terms for span in term.occurrences)
        self.glossary_ready = True

    def _close_background(self) -> None:
        background, self._background = self._background, None
        if background is not None:
            self._close(background)

    @work(thread=True, group="close", exit_on_error=False, description="stop the analysis process")
    def _close(self, background: BackgroundAnalysis) -> None:
        background.close()  # joins the worker: off the event loop

    def on_unmount(self) -> None:
        background, self._background = self._background, None
        if background is not None:
            background.close()
        if self._froze:
            gc.unfreeze()  # what was frozen meanwhile (this screen's widgets too) is collected again

    # ------------------------------------------------------------ the glossary again

    def build_glossary(self) -> None:
        """Build the glossary again (the learner's level changed)."""
        self._build_glossary(self.text.analysis(), self.level)

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False, description="build the glossary")
    def _build_glossary(self, analysis: Analysis, level: str) -> None:
        from reader.core.analysis.glossary import build_glossary

        curated, warning = self._curated_terms()
        self.post_message(
            self.GlossaryBuilt(build_glossary(self.document.text, analysis, curated, level=level), warning)
        )

    # ------------------------------------------------------------ questions

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


@dataclass(frozen=True, slots=True)
class _Start:
    """The screen's blocks are in: start the worker process for the rest, to find these whole-text results."""

    options: Any
    """``WholeTextOptions`` (what the names and the glossary depend on), found in the thread."""


class _Done:
    """Every block was read in this process (a short text)."""
