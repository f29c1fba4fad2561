"""Time the reading pipeline: engine load times and analysis of the seed article.

    python bench/bench_analysis.py [--repeat 5]

Each load is measured in a fresh interpreter (imports included), so the
figures are what the app pays on first use.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
sys.path.insert(0, str(ROOT))

_LOAD_SUDACHI = """
import time; t = time.perf_counter()
from reader.core.analysis import Analyzer
a = Analyzer(); a.load()
print(time.perf_counter() - t)
"""
_LOAD_KAKASI = """
import time; t = time.perf_counter()
import pykakasi; k = pykakasi.kakasi(); k.convert("漢字")
print(time.perf_counter() - t)
"""
_FIRST_ANALYSIS = """
import time, pathlib; t = time.perf_counter()
from reader.core.analysis import Analyzer
from reader.core.analysis.readings import kakasi_loaded
a = Analyzer(); a.analyse(pathlib.Path({seed!r}).read_text(encoding="utf-8"))
print(time.perf_counter() - t, kakasi_loaded())
"""


def _fresh(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    print(f"load SudachiPy (import + dictionary, fresh process): {float(_fresh(_LOAD_SUDACHI)):.3f} s")
    print(f"load pykakasi (import + first convert, fresh process): {float(_fresh(_LOAD_KAKASI)):.3f} s")
    first, kakasi = _fresh(_FIRST_ANALYSIS.format(seed=str(SEED))).split()
    print(f"first analysis of the seed from cold (load included): {float(first):.3f} s; pykakasi loaded: {kakasi}")

    from reader.core.analysis import Analyzer, romanize
    from reader.core.excerpt import format_aozora

    text = SEED.read_text(encoding="utf-8")
    analyzer = Analyzer()
    analyzer.load()
    analyzer.analyse(text)  # warm caches
    times = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        result = analyzer.analyse(text)
        times.append(time.perf_counter() - t)
    print(
        f"analyse seed ({len(text)} chars, {len(result.tokens)} tokens, {len(result.ruby)} ruby spans): "
        f"best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s over {a.repeat} runs"
    )
    for style in ("hepburn", "kunrei", "passport"):
        t = time.perf_counter()
        romanize(result.tokens, style)  # type: ignore[arg-type]
        print(f"romanize ({style}): {time.perf_counter() - t:.4f} s")
    t = time.perf_counter()
    format_aozora(text, result.ruby)
    print(f"format_aozora: {time.perf_counter() - t:.4f} s")


if __name__ == "__main__":
    main()
