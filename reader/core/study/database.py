"""Opening the study database safely: what is refused, what is moved aside, what every failure says.

A path that is not a regular file (a FIFO would hang SQLite) is refused before
SQLite sees it; a file that is not a database, is corrupt, or lacks the tables
yomu keeps is moved aside with a timestamp and a new one started, with a
one-line warning, never silently overwritten; a read-only file is opened for
reading; every SQLite failure reaches the caller as :class:`StoreError` with
one line (locked past the busy timeout, read-only, disk full).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from pathlib import Path

from reader.core.study.schema import SCHEMA_VERSION, migrate, missing_tables, tables_of

__all__ = ["BUSY_TIMEOUT_MS", "StoreError", "check_database_files", "connect", "problem", "rollback"]

BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another program's lock before giving up."""


class StoreError(Exception):
    """The database cannot be used; ``str(error)`` is a one-line message."""


_UNREADABLE = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def _code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def problem(error: sqlite3.Error) -> str:
    """What an SQLite error means for the reader, in words."""
    code = _code(error)
    if code in _BUSY:
        return f"locked by another program (gave up after {BUSY_TIMEOUT_MS / 1000:g} s)"
    if code == sqlite3.SQLITE_READONLY:
        return "the database is read-only"
    if code == sqlite3.SQLITE_FULL:
        return "the disk is full"
    return str(error)


class _Unusable(Exception):
    """A database file that opens but is not ours (tables missing): moved aside like a corrupt one."""


def check_database_files(path: Path) -> None:
    """Raise :class:`StoreError` unless ``path`` (and its ``-wal``/``-shm``) is a regular file or absent.

    SQLite would wait forever on a FIFO and read a device; symbolic links to
    regular files are fine.
    """
    from reader.core.sources.decode import file_kind

    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = os.stat(candidate).st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreError(f"{candidate}: cannot be used ({error.strerror or error})") from None
        if not stat.S_ISREG(mode):
            raise StoreError(f"{candidate}: is {file_kind(mode)}, not a database file; move it away to use study")


def _is_unreadable(error: sqlite3.DatabaseError) -> bool:
    """True for a file that is not a database or is corrupt; False for locks and I/O trouble."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _UNREADABLE
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    count = 1
    while aside.exists():
        count += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{count}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + suffix))
    return aside


def _wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for other connections as the busy timeout allows.

    SQLite answers "database is locked" to this pragma at once, without its busy
    handler, while another connection (the reader's first start opens the new
    database from two workers) holds the file; the switch is tried again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _check_ours(path: Path, connection: sqlite3.Connection, version: int) -> None:
    """Refuse a newer yomu's file; call a file that is not ours (moved aside, exactly as it was) unusable."""
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: made by a newer yomu (schema {version}, this one knows {SCHEMA_VERSION})")
    if version == 0:
        # Every yomu database has had a version from the first; one without
        # but with tables belongs to another program.
        tables = sorted(tables_of(connection))
        if tables:
            raise _Unusable(f"it holds tables of another program ({', '.join(tables[:3])})")
    else:
        # What its version promises must be there, or the migrations after it would fail half-way.
        missing = missing_tables(connection, version)
        if missing:
            raise _Unusable(f"it lacks tables yomu keeps ({', '.join(missing[:3])})")


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read the version before anything writes (even switching to WAL
        # rewrites the header): a newer yomu's file is left exactly as it is.
        # The version and the tables are read in one read transaction: another
        # connection creating the same new database may commit in between.
        connection.execute("BEGIN")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            _check_ours(path, connection, version)
        finally:
            connection.execute("COMMIT")
        try:
            _wal(connection)
        except sqlite3.OperationalError as error:
            if _code(error) != sqlite3.SQLITE_READONLY:
                raise
            connection.close()
            return _open_read_only(path)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        check = connection.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        migrate(connection)
        missing = missing_tables(connection)
        if missing:
            raise _Unusable(f"it lacks tables yomu keeps ({', '.join(missing[:3])})")
    except BaseException:
        connection.close()
        raise
    return connection


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only file (not in WAL mode, which needs a write to set): readable, never written."""
    connection = sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(f"{path}: the database is read-only and needs an upgrade (schema {version})")
        missing = missing_tables(connection)
        if missing:
            raise StoreError(
                f"{path}: the database is read-only and lacks tables yomu keeps ({', '.join(missing[:3])})"
            )
    except BaseException:
        connection.close()
        raise
    return connection


def connect(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create and migrate) the database at ``path``; return it and a warning when it was moved aside.

    The path is the caller's (``reader.data.paths.database_path()`` for the
    reader's own): the core knows no directories.

    The connection is in autocommit mode; write in ``with connection:`` blocks
    or through :class:`StudyStore`.  Raises :class:`StoreError` with one line.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path.parent}: cannot create the data folder ({error.strerror})") from None
    check_database_files(path)
    why = "could not be read"
    try:
        return _open(path), None
    except _Unusable as error:
        why = f"is not yomu's: {error}"
    except sqlite3.DatabaseError as error:
        if not _is_unreadable(error):
            raise StoreError(f"{path}: cannot open the database: {problem(error)}") from None
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open the database: {problem(error)}") from None
    try:
        aside = _move_aside(path)
    except OSError as error:
        raise StoreError(f"{path}: the database {why} and cannot be moved aside ({error.strerror})") from None
    warning = f"{path}: the database {why}; moved aside to {aside.name} and started a new one"
    try:
        return _open(path), warning
    except (sqlite3.Error, _Unusable) as error:
        raise StoreError(f"{path}: cannot start a new database ({error})") from None


def rollback(connection: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (a failed COMMIT may leave one open)."""
    if connection.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the transaction went with the error that brought us here
            connection.execute("ROLLBACK")
