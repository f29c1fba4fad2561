"""``yomu annotate FILE``: print the article, or a part of it, as a copy would hold it.

The output is what :func:`reader.core.excerpt.format_excerpt` gives for the
same range and options, so ``yomu annotate FILE --format anki --section 2`` is
exactly what copying that section in the reader puts on the clipboard (with
every reading: the command line has no furigana filter yet).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.cmd import CommandParser, Output, fail, warn, working_on
from reader.core.layers import Analysis
from reader.core.sources import SourceError

if TYPE_CHECKING:
    from reader.core.analysis.service import BlockSource
    from reader.core.document import Document
    from reader.core.excerpt import ExcerptNotes

FORMATS = ("anki", "html", "markdown", "aozora", "inline", "romaji", "plain")
"""``--format`` choices; ``plain`` is the decoded text without readings."""
_TO_EXCERPT = {"inline": "plain", "plain": "text"}
"""Command-line names that differ from :data:`reader.core.excerpt.EXCERPT_FORMATS`."""


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
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
    working_on(args.file)
    from reader.data.documents import load_cached

    try:
        document = load_cached(args.file)
    except SourceError as error:
        return fail(str(error))
    try:
        start, end = _part(document, args.section, args.range)
    except ValueError as error:
        return fail(f"{args.file}: {error}")
    fmt = _TO_EXCERPT.get(args.format, args.format)
    out = Output()
    try:
        last = _stream(document, start, end, fmt, args, out)
    except BrokenPipeError:
        return 0  # `yomu annotate novel.txt | head`: the reader has what it wanted
    if sys.stdout.isatty() and last != "\n":
        out.write("\n")  # keep the prompt off the last line; a pipe gets exactly the copy
    return 0


def _stream(document: Document, start: int, end: int, fmt: str, args: argparse.Namespace, out: Output) -> str:
    """Write the excerpt block by block (the first lines of a novel appear at once); return the last character.

    The output is exactly :func:`~reader.core.excerpt.format_excerpt` of the
    whole range: each line is formatted with its block's analysis and joined
    as that function joins lines (``tests/test_annotate_stream.py`` checks it).
    """
    from reader.core.excerpt import format_excerpt

    style = args.romaji_style
    if style is None and fmt == "romaji":
        from reader.data import load_settings

        style = load_settings()[0].romaji_style
    style = style or "hepburn"
    source = _block_source(document, keep=args.notes) if fmt != "text" or args.notes else None
    writer = _Writer(out)
    chunks = _chunks(document.text, start, end, source.spans if source is not None else [])
    html_lines = fmt == "html" and sum(1 for line in document.text[start:end].split("\n") if line.strip()) > 1
    needed = [i for _, _, indices in chunks for i in indices]
    stream = source.analyses(needed) if source is not None else None
    helper = contextlib.ExitStack()
    if source is not None and source.cache is not None:
        from reader.core.analysis.service import helped

        helper.enter_context(helped(source, needed, source.cache.path))
    try:
        for lo, hi, indices in chunks:
            if stream is None:
                analysis = _EMPTY
            else:
                blocks = [next(stream)[1] for _ in indices]
                analysis = Analysis(
                    tuple(t for b in blocks for t in b.tokens), tuple(sp for b in blocks for sp in b.ruby)
                )
            piece = format_excerpt(document, analysis, lo, hi, fmt, romaji_style=style)
            if fmt == "html" and html_lines and piece.strip():
                piece = f"<p>{piece}</p>"
            writer.add(piece, _SEPARATORS.get(fmt, ""))
        extras: list[str] = []
        if args.cite or args.notes:
            notes = _notes(document, source, start, end) if args.notes and source is not None else None
            extra = format_excerpt(document, _EMPTY, start, start, fmt, notes=notes, cite=args.cite, romaji_style=style)
            if extra:
                extras.append(extra)
        return writer.finish("\n" if fmt == "html" else "\n\n", extras)
    finally:
        helper.close()
        if stream is not None:
            stream.close()  # stores what was analysed, also when the reader of a pipe went away
        if source is not None and source.cache is not None:
            source.cache.close()


_SEPARATORS = {"markdown": "\n\n", "romaji": "\n\n", "html": "\n"}
"""How format_excerpt joins the lines of these formats (the others keep the text's own newlines)."""


class _Writer:
    """Writes pieces as they come, holding back trailing newlines (a citation or notes replace them)."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.pending = ""
        self.wrote = False
        self.last = ""

    def _write(self, text: str) -> None:
        if text:
            self.out.write(text)
            self.out.stream.flush()
            self.last = text[-1]

    def add(self, piece: str, separator: str) -> None:
        if separator:
            if not piece:
                return
            if self.wrote:
                piece = separator + piece
        body = piece.rstrip("\n")
        if not body:
            self.pending += piece
            return
        self._write(self.pending + body)
        self.pending = piece[len(body) :]
        self.wrote = True

    def finish(self, joiner: str, extras: list[str]) -> str:
        if extras:
            # format_excerpt: body.rstrip("\n") + joiner + extras; the extras start with the joiner.
            tail = extras[0]
            self._write(tail[tail.index(joiner) :] if joiner in tail else joiner + tail)
        else:
            self._write(self.pending)
        return self.last


def _chunks(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """``(lo, hi, block indices)`` covering ``[start, end)``, cut only at the ends of lines.

    Each chunk holds one line's blocks (a long line is several blocks), so
    formats that join lines see whole lines.
    """
    out: list[tuple[int, int, list[int]]] = []
    lo = start
    current: list[int] = []
    for i, (s, e) in enumerate(spans):
        if e <= start or s >= end:
            continue
        current.append(i)
        if e >= end:
            break
        if e < len(text) and text[e] == "\n":
            out.append((lo, e, current))
            lo, current = e, []
    if lo < end or current or not out:
        out.append((lo, end, current))
    return out


_EMPTY = Analysis((), ())


def _block_source(document: Document, keep: bool) -> BlockSource:
    from reader.core.analysis.blocks import block_spans
    from reader.core.analysis.cache import AnalysisCache
    from reader.core.analysis.service import BlockSource
    from reader.data.paths import analysis_cache_path
    from reader.data.pins import load_pins

    return BlockSource(
        document.text,
        block_spans(document),
        pinned=load_pins(),
        author_ruby=document.author_ruby(),
        cache=AnalysisCache(analysis_cache_path()),
        keep=keep,
    )


def _notes(document: Document, source: BlockSource, start: int, end: int) -> ExcerptNotes:
    """Glossary terms (curated beside the article, plus automatic) and entities in ``[start, end)``."""
    from reader.core.analysis.entities import find_article_date
    from reader.core.analysis.glossary import CuratedTerm, GlossaryError, curated_path_for, load_curated
    from reader.core.analysis.service import WholeTextOptions
    from reader.core.excerpt import notes_from_layers

    curated: tuple[CuratedTerm, ...] = ()
    if document.name and document.name != "-" and curated_path_for(document.name).exists():
        try:
            curated = load_curated(curated_path_for(document.name))
        except GlossaryError as error:
            warn(f"{error} (curated terms left out)")
    options = WholeTextOptions(
        entities=True, glossary_level="N3", curated=curated, article_date=find_article_date(document.text)
    )
    _, entities, glossary = source.text_results(options)
    if entities is not None:
        from reader.core.sources.author import overlay_author_names

        entities = overlay_author_names(entities, document)
    return notes_from_layers(start, end, glossary or (), entities)
