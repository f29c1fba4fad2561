"""Pinned readings: a reading the reader set for a word, used everywhere.

They live in the reader's SQLite database (``yomu.db`` in the user data
directory; ``YOMU_DATA_DIR`` points elsewhere), whose schema, migrations and
recovery belong to :mod:`reader.core.study.store`.  A database that cannot be
read is moved aside with a timestamp and a new one is started; nothing is
silently overwritten.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.data.paths import database_path

__all__ = ["connect", "database_path", "load_pins", "pin_reading", "read_pins", "unpin_reading"]


def connect(path: Path | None = None) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create) the database; return it and a warning when it was moved aside."""
    from reader.core.study.store import connect as store_connect

    return store_connect(path or database_path())


PINS_WAIT_S = 1.0
"""How long the readings wait for a database another program holds locked (WAL readers are never
blocked by writers; only an exclusive lock makes them wait), before going on without pins."""


def read_pins(path: Path | None = None, wait: float | None = None) -> dict[str, str]:
    """All pinned readings, surface → hiragana (empty without a database); StoreError if unreadable.

    Read-only and without migrations, so it never creates or changes the file;
    a FIFO or device at the path (which would hang or flood SQLite) is refused.
    ``wait``: seconds to wait for a lock (default: the store's busy timeout).
    """
    from reader.core.study.database import BUSY_TIMEOUT_MS, StoreError, check_database_files, problem

    path = path or database_path()
    check_database_files(path)
    if not path.exists():
        return {}
    try:
        timeout = BUSY_TIMEOUT_MS / 1000 if wait is None else wait
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        try:
            rows = connection.execute("SELECT surface, reading FROM pins").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot read the pinned readings: {problem(error)}") from None
    return {str(surface): str(reading) for surface, reading in rows}


def load_pins(path: Path | None = None) -> dict[str, str]:
    """All pinned readings, or none when the database cannot be read.

    This runs on the way to the first readings: a database that cannot be
    read is left for the study store to report *with* a message
    (StudyStore.open, a moment later), not here.
    """
    from reader.core.study.database import StoreError

    try:
        return read_pins(path, wait=PINS_WAIT_S)
    except StoreError:
        return {}


def pin_reading(surface: str, reading: str, path: Path | None = None) -> str | None:
    """Save (or replace) the reading of ``surface``; return a warning if the database was reset."""
    from reader.core.study.store import StudyStore

    with StudyStore.open(path or database_path()) as store:
        store.pin(surface, reading)
        return store.warning


def unpin_reading(surface: str, path: Path | None = None) -> bool:
    """Forget the pinned reading of ``surface``; True when there was one."""
    from reader.core.study.store import StudyStore

    with StudyStore.open(path or database_path()) as store:
        return store.unpin(surface)
