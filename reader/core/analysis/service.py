"""Analysis of a long text off the event loop and off the GIL: a worker process.

:class:`BackgroundAnalysis` serves a text's blocks from the disk cache at once
(without loading SudachiPy or pykakasi), then starts one worker process (the
``spawn`` method: the app runs threads, and a forked copy of a threaded
process may hold a lock forever) at lower CPU priority for the blocks the
cache lacks, working outward from the block the view shows
(:meth:`BackgroundAnalysis.prioritise`).  When every block is in, the worker
finds the entities and the glossary from the merged analysis, caches them, and
sends them too.

Events reach ``on_event`` from a thread of the calling process, in small
batches.  Blocks cross the process boundary as the same compact bytes the
cache stores (:func:`~reader.core.analysis.blocks.encode_block`), and
:class:`~reader.core.layers.Token` objects are built on this side, a batch at
a time.

No worker outlives its caller: :meth:`BackgroundAnalysis.close` stops it, and
a worker whose caller died (its end of the control pipe closes) exits at once.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
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
from reader.core.analysis.cache import DEFAULT_MAX_BYTES, AnalysisCache
from reader.core.layers import Analysis, RubySpan

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import CuratedTerm, GlossaryTerm

WORKER_NICENESS = 10
"""How much lower the worker's CPU priority is than the reader's (``os.nice``)."""
BATCH_SECONDS = 0.05
"""The worker sends what it has analysed at least this often."""
BATCH_BLOCKS = 64
"""… and at least every this many blocks."""
FIRST_CHUNK = 12
"""Blocks read from the cache in the first batch (about a screenful)."""
CHUNK = 64
"""Blocks read from the cache in each later batch."""


# -- events ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlocksAnalysed:
    """Some blocks are analysed (``indices`` into the spans given, in the same order as ``blocks``)."""

    indices: tuple[int, ...]
    blocks: tuple[BlockAnalysis, ...]
    cached: bool
    """True when they came from the disk cache."""


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    """How far the analysis is."""

    blocks_done: int
    blocks_total: int
    chars_done: int
    chars_total: int

    @property
    def share(self) -> float:
        """The share of characters analysed, 0.0 to 1.0."""
        return self.chars_done / self.chars_total if self.chars_total else 1.0


@dataclass(frozen=True, slots=True)
class TextResults:
    """Every block is in: the whole-text analysis, and the entities and glossary if they were asked for."""

    analysis: Analysis
    entities: EntityIndex | None
    glossary: tuple[GlossaryTerm, ...] | None
    cached: bool
    """True when the entities and glossary came from the disk cache."""


@dataclass(frozen=True, slots=True)
class AnalysisFailed:
    """The analysis stopped: ``message`` is one line for the user."""

    message: str


AnalysisEvent = BlocksAnalysed | AnalysisProgress | TextResults | AnalysisFailed


@dataclass(frozen=True, slots=True)
class WholeTextOptions:
    """What the whole-text results depend on besides the text."""

    entities: bool = True
    glossary_level: str | None = None
    """The learner's JLPT level for the glossary; ``None``: no glossary."""
    curated: tuple[CuratedTerm, ...] = ()
    article_date: datetime.date | None = None

    @property
    def wanted(self) -> bool:
        return self.entities or self.glossary_level is not None

    def fingerprint(self) -> str:
        curated = [(t.surface, t.reading, t.meaning, t.note) for t in self.curated]
        return repr((self.entities, self.glossary_level, curated, self.article_date))


def context_key(digest: str, pinned: Mapping[str, str], author_ruby: Sequence[RubySpan]) -> bytes:
    """The cache key of a text's :class:`TextContext`."""
    author = sorted((sp.start, sp.end, sp.reading, sp.source) for sp in author_ruby)
    return ("context\x00" + digest + repr((sorted(pinned.items()), author))).encode("utf-8", "surrogatepass")


def results_key(digest: str, context: TextContext, options: WholeTextOptions) -> bytes:
    """The cache key of a text's entities and glossary."""
    return ("results\x00" + digest + context.fingerprint + options.fingerprint()).encode("utf-8", "surrogatepass")


