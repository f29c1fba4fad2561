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

from reader.core.study.store import SCHEMA_VERSION, StoreError, StudyStore, database_path
from reader.core.study.store import connect as _connect

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "connect",
    "database_path",
    "load_pins",
    "pin_reading",
    "unpin_reading",
]


def connect(path: Path | None = None) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create) the database; return it and a warning when it was moved aside."""
    return _connect(path)


def load_pins(path: Path | None = None) -> dict[str, str]:
    """All pinned readings, surface → hiragana; empty when there is no database yet."""
    path = path or database_path()
    if not path.exists():
        return {}
    try:
        with StudyStore.open(path) as store:
            return store.pins()
    except (StoreError, OSError, sqlite3.Error):
        return {}


def pin_reading(surface: str, reading: str, path: Path | None = None) -> str | None:
    """Save (or replace) the reading of ``surface``; return a warning if the database was reset."""
    with StudyStore.open(path) as store:
        store.pin(surface, reading)
        return store.warning


def unpin_reading(surface: str, path: Path | None = None) -> bool:
    """Forget the pinned reading of ``surface``; True when there was one."""
    with StudyStore.open(path) as store:
        return store.unpin(surface)
