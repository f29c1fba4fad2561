"""Subcommands of ``yomu`` beyond reading: each module has ``main(argv) -> int``.

``reader.cli`` imports a subcommand's module only when it is called, so the
start-up of the reader stays light.  The error rule: a subcommand reports bad
input as one line on stderr (``yomu: FILE: problem``) and returns 1, never a
traceback; whatever it does not catch itself (an engine, the database, the
file system) :mod:`reader.cli` turns into the same one line.  Every message
goes through :func:`reader.core.printable.one_line`, so a file name holding an
escape sequence or a newline is shown, not obeyed, and the line stays one line.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, NoReturn

from reader.core.printable import one_line
from reader.data.paths import database_path

if TYPE_CHECKING:
    from reader.core.study.store import StudyStore


_subject: list[str] = []
"""What the running command works on (a file name), for the message of an error it did not expect."""


def working_on(name: str) -> None:
    """Name what the command now works on: an unexpected error's one line starts with it."""
    _subject[:] = [name]


def subject() -> str | None:
    """The name given to :func:`working_on` since :func:`reset_subject`, if any."""
    return _subject[0] if _subject else None


def reset_subject() -> None:
    """Forget the subject (at the start of each command; tests call ``main`` many times)."""
    _subject.clear()


def describe(error: BaseException) -> str:
    """An unexpected error in words, for one line: what went wrong, without a traceback."""
    if isinstance(error, MemoryError):
        return "out of memory"
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to read"
    if isinstance(error, UnicodeEncodeError) and error.encoding.lower().replace("-", "") != "utf8":
        return f"the output encoding ({error.encoding}) cannot write this text; use a UTF-8 locale"
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    if type(error).__module__ == "sqlite3":
        return f"database error: {error}"
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def warn(message: str) -> None:
    """Print ``yomu: message`` on stderr as one safe line."""
    with contextlib.suppress(OSError, ValueError):  # stderr closed or gone: nowhere left to say it
        print(f"yomu: {one_line(message)}", file=sys.stderr, flush=True)


def fail(message: str) -> int:
    """Print ``yomu: message`` on stderr (one safe line); return exit status 1."""
    warn(message)
    return 1


class CommandParser(argparse.ArgumentParser):
    """argparse with the commands' error style: one line on stderr naming the command, status 1."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("yomu").strip()
        warn(f"{command + ': ' if command else ''}{message} (see {self.prog} --help)")
        self.exit(1)


def bounded_int(low: int, high: int) -> type[int]:
    """An argparse ``type`` for whole numbers in ``[low, high]`` (SQLite keeps 64 bits, a user means fewer)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low} to {high}")
        return number

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse  # type: ignore[return-value]


class Output:
    """Standard output for article text.

    On a terminal, control characters of the article are made visible
    (ESC as ``^[``) so the terminal never interprets them; through a pipe the
    text goes out exactly as decoded (``annotate --format aozora`` must strip
    back to the text).
    """

    def __init__(self) -> None:
        self.stream = sys.stdout
        self.visible = sys.stdout.isatty()

    def write(self, text: str) -> None:
        if self.visible:
            from reader.core.sources.decode import is_control, visible_control

            text = "".join(visible_control(ch) if ch != "\t" and is_control(ch) else ch for ch in text)
        self.stream.write(text)


def open_study_store() -> StudyStore | None:
    """Open the study database for a command; on failure say why (one line) and return None.

    A database that had to be moved aside is reported on stderr too.
    """
    from reader.core.study.store import StoreError, StudyStore

    try:
        store = StudyStore.open(database_path())
    except StoreError as error:
        fail(str(error))
        return None
    if store.warning:
        warn(store.warning)
    return store
