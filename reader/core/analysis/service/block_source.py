"""Blocks of one text analysed in this process, for the commands that print as they go (``yomu annotate``).

:class:`BlockSource` gives the blocks asked for in order, each from the disk
cache or analysed here and stored; :func:`helped` lets a worker process
(:class:`~reader.core.analysis.service.background.BackgroundAnalysis`) analyse
a long text from its other end meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.analysis.blocks import (
    BlockAnalysis,
    TextContext,
    analyse_block_rows,
    decode_block,
    encode_block,
    merge_blocks,
    text_context,
    text_digest,
)
from reader.core.analysis.cache import AnalysisCache
from reader.core.analysis.service.background import BackgroundAnalysis
from reader.core.analysis.service.cached import context_key, results_key
from reader.core.analysis.service.events import AnalysisEvent, BlocksAnalysed
from reader.core.analysis.service.options import WholeTextOptions, find_text_results
from reader.core.layers import Analysis, RubySpan

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm


class BlockSource:
    """Blocks of one text analysed in this process on demand, through the disk cache.

    For commands that print as they go (``yomu annotate``): :meth:`analyses`
    yields the blocks asked for in order, each from the cache or analysed and
    stored.  SudachiPy is loaded only when a block is missing from the cache.
    """

    def __init__(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        *,
        pinned: Mapping[str, str],
        author_ruby: Sequence[RubySpan] = (),
        cache: AnalysisCache | None = None,
        keep: bool = True,
    ) -> None:
        self.text = text
        self.spans = list(spans)
        self.pinned = dict(pinned)
        self.author_ruby = tuple(author_ruby)
        self.cache = cache
        self.keep = keep
        """Keep the blocks given out (for :meth:`whole`); a command that only prints them need not."""
        self.digest = text_digest(text)
        self.analysed = 0
        """Blocks analysed (not found in the cache) so far."""
        self._analyzer: Any = None
        self._context: TextContext | None = None
        self._done: dict[int, BlockAnalysis] = {}
        self.ready: dict[int, BlockAnalysis] = {}
        """Blocks analysed elsewhere (a helper process, :func:`helped`), taken instead of analysing them here."""

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from reader.core.analysis.readings import Analyzer

            self._analyzer = Analyzer()
        return self._analyzer

    @property
    def context(self) -> TextContext:
        """The text's context, from the cache or found (and stored)."""
        if self._context is None:
            key = context_key(self.digest, self.pinned, self.author_ruby)
            payload = self.cache.get(key) if self.cache is not None else None
            if payload is not None:
                with contextlib.suppress(ValueError):
                    self._context = TextContext.decode(payload)
            if self._context is None:
                self._context = text_context(
                    self.text, pinned=self.pinned, author_ruby=self.author_ruby, analyzer=self.analyzer
                )
                if self.cache is not None:
                    self.cache.put(key, self._context.encode())
        return self._context

    def analyses(self, indices: Sequence[int], chunk: int = 64) -> Generator[tuple[int, BlockAnalysis], None, None]:
        """``(index, analysis)`` of the blocks at ``indices``, in that order.

        Blocks are looked up ``chunk`` at a time and the ones analysed are
        stored a few hundred at a time (one transaction each).
        """
        context = self.context
        text = self.text
        new: list[tuple[bytes, bytes]] = []
        try:
            for at in range(0, len(indices), chunk):
                part = indices[at : at + chunk]
                keys = {}
                for i in part:
                    if i not in self._done and i not in self.ready:
                        start, end = self.spans[i]
                        block = text[start:end]
                        keys[i] = context.for_block(block, start, end).key(block)
                found = self.cache.get_many(list(keys.values())) if self.cache is not None and keys else {}
                for i in part:
                    done = self._done.get(i) or self.ready.pop(i, None)
                    if done is None:
                        if i not in keys:
                            start, end = self.spans[i]
                            keys[i] = context.for_block(text[start:end], start, end).key(text[start:end])
                        done = self._block(i, found.get(keys[i]), keys[i], new)
                        if self.keep:
                            self._done[i] = done
                    yield i, done
                if len(new) >= 256 and self.cache is not None:
                    self.cache.put_many(new)
                    new = []
        finally:
            if new and self.cache is not None:
                self.cache.put_many(new)

    def _block(self, i: int, payload: bytes | None, key: bytes, new: list[tuple[bytes, bytes]]) -> BlockAnalysis:
        start, end = self.spans[i]
        if payload is not None:
            with contextlib.suppress(ValueError):
                return decode_block(self.text, start, end, payload)
        rows, ruby = analyse_block_rows(self.analyzer, self.text, start, end, self.context)
        payload = encode_block(self.text[start:end], rows, ruby)
        new.append((key, payload))
        self.analysed += 1
        return decode_block(self.text, start, end, payload)

    def whole(self) -> Analysis:
        """The analysis of the whole text (every block)."""
        return merge_blocks(b for _, b in self.analyses(range(len(self.spans))))

    def text_results(
        self, options: WholeTextOptions
    ) -> tuple[Analysis, EntityIndex | None, tuple[GlossaryTerm, ...] | None]:
        """The whole analysis and the entities and glossary ``options`` ask for (cached)."""
        analysis = self.whole()
        key = results_key(self.digest, self.context, options)
        payload = self.cache.get(key) if self.cache is not None else None
        if payload is not None:
            try:
                entities, glossary = pickle.loads(payload)
                return analysis, entities, glossary
            except Exception:  # a broken or old entry: find them again
                pass
        entities, glossary = find_text_results(self.text, analysis, options)
        if self.cache is not None:
            self.cache.put(key, pickle.dumps((entities, glossary), protocol=pickle.HIGHEST_PROTOCOL))
        return analysis, entities, glossary


HELP_FROM_CHARS = 60_000
"""A text at least this long, never opened before, is analysed by two processes (:func:`helped`)."""


@contextlib.contextmanager
def helped(source: BlockSource, indices: Sequence[int], cache_path: Path | None) -> Iterator[bool]:
    """While in the block, a worker process analyses ``indices`` from the last one back, into ``source.ready``.

    For a command that goes through a long text in order: this process starts
    at the beginning, the worker at the end, and they meet; the wall time
    is about halved on a machine with two cores.  Only for a text of
    :data:`HELP_FROM_CHARS` or more whose context is not cached (a first
    open: afterwards every block comes from the cache) and a machine with more
    than one core.  Yields whether a worker was started.
    """
    chars = sum(source.spans[i][1] - source.spans[i][0] for i in indices)
    cached = source.cache is not None and source.cache.get(
        context_key(source.digest, source.pinned, source.author_ruby)
    )
    if chars < HELP_FROM_CHARS or cached or (os.cpu_count() or 1) < 2:
        yield False
        return
    spans = [source.spans[i] for i in indices]

    def on_event(event: AnalysisEvent) -> None:
        if isinstance(event, BlocksAnalysed):
            for j, block in zip(event.indices, event.blocks, strict=True):
                source.ready[indices[j]] = block

    job = BackgroundAnalysis(
        source.text,
        spans,
        pinned=source.pinned,
        author_ruby=source.author_ruby,
        cache_path=cache_path,
        on_event=on_event,
        entities=False,
        niceness=0,  # a command the user waits for: the helper works as hard as the command
    )
    job.prioritise(len(spans) - 1)
    job.start()
    try:
        yield True
    finally:
        job.close()
        source.ready.clear()
