"""``yomu entities FILE``: the people, places, organisations, facilities, events
and dates an article names, as JSON Lines (one mention a line), TSV or Markdown.

Offsets count characters of the decoded text, as ``yomu annotate FILE --format
plain`` prints it.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Sequence

from reader.cmd import CommandParser, Output, fail, working_on
from reader.core.sources import SourceError

FORMATS = ("jsonl", "tsv", "markdown")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu entities", description="List the named entities of an article.")
    parser.add_argument("file", help="the article ('-' reads standard input)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="jsonl",
        help="jsonl: one mention a line; tsv: one mention a line with a header; markdown: one entity a row",
    )
    parser.add_argument(
        "--date",
        type=_date,
        default=None,
        help="the article's date (YYYY-MM-DD), to resolve 18日 or 去年 (default: a date stated in the text)",
    )
    return parser


def _markdown_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def main(argv: Sequence[str]) -> int:
    """Print the entities of the article named in ``argv``."""
    args = _parser().parse_args(argv)
    working_on(args.file)
    from reader.data.documents import load_cached

    try:
        document = load_cached(args.file)
    except SourceError as error:
        return fail(str(error))
    from reader.core.analysis import Analyzer
    from reader.core.analysis.entities import extract_entities
    from reader.core.sources.author import analyse_document, overlay_author_names
    from reader.data.pins import load_pins

    text = document.text
    analysis = analyse_document(Analyzer(pinned=load_pins()), document)
    index = overlay_author_names(extract_entities(text, analysis, article_date=args.date), document)
    out = Output()
    if args.format == "markdown":
        out.write("| type | name | reading | romaji | English | role | mentions | first |\n")
        out.write("|---|---|---|---|---|---|---|---|\n")
        for entity in sorted(index.entities, key=lambda e: (e.type, e.first)):
            cells = (
                entity.type,
                entity.canonical,
                entity.reading,
                entity.romaji,
                entity.english,
                entity.role,
                str(entity.count),
                str(entity.first),
            )
            out.write("| " + " | ".join(_markdown_cell(c) for c in cells) + " |\n")
        return 0
    if args.format == "tsv":
        out.write("start\tend\ttext\ttype\tcanonical\treading\tromaji\tenglish\trole\n")
    for mention in index.mentions:
        entity = index.entity_of(mention)
        row = {"start": mention.start, "end": mention.end, "text": mention.text, "type": mention.type,
               "canonical": entity.canonical, "reading": entity.reading, "romaji": entity.romaji,
               "english": entity.english, "role": entity.role}  # fmt: skip
        if args.format == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.write("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in row.values()) + "\n")
    return 0
