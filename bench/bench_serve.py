"""Browser benchmark: seconds from starting ``yomu serve`` to the article's title in the page.

Each run starts ``yomu serve --no-open`` (fresh settings, data and caches),
opens the printed address in a headless Debian chromium that is already
running (Playwright, ``executable_path``), and waits until the title is in the
page's terminal.  The baseline, measured in the same run and interleaved with
it: ``yomu`` itself in a real terminal (tmux), to the same title.

usage: python bench/bench_serve.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, SCREEN_JS, TERMINAL_HOOK  # noqa: E402

TITLE = "プーチン大統領が18日から北朝鮮訪問"
"""The start of the seed's title, in the header and first row."""


def fresh_env(folder: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "COLUMNS", "LINES")}
    env.update(YOMU_CONFIG_DIR=f"{folder}/config", YOMU_DATA_DIR=f"{folder}/data", YOMU_CACHE_DIR=f"{folder}/cache")
    return env


def served_title(page: Any) -> tuple[float, float]:
    """(seconds to the printed address, seconds to the title in the page), from starting ``yomu serve``."""
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "serve", "--no-open"],
            stdout=subprocess.PIPE,
            text=True,
            env=fresh_env(folder),
            cwd=ROOT,
            start_new_session=True,
        )
        try:
            assert process.stdout is not None
            found = re.search(r"http://\S+", process.stdout.readline())
            assert found, "yomu serve printed no address"
            t_url = time.perf_counter() - t0
            page.goto(found.group(0))
            page.wait_for_function(f"() => (({SCREEN_JS})() || '').includes({TITLE!r})", polling=10, timeout=60_000)
            return t_url, time.perf_counter() - t0
        finally:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(30)


def terminal_title() -> float:
    """Seconds from starting ``yomu`` in a 120 × 40 tmux window to the title on its screen."""
    name = "bench-serve-" + uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory() as folder:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in fresh_env(folder).items() if k.startswith("YOMU_"))
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "env TERM=xterm-256color sh"], check=True
        )
        try:
            time.sleep(0.3)
            command = f"exec env {exports} {shlex.quote(sys.executable)} -m reader"
            t0 = time.perf_counter()
            subprocess.run(["tmux", "send-keys", "-t", name, "-l", command], check=True)
            subprocess.run(["tmux", "send-keys", "-t", name, "Enter"], check=True)
            while time.perf_counter() - t0 < 60:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True)
                if TITLE in screen.stdout:
                    return time.perf_counter() - t0
                time.sleep(0.005)
            raise AssertionError("the title never showed in the terminal")
        finally:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def summary(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"{label}: median {statistics.median(ms):.0f} ms (min {ms[0]:.0f}, max {ms[-1]:.0f}, {len(ms)} runs)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=5, help="runs of each measurement")
    args = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        print(f"skipped: {CHROMIUM} not found (scripts/system-deps.sh installs chromium as root)")
        return 0
    from playwright.sync_api import sync_playwright

    urls: list[float] = []
    pages: list[float] = []
    terminals: list[float] = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 960, "height": 600},
        )
        page = context.new_page()
        page.add_init_script(TERMINAL_HOOK)
        served_title(page)  # warm the disk cache of the Python files and the browser, not counted
        for _ in range(args.n):
            t_url, t_page = served_title(page)
            urls.append(t_url)
            pages.append(t_page)
            if shutil.which("tmux"):
                terminals.append(terminal_title())
        context.close()
    print("== yomu serve: from the command to the article's title in the page (chromium already open)")
    print(summary("address printed", urls))
    print(summary("title in the page", pages))
    if terminals:
        print(summary("baseline, yomu in a terminal (tmux): title on screen", terminals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
