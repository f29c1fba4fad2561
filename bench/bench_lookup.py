"""Look-up latency, in-process: a word already looked up and a new one.

Targets (issue 5): panel content within 50 ms for a cached word, 150 ms for a new one.
Measures lookup_word + the panel's text (entry_lines), which is what a cursor move costs.
Run: .venv/bin/python bench/bench_lookup.py
"""

from __future__ import annotations

import statistics
import time

from reader.core.analysis import analyse
from reader.core.lexicon.dictionary import lookup_word
from reader.core.lexicon.jam import jamdict_for_thread
from reader.core.lexicon.levels import word_level
from reader.data.paths import bundled_seed
from reader.widgets.lookup import entry_lines


def main() -> None:
    text = bundled_seed().read_text(encoding="utf-8")
    tokens = [t for t in analyse(text).tokens if t.surface.strip()]
    t0 = time.perf_counter()
    jamdict_for_thread()
    word_level("条約")
    print(f"open dictionary + JLPT lists: {1000 * (time.perf_counter() - t0):.0f} ms (once, in a worker)")
    new: list[float] = []
    seen: set[tuple] = set()
    for token in tokens:
        key = (token.surface, token.lemma, token.reading, token.pos)
        if key in seen:
            continue
        seen.add(key)
        start = time.perf_counter()
        entry = lookup_word(*key)
        if entry is not None:
            entry_lines(entry)
        new.append(1000 * (time.perf_counter() - start))
    cached: list[float] = []
    for token in tokens:
        start = time.perf_counter()
        entry = lookup_word(token.surface, token.lemma, token.reading, token.pos)
        if entry is not None:
            entry_lines(entry)
        cached.append(1000 * (time.perf_counter() - start))
    for name, values, target in (("new word", new, 150), ("cached word", cached, 50)):
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"{name}: n={len(values)} median {statistics.median(values):.2f} ms, p95 {p95:.2f} ms, "
            f"max {values[-1]:.2f} ms (target {target} ms)"
        )


if __name__ == "__main__":
    main()
