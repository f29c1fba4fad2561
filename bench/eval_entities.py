"""Score ``yomu entities`` against the gold entity lists (../shared/eval) with ner_eval.py.

Run: ``.venv/bin/python bench/eval_entities.py [--check]``.  Prints, for the seed
article, exact span+type F1 and canonical-name recall; for the Wikipedia dev set
(PRODUCT ignored; the dev gold has no DATE, so the scorer drops dates too), overlap
F1 — the figure of ``ner_eval.py GOLD OUT.jsonl --ignore-types PRODUCT``.  ``--check``
exits 1 when a figure is below its target (seed F1 0.90, canonical recall 0.95, dev
overlap F1 0.78).
The system output is what the command prints, run as a user would run it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
SEED_DATE = "2024-06-17"
"""The seed article's date (NHK, 17 June 2024), as a reader would pass it with --date."""
TARGETS = {"seed exact F1": 0.90, "seed canonical recall": 0.95, "dev overlap F1": 0.78}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("ner_eval", SHARED / "tools" / "ner_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entities(path: Path, *extra: str) -> Path:
    out = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as f:
        subprocess.run(
            [sys.executable, "-m", "reader", "entities", str(path), "--format", "jsonl", *extra],
            cwd=ROOT,
            stdout=f,
            check=True,
        )
    return out


def main(argv: list[str]) -> int:
    ner = _scorer()
    eval_dir = SHARED / "eval"
    seed = ner.score(
        ner.load_gold(str(eval_dir / "seed.entities.tsv")),
        ner.load_system(str(_entities(SEED, "--date", SEED_DATE))),
        set(),
    )
    dev = ner.score(
        ner.load_gold(str(eval_dir / "wikipedia-ner-dev.entities.tsv")),
        ner.load_system(str(_entities(eval_dir / "wikipedia-ner-dev.txt"))),
        {"PRODUCT"},
    )
    figures = {
        "seed exact F1": seed["exact"]["f1"],
        "seed canonical recall": seed["canonical_recall"],
        "dev overlap F1": dev["overlap"]["f1"],
    }
    print(
        f"seed: exact F1 {seed['exact']['f1']:.3f} "
        f"(P {seed['exact']['precision']:.3f}, R {seed['exact']['recall']:.3f}); "
        f"canonical-name recall {seed['canonical_recall']:.3f}"
    )
    print(
        f"dev (PRODUCT ignored): overlap F1 {dev['overlap']['f1']:.3f} "
        f"(P {dev['overlap']['precision']:.3f}, R {dev['overlap']['recall']:.3f}); "
        f"exact F1 {dev['exact']['f1']:.3f}"
    )
    for kind, v in dev["per_type"].items():
        print(f"  dev {kind:9} exact P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}")
    below = [name for name, target in TARGETS.items() if figures[name] < target]
    for name in below:
        print(f"below target: {name} {figures[name]:.3f} < {TARGETS[name]}")
    return 1 if "--check" in argv and below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