def priority_order(indices: Sequence[int], around: int) -> list[int]:
    """``indices`` from ``around`` outward, the blocks after it first (a reader reads on)."""
    return sorted(indices, key=lambda j: (j - around) if j >= around else (around - j) * 3)


def cached_blocks(
    cache: AnalysisCache,
    text: str,
    spans: Sequence[tuple[int, int]],
    indices: Sequence[int],
    *,
    pinned: Mapping[str, str],
    author_ruby: Sequence[RubySpan] = (),
) -> dict[int, BlockAnalysis]:
    """The blocks at ``indices`` that the cache holds, read at once in this thread (no engine is loaded).

    For the screen's first paint on reopening a text: a screenful takes a few
    milliseconds.  Empty when the text was never analysed with these pins.
    """
    payload = cache.get(context_key(text_digest(text), pinned, author_ruby))
    if payload is None:
        return {}
    try:
        context = TextContext.decode(payload)
    except ValueError:
        return {}
    keys = {}
    for i in indices:
        start, end = spans[i]
        keys[i] = context.for_block(text[start:end], start, end).key(text[start:end])
    found = cache.get_many(list(keys.values()))
    out: dict[int, BlockAnalysis] = {}
    for i, key in keys.items():
        if key in found:
            with contextlib.suppress(ValueError):
                out[i] = decode_block(text, spans[i][0], spans[i][1], found[key])
    return out


# -- in this process (the command line) ---------------------------------------------


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
        entities, glossary = _text_results(self.text, analysis, options)
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


# -- the caller's side ------------------------------------------------------------


