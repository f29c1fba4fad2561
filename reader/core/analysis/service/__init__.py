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

The package's modules, each imported on first use by ``from reader.core.analysis.service import …``:

- :mod:`.events`: what the caller hears (:data:`AnalysisEvent`: blocks, progress, the whole-text results, a failure);
- :mod:`.options`: what the whole-text results depend on (:class:`WholeTextOptions`) and how they are found;
- :mod:`.cached`: the cache keys of a text's context and results, and :func:`cached_blocks` for a first paint;
- :mod:`.block_source`: analysis in this process for commands (:class:`BlockSource`, :func:`helped`);
- :mod:`.background`: the caller's side of the worker process (:class:`BackgroundAnalysis`);
- :mod:`.worker`: the worker process's side (:func:`worker_main`, :func:`priority_order`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.lazy import lazy_names

if TYPE_CHECKING:
    from reader.core.analysis.service.background import CHUNK, FIRST_CHUNK, WORKER_NICENESS, BackgroundAnalysis
    from reader.core.analysis.service.block_source import HELP_FROM_CHARS, BlockSource, helped
    from reader.core.analysis.service.cached import cached_blocks, context_key, results_key
    from reader.core.analysis.service.events import (
        AnalysisEvent,
        AnalysisFailed,
        AnalysisProgress,
        BlocksAnalysed,
        TextResults,
    )
    from reader.core.analysis.service.options import WholeTextOptions
    from reader.core.analysis.service.worker import BATCH_BLOCKS, BATCH_SECONDS, priority_order, worker_main

__all__ = [
    "BATCH_BLOCKS",
    "BATCH_SECONDS",
    "CHUNK",
    "FIRST_CHUNK",
    "HELP_FROM_CHARS",
    "WORKER_NICENESS",
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

_HOMES = {
    "AnalysisEvent": "events",
    "AnalysisFailed": "events",
    "AnalysisProgress": "events",
    "BATCH_BLOCKS": "worker",
    "BATCH_SECONDS": "worker",
    "BackgroundAnalysis": "background",
    "BlockSource": "block_source",
    "BlocksAnalysed": "events",
    "CHUNK": "background",
    "FIRST_CHUNK": "background",
    "HELP_FROM_CHARS": "block_source",
    "TextResults": "events",
    "WORKER_NICENESS": "background",
    "WholeTextOptions": "options",
    "cached_blocks": "cached",
    "context_key": "cached",
    "helped": "block_source",
    "priority_order": "worker",
    "results_key": "cached",
    "worker_main": "worker",
}


# Imported on first use: reopening a text reads its first screen through
# :func:`cached_blocks` alone, before the first paint, and must not load the
# worker's side (or the reading pipeline) on the way.
__getattr__ = lazy_names(__name__, _HOMES)
