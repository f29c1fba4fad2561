"""Time laying out the seed article, against a trivial split-by-width baseline.

Run: ``.venv/bin/python bench/bench_layout.py [width]``.  Prints milliseconds for
the baseline (cut each block every ``width`` cells, nothing else) and for
:func:`layout_block` in each placement, cold (BudouX parsing included, once) and
warm (phrase boundaries cached, as after a resize), with synthetic readings over
every run of kanji.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from reader.core import linebreak  # noqa: E402
from reader.core.cells import cell_len  # noqa: E402
from reader.core.layout import Annotation, Placement, layout_block  # noqa: E402
from reader.core.sources import load_document  # noqa: E402

SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"


def kanji_annotations(text: str, start: int, end: int) -> list[Annotation]:
    """One made-up reading (two kana per kanji) over each run of kanji."""
    out, i = [], start
    while i < end:
        if "\u4e00" <= text[i] <= "\u9fff":
            j = i
            while j < end and "\u4e00" <= text[j] <= "\u9fff":
                j += 1
            out.append(Annotation(i, j, "かな" * (j - i)))
            i = j
        else:
            i += 1
    return out


def baseline(text: str, blocks: list[tuple[int, int]], width: int) -> int:
    """Cut every block each ``width`` cells: the least any layout must do."""
    rows = 0
    for start, end in blocks:
        used = 0
        for ch in text[start:end]:
            w = cell_len(ch)
            if used + w > width:
                rows += 1
                used = 0
            used += w
        rows += 1
    return rows


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> None:
    width = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    doc = load_document(str(SEED))
    text = doc.text
    blocks = [(span.start, span.end) for _kind, span, _section in doc.blocks()]
    anns = {b: kanji_annotations(text, *b) for b in blocks}

    def run(placement: Placement) -> int:
        return sum(len(layout_block(text, s, e, anns[(s, e)], width, placement)) for s, e in blocks)

    linebreak._budoux_parser()  # model load (~10 ms) is a one-off at start-up, not per layout
    t0 = time.perf_counter()
    cold_rows = run(Placement.ABOVE)
    cold = (time.perf_counter() - t0) * 1000
    base_ms, base_rows = timed(lambda: baseline(text, blocks, width))
    print(f"seed: {len(text)} chars, {len(blocks)} blocks, width {width}")
    print(f"baseline split-by-width      {base_ms:7.2f} ms  ({base_rows} rows)")
    print(f"layout above, cold (BudouX)  {cold:7.2f} ms  ({cold_rows} lines)")
    for placement in Placement:
        ms, rows = timed(lambda p=placement: run(p))
        print(f"layout {placement.value:<6} warm           {ms:7.2f} ms  ({rows} lines)")


if __name__ == "__main__":
    main()