class BackgroundAnalysis:
    """The analysis of ``text``, block by block (``spans``), cached, in a worker process.

    ``spans`` are the blocks (:func:`~reader.core.analysis.blocks.block_spans`);
    ``cache_path`` the SQLite file of the :class:`AnalysisCache` (``None``:
    no cache).  ``on_event`` receives :data:`AnalysisEvent` s from a thread of
    this process.  The other keywords say which whole-text results to find.
    """

    def __init__(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        *,
        pinned: Mapping[str, str],
        author_ruby: Sequence[RubySpan] = (),
        cache_path: Path | None,
        on_event: Callable[[AnalysisEvent], None],
        entities: bool = True,
        glossary_level: str | None = None,
        curated: Sequence[CuratedTerm] = (),
        article_date: datetime.date | None = None,
        cache_max_bytes: int = DEFAULT_MAX_BYTES,
        niceness: int = WORKER_NICENESS,
    ) -> None:
        self.text = text
        self.niceness = niceness
        self.spans = list(spans)
        self.pinned = dict(pinned)
        self.author_ruby = tuple(author_ruby)
        self.cache_path = cache_path
        self.on_event = on_event
        self.options = WholeTextOptions(entities, glossary_level, tuple(curated), article_date)
        self.cache_max_bytes = cache_max_bytes
        self._priority = 0
        self._blocks: dict[int, BlockAnalysis] = {}
        self._chars_done = 0
        self._chars_total = sum(e - s for s, e in self.spans)
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._control: Connection | None = None
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()
        self._finished = threading.Event()
        self.started_worker = False
        """True once a worker process was needed (the cache did not hold everything)."""

    # -- public ------------------------------------------------------------

    def start(self) -> None:
        """Serve what the cache holds and start the worker for the rest (returns at once)."""
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._run, name="yomu-analysis", daemon=True)
        self._thread.start()

    def prioritise(self, block_index: int) -> None:
        """Analyse the blocks around ``block_index`` next (the view moved there)."""
        self._priority = block_index
        with self._lock:
            if self._control is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._control.send(("prioritise", block_index))

    def close(self) -> None:
        """Stop the worker (if any) and wait for it; no process is left behind."""
        self._closed.set()
        with self._lock:
            control, self._control = self._control, None
            if control is not None:
                with contextlib.suppress(OSError, ValueError):
                    control.send(("stop",))
                control.close()
        process = self._process
        if process is not None:
            process.join(2.0)
            if process.is_alive():
                process.terminate()
                process.join(1.0)
            if process.is_alive():
                process.kill()
                process.join(1.0)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5.0)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the analysis finished or failed; False on time-out."""
        return self._finished.wait(timeout)

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id, while there is one."""
        process = self._process
        return process.pid if process is not None else None

    @property
    def blocks(self) -> dict[int, BlockAnalysis]:
        """The blocks analysed so far, by index."""
        return dict(self._blocks)

    # -- the thread --------------------------------------------------------

    def _emit(self, event: AnalysisEvent) -> None:
        if not self._closed.is_set():
            self.on_event(event)

    def _run(self) -> None:
        try:
            self._serve()
        except Exception as error:  # the event says what went wrong; the app goes on without readings
            self._emit(AnalysisFailed(f"analysis failed: {_one_line(error)}"))
        finally:
            self._finished.set()

    def _serve(self) -> None:
        cache = AnalysisCache(self.cache_path, self.cache_max_bytes) if self.cache_path is not None else None
        try:
            digest = text_digest(self.text)
            context: TextContext | None = None
            missing = list(range(len(self.spans)))
            if cache is not None:
                payload = cache.get(context_key(digest, self.pinned, self.author_ruby))
                if payload is not None:
                    try:
                        context = TextContext.decode(payload)
                    except ValueError:
                        context = None
                if context is not None:
                    missing = self._from_cache(cache, context)
                    if not missing:
                        if self._cached_results(cache, digest, context):
                            return
                        if not self.options.wanted:
                            self._emit(TextResults(merge_blocks(self._blocks.values()), None, None, True))
                            return
                cache.flush()
        finally:
            if cache is not None:
                cache.close()
        if self._closed.is_set():
            return
        self._start_worker(context, missing)

    def _from_cache(self, cache: AnalysisCache, context: TextContext) -> list[int]:
        """Serve the cached blocks, nearest the view first; return the indices still missing."""
        text = self.text
        keys: dict[int, bytes] = {}
        missing: list[int] = []
        order = priority_order(range(len(self.spans)), self._priority)
        # A screenful first (a few milliseconds), then larger chunks.
        bounds = [0, *range(FIRST_CHUNK, len(order), CHUNK), len(order)]
        for at, upto in itertools.pairwise(bounds):
            if self._closed.is_set():
                return missing + order[at:]
            chunk = order[at:upto]
            for i in chunk:
                start, end = self.spans[i]
                block = text[start:end]
                keys[i] = context.for_block(block, start, end).key(block)
            found = cache.get_many([keys[i] for i in chunk])
            got: list[tuple[int, BlockAnalysis]] = []
            broken: list[bytes] = []
            for i in chunk:
                payload = found.get(keys[i])
                if payload is None:
                    missing.append(i)
                    continue
                start, end = self.spans[i]
                try:
                    got.append((i, decode_block(text, start, end, payload)))
                except ValueError:
                    broken.append(keys[i])
                    missing.append(i)
            if broken:
                cache.discard(broken)
            if got:
                self._deliver(got, cached=True)
        return missing

    def _cached_results(self, cache: AnalysisCache, digest: str, context: TextContext) -> bool:
        if not self.options.wanted:
            return False
        payload = cache.get(results_key(digest, context, self.options))
        if payload is None:
            return False
        try:
            entities, glossary = pickle.loads(payload)
        except Exception:  # a broken or old entry: find them again
            return False
        self._emit(TextResults(merge_blocks(self._blocks.values()), entities, glossary, True))
        return True

    def _deliver(self, got: list[tuple[int, BlockAnalysis]], cached: bool) -> None:
        for i, block in got:
            if i not in self._blocks:
                self._chars_done += block.end - block.start
            self._blocks[i] = block
        self._emit(BlocksAnalysed(tuple(i for i, _ in got), tuple(b for _, b in got), cached))
        self._emit(AnalysisProgress(len(self._blocks), len(self.spans), self._chars_done, self._chars_total))

    def _start_worker(self, context: TextContext | None, missing: list[int]) -> None:
        ctx = multiprocessing.get_context("spawn")
        control_here, control_there = ctx.Pipe(duplex=False)  # (receive end, send end)
        results_here, results_there = ctx.Pipe(duplex=False)
        job = _Job(
            text=self.text,
            spans=self.spans,
            missing=missing,
            priority=self._priority,
            pinned=self.pinned,
            author_ruby=self.author_ruby,
            context=context.encode() if context is not None else None,
            cache_path=self.cache_path,
            cache_max_bytes=self.cache_max_bytes,
            options=self.options,
            niceness=self.niceness,
        )
        process = ctx.Process(
            target=worker_main, args=(job, control_here, results_there), name="yomu-analysis", daemon=True
        )
        with self._lock:
            if self._closed.is_set():
                return
            with _no_stderr_handle():
                process.start()
            self._process = process
            self._control = control_there
            self.started_worker = True
        # Our copies of the worker's ends: closed, so that its death reads as end of file here.
        control_here.close()
        results_there.close()
        self._receive(results_here, process)

    def _receive(self, results: Connection, process: multiprocessing.process.BaseProcess) -> None:
        text = self.text
        try:
            while True:
                try:
                    message = results.recv()
                except (EOFError, OSError):
                    if not self._closed.is_set():
                        process.join(1.0)
                        code = process.exitcode
                        how = f"exit code {code}" if code is None or code >= 0 else f"signal {-code}"
                        self._emit(AnalysisFailed(f"the analysis process stopped unexpectedly ({how})"))
                    return
                kind = message[0]
                if kind == "blocks":
                    got = []
                    for i, payload in message[1]:
                        start, end = self.spans[i]
                        got.append((i, decode_block(text, start, end, payload)))
                    self._deliver(got, cached=False)
                elif kind == "results":
                    entities, glossary = pickle.loads(message[1]) if message[1] is not None else (None, None)
                    self._emit(TextResults(merge_blocks(self._blocks.values()), entities, glossary, False))
                elif kind == "error":
                    self._emit(AnalysisFailed(message[1]))
                    return
                elif kind == "done":
                    return
        finally:
            results.close()
            process.join(2.0)


