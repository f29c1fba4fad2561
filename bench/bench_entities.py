"""Time entity extraction on the seed article, engines loaded.

Run: ``.venv/bin/python bench/bench_entities.py [runs]``.  Loads SudachiPy and
the dictionary, analyses the seed once, then times :func:`extract_entities`
alone: the first run in a fresh process (JMnedict look-ups not yet cached) and
the median of the next runs.  Target: 0.1 s.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from reader.core.analysis import Analyzer  # noqa: E402
from reader.core.analysis.entities import extract_entities  # noqa: E402
from reader.core.lexicon.names import names_available  # noqa: E402
from reader.core.sources import load_document  # noqa: E402

SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 20
    text = load_document(str(SEED)).text
    analyzer = Analyzer()
    analyzer.load()
    analysis = analyzer.analyse(text)
    names_available()  # open the dictionary: part of loading the engines
    date = datetime.date(2024, 6, 17)
    t0 = time.perf_counter()
    index = extract_entities(text, analysis, article_date=date)
    first = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        extract_entities(text, analysis, article_date=date)
        times.append(time.perf_counter() - t0)
    print(f"seed: {len(index.mentions)} mentions, {len(index.entities)} entities")
    print(
        f"extract_entities: first {first * 1000:.1f} ms, "
        f"then median {statistics.median(times) * 1000:.1f} ms (target 100 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
