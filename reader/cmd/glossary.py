"""``yomu glossary FILE``: print the article's glossary (curated and automatic terms).

Uses ``<article>.glossary.toml`` next to the article when there is one.
Formats: jsonl (one JSON object a term), tsv (with a header row), markdown (a table).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from reader.cmd import CommandParser, Output, fail, working_on

FORMATS = ("jsonl", "tsv", "markdown")
LEVELS = ("N5", "N4", "N3", "N2", "N1")


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu glossary", description="Print the glossary of an article.")
    parser.add_argument("file", help="the article ('-' reads standard input)")
    parser.add_argument("--format", choices=FORMATS, default="tsv")
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="N3",
        help="the learner's JLPT level: compounds of words at or below it are left out",
    )
    return parser


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def _md(value: str) -> str:
    return _cell(value).replace("|", "\\|")


def main(argv: Sequence[str]) -> int:
    """Run ``yomu glossary``; 0 on success, 1 with one line on stderr on bad input."""
    args = _parser().parse_args(argv)
    working_on(args.file)
    from reader.core.analysis.glossary import (
        CuratedTerm,
        GlossaryError,
        build_glossary,
        curated_path_for,
        load_curated,
    )
    from reader.core.lexicon import DictionaryUnavailable
    from reader.core.sources import SourceError
    from reader.data.documents import load_cached

    try:
        document = load_cached(args.file)
    except SourceError as error:
        return fail(str(error))
    curated: tuple[CuratedTerm, ...] = ()
    if args.file != "-":
        path = curated_path_for(args.file)
        if path.exists() or path.is_symlink():  # a FIFO or device there is reported, not skipped
            try:
                curated = load_curated(path)
            except GlossaryError as error:
                return fail(str(error))
    from reader.core.analysis import Analyzer
    from reader.core.sources.author import analyse_document
    from reader.data.pins import load_pins

    analysis = analyse_document(Analyzer(pinned=load_pins()), document)
    try:
        terms = build_glossary(document.text, analysis, curated, level=args.level)
    except DictionaryUnavailable as error:
        return fail(str(error))
    out = Output()
    if args.format == "jsonl":
        for term in terms:
            row = {
                "surface": term.surface,
                "reading": term.reading,
                "meaning": term.meaning,
                "note": term.note,
                "source": term.source,
                "reason": term.reason,
                "parts": [{"surface": p.surface, "reading": p.reading, "meaning": p.meaning} for p in term.parts],
                "occurrences": [list(span) for span in term.occurrences],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif args.format == "tsv":
        out.write("surface\treading\tmeaning\tsource\treason\tparts\tnote\tcount\n")
        for term in terms:
            parts = " · ".join(f"{p.surface} {p.reading} {p.meaning}" for p in term.parts)
            fields = (
                term.surface,
                term.reading,
                term.meaning,
                term.source,
                term.reason,
                parts,
                term.note,
                str(len(term.occurrences)),
            )
            out.write("\t".join(_cell(f) for f in fields) + "\n")
    else:
        out.write("| term | reading | meaning | source | why |\n|---|---|---|---|---|\n")
        for term in terms:
            meaning = term.meaning + (f" — {term.note}" if term.note else "")
            if term.parts and term.source != "parts":
                meaning += " (" + " · ".join(f"{p.surface} {p.meaning.split('; ')[0]}" for p in term.parts) + ")"
            out.write(
                f"| {_md(term.surface)} | {_md(term.reading)} | {_md(meaning)} | {term.source} | {_md(term.reason)} |\n"
            )
    return 0