@contextlib.contextmanager
def _no_stderr_handle() -> Iterator[None]:
    """While starting a process, a ``sys.stderr`` without a usable file descriptor is set aside.

    multiprocessing's resource tracker (started with the first spawned process)
    passes ``sys.stderr.fileno()`` to its child; inside a Textual app that is a
    capture object answering -1, and the start fails with "bad value(s) in
    fds_to_keep".  An object without ``fileno`` makes it pass none.
    """
    import io
    import sys

    current = sys.stderr
    try:
        usable = current is not None and current.fileno() >= 0
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        usable = False
    if usable:
        yield
        return
    sys.stderr = io.StringIO()
    try:
        yield
    finally:
        sys.stderr = current


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


# -- the worker's side ------------------------------------------------------------


@dataclass(slots=True)
class _Job:
    text: str
    spans: list[tuple[int, int]]
    missing: list[int]
    priority: int
    pinned: dict[str, str]
    author_ruby: tuple[RubySpan, ...]
    context: bytes | None
    cache_path: Path | None
    cache_max_bytes: int
    options: WholeTextOptions
    niceness: int


def _watch(control: Connection, inbox: deque[Any]) -> None:
    """Take the caller's messages; when the caller is gone (end of file), end the process at once."""
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message[0] == "stop":
            os._exit(0)
        inbox.append(message)


def worker_main(job: _Job, control: Connection, results: Connection) -> None:
    """The worker process: analyse the missing blocks, then the whole-text results; report as it goes."""
    # The worker shares the reader's terminal: nothing it or a library prints may reach the screen.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    if job.niceness:
        with contextlib.suppress(OSError):
            os.nice(job.niceness)
    inbox: deque[Any] = deque()
    threading.Thread(target=_watch, args=(control, inbox), daemon=True).start()
    try:
        _work(job, inbox, results)
    except Exception as error:  # reported to the caller as one line, not a traceback on its terminal
        with contextlib.suppress(OSError):
            results.send(("error", f"analysis failed: {_one_line(error)}"))
    finally:
        with contextlib.suppress(OSError):
            results.close()


