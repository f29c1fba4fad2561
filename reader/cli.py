"""The command line: ``yomu [FILE]`` opens the reader; ``yomu annotate FILE`` prints.

Bad input gets one line on stderr naming the file and the problem and exit
status 1, never a traceback.  Heavy modules (Textual, the analyser) are imported
only by the command that needs them, so errors and ``--help`` are instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.core.sources import SourceError, load_document

SUBCOMMANDS = {
    "annotate": "reader.cmd.annotate",
    "entities": "reader.cmd.entities",
    "glossary": "reader.cmd.glossary",
    "export": "reader.cmd.export",
    "study": "reader.cmd.study",
    "pin": "reader.cmd.pin",
    "lookup": "reader.cmd.lookup",
    "say": "reader.cmd.say",
}
"""Subcommands in modules of their own (``main(argv) -> int``), imported on use."""


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yomu",
        description="Read a Japanese article in the terminal with furigana, romaji and sections.",
        epilog="Commands: yomu annotate FILE [--format anki|html|markdown|…]  (see yomu annotate --help)",
    )
    parser.add_argument(
        "file", nargs="?", help="a plain-text article (UTF-8, Shift_JIS or EUC-JP); default: the bundled NHK article"
    )
    parser.add_argument("--version", action="version", version=f"yomu {__version__}")
    return parser


def _fail(message: str) -> int:
    print(f"yomu: {message}", file=sys.stderr)
    return 1


def read(argv: Sequence[str]) -> int:
    """``yomu [FILE]``: open the reader."""
    args = _reader_parser().parse_args(argv)
    from reader.data.paths import bundled_seed

    path = args.file if args.file is not None else str(bundled_seed())
    try:
        document = load_document(path)
    except SourceError as error:
        return _fail(str(error))
    if not sys.stdout.isatty() and not sys.stdin.isatty():
        # Textual needs a terminal; say so instead of drawing into a pipe.
        return _fail("the reader needs a terminal; use 'yomu annotate FILE' to print")
    from reader.app import YomuApp

    app = YomuApp(document)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``yomu`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "read":
            return read(argv[1:])
        if argv and argv[0] in SUBCOMMANDS:
            import importlib

            module = importlib.import_module(SUBCOMMANDS[argv[0]])
            return int(module.main(argv[1:]))
        return read(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `yomu annotate … | head`: the reader of the pipe went away; not an error.
        # Python would complain again at exit while flushing the closed pipe.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
