"""``yomu annotate FILE``: print the article, or a part of it, as a copy would hold it.

The output is what :func:`reader.core.excerpt.format_excerpt` gives for the
same range and options, so ``yomu annotate FILE --format anki --section 2`` is
exactly what copying that section in the reader puts on the clipboard (with
every reading: the command line has no furigana filter yet).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from reader.cmd import Output, fail
from reader.core.sources import SourceError, load_document

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.core.excerpt import ExcerptNotes
    from reader.core.layers import Analysis

FORMATS = ("anki", "html", "markdown", "aozora", "inline", "romaji", "plain")
"""``--format`` choices; ``plain`` is the decoded text without readings."""
_TO_EXCERPT = {"inline": "plain", "plain": "text"}
"""Command-line names that differ from :data:`reader.core.excerpt.EXCERPT_FORMATS`."""


class _Parser(argparse.ArgumentParser):
    """argparse with the command's error style: one line on stderr, status 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"yomu: annotate: {message} (see yomu annotate --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="yomu annotate",
        description="Print the article (or a section or range of it) with its readings, "
        "exactly as copying it in the reader would.",
        epilog="Offsets count characters of the decoded text, as --format plain prints it. "
        "Output ends with a newline only where the text does (and on a terminal).",
    )
    parser.add_argument("file", help="the article ('-' reads standard input)")
    parser.add_argument(
        "--format", choices=FORMATS, default="aozora",
        help="anki: 漢字[かんじ] for Anki's furigana filter; html: <ruby>; markdown and inline: "
        "漢字(かんじ); aozora: ｜漢字《かんじ》; romaji: each sentence with its romaji under it; "
        "plain: the decoded text",
    )  # fmt: skip
    # Checked in main() rather than by argparse, so a bad value is one line and status 1.
    parser.add_argument("--section", metavar="N",
                        help="only section N (1 is the lead, as the contents list numbers them)")  # fmt: skip
    parser.add_argument("--range", metavar="START:END",
                        help="only the characters START to END (either may be left out)")  # fmt: skip
    parser.add_argument("--notes", action="store_true",
                        help="list the glossary terms and entities met in the excerpt under it")  # fmt: skip
    parser.add_argument("--cite", action="store_true", help="add a line with the article title and section")
    parser.add_argument(
        "--romaji-style", choices=("hepburn", "hepburn-ou", "kunrei", "passport"), default=None,
        help="romaji system for --format romaji (default: the reader's setting)",
    )  # fmt: skip
    return parser


def parse_range(value: str, length: int) -> tuple[int, int]:
    """``START:END`` (either may be empty) as offsets within ``[0, length]``; else ``ValueError``."""
    head, sep, tail = value.partition(":")
    if not sep:
        raise ValueError(f"range {value!r} is not START:END")
    try:
        start = int(head) if head.strip() else 0
        end = int(tail) if tail.strip() else length
    except ValueError:
        raise ValueError(f"range {value!r} is not START:END with whole numbers") from None
    if not 0 <= start < end <= length:
        raise ValueError(f"range {value} is outside the text or empty (the text has {length} characters)")
    return start, end


def _part(document: Document, section: str | None, text_range: str | None) -> tuple[int, int]:
    """The range asked for by ``--section`` or ``--range`` (the whole text without either)."""
    if section is not None and text_range is not None:
        raise ValueError("give --section or --range, not both")
    if text_range is not None:
        return parse_range(text_range, len(document.text))
    if section is None:
        return 0, len(document.text)
    count = len(document.sections)
    if not section.strip().isdigit() or not 1 <= int(section) <= count:
        raise ValueError(f"no section {section!r}: the article has sections 1 to {count}")
    from reader.core.excerpt import excerpt_range

    return excerpt_range(document, document.sections[int(section) - 1].start, "section")


def main(argv: Sequence[str]) -> int:
    """Run ``yomu annotate``; exit status 0, or 1 with one line on stderr."""
    args = _parser().parse_args(argv)
    try:
        document = load_document(args.file)
    except SourceError as error:
        return fail(str(error))
    try:
        start, end = _part(document, args.section, args.range)
    except ValueError as error:
        return fail(f"{args.file}: {error}")
    fmt = _TO_EXCERPT.get(args.format, args.format)
    out = _excerpt(document, start, end, fmt, args)
    if sys.stdout.isatty() and not out.endswith("\n"):
        out += "\n"  # keep the prompt off the last line; a pipe gets exactly the copy
    Output().write(out)
    return 0


def _excerpt(document: Document, start: int, end: int, fmt: str, args: argparse.Namespace) -> str:
    from reader.core.excerpt import format_excerpt
    from reader.core.layers import Analysis

    if fmt == "text" and not args.notes:
        analysis = Analysis((), ())  # no readings needed: skip the analyser
    else:
        from reader.core.analysis import Analyzer
        from reader.core.sources.author import analyse_document
        from reader.data.pins import load_pins

        analysis = analyse_document(Analyzer(pinned=load_pins()), document)
    style = args.romaji_style
    if style is None and fmt == "romaji":
        from reader.data import load_settings

        style = load_settings()[0].romaji_style
    notes = collect_notes(document, analysis, start, end) if args.notes else None
    return format_excerpt(
        document, analysis, start, end, fmt, notes=notes, cite=args.cite, romaji_style=style or "hepburn"
    )


def collect_notes(document: Document, analysis: Analysis, start: int, end: int) -> ExcerptNotes:
    """Glossary terms (curated beside the article, plus automatic) and entities in ``[start, end)``."""
    from reader.core.analysis.entities import extract_entities, find_article_date
    from reader.core.analysis.glossary import (
        CuratedTerm,
        GlossaryError,
        build_glossary,
        curated_path_for,
        load_curated,
    )
    from reader.core.excerpt import notes_from_layers

    curated: tuple[CuratedTerm, ...] = ()
    if document.name and document.name != "-" and curated_path_for(document.name).exists():
        try:
            curated = load_curated(curated_path_for(document.name))
        except GlossaryError as error:
            print(f"yomu: {error} (curated terms left out)", file=sys.stderr)
    glossary = build_glossary(document.text, analysis, curated)
    from reader.core.sources.author import overlay_author_names

    entities = extract_entities(document.text, analysis, article_date=find_article_date(document.text))
    entities = overlay_author_names(entities, document)
    return notes_from_layers(start, end, glossary, entities)
