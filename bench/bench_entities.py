"""Time entity extraction and the glossary on the seed, the seed ×10 and a novel,
against SudachiPy alone on the same text, in one run.

    python bench/bench_entities.py [--texts seed,x10,novel] [--before SRC] [--runs N]

Each text is timed in a fresh interpreter, so no dictionary cache carries over from
one text to the next.  In-process figures (engines loaded, the text decoded):

- ``sudachi``: SudachiPy alone tokenising the text line by line (the baseline);
- ``analyse``: the whole reading pipeline (tokens, readings, romaji: the engine's part);
- ``entities``: :func:`extract_entities` on that analysis;
- ``glossary``: :func:`build_glossary` on that analysis (curated file when there is one).

Then the commands as a user runs them (``yomu entities FILE``, ``yomu glossary
FILE``: start-up, decoding, analysis and all) against a fresh interpreter that loads
SudachiPy and tokenises the same file.  ``--before SRC`` times another source tree
(e.g. ``git archive main | tar -x -C /tmp/before``) the same way in the same run,
for before/after figures.  Targets (issue 11): entities and glossary on the novel
within 3× SudachiPy alone; the seed's figures no worse.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
SEED_DATE = "2024-06-17"

_CHILD = r"""
import datetime, json, sys, time
from pathlib import Path
from reader.core.sources import load_document
from reader.core.analysis import Analyzer
from reader.core.analysis.entities import extract_entities
from reader.core.analysis.glossary import build_glossary, curated_path_for, load_curated

path, date = sys.argv[1], sys.argv[2]
text = load_document(path).text
curated_path = curated_path_for(path)
curated = load_curated(curated_path) if curated_path.is_file() else ()
from sudachipy import Dictionary, SplitMode
tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
t = time.perf_counter()
for line in text.split("\n"):
    if line:
        tokenizer.tokenize(line)
sudachi = time.perf_counter() - t
analyzer = Analyzer()
analyzer.load()
t = time.perf_counter()
analysis = analyzer.analyse(text)
analyse = time.perf_counter() - t
article_date = datetime.date.fromisoformat(date) if date else None
t = time.perf_counter()
index = extract_entities(text, analysis, article_date=article_date)
entities = time.perf_counter() - t
t = time.perf_counter()
terms = build_glossary(text, analysis, curated)
glossary = time.perf_counter() - t
print(json.dumps({"chars": len(text), "sudachi": sudachi, "analyse": analyse, "entities": entities,
                  "glossary": glossary, "mentions": len(index.mentions), "terms": len(terms)}))
"""

_SUDACHI_ALONE = r"""
import sys
from reader.core.sources import load_document
from sudachipy import Dictionary, SplitMode
text = load_document(sys.argv[1]).text
tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
for line in text.split("\n"):
    if line:
        tokenizer.tokenize(line)
"""


def seed_times_ten(directory: Path) -> Path:
    """The seed ten times, each copy with its paragraphs rotated and its digits shifted,
    so that no cache of identical paragraphs or dates hides the cost."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    copies = []
    for i in range(10):
        rotated = lines[i % len(lines) :] + lines[: i % len(lines)]
        shift = str.maketrans("0123456789", "".join(str((d + i) % 10) for d in range(10)))
        copies.append("\n".join(rotated).translate(shift))
    path = directory / "seed-x10.txt"
    path.write_text("\n".join(copies), encoding="utf-8")
    return path


def decoded(path: Path, directory: Path) -> Path:
    """The text of ``path`` as this checkout reads it (Aozora ruby and notes taken out),
    saved as plain UTF-8, so that another source tree (``--before``) times the same text."""
    sys.path.insert(0, str(ROOT))
    from reader.core.sources import load_document

    out = directory / f"{path.stem}.utf8.txt"
    out.write_text(load_document(str(path)).text, encoding="utf-8")
    return out


def _env(source: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(source)
    return env


def _child(source: Path, path: Path, date: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), date],
        cwd=source,
        env=_env(source),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _wall(source: Path, args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=source, env=_env(source), stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _row(label: str, figures: dict[str, float]) -> str:
    base = figures["sudachi"]
    return (
        f"  {label:7} {int(figures['chars']):,} chars | sudachi {base:6.2f} s | analyse {figures['analyse']:6.2f} s "
        f"| entities {figures['entities']:6.2f} s ({figures['entities'] / base:4.1f}×) "
        f"| glossary {figures['glossary']:6.2f} s ({figures['glossary'] / base:4.1f}×) "
        f"| {int(figures['mentions'])} mentions, {int(figures['terms'])} terms"
    )


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", default="seed,x10,novel")
    ap.add_argument("--before", type=Path, help="another source tree to time the same way (before)")
    ap.add_argument("--runs", type=int, default=1, help="runs of each command (median)")
    ap.add_argument("--no-commands", action="store_true", help="skip the end-to-end command timings")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = {
            "seed": (SEED, SEED_DATE),
            "x10": (seed_times_ten(Path(tmp)), SEED_DATE),
            "novel": (decoded(NOVEL, Path(tmp)), ""),
        }
        trees = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
        for name in args.texts.split(","):
            path, date = paths[name]
            print(f"{name} ({path.name}):")
            for label, source in trees:
                figures = _child(source, path, date)
                print(_row(label, figures))
            if args.no_commands:
                continue
            alone = _wall(ROOT, ["-c", _SUDACHI_ALONE, str(path)], args.runs)
            line = f"  commands: SudachiPy alone {alone:.2f} s (start-up, decoding, tokenising)"
            for label, source in trees:
                for command in ("entities", "glossary"):
                    extra = ["--date", date] if command == "entities" and date else []
                    took = _wall(source, ["-m", "reader", command, str(path), *extra], args.runs)
                    line += f"; {label} yomu {command} {took:.2f} s ({took / alone:.1f}×)"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
