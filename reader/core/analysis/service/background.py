"""The caller's side of the analysis of a long text in a worker process: :class:`BackgroundAnalysis`.

It serves a text's blocks from the disk cache at once (without loading
SudachiPy or pykakasi), then starts one worker process
(:mod:`~reader.core.analysis.service.worker`; the ``spawn`` method: the app
runs threads, and a forked copy of a threaded process may hold a lock forever)
at lower CPU priority for the blocks the cache lacks, working outward from the
block the view shows (:meth:`BackgroundAnalysis.prioritise`).

Events (:mod:`~reader.core.analysis.service.events`) reach ``on_event`` from a
thread of this process, in small batches.  Blocks cross the process boundary
as the same compact bytes the cache stores
(:func:`~reader.core.analysis.blocks.encode_block`), and
:class:`~reader.core.layers.Token` objects are built on this side, a batch at
a time.

No worker outlives its caller: :meth:`BackgroundAnalysis.close` stops it.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import multiprocessing
import pickle
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.analysis.blocks import BlockAnalysis, TextContext, decode_block, merge_blocks, text_digest
from reader.core.analysis.cache import DEFAULT_MAX_BYTES, AnalysisCache
from reader.core.analysis.service.cached import context_key, results_key
from reader.core.analysis.service.events import (
    AnalysisEvent,
    AnalysisFailed,
    AnalysisProgress,
    BlocksAnalysed,
    TextResults,
    one_line,
)
from reader.core.analysis.service.options import WholeTextOptions
from reader.core.analysis.service.worker import Job, priority_order, worker_main
from reader.core.layers import RubySpan

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader.core.analysis.glossary import CuratedTerm

WORKER_NICENESS = 10
"""How much lower the worker's CPU priority is than the reader's (``os.nice``)."""
FIRST_CHUNK = 12
"""Blocks read from the cache in the first batch (about a screenful)."""
CHUNK = 64
"""Blocks read from the cache in each later batch."""


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
            self._emit(AnalysisFailed(f"analysis failed: {one_line(error)}"))
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
        job = Job(
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
