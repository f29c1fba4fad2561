"""The worker process's side of the analysis of a long text: :func:`worker_main`.

Started by :class:`~reader.core.analysis.service.background.BackgroundAnalysis`
with a :class:`Job`, the worker analyses the blocks the cache lacks, nearest
the view first (:func:`priority_order`, redone when the caller says the view
moved), and sends them in batches as the bytes the cache stores, storing them
too.  When every block is in, it finds the entities and the glossary from the
merged analysis, caches them, and sends them too.

A worker whose caller died (its end of the control pipe closes) exits at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Sequence
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
from reader.core.analysis.cache import AnalysisCache
from reader.core.analysis.service.cached import context_key, results_key
from reader.core.analysis.service.events import one_line
from reader.core.analysis.service.options import WholeTextOptions, find_text_results
from reader.core.layers import Analysis, RubySpan

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

BATCH_SECONDS = 0.05
"""The worker sends what it has analysed at least this often."""
BATCH_BLOCKS = 64
"""… and at least every this many blocks."""


def priority_order(indices: Sequence[int], around: int) -> list[int]:
    """``indices`` from ``around`` outward, the blocks after it first (a reader reads on)."""
    return sorted(indices, key=lambda j: (j - around) if j >= around else (around - j) * 3)


@dataclass(slots=True)
class Job:
    """What the worker is given: the text, its blocks, those to analyse, and what to find when they are in."""

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


def worker_main(job: Job, control: Connection, results: Connection) -> None:
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
            results.send(("error", f"analysis failed: {one_line(error)}"))
    finally:
        with contextlib.suppress(OSError):
            results.close()


def _work(job: Job, inbox: deque[Any], results: Connection) -> None:
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
        found = find_text_results(text, analysis, job.options)
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
    job: Job,
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
