"""Long texts: the analysis engine on the seed, the seed ×10 with variations, and a novel.

    python bench/bench_long.py [--repeat 3] [--whole-timeout 300] [--texts seed,seed10,novel]

For each text, in one run (timings on a shared machine are noisy: compare
figures of the same run):

* CPU seconds per 100 K characters of the readings (block by block, cold
  cache), and of the whole pipeline with the entities and the glossary as
  they are (in the worker; given up after ``--whole-timeout`` seconds);
* the background analysis as the reader runs it (a fresh process starting
  :class:`BackgroundAnalysis` with the author's ruby the source gives, cold
  cache): wall time, time to the first block,
  peak RSS of that process and of its worker, bytes of blocks sent and the
  time to build tokens from them;
* reopening with a warm cache: time to the first block and to every block;
* ``yomu annotate`` (cold cache, then warm) next to SudachiPy alone
  tokenising the same text (a fresh process that loads the dictionary and
  reads every word's surface and reading), best of ``--repeat``.

The seed ×10 is ten copies of the seed, each with its sentences rotated and
its numbers changed, so the cache of identical paragraphs cannot hide the cost.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
sys.path.insert(0, str(ROOT))


def varied_copies(text: str, copies: int) -> str:
    """``copies`` copies of ``text``: in copy k each paragraph's sentences rotate by k and numbers grow by k."""
    from reader.core.sources.text import split_sentences

    out = []
    for k in range(copies):
        lines = []
        for line in text.split("\n"):
            spans = split_sentences(line, 0, len(line))
            if len(spans) > 1:
                sentences = [line[s.start : s.end] for s in spans]
                shift = k % len(sentences)
                line = "".join(sentences[shift:] + sentences[:shift])
            lines.append(re.sub(r"[0-9]+", lambda m, k=k: str(int(m.group()) + k), line))
        out.append("\n".join(lines))
    return "\n\n".join(out)


# -- children: each measurement runs in a fresh process ----------------------------------

_BACKGROUND = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from reader.core.sources import load_document
from reader.core.analysis.blocks import block_spans
from reader.core.analysis.service import BackgroundAnalysis, BlocksAnalysed, TextResults, AnalysisFailed
from reader.core.analysis.service import cached_blocks
from reader.core.analysis.cache import AnalysisCache
import reader.core.analysis.service.background as background
import reader.core.analysis.service.cached as cached

def main():
    doc = load_document(sys.argv[1])
    spans = block_spans(doc)
    whole = sys.argv[3] == "whole"
    first = []
    done = {}
    decode = [0.0]
    original = background.decode_block  # also imported by cached (cached_blocks): both are counted
    sent = [0]
    def counting(text, start, end, payload):
        t = time.perf_counter()
        result = original(text, start, end, payload)
        decode[0] += time.perf_counter() - t
        sent[0] += len(payload)
        return result
    background.decode_block = cached.decode_block = counting
    def on(event):
        now = time.perf_counter() - t0
        if isinstance(event, BlocksAnalysed):
            if not first:
                first.append(now)
        elif isinstance(event, TextResults):
            done["results"] = now
        elif isinstance(event, AnalysisFailed):
            done["failed"] = event.message
    t = time.perf_counter()
    with AnalysisCache(Path(sys.argv[2])) as cache:
        screen = cached_blocks(cache, doc.text, spans, range(min(20, len(spans))), pinned={},
                               author_ruby=doc.author_ruby())
        screenful = time.perf_counter() - t if screen else None  # open and read; closing checkpoints the log
    opened = time.perf_counter() - t0
    job = BackgroundAnalysis(doc.text, spans, pinned={}, author_ruby=doc.author_ruby(),
                             cache_path=Path(sys.argv[2]), on_event=on,
                             entities=whole, glossary_level="N3" if whole else None)
    job.start()
    finished = job.wait(float(sys.argv[4]))
    job.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "chars": len(doc.text), "blocks": len(spans), "finished": finished, "failed": done.get("failed"),
        "opened": opened, "first_block": first[0] if first else None, "all": done.get("results"),
        "screenful": screenful,
        "worker": job.started_worker, "worker_cpu": children.ru_utime + children.ru_stime,
        "worker_rss_mb": children.ru_maxrss / 1024, "main_rss_mb": me.ru_maxrss / 1024,
        "main_cpu": me.ru_utime + me.ru_stime, "sent_mb": sent[0] / 1e6, "decode_s": decode[0],
    }))

if __name__ == "__main__":
    main()
"""

_SUDACHI_ALONE = """
import sys
from sudachipy import Dictionary, SplitMode
from reader.core.sources import load_document
tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
text = load_document(sys.argv[1]).text
for line in text.split("\\n"):
    if line:
        for m in tokenizer.tokenize(line):
            m.surface(); m.reading_form()
"""


def _python(code: str, *args: str, timeout: float = 900) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True
    )
    return time.perf_counter() - started, result.stdout


_ANNOTATE = """
import os, resource, sys, time
t0 = time.perf_counter()
from reader.cmd.annotate import main
if __name__ == "__main__":
    out = sys.stdout
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
    main([sys.argv[1]])
    sys.stdout.close()
    me, helper = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out.write(f"{me.ru_utime + me.ru_stime} {helper.ru_utime + helper.ru_stime}\\n")
