"""Long texts on screen: the novel against the seed and a bare Textual app, in one run.

    python bench/bench_long_screen.py [-n 5] [--press-seconds 12]

What a reader of a novel waits for (issue 11), each next to a baseline measured
in the same run (timings on a shared machine are noisy):

* **first show**: seconds until the novel's first sentence is on screen, and
  until the seed's is in a bare Textual app (``bench/baseline_static.py``),
  with ``../shared/tools/screen_time.py`` in tmux (cold analysis cache);
* **reopen**: seconds until a reading the analysis found (not one the author
  wrote) is on the novel's first screen, with a warm cache, against the same
  bare app;
* **End**: seconds from pressing End until the last line of the text shows,
  on the novel (cold cache: its analysis is running) and on the seed;
* **keys while the novel is analysed** (in-process, Pilot): End, ], j, w, f
  pressed in turn from the first paint on while the worker process reads the
  rest; seconds from each key to the app being idle again, p50/p95/max, and
  the same keys on the seed after its analysis;
* **memory**: the reader's RSS once the novel is analysed, and the worker's
  peak, from ``/proc``.

A key counts as lost when it did not act (End must reach the last section).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from terminal import BASELINE, ROOT, SEED, TOOL, compile_reader, tmux_kept_alive

NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
sys.path.insert(0, str(ROOT))

SEED_FIRST = "ロシアと"
"""Kana only: readings above never pad it apart (with a warm cache they are there at the first paint)."""
NOVEL_FIRST = "名前はまだ"
NOVEL_READING = "なまえ"
"""名前's reading: the analysis finds it (the author's ruby on the first screen is only 吾輩)."""
NOVEL_END = "ありがたいありがたい"
SEED_END = "があるという"
"""Kana near the seed's end (readings above never pad it apart)."""


def screen_time(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, env=env, cwd=ROOT)
    return (result.stdout + result.stderr).strip()


def reader(path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "reader", *extra, str(path)]


def baseline() -> str:
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(BASELINE))} {shlex.quote(str(SEED))}"


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def keys_while_reading(path: Path, seconds: float, wait_first: bool) -> tuple[list[float], int, float, float]:
    """Key latencies (s) while ``path`` is read; keys lost; the reader's RSS after; the worker's peak RSS.

    A key's latency is the time from sending it until what it does is seen
    (End: the last section at the top; ]: the next section; j: one row down;
    w: the word cursor moved; f: the furigana mode changed), polled every
    2 ms.  Pilot's own wait for the app to be idle is not used: while blocks
    keep arriving the app is rarely idle, yet keys are answered.
    """
    from textual import events

    from reader.app import YomuApp
    from reader.core.sources import load_document
    from reader.data.config import Settings

    app = YomuApp(load_document(str(path)), Settings())
    times: list[float] = []
    lost = 0
    worker_peak = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        view = screen.article  # type: ignore[attr-defined]
        analysis = screen.analysis  # type: ignore[attr-defined]
        await pilot.pause()
        if wait_first:
            while analysis.state:
                await pilot.pause(0.1)

        def state() -> tuple[object, ...]:
            return (view.section_at_top().index, int(view.scroll_offset.y), view.cursor_token, view.placement)

        keys = ["end", "right_square_bracket", "j", "w", "f"]
        last_section = len(screen.document.sections) - 1  # type: ignore[attr-defined]
        started = time.perf_counter()
        i = 0
        while time.perf_counter() - started < seconds:
            key = keys[i % len(keys)]
            i += 1
            if key in ("end", "right_square_bracket"):
                view.scroll_to_row(0)
                await asyncio.sleep(0.01)
            before = state()
            t0 = time.perf_counter()
            app.post_message(events.Key(key, None))
            while state() == before and time.perf_counter() - t0 < 5.0:
                await asyncio.sleep(0.002)
            elapsed = time.perf_counter() - t0
            if state() == before or (key == "end" and view.section_at_top().index != last_section):
                lost += 1
            times.append(elapsed)
            background = analysis._background
            if background is not None and background.worker_pid:
                worker_peak = max(worker_peak, rss_mb(background.worker_pid, "VmHWM"))
            await asyncio.sleep(0.05)
        while analysis.state or analysis.entity_index is None:
            await pilot.pause(0.2)
            background = analysis._background
            if background is not None and background.worker_pid:
                worker_peak = max(worker_peak, rss_mb(background.worker_pid, "VmHWM"))
        main_rss = rss_mb(os.getpid())
    return times, lost, main_rss, worker_peak


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms over {len(ordered)} keys"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=5, help="runs of each terminal measurement")
    parser.add_argument("--press-seconds", type=float, default=12.0, help="how long keys are pressed in-process")
    args = parser.parse_args()
    compile_reader()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        for name in ("YOMU_CONFIG_DIR", "YOMU_DATA_DIR", "YOMU_CACHE_DIR"):
            env[name] = os.environ[name] = f"{tmp}/{name.lower()}"
        n = str(args.n)
        if TOOL.exists():
            with tmux_kept_alive():
                print("== first show: the novel's first sentence (cold cache) vs the seed in a bare Textual app")
                print(screen_time(["-n", n, "--vs", baseline(), "--vs-text", SEED_FIRST, "--text", NOVEL_FIRST, "--",
                                   *reader(NOVEL, "--restart")], env))  # fmt: skip
                print("== End: on the novel while it is analysed (a new cache each run) ...")
                cold = f"{tmp}/cold-cache"
                fresh = f"rm -rf {shlex.quote(cold)}; YOMU_CACHE_DIR={shlex.quote(cold)} exec " + shlex.join(
                    reader(NOVEL, "--restart")
                )
                print(screen_time(["-n", n, "--text", NOVEL_FIRST, "--keys", "End", "--then", NOVEL_END, "--",
                                   "sh", "-c", fresh], env))  # fmt: skip
                print("== ... and on the seed")
                print(screen_time(["-n", n, "--text", SEED_FIRST, "--keys", "End", "--then", SEED_END, "--",
                                   *reader(SEED, "--restart")], env))  # fmt: skip
                # Warm the cache the way the reader fills it (annotate shares it), then reopen.
                subprocess.run([*reader(NOVEL)[:3], "annotate", str(NOVEL)], env=env, capture_output=True, check=False)
                print(
                    "== reopen: a found reading on the novel's first screen (warm cache) vs the bare app's first show"
                )
                print(screen_time(["-n", n, "--vs", baseline(), "--vs-text", SEED_FIRST, "--text", NOVEL_READING, "--",
                                   *reader(NOVEL, "--restart")], env))  # fmt: skip
        else:
            print(f"skipped the terminal timings: {TOOL} not found")
        os.environ["YOMU_CACHE_DIR"] = f"{tmp}/pilot-cache"
        times, lost, main_rss, worker_peak = asyncio.run(keys_while_reading(NOVEL, args.press_seconds, False))
        print(f"== keys while the novel is analysed (in-process): {summary(times)}; End not acted on: {lost}")
        print(f"   memory once analysed: reader {main_rss:.0f} MB RSS, worker peak {worker_peak:.0f} MB")
        seed_times, seed_lost, _, _ = asyncio.run(keys_while_reading(SEED, min(args.press_seconds, 6.0), True))
        print(f"== the same keys on the seed, analysed (baseline): {summary(seed_times)}; lost: {seed_lost}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
