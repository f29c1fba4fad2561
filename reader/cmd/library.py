"""``yomu library``: the texts opened so far, for scripts (JSON Lines or TSV).

One text a line, the most recently read first: title, source (a path, an
address, ``(pasted)``), kind, when it was last read (ISO, UTC), the section and
share read, the share of words known, and the kept copy where there is one.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from reader.cmd import CommandParser, Output, fail

FORMATS = ("jsonl", "tsv")
FIELDS = ("title", "source", "kind", "last_read", "section", "read_share", "known_share", "copy", "key")


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu library", description="List the texts opened so far.")
    parser.add_argument(
        "--format", choices=FORMATS, default="tsv", help="jsonl: one JSON object a line; tsv: with a header row"
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Print the library; 0, or 1 with one line when the database cannot be read."""
    args = _parser().parse_args(list(argv))
    from reader.core.study.store import StoreError
    from reader.data.library import Library

    try:
        with Library.open() as library:
            entries = library.entries()
    except StoreError as error:
        return fail(str(error))
    out = Output()
    if args.format == "tsv":
        out.write("\t".join(FIELDS) + "\n")
    for entry in entries:
        row = {
            "title": entry.title,
            "source": entry.source,
            "kind": entry.kind,
            "last_read": entry.last_read.isoformat(timespec="seconds"),
            "section": entry.section + 1,
            "read_share": round(entry.read_share, 4),
            "known_share": None if entry.known_share is None else round(entry.known_share, 4),
            "copy": entry.copy,
            "key": entry.key,
        }
        if args.format == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            cells = ("" if v is None else str(v) for v in row.values())
            out.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
    return 0
