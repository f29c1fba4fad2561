"""Pinned readings: a reading the reader set for a word, used everywhere.

They live in the reader's SQLite database in the user data directory
(``yomu.db``; ``YOMU_DATA_DIR`` points elsewhere).  A database that cannot be
read is moved aside with a timestamp and a new one is started; nothing is
silently overwritten.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from reader.data.paths import data_dir

SCHEMA_VERSION = 1


class StoreError(Exception):
    """The database cannot be used; ``str(error)`` is a one-line message."""


def database_path() -> Path:
    return data_dir() / "yomu.db"


def _migrate(connection: sqlite3.Connection) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version < 1:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS pins (surface TEXT PRIMARY KEY, reading TEXT NOT NULL, created REAL NOT NULL)"
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()


def connect(path: Path | None = None) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create) the database; return it and a warning when it was moved aside."""
    path = path or database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    warning = None
    for attempt in range(2):
        try:
            connection = sqlite3.connect(path, timeout=5.0)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=5000")
            connection.execute("PRAGMA quick_check").fetchone()
            _migrate(connection)
            return connection, warning
        except sqlite3.DatabaseError as error:
            if attempt:
                raise StoreError(f"{path}: cannot open the database ({error})") from None
            aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            path.rename(aside)
            for suffix in ("-wal", "-shm"):
                extra = path.with_name(path.name + suffix)
                if extra.exists():
                    extra.rename(aside.with_name(aside.name + suffix))
            warning = f"{path}: the database could not be read; moved aside to {aside.name} and started a new one"
    raise StoreError(f"{path}: cannot open the database")


def load_pins(path: Path | None = None) -> dict[str, str]:
    """All pinned readings, surface → hiragana; empty when there is no database yet."""
    path = path or database_path()
    if not path.exists():
        return {}
    try:
        connection, _ = connect(path)
    except (StoreError, OSError):
        return {}
    with connection:
        rows = connection.execute("SELECT surface, reading FROM pins").fetchall()
    connection.close()
    return dict(rows)


def pin_reading(surface: str, reading: str, path: Path | None = None) -> str | None:
    """Save (or replace) the reading of ``surface``; return a warning if the database was reset."""
    connection, warning = connect(path)
    with connection:
        connection.execute(
            "INSERT INTO pins (surface, reading, created) VALUES (?, ?, ?) "
            "ON CONFLICT(surface) DO UPDATE SET reading = excluded.reading",
            (surface, reading, time.time()),
        )
    connection.close()
    return warning


def unpin_reading(surface: str, path: Path | None = None) -> bool:
    """Forget the pinned reading of ``surface``; True when there was one."""
    connection, _ = connect(path)
    with connection:
        cursor = connection.execute("DELETE FROM pins WHERE surface = ?", (surface,))
    connection.close()
    return cursor.rowcount > 0
