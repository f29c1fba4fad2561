"""BackgroundAnalysis: blocks from the cache at once, the rest from a worker process (reader.core.analysis.service)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.analysis import Analyzer
from reader.core.analysis.blocks import block_spans
from reader.core.analysis.service import (
    AnalysisEvent,
    AnalysisFailed,
    AnalysisProgress,
    BackgroundAnalysis,
    BlocksAnalysed,
    TextResults,
)
from reader.core.sources import load_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"


def run(text_path: Path, cache: Path | None, **options: object) -> tuple[BackgroundAnalysis, list[AnalysisEvent]]:
    document = load_document(str(text_path))
    events: list[AnalysisEvent] = []
    job = BackgroundAnalysis(
        document.text, block_spans(document), pinned={}, cache_path=cache, on_event=events.append, **options
    )  # type: ignore[arg-type]
    job.start()
    assert job.wait(240), "the analysis did not finish"
    job.close()
    return job, events


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_the_worker_analyses_every_block_and_the_cache_serves_them_next_time(tmp_path: Path) -> None:
    cache = tmp_path / "analysis.sqlite"
    job, events = run(SEED, cache, entities=True, glossary_level="N3")
    assert job.started_worker
    done = [e for e in events if isinstance(e, BlocksAnalysed)]
    assert {i for e in done for i in e.indices} == set(range(len(job.spans)))
    assert not any(e.cached for e in done)
    progress = [e for e in events if isinstance(e, AnalysisProgress)]
    assert progress[-1].blocks_done == progress[-1].blocks_total and progress[-1].share == 1.0
    results = [e for e in events if isinstance(e, TextResults)]
    assert len(results) == 1 and not results[0].cached
    whole = Analyzer().analyse(job.text)
    assert results[0].analysis.ruby == whole.ruby
    assert results[0].analysis.tokens == whole.tokens
    entities = results[0].entities
    assert entities is not None and any(e.canonical.startswith("プーチン") for e in entities.entities)
    assert results[0].glossary

    again, events = run(SEED, cache, entities=True, glossary_level="N3")
    assert not again.started_worker
    assert all(e.cached for e in events if isinstance(e, BlocksAnalysed))
    cached = [e for e in events if isinstance(e, TextResults)]
    assert cached[0].cached and cached[0].analysis == results[0].analysis
    assert cached[0].entities == results[0].entities and cached[0].glossary == results[0].glossary


def test_a_cached_text_loads_neither_sudachi_nor_pykakasi(tmp_path: Path) -> None:
    cache = tmp_path / "analysis.sqlite"
    run(SEED, cache, entities=False)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.core.sources import load_document\n"
        "from reader.core.analysis.blocks import block_spans\n"
        "from reader.core.analysis.service import BackgroundAnalysis, BlocksAnalysed\n"
        "doc = load_document(sys.argv[1]); seen = []\n"
        "job = BackgroundAnalysis(doc.text, block_spans(doc), pinned={}, cache_path=Path(sys.argv[2]),\n"
        "    on_event=seen.append, entities=False)\n"
        "job.start(); job.wait(60); job.close()\n"
        "blocks = sum(len(e.blocks) for e in seen if isinstance(e, BlocksAnalysed))\n"
        "print(blocks, len(job.spans), job.started_worker, 'sudachipy' in sys.modules, 'pykakasi' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(cache)], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert out[0] == out[1] and out[2:] == ["False", "False", "False"]


def test_the_view_decides_what_is_analysed_next(tmp_path: Path) -> None:
    document = load_document(str(NOVEL))
    spans = block_spans(document)[:400]
    got: queue.Queue[AnalysisEvent] = queue.Queue()
    job = BackgroundAnalysis(document.text, spans, pinned={}, cache_path=None, on_event=got.put, entities=False)
    job.prioritise(300)
    job.start()
    try:
        first = got.get(timeout=120)
        while not isinstance(first, BlocksAnalysed):
            first = got.get(timeout=120)
        assert first.indices[0] == 300
        assert all(abs(i - 300) < 80 for i in first.indices)
    finally:
        job.close()


def test_a_killed_worker_is_reported_and_leaves_nothing_behind(tmp_path: Path) -> None:
    document = load_document(str(NOVEL))
    got: queue.Queue[AnalysisEvent] = queue.Queue()
    job = BackgroundAnalysis(
        document.text, block_spans(document), pinned={}, cache_path=tmp_path / "c.sqlite", on_event=got.put
    )
    job.start()
    try:
        event = got.get(timeout=120)
        while not isinstance(event, BlocksAnalysed):
            event = got.get(timeout=120)
        pid = job.worker_pid
        assert pid is not None and alive(pid)
        os.kill(pid, signal.SIGKILL)
        while not isinstance(event, AnalysisFailed):
            event = got.get(timeout=30)
        assert "stopped unexpectedly" in event.message and "\n" not in event.message
    finally:
        job.close()
    assert not alive(pid)


def test_close_stops_the_worker_at_once(tmp_path: Path) -> None:
    document = load_document(str(NOVEL))
    got: queue.Queue[AnalysisEvent] = queue.Queue()
    job = BackgroundAnalysis(document.text, block_spans(document), pinned={}, cache_path=None, on_event=got.put)
    job.start()
    event = got.get(timeout=120)
    while not isinstance(event, BlocksAnalysed):
        event = got.get(timeout=120)
    pid = job.worker_pid
    assert pid is not None
    started = time.monotonic()
    job.close()
    assert time.monotonic() - started < 5
    assert not alive(pid)
    assert job.wait(5)


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_no_worker_outlives_a_crashed_app(how: str) -> None:
    code = (
        "import os, signal, sys, time\n"
        "from reader.core.sources import load_document\n"
        "from reader.core.analysis.blocks import block_spans\n"
        "from reader.core.analysis.service import BackgroundAnalysis\n"
        "def main():\n"
        "    doc = load_document(sys.argv[1])\n"
        "    job = BackgroundAnalysis(doc.text, block_spans(doc), pinned={}, cache_path=None,\n"
        "                             on_event=lambda e: None)\n"
        "    job.start()\n"
        "    while job.worker_pid is None: time.sleep(0.05)\n"
        "    print(job.worker_pid, flush=True); time.sleep(1)\n"
        "    if sys.argv[2] == 'kill': os.kill(os.getpid(), signal.SIGKILL)\n"
        "    os._exit(3)\n"
        "if __name__ == '__main__': main()\n"
    )
    app = subprocess.run(
        [sys.executable, "-c", code, str(NOVEL), how], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    pid = int(app.stdout.split()[0])
    deadline = time.monotonic() + 15
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), "the worker outlived the app"


def test_blocks_ready_from_a_helper_are_taken_not_analysed_again(tmp_path: Path) -> None:
    from reader.core.analysis.blocks import analyse_block, text_context
    from reader.core.analysis.cache import AnalysisCache
    from reader.core.analysis.service import BlockSource

    document = load_document(str(SEED))
    spans = block_spans(document)
    analyzer = Analyzer()
    context = text_context(document.text, pinned={}, analyzer=analyzer)
    with AnalysisCache(tmp_path / "c.sqlite") as cache:
        source = BlockSource(document.text, spans, pinned={}, cache=cache)
        half = len(spans) // 2
        for i in range(half, len(spans)):
            source.ready[i] = analyse_block(analyzer, document.text, *spans[i], context)
        got = list(source.analyses(range(len(spans))))
        assert [i for i, _ in got] == list(range(len(spans)))
        assert source.analysed == half  # the first half here, the rest taken as it was
        assert not source.ready
        whole = Analyzer().analyse(document.text)
        assert [t for _, b in got for t in b.tokens] == list(whole.tokens)


def test_a_screenful_is_read_from_the_cache_at_once(tmp_path: Path) -> None:
    from reader.core.analysis.cache import AnalysisCache
    from reader.core.analysis.service import cached_blocks

    document = load_document(str(SEED))
    spans = block_spans(document)
    cache = tmp_path / "c.sqlite"
    with AnalysisCache(cache) as opened:
        assert cached_blocks(opened, document.text, spans, range(10), pinned={}) == {}  # never analysed
    job, _ = run(SEED, cache, entities=False)
    with AnalysisCache(cache) as opened:
        first = cached_blocks(opened, document.text, spans, range(10), pinned={})
        assert sorted(first) == list(range(10)) and first == {i: job.blocks[i] for i in range(10)}
        # Other pins, other readings: nothing cached for them yet.
        assert cached_blocks(opened, document.text, spans, range(10), pinned={"北朝鮮": "きたちょうせん"}) == {}
