"""The command line: ``yomu [FILE]`` opens the reader; ``yomu annotate FILE`` prints.

The error rule, kept here at the edge for every command and the reader: bad
input gets one line on stderr, ``yomu: <what>: <problem>``, and exit status 1,
never a traceback.  What a command does not catch itself (an engine, the
database, the file system, the settings) is caught in :func:`main` and said
the same way; ``YOMU_DEBUG=1`` in the environment shows the traceback instead.
Heavy modules (Textual, the analyser) are imported only by the command that
needs them, so errors and ``--help`` are instant.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cmd import CommandParser, describe, fail, reset_subject, subject, working_on
from reader.core.sources import SourceError

DEBUG_VARIABLE = "YOMU_DEBUG"
"""Set (to anything but empty or 0) to see the traceback of an unexpected error."""

SUBCOMMANDS = {
    "annotate": "reader.cmd.annotate",
    "entities": "reader.cmd.entities",
    "glossary": "reader.cmd.glossary",
    "export": "reader.cmd.export",
    "study": "reader.cmd.study",
    "pin": "reader.cmd.pin",
    "serve": "reader.cmd.serve",
    "anki": "reader.cmd.anki",
    "library": "reader.cmd.library",
    "lookup": "reader.cmd.lookup",
    "say": "reader.cmd.say",
}
"""Subcommands in modules of their own (``main(argv) -> int``), imported on use."""


def _reader_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="yomu",
        description="Read a Japanese text in the terminal with furigana, romaji and sections.",
        epilog="Commands: yomu annotate FILE [--format anki|html|markdown|…]  (see yomu annotate --help); "
        "yomu library [--format jsonl|tsv]",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a text: a file (plain text, Aozora Bunko .txt or .zip, HTML, EPUB), '-' for standard input, "
        "or an http(s):// address; without one, the library of texts opened so far",
    )
    parser.add_argument("--paste", action="store_true", help="open the clipboard's text as a new text")
    parser.add_argument("--restart", action="store_true", help="start at the top instead of where you left the text")
    parser.add_argument("--version", action="version", version=f"yomu {__version__}")
    return parser


def _terminal_for_keys() -> bool:
    """After reading standard input, take the keys from the terminal instead; False without one."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return False
    os.dup2(fd, 0)
    os.close(fd)
    return True


def read(argv: Sequence[str]) -> int:
    """``yomu [FILE | - | URL | --paste]``: open the reader (the library without a text)."""
    args = _reader_parser().parse_args(argv)
    working_on(args.file if args.file is not None else "reader")
    # No cyclic garbage collection until the text is on screen (the app turns it on again):
    # starting up makes few cycles, and the collector's passes over the objects of Textual,
    # the reader and the text were 25-40 ms of a 250 ms start.
    gc.disable()
    try:
        return _read(args)
    finally:
        gc.enable()


def _read(args: argparse.Namespace) -> int:
    from reader.data.library import OpenedText, open_pasted, open_source

    opened: OpenedText | None = None
    try:
        if args.paste:
            if args.file is not None:
                return fail("give a FILE or --paste, not both")
            from reader.clipboard import paste_text

            try:
                opened = open_pasted(paste_text())
            except RuntimeError as error:
                return fail(str(error))
        elif args.file is not None:
            opened = open_source(args.file)
    except SourceError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"the copy of the text cannot be kept in the data folder ({error.strerror or error})")
    if args.file == "-" and not sys.stdin.isatty() and sys.stdout.isatty() and not _terminal_for_keys():
        return fail("the reader needs a terminal for its keys; use 'yomu annotate -' to print")
    if not sys.stdout.isatty() and not sys.stdin.isatty() and "TEXTUAL_DRIVER" not in os.environ:
        # Textual needs a terminal (unless a driver such as `yomu serve`'s web
        # driver talks through the pipes); say so instead of drawing into a pipe.
        return fail("the reader needs a terminal; use 'yomu annotate FILE' to print")
    from reader.app import YomuApp

    app = YomuApp(opened, restart=args.restart)
    app.run()
    if app.failure is not None:
        # Textual caught it and closed the screen; the one line comes after.
        return fail(f"{subject()}: {app.failure} ({DEBUG_VARIABLE}=1 shows where)")
    return app.return_code or 0


def debugging() -> bool:
    """True when ``YOMU_DEBUG`` asks for tracebacks."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``yomu`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    reset_subject()
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else "reader"
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
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the edge: whatever was not caught inside becomes one line
        if debugging():
            raise
        return fail(f"{subject() or command}: {describe(error)} ({DEBUG_VARIABLE}=1 shows where)")