"""


def _annotate(path: Path, cache: Path) -> tuple[float, float, float]:
    """Wall time of ``yomu annotate`` in a fresh process, its own CPU seconds and its helper's."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _ANNOTATE, str(path)],
        cwd=ROOT,
        env={"YOMU_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    own, helper = (float(x) for x in result.stdout.split())
    return wall, own, helper


_SUDACHI_CPU = """
import resource, sys
exec(sys.argv[2])
me = resource.getrusage(resource.RUSAGE_SELF)
print(me.ru_utime + me.ru_stime)
"""


def _background(path: Path, cache: Path, whole: bool, timeout: float) -> dict[str, object]:
    _, out = _python(
        _BACKGROUND,
        str(path),
        str(cache),
        "whole" if whole else "readings",
        str(timeout),
        timeout=timeout + 120,
    )
    return dict(json.loads(out.strip().splitlines()[-1]))


def _per_100k(seconds: float, chars: int) -> float:
    return seconds * 100_000 / chars


def bench_text(name: str, path: Path, work: Path, repeat: int, whole_timeout: float) -> None:
    from reader.core.sources import load_document

    chars = len(load_document(str(path)).text)
    print(f"\n== {name}: {chars:,} characters")

    cold = _background(path, work / f"{name}-readings.sqlite", False, 900)
    print(
        f"readings, cold cache: {_per_100k(float(cold['worker_cpu']), chars):.2f} CPU s per 100 K characters "  # type: ignore[arg-type]
        f"(worker {cold['worker_cpu']:.2f} s CPU); wall {cold['all']:.2f} s from start; "
        f"first block after {cold['first_block']:.2f} s"
    )
    print(
        f"  peak RSS: main process {cold['main_rss_mb']:.0f} MB, worker {cold['worker_rss_mb']:.0f} MB; "
        f"blocks sent {cold['sent_mb']:.1f} MB, tokens built in the main process in {cold['decode_s']:.2f} s "
        f"(main process CPU {cold['main_cpu']:.2f} s)"
    )
    warm = [_background(path, work / f"{name}-readings.sqlite", False, 900) for _ in range(repeat)]
    best = min(warm, key=lambda r: float(r["all"]))  # type: ignore[arg-type]
    screenful = min(float(r["screenful"]) for r in warm)  # type: ignore[arg-type]
    print(
        f"reopen, warm cache: the cache opened and the first 20 blocks read in this thread (cached_blocks) "
        f"in {screenful * 1000:.1f} ms"
    )
    print(
        f"reopen, warm cache (best of {repeat}): first block after {best['first_block']:.3f} s, "
        f"every block after {best['all']:.3f} s (imports {best['opened']:.3f} s); worker started: {best['worker']}; "
        f"main RSS {best['main_rss_mb']:.0f} MB"
    )

    full = _background(path, work / f"{name}-whole.sqlite", True, whole_timeout)
    if full["finished"] and not full["failed"]:
        print(
            f"readings + entities + glossary, cold: {_per_100k(float(full['worker_cpu']), chars):.2f} CPU s "  # type: ignore[arg-type]
            f"per 100 K characters (worker {full['worker_cpu']:.1f} s CPU, wall {full['all']:.1f} s, "
            f"worker RSS {full['worker_rss_mb']:.0f} MB)"
        )
        again = _background(path, work / f"{name}-whole.sqlite", True, whole_timeout)
        print(f"  reopened: everything after {again['all']:.3f} s, worker started: {again['worker']}")
    else:
        print(
            f"readings + entities + glossary, cold: not done after {whole_timeout:.0f} s "
            f"({full['failed'] or 'given up'}; the entities and glossary are branch names' work)"
        )

    baselines = [_python(_SUDACHI_CPU, str(path), _SUDACHI_ALONE) for _ in range(repeat)]
    baseline = min(wall for wall, _ in baselines)
    baseline_cpu = min(float(out) for _, out in baselines)
    cold, warm = [], []
    for i in range(repeat):
        cache = work / f"{name}-annotate-{i}"
        cold.append(_annotate(path, cache))
        warm.append(_annotate(path, cache))
    best_cold, best_warm = min(cold), min(warm)
    print(
        f"yomu annotate (best of {repeat}): cold cache {best_cold[0]:.2f} s = "
        f"{best_cold[0] / baseline:.1f}× SudachiPy alone ({baseline:.2f} s, fresh process); "
        f"warm cache {best_warm[0]:.2f} s = {best_warm[0] / baseline:.1f}×"
    )
    print(
        f"  CPU: SudachiPy alone {baseline_cpu:.2f} s; annotate cold {best_cold[1]:.2f} s in its own process "
        f"({best_cold[1] / baseline_cpu:.1f}×) + {best_cold[2]:.2f} s in its helper; "
        f"warm {best_warm[1]:.2f} s ({best_warm[1] / baseline_cpu:.1f}×)"
    )


def bench_startup(work: Path, repeat: int) -> None:
    """The worker's start-up: a one-line text, cold cache (spawn, imports, SudachiPy, one block)."""
    tiny = work / "tiny.txt"
    tiny.write_text("題名\n\n本文です。\n", encoding="utf-8")
    runs = [_background(tiny, work / f"tiny-{i}.sqlite", False, 120) for i in range(repeat)]
    best = min(runs, key=lambda r: float(r["all"]) - float(r["opened"]))  # type: ignore[arg-type]
    print(
        f"worker start-up (best of {repeat}; a one-line text, cold cache): results "
        f"{float(best['all']) - float(best['opened']):.2f} s after start()"  # type: ignore[arg-type]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--whole-timeout", type=float, default=300.0)
    ap.add_argument("--texts", default="seed,seed10,novel")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="yomu-bench-long-") as folder:
        work = Path(folder)
        seed10 = work / "seed-x10-varied.txt"
        seed10.write_text(varied_copies(SEED.read_text(encoding="utf-8"), 10), encoding="utf-8")
        texts = {"seed": SEED, "seed10": seed10, "novel": NOVEL}
        bench_startup(work, a.repeat)
        for name in a.texts.split(","):
            bench_text(name, texts[name], work, a.repeat, a.whole_timeout)


if __name__ == "__main__":
    main()
