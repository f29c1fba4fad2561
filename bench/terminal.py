"""What the benches that time a real terminal share: where things are, and tmux kept up between runs."""

from __future__ import annotations

import compileall
import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
TOOL = ROOT.parent / "shared" / "tools" / "screen_time.py"
"""The shared tool: time until a text shows in tmux, side by side with a baseline command."""
BASELINE = ROOT / "bench" / "baseline_static.py"
"""A bare Textual app that shows the seed: the baseline every screen time is divided by."""


def compile_reader() -> None:
    """Write the reader's bytecode first, as installing a package does.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (as on these machines) an editable
    checkout would otherwise compile every changed module from source on each
    start, a cost no installed reader pays.
    """
    compileall.compile_dir(ROOT / "reader", quiet=1)


@contextlib.contextmanager
def tmux_kept_alive() -> Iterator[None]:
    """A session that keeps tmux's default server up between screen_time's runs.

    screen_time opens and closes a session per run on the default server; when
    the last session closes the server exits, and a new session started while
    it exits fails with "server exited unexpectedly".
    """
    name = f"yomu-bench-keepalive-{os.getpid()}"
    started = subprocess.run(["tmux", "new-session", "-d", "-s", name, "sleep 86400"], check=False).returncode == 0
    try:
        yield
    finally:
        if started:
            subprocess.run(["tmux", "kill-session", "-t", name], check=False)
