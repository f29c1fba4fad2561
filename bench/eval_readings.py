"""Score the reading pipeline against the gold ruby (seed article, Aozora excerpt).

    python bench/eval_readings.py [--check 0.995] [--errors 40] [--mode C] [--layers sudachi|pykakasi]

Writes the Aozora-format output to a temporary file and runs the shared scorer
(/work/shared/tools/ruby_eval.py) on it; prints the accuracy lines.  With
``--check X`` exits 1 when the seed figure is below X.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "ruby_eval.py"
EVAL = SHARED / "eval"
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
sys.path.insert(0, str(ROOT))

from reader.core.analysis import Analyzer  # noqa: E402
from reader.core.analysis.align import align  # noqa: E402
from reader.core.analysis.kana import has_kanji  # noqa: E402
from reader.core.excerpt import format_aozora  # noqa: E402
from reader.core.layers import RubySpan  # noqa: E402


def plain_text(gold: Path) -> str:
    """The gold file without its markup (the scorer's own parser)."""
    sys.path.insert(0, str(SCORER.parent))
    import ruby_eval  # type: ignore[import-not-found]

    return str(ruby_eval.parse(gold.read_text(encoding="utf-8"))[0])


def baseline_ruby(text: str, engine: str, mode: str = "C") -> list[RubySpan]:
    """Ruby from one engine alone (no layers), for the reference figures."""
    spans: list[RubySpan] = []
    if engine == "sudachi":
        from reader.core.analysis.tokens import Sudachi

        for m in Sudachi(mode).tokenize(text):
            if has_kanji(m.surface):
                spans += [RubySpan(m.start + s, m.start + e, r) for s, e, r in align(m.surface, m.reading)]
        return spans
    import pykakasi

    kks = pykakasi.kakasi()
    offset = 0
    for line in text.split("\n"):
        pos = offset
        for item in kks.convert(line) if line else []:
            orig = item["orig"]
            if has_kanji(orig):
                spans += [RubySpan(pos + s, pos + e, r) for s, e, r in align(orig, item["hira"])]
            pos += len(orig)
        offset += len(line) + 1
    return spans


def score(gold: Path, marked: str, errors: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".ruby.txt", encoding="utf-8", delete=False) as f:
        f.write(marked)
        out = f.name
    cmd = [sys.executable, str(SCORER), str(gold), out, "--errors", str(errors)]
    if gold.name.startswith("seed"):
        cmd += ["--alternatives", str(EVAL / "alternatives.tsv")]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    Path(out).unlink(missing_ok=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr or result.stdout)
    return result.stdout


def accuracy(report: str) -> float:
    line = next(line for line in report.splitlines() if line.startswith("reading accuracy:"))
    return float(line.split()[2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", type=float, help="exit 1 when the seed accuracy is below this")
    ap.add_argument("--errors", type=int, default=0, help="list this many wrong groups per file")
    ap.add_argument("--mode", default="C", choices=["A", "B", "C"], help="Sudachi split mode")
    ap.add_argument("--engine", choices=["layers", "sudachi", "pykakasi"], default="layers")
    a = ap.parse_args()
    if not SCORER.exists():
        print(f"scorer not found: {SCORER}", file=sys.stderr)
        return 2
    analyzer = Analyzer(mode=a.mode)
    seed_figure = 0.0
    for name, gold in (
        ("seed", EVAL / "seed.ruby.txt"),
        ("aozora", EVAL / "aozora-wagahai-excerpt.ruby.txt"),
    ):
        text = SEED.read_text(encoding="utf-8") if name == "seed" else plain_text(gold)
        if a.engine == "layers":
            ruby: list[RubySpan] | tuple[RubySpan, ...] = analyzer.analyse(text).ruby
        else:
            ruby = baseline_ruby(text, a.engine, a.mode)
        report = score(gold, format_aozora(text, ruby), a.errors)
        label = f"{name} ({a.engine}, mode {a.mode})"
        for line in report.splitlines():
            print(f"{label}: {line}" if line.startswith("reading accuracy") else line)
        if name == "seed":
            seed_figure = accuracy(report)
    if a.check is not None and seed_figure < a.check:
        print(f"seed accuracy {seed_figure:.4f} is below {a.check}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
