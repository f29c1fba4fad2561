"""Screen benchmark: time until yomu shows the article, against a bare Textual app.

Runs ../shared/tools/screen_time.py (a real terminal, tmux) side by side with
bench/baseline_static.py in the same run — a first open (a new analysis cache
each run) and a reopening (the cache warm) — and measures in-process (Pilot)
how long a furigana mode change takes to redraw.

usage: python bench/bench_screen.py [-n RUNS]
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

from terminal import BASELINE, ROOT, SEED, TOOL, compile_reader, tmux_kept_alive

FIRST_WORDS = "ロシアと"
"""The first words of the seed's first sentence (kana: readings above never pad them apart)."""
FIRST_READING = "だいとうりょう"
"""A reading on the first screen (over 大統領 in the title and lead)."""


def screen_time(needle: str, runs: int, env: dict[str, str], *, cold: bool = True) -> str:
    """yomu on the seed against the bare app; ``cold``: a new analysis cache for every run (a first open)."""
    python = sys.executable
    reader = [python, "-m", "reader", str(SEED)]
    if cold:
        cache = env["YOMU_CACHE_DIR"]
        reader = ["sh", "-c", f"rm -rf {shlex.quote(cache)}; exec " + shlex.join(reader)]
    baseline = shlex.join([python, str(BASELINE), str(SEED)])
    if cold:  # started through sh as yomu is, so that neither pays for a shell the other does not
        baseline = shlex.join(["sh", "-c", "exec " + baseline])
    command = [
        python,
        str(TOOL),
        "-n",
        str(runs),
        "--vs",
        baseline,
        "--vs-text",
        FIRST_WORDS,
        "--text",
        needle,
        "--",
        *reader,
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    return (result.stdout + result.stderr).strip()


async def furigana_redraw(runs: int) -> list[float]:
    """Seconds from pressing f until the view has laid out and painted the new mode."""
    from reader.app import YomuApp
    from reader.core.sources import load_document
    from reader.widgets import ArticleView

    app = YomuApp(load_document(str(SEED)))
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        # The glossary and entity workers start after the readings: wait for all.
        for _ in range(100):
            await pilot.pause(0.05)
            if not any(worker.is_running for worker in app.screen.workers):
                break
        view = app.screen.query_one(ArticleView)
        for _ in range(runs):
            t0 = time.perf_counter()
            await app.screen.run_action("cycle_furigana")
            # Draw the visible rows, as the compositor does on the next refresh.
            for y in range(view.size.height):
                view.render_line(y)
            times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=5, help="runs of each measurement")
    args = parser.parse_args()
    compile_reader()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ, YOMU_CONFIG_DIR=f"{tmp}/config", YOMU_DATA_DIR=f"{tmp}/data", YOMU_CACHE_DIR=f"{tmp}/cache"
        )
        os.environ.update({k: v for k, v in env.items() if k.startswith("YOMU_")})
        if TOOL.exists():
            with tmux_kept_alive():
                print("== first sentence on screen (yomu vs bare Textual Static)")
                print(screen_time(FIRST_WORDS, args.n, env))
                print("== first readings on screen (yomu) vs first text of the baseline")
                print(screen_time(FIRST_READING, args.n, env))
                print("== reopening: readings on screen with the analysis cache warm vs first text of the baseline")
                print(screen_time(FIRST_READING, args.n, env, cold=False))
        else:
            print(f"skipped the terminal timings: {TOOL} not found")
        times = asyncio.run(furigana_redraw(max(args.n, 6)))
        print(
            "== furigana mode change, in-process (Pilot): "
            f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms over {len(times)} presses"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
