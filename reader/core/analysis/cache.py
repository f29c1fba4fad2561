"""A disk cache of analysis results: per block, and whole-text payloads.

One SQLite file (write-ahead log, so a crash loses at most the last
transaction and readers never wait for the writer).  Entries are keyed by
bytes: a block's key hashes its text, the part of the text's context that
applies to it and the engine versions (:meth:`BlockContext.key`), so the same
paragraph in two texts, or twice in one, is one entry.  Whole-text results
(the text's context, entities, the glossary) are stored under keys the caller
makes from the text's hash and the settings they depend on.

The cache never fails its caller: a file that is not a database, or is
damaged, is moved aside and a new one started; an entry whose checksum (kept by
the payload, :func:`~reader.core.analysis.blocks.encode_block`) does not match
is dropped by :meth:`AnalysisCache.discard`; a directory that cannot be
written leaves the cache empty.  The file is held under ``max_bytes`` by
dropping the entries used least recently.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

CACHE_FILE = "analysis.sqlite"
"""The cache's file name in the user's cache folder (the app passes the folder)."""
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""About 15 novels' worth of blocks."""
SCHEMA = 1
_CHUNK = 500
"""Keys per SELECT (SQLite's limit on parameters is 32,766 nowadays, 999 on old builds)."""


class AnalysisCache:
    """Analysis results on disk, bounded in size, safe to share between processes.

    ``path`` is the SQLite file (its directory is made).  Every method may be
    called from any thread.  Call :meth:`close` when done (or use ``with``).
    """

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.rebuilt = False
        """True when a broken cache file was found and replaced."""
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._total: int | None = None
        self._touched: dict[bytes, int] = {}
        self._open()

    # -- opening ------------------------------------------------------------

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # no cache: every look-up misses
        if self.path.exists() and not self.path.is_file():
            return  # a directory or a FIFO where the file should be: leave it alone, cache off
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            self._replace_broken()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect on a new file only
                db.execute("PRAGMA journal_mode=WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA):
                raise sqlite3.DatabaseError(f"cache schema {version}")
            if version == SCHEMA:
                db.execute("SELECT key FROM entries LIMIT 1").fetchall()
                return db
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                " key BLOB PRIMARY KEY, payload BLOB NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL)"
                " WITHOUT ROWID"
            )
            db.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries(used)")
            db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute("SELECT key FROM entries LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _replace_broken(self) -> None:
        """Move the broken file aside (one generation kept, for a bug report) and start a new one."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(self.path) + suffix).unlink()
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(self.path.name + ".broken"))
        self._total = None
        self.rebuilt = True
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            self._db = None

    def _run(self, action: str, *args: object) -> object:
        """Run a method body with the database; a broken database is replaced once and the action retried."""
        for attempt in range(2):
            if self._db is None:
                return None
            try:
                return getattr(self, action)(self._db, *args)
            except sqlite3.OperationalError:
                return None  # busy or read-only: a miss, not an error
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self._replace_broken()
        return None

    # -- blocks and payloads ------------------------------------------------

    def get_many(self, keys: Sequence[bytes], *, touch: bool = True) -> dict[bytes, bytes]:
        """The payloads stored under ``keys`` (those present).

        ``touch=False`` leaves their time of use as it was: recording it rewrites
        the whole row, which for a large payload (a parsed novel, 1 MB) costs
        more than reading it.
        """
        if not keys:
            return {}
        with self._lock:
            found = self._run("_get_many", keys, touch)
        return found if isinstance(found, dict) else {}

    def _get_many(self, db: sqlite3.Connection, keys: Sequence[bytes], touch: bool) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = list(keys[i : i + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for key, payload in db.execute(f"SELECT key, payload FROM entries WHERE key IN ({marks})", chunk):
                found[bytes(key)] = bytes(payload)
        if not touch:
            return found
        now = _now()
        for key in found:
            self._touched[key] = now  # written with the next put or flush, not on this read
        return found

    def get(self, key: bytes, *, touch: bool = True) -> bytes | None:
        """The payload stored under ``key``, or None (``touch``: see :meth:`get_many`)."""
        return self.get_many([key], touch=touch).get(key)

    def put_many(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        """Store payloads (one transaction); then drop the least used entries beyond the size limit."""
        rows = [(key, payload, len(key) + len(payload)) for key, payload in items]
        with self._lock:
            self._run("_put_many", rows)

    def _put_many(self, db: sqlite3.Connection, rows: list[tuple[bytes, bytes, int]]) -> None:
        now = _now()
        if self._total is None:
            self._total = int(db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0])
        with _write_transaction(db):
            # A key stored again (two processes analysed one block) is counted twice until the next
            # eviction recounts: the limit errs on the side of a smaller file.
            db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", [(k, p, size, now) for k, p, size in rows]
            )
            self._flush_touched(db)
        self._total += sum(size for _, _, size in rows)
        if self._total > self.max_bytes:
            self._evict(db)

    def put(self, key: bytes, payload: bytes) -> None:
        """Store one payload."""
        self.put_many([(key, payload)])

    def discard(self, keys: Iterable[bytes]) -> None:
        """Drop entries (a payload that did not decode)."""
        keys = list(keys)
        with self._lock:
            self._run("_discard", keys)

    def _discard(self, db: sqlite3.Connection, keys: list[bytes]) -> None:
        db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in keys])
        self._total = None

    def flush(self) -> None:
        """Record when the entries read since the last write were used (for the size limit)."""
        with self._lock:
            if self._touched:
                self._run("_flush", None)

    def _flush(self, db: sqlite3.Connection, _: object) -> None:
        with _write_transaction(db):
            self._flush_touched(db)

    def _flush_touched(self, db: sqlite3.Connection) -> None:
        if self._touched:
            db.executemany("UPDATE entries SET used = ? WHERE key = ?", [(t, k) for k, t in self._touched.items()])
            self._touched.clear()

    def _evict(self, db: sqlite3.Connection) -> None:
        """Drop the least recently used entries until the file is under 80 % of its limit."""
        target = self.max_bytes * 8 // 10
        total = int(db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0])
        doomed: list[bytes] = []
        for key, size in db.execute("SELECT key, size FROM entries ORDER BY used"):
            if total <= target:
                break
            doomed.append(bytes(key))
            total -= size
        db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in doomed])
        self._total = total
        if doomed:
            # Give the pages back to the file system now and then, not on every eviction.
            with contextlib.suppress(sqlite3.Error):
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("PRAGMA incremental_vacuum")

    def size_bytes(self) -> int:
        """The bytes of all entries (keys and payloads)."""
        with self._lock:
            total = self._run("_size", None)
        return total if isinstance(total, int) else 0

    def _size(self, db: sqlite3.Connection, _: object) -> int:
        return int(db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0])

    def close(self) -> None:
        """Write pending use times and close the file."""
        with self._lock:
            if self._db is None:
                return
            if self._touched:
                with contextlib.suppress(sqlite3.Error):
                    self._flush(self._db, None)
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@contextlib.contextmanager
def _write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (``BEGIN IMMEDIATE``), rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def _now() -> int:
    return time.time_ns() // 1000


__all__ = ["CACHE_FILE", "DEFAULT_MAX_BYTES", "AnalysisCache"]
