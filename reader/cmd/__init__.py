"""Subcommands of ``yomu`` beyond reading: each module has ``main(argv) -> int``.

``reader.cli`` imports a subcommand's module only when it is called, so the
start-up of the reader stays light.  A subcommand reports bad input as one line
on stderr (``yomu: FILE: problem``) and returns 1, never a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from reader.data.paths import database_path

if TYPE_CHECKING:
    from reader.core.study.store import StudyStore


def fail(message: str) -> int:
    """Print ``yomu: message`` on stderr; return exit status 1."""
    print(f"yomu: {message}", file=sys.stderr)
    return 1


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
        print(f"yomu: {store.warning}", file=sys.stderr)
    return store