def _work(job: _Job, inbox: deque[Any], results: Connection) -> None:
    from reader.core.analysis.readings import Analyzer

    text = job.text
    cache = AnalysisCache(job.cache_path, job.cache_max_bytes) if job.cache_path is not None else None
    analyzer = Analyzer()
    digest = text_digest(text)
    if job.context is not None:
        context = TextContext.decode(job.context)
    else:
        context = text_context(text, pinned=job.pinned, author_ruby=job.author_ruby, analyzer=analyzer)
        if cache is not None:
            cache.put(context_key(digest, job.pinned, job.author_ruby), context.encode())
    payloads: dict[int, bytes] = {}
    pending = priority_order(job.missing, job.priority)
    batch: list[tuple[int, bytes]] = []
    to_cache: list[tuple[bytes, bytes]] = []
    sent_at = time.monotonic()
    while pending:
        while inbox:
            kind, value = inbox.popleft()
            if kind == "prioritise":
                pending = priority_order(pending, int(value))
        i = pending.pop(0)
        start, end = job.spans[i]
        block = text[start:end]
        rows, ruby = analyse_block_rows(analyzer, text, start, end, context)
        payload = encode_block(block, rows, ruby)
        payloads[i] = payload
        batch.append((i, payload))
        if cache is not None:
            to_cache.append((context.for_block(block, start, end).key(block), payload))
        if len(batch) >= BATCH_BLOCKS or time.monotonic() - sent_at >= BATCH_SECONDS or not pending:
            results.send(("blocks", batch))
            batch = []
            sent_at = time.monotonic()
            if cache is not None:
                # Stored with each batch sent: a worker stopped midway (close()) loses at most one batch.
                cache.put_many(to_cache)
                to_cache = []
    if cache is not None and to_cache:
        cache.put_many(to_cache)
    if job.options.wanted:
        analysis = _whole(job, context, payloads, cache, analyzer)
        found = _text_results(text, analysis, job.options)
        payload = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        if cache is not None:
            cache.put(results_key(digest, context, job.options), payload)
        results.send(("results", payload))
    else:
        results.send(("results", None))
    if cache is not None:
        cache.close()
    results.send(("done",))


def _whole(
    job: _Job,
    context: TextContext,
    payloads: dict[int, bytes],
    cache: AnalysisCache | None,
    analyzer: Any,
) -> Analysis:
    """The merged analysis of every block: those analysed here, the rest from the cache (or analysed again)."""
    text = job.text
    blocks: list[BlockAnalysis] = []
    others = [i for i in range(len(job.spans)) if i not in payloads]
    keys = {}
    for i in others:
        start, end = job.spans[i]
        block = text[start:end]
        keys[i] = context.for_block(block, start, end).key(block)
    found = cache.get_many(list(keys.values())) if cache is not None else {}
    for i in range(len(job.spans)):
        start, end = job.spans[i]
        payload = payloads.get(i) if i in payloads else found.get(keys[i])
        if payload is not None:
            with contextlib.suppress(ValueError):
                blocks.append(decode_block(text, start, end, payload))
                continue
        rows, ruby = analyse_block_rows(analyzer, text, start, end, context)
        blocks.append(decode_block(text, start, end, encode_block(text[start:end], rows, ruby)))
    return merge_blocks(blocks)


def _text_results(
    text: str, analysis: Analysis, options: WholeTextOptions
) -> tuple[EntityIndex | None, tuple[GlossaryTerm, ...] | None]:
    entities = glossary = None
    if options.entities:
        from reader.core.analysis.entities import extract_entities

        entities = extract_entities(text, analysis, article_date=options.article_date)
    if options.glossary_level is not None:
        from reader.core.analysis.glossary import build_glossary

        glossary = build_glossary(text, analysis, options.curated, options.glossary_level)
    return entities, glossary


__all__ = [
    "AnalysisEvent",
    "AnalysisFailed",
    "AnalysisProgress",
    "BackgroundAnalysis",
    "BlockSource",
    "BlocksAnalysed",
    "TextResults",
    "WholeTextOptions",
    "cached_blocks",
    "context_key",
    "helped",
    "priority_order",
    "results_key",
    "worker_main",
]
