"""Settings cost: reading at start-up (tomllib) and saving with tomlkit (merge into the file on disk).

Settings are read on the way to the first screen, so they are read with the
standard library's tomllib; tomlkit, which keeps comments and unknown keys, is
imported on the first save only.  Each figure is the median of fresh processes
(import costs are paid once per process), measured in the same run.
Run: .venv/bin/python bench/bench_settings.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

RUNS = 15
PROBE = r"""
import os, sys, time
from pathlib import Path
path = Path(sys.argv[1])
t0 = time.perf_counter()
from reader.data.config import load_settings, save_settings
t1 = time.perf_counter()
settings, _ = load_settings(path)
t2 = time.perf_counter()
settings.furigana = "off" if settings.furigana != "off" else "inline"
save_settings(settings, path)
t3 = time.perf_counter()
save_settings(settings, path)
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "settings.toml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write('# my settings\n[reader]\nfurigana = "inline"  # keep\nlevel = "N2"\n\n[reader.keymap]\n'
                         '"section.next" = "right_square_bracket,n,J"\n')  # fmt: skip
        rows = []
        for _ in range(RUNS):
            done = subprocess.run([sys.executable, "-c", PROBE, path], capture_output=True, text=True, check=True)
            rows.append([float(v) * 1000 for v in done.stdout.split()])
    names = ("import reader.data.config", "load_settings (tomllib)", "first save (imports tomlkit)", "later save")
    for name, values in zip(names, zip(*rows, strict=True), strict=True):
        print(f"{name:32} {statistics.median(values):6.1f} ms (median of {RUNS} processes)")


if __name__ == "__main__":
    main()
