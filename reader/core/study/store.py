"""The reader's own data: one SQLite database, ``yomu.db`` in the user data directory.

It holds word marks (new / learning / known / ignored), study cards with the
sentence each word was met in, their FSRS state, the review log, and pinned
readings.  ``YOMU_DATA_DIR`` points it elsewhere (tests, portable use).

Durability: WAL journal, ``synchronous=FULL`` and one transaction per change,
so an answer is on disk before the next card shows and a SIGKILL loses
nothing answered.  A busy timeout lets two readers share the file.  A file
that is not a database (or is corrupt), or a database without the tables yomu
keeps (an old or foreign file named like ours), is moved aside with a
timestamp and a new one started, with a one-line warning; it is never silently
overwritten.  Anything that is not a regular file at the path (a FIFO would
hang SQLite) is refused before SQLite sees it.

Every failure reaches the caller as :class:`StoreError` with one line: a
database locked by another program past the busy timeout, a read-only file
(it can still be read: ``yomu export`` works, a mark says it was not saved), a
full disk.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.study.words import SourceSentence

STATUSES = ("new", "learning", "known", "ignored")
"""A word's status; ``new`` is every word without a mark."""
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The database cannot be used; ``str(error)`` is a one-line message."""


# ----------------------------------------------------------------- schema


def _v1_pins(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS pins (surface TEXT PRIMARY KEY, reading TEXT NOT NULL, created REAL NOT NULL)"
    )


def _v2_study(connection: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would commit the migration's transaction.
    for statement in _V2_SQL.split(";"):
        if statement.strip():
            connection.execute(statement)


_V2_SQL = """
        CREATE TABLE IF NOT EXISTS words (
            lemma TEXT NOT NULL,
            reading TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('learning', 'known', 'ignored')),
            changed REAL NOT NULL,
            PRIMARY KEY (lemma, reading)
        );
        CREATE TABLE IF NOT EXISTS cards (
            id INTEGER PRIMARY KEY,
            lemma TEXT NOT NULL,
            reading TEXT NOT NULL,
            sentence TEXT NOT NULL DEFAULT '',
            word_start INTEGER NOT NULL DEFAULT 0,
            word_end INTEGER NOT NULL DEFAULT 0,
            sentence_offset INTEGER NOT NULL DEFAULT 0,
            ruby TEXT NOT NULL DEFAULT '[]',
            source TEXT NOT NULL DEFAULT '',
            meaning TEXT,
            fsrs TEXT,
            due REAL NOT NULL,
            created REAL NOT NULL,
            UNIQUE (lemma, reading)
        );
        CREATE INDEX IF NOT EXISTS cards_due ON cards (due);
        CREATE TABLE IF NOT EXISTS reviews (
            id INTEGER PRIMARY KEY,
            card_id INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed REAL NOT NULL,
            fsrs_before TEXT,
            due_before REAL NOT NULL,
            fsrs_after TEXT NOT NULL,
            due_after REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS reviews_card ON reviews (card_id);
"""


def _v3_anki(connection: sqlite3.Connection) -> None:
    # Anki, both ways.  ``anki_notes``: a card is pushed once it has the note
    # id Anki answered with (a duplicate is linked to the note Anki already
    # had); every other card of a word being learned waits there.  The last
    # failure is kept so ``yomu anki status`` can say why.  ``words.origin``
    # tells marks imported from Anki (refreshed by the next import) from the
    # learner's own (which an import never overrides, save learning → known).
    for statement in _V3_SQL.split(";"):
        if statement.strip():
            connection.execute(statement)


_V3_SQL = """
        CREATE TABLE IF NOT EXISTS anki_notes (
            card_id INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,
            note_id INTEGER,
            outcome TEXT,
            pushed REAL,
            tried REAL,
            error TEXT
        );
        CREATE TABLE IF NOT EXISTS anki_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        ALTER TABLE words ADD COLUMN origin TEXT NOT NULL DEFAULT 'yomu'
"""


def _v4_library(connection: sqlite3.Connection) -> None:
    # The library: every text opened, where the reader was in it, and the copy kept of
    # texts that came from a URL, standard input or the clipboard (reader.data.library).
    connection.execute(
        """
        CREATE TABLE IF NOT EXISTS library (
            key TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            copy TEXT NOT NULL DEFAULT '',
            added REAL NOT NULL,
            last_read REAL NOT NULL,
            section INTEGER NOT NULL DEFAULT 0,
            offset INTEGER NOT NULL DEFAULT 0,
            read_share REAL NOT NULL DEFAULT 0,
            known_share REAL
        )
        """
    )
    connection.execute("CREATE INDEX IF NOT EXISTS library_last_read ON library (last_read)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1_pins, _v2_study, _v3_anki, _v4_library)
"""Migration ``i`` takes the schema from version ``i`` to ``i + 1``; never edit one, add one."""
SCHEMA_VERSION = len(MIGRATIONS)


def _migrate(connection: sqlite3.Connection) -> None:
    while connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        with connection:  # one transaction per step: a crash leaves a whole version
            connection.execute("BEGIN IMMEDIATE")
            # Read again under the lock: another connection (the reader opens the new
            # database from two workers at once) may have made this step meanwhile.
            number = connection.execute("PRAGMA user_version").fetchone()[0]
            if number < SCHEMA_VERSION:
                MIGRATIONS[number](connection)
                connection.execute(f"PRAGMA user_version = {number + 1}")


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


def _schema(connection: sqlite3.Connection, tables: set[str] | None = None) -> dict[str, set[str]]:
    """Tables (of ``tables``, or all) and their columns."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')}
        for name in names
        if tables is None or name in tables
    }


_EXPECTED: dict[int, dict[str, set[str]]] = {}


def expected_schema(version: int | None = None) -> dict[str, set[str]]:
    """The tables and columns the migrations make up to ``version`` (default: all of them).

    Found by running them on an empty in-memory database, so a migration added
    later is checked without a list to keep up to date.
    """
    version = SCHEMA_VERSION if version is None else version
    if version not in _EXPECTED:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for migration in MIGRATIONS[:version]:
                migration(memory)
            _EXPECTED[version] = _schema(memory)
        finally:
            memory.close()
    return _EXPECTED[version]


def _missing(connection: sqlite3.Connection, version: int | None = None) -> list[str]:
    """Tables and columns of our schema (at ``version``) that the database lacks."""
    want = expected_schema(version)
    have = _schema(connection, set(want))
    missing = [name for name in want if name not in have]
    missing += [f"{name}.{column}" for name in want if name in have for column in sorted(want[name] - have[name])]
    return missing


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


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read the version before anything writes (even switching to WAL
        # rewrites the header): a newer yomu's file is left exactly as it is.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: made by a newer yomu (schema {version}, this one knows {SCHEMA_VERSION})")
        # Checked before anything writes (switching to WAL rewrites the
        # header), so a file that is not ours is moved aside exactly as it was.
        if version == 0:
            # Every yomu database has had a version from the first; one without
            # but with tables belongs to another program.
            tables = sorted(_schema(connection))
            if tables:
                raise _Unusable(f"it holds tables of another program ({', '.join(tables[:3])})")
        else:
            # What its version promises must be there, or the migrations after it would fail half-way.
            missing = _missing(connection, version)
            if missing:
                raise _Unusable(f"it lacks tables yomu keeps ({', '.join(missing[:3])})")
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
        _migrate(connection)
        missing = _missing(connection)
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
        missing = _missing(connection)
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


def _rollback(connection: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (a failed COMMIT may leave one open)."""
    if connection.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the transaction went with the error that brought us here
            connection.execute("ROLLBACK")


# ------------------------------------------------------------------ cards


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


@dataclass(frozen=True, slots=True)
class StudyCard:
    """A word in the study deck, with the sentence it was met in and its schedule."""

    id: int
    lemma: str
    reading: str
    sentence: SourceSentence
    source: str
    """Where the sentence came from (the article's title or file name)."""
    meaning: str | None
    """Glosses found in JMdict, once looked up."""
    fsrs: str | None
    """The FSRS card state as JSON; ``None`` until the first answer."""
    due: datetime
    created: datetime

    @property
    def is_new(self) -> bool:
        """Never answered."""
        return self.fsrs is None


@dataclass(frozen=True, slots=True)
class Review:
    """One answer to a card."""

    id: int
    card_id: int
    rating: int
    """1 Again · 2 Hard · 3 Good · 4 Easy."""
    reviewed: datetime
    due_after: datetime


_CARD_COLUMNS = (
    "id, lemma, reading, sentence, word_start, word_end, sentence_offset, ruby, source, meaning, fsrs, due, created"
)
_C_COLUMNS = ", ".join("c." + c for c in _CARD_COLUMNS.split(", "))


def _card(row: tuple[Any, ...]) -> StudyCard:
    (id_, lemma, reading, sentence, w_start, w_end, offset, ruby, source, meaning, fsrs, due, created) = row
    return StudyCard(
        id=id_,
        lemma=lemma,
        reading=reading,
        sentence=SourceSentence(sentence, w_start, w_end, offset, SourceSentence.ruby_from_json(ruby)),
        source=source,
        meaning=meaning,
        fsrs=fsrs,
        due=_moment(due),
        created=_moment(created),
    )


class StudyStore:
    """Marks, cards, reviews and pins in one SQLite database.

    Open with :meth:`open`; every method commits before it returns.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, warning: str | None = None) -> None:
        self.connection = connection
        self.path = path
        self.warning = warning
        """Set when an unreadable database was moved aside at opening."""

    @classmethod
    def open(cls, path: Path) -> StudyStore:
        """Open the database at ``path`` (``reader.data.paths.database_path()`` for the reader's own)."""
        connection, warning = connect(path)
        return cls(connection, path, warning)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> StudyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction, committed (to disk) on leaving; :class:`StoreError` if it cannot be."""
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                _rollback(connection)
                raise
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(connection)
            raise StoreError(f"{self.path}: not saved: {problem(error)}") from None

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query; :class:`StoreError` with one line if the database cannot answer."""
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot be read: {problem(error)}") from None

    # ---------------------------------------------------------- marks

    def mark_word(
        self,
        lemma: str,
        reading: str,
        status: str,
        sentence: SourceSentence | None = None,
        source: str = "",
        now: datetime | None = None,
    ) -> StudyCard | None:
        """Set the status of the word ``(lemma, reading)``; return its card if it has one.

        ``learning`` adds the word to the study deck with ``sentence`` and
        ``source`` (a card keeps the first sentence it was given); ``new``
        removes the mark.  Cards of words marked known or ignored stay, with
        their history, but are not studied.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        stamp = _epoch(now or datetime.now(UTC))
        with self._write() as db:
            if status == "new":
                db.execute("DELETE FROM words WHERE lemma = ? AND reading = ?", (lemma, reading))
            else:
                db.execute(
                    "INSERT INTO words (lemma, reading, status, changed) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (lemma, reading) DO UPDATE SET status = excluded.status, "
                    "changed = excluded.changed, origin = 'yomu'",
                    (lemma, reading, status, stamp),
                )
            if status == "learning":
                s = sentence or SourceSentence(lemma, 0, len(lemma))
                db.execute(
                    "INSERT INTO cards (lemma, reading, sentence, word_start, word_end, sentence_offset, "
                    "ruby, source, due, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (lemma, reading) DO NOTHING",
                    (lemma, reading, s.text, s.word_start, s.word_end, s.offset, s.ruby_json(), source, stamp, stamp),
                )
        return self.card_for(lemma, reading)

    def status_of(self, lemma: str, reading: str) -> str:
        """The word's status (``new`` when it has no mark)."""
        rows = self._rows("SELECT status FROM words WHERE lemma = ? AND reading = ?", (lemma, reading))
        return rows[0][0] if rows else "new"

    def statuses(self) -> dict[tuple[str, str], str]:
        """Every marked word: ``(lemma, reading) → status`` (unmarked words are new)."""
        return {
            (lemma, reading): status
            for lemma, reading, status in self._rows("SELECT lemma, reading, status FROM words")
        }

    # ---------------------------------------------------------- cards

    def card(self, card_id: int) -> StudyCard | None:
        """The card with id ``card_id``, if any."""
        sql = f"SELECT {_CARD_COLUMNS} FROM cards WHERE id = ?"
        rows = self._rows(sql, (card_id,))
        return _card(rows[0]) if rows else None

    def card_for(self, lemma: str, reading: str) -> StudyCard | None:
        """The card of the word, if it was ever marked learning."""
        rows = self._rows(f"SELECT {_CARD_COLUMNS} FROM cards WHERE lemma = ? AND reading = ?", (lemma, reading))
        return _card(rows[0]) if rows else None

    def cards(self, studied_only: bool = False) -> list[StudyCard]:
        """All cards, oldest first; ``studied_only``: only words whose status is learning."""
        where = (
            (
                " WHERE EXISTS (SELECT 1 FROM words w WHERE w.lemma = c.lemma AND w.reading = c.reading "
                "AND w.status = 'learning')"
            )
            if studied_only
            else ""
        )
        rows = self._rows(f"SELECT {_C_COLUMNS} FROM cards c{where} ORDER BY c.created, c.id")
        return [_card(row) for row in rows]

    def _studied(
        self, condition: str, order: str, params: tuple[Any, ...], limit: int | None = None
    ) -> list[StudyCard]:
        sql = (
            f"SELECT {_C_COLUMNS} FROM cards c "
            "JOIN words w ON w.lemma = c.lemma AND w.reading = c.reading "
            f"WHERE w.status = 'learning' AND {condition} ORDER BY {order}"
        )
        if limit is not None:
            sql += f" LIMIT {min(int(limit), 1 << 62)}"  # SQLite counts in 64 bits
        return [_card(row) for row in self._rows(sql, params)]

    def due_cards(self, now: datetime) -> list[StudyCard]:
        """Cards answered before and due by ``now``, most overdue first."""
        return self._studied("c.fsrs IS NOT NULL AND c.due <= ?", "c.due, c.id", (_epoch(now),))

    def new_cards(self, limit: int) -> list[StudyCard]:
        """Up to ``limit`` never-answered cards, in the order the words were marked."""
        return self._studied("c.fsrs IS NULL", "c.created, c.id", (), max(0, limit))

    def upcoming(self, after: datetime) -> list[datetime]:
        """Due times of studied, answered cards later than ``after``, soonest first."""
        return [c.due for c in self._studied("c.fsrs IS NOT NULL AND c.due > ?", "c.due", (_epoch(after),))]

    def set_meaning(self, card_id: int, meaning: str) -> None:
        """Keep the glosses looked up for a card, so export and later sessions need no look-up."""
        with self._write() as db:
            db.execute("UPDATE cards SET meaning = ? WHERE id = ?", (meaning, card_id))

    # -------------------------------------------------------- reviews

    def record_answer(
        self, card: StudyCard, rating: int, reviewed: datetime, fsrs_after: str, due_after: datetime
    ) -> Review:
        """Save an answer and the card's new schedule in one transaction (on disk on return)."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO reviews (card_id, rating, reviewed, fsrs_before, due_before, fsrs_after, "
                "due_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (card.id, rating, _epoch(reviewed), card.fsrs, _epoch(card.due), fsrs_after, _epoch(due_after)),
            )
            db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE id = ?", (fsrs_after, _epoch(due_after), card.id))
        review_id = cursor.lastrowid
        assert review_id is not None
        return Review(review_id, card.id, rating, reviewed, due_after)

    def undo_answer(self, review_id: int) -> StudyCard | None:
        """Take back an answer: the card gets its schedule from before it; return the card."""
        with self._write() as db:
            row = db.execute(
                "SELECT card_id, fsrs_before, due_before FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                return None
            card_id, fsrs_before, due_before = row
            db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE id = ?", (fsrs_before, due_before, card_id))
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return self.card(card_id)

    def reviews(self, card_id: int | None = None) -> list[Review]:
        """The review log, oldest first (of one card, or all)."""
        sql = "SELECT id, card_id, rating, reviewed, due_after FROM reviews"
        params: tuple[int, ...] = ()
        if card_id is not None:
            sql += " WHERE card_id = ?"
            params = (card_id,)
        rows = self._rows(sql + " ORDER BY reviewed, id", params)
        return [Review(i, c, r, _moment(t), _moment(d)) for i, c, r, t, d in rows]

    # ----------------------------------------------------------- pins

    def pins(self) -> dict[str, str]:
        """Pinned readings, surface → hiragana."""
        return dict(self._rows("SELECT surface, reading FROM pins"))

    def pin(self, surface: str, reading: str) -> None:
        """Save (or replace) the reading of ``surface``."""
        with self._write() as db:
            db.execute(
                "INSERT INTO pins (surface, reading, created) VALUES (?, ?, ?) "
                "ON CONFLICT (surface) DO UPDATE SET reading = excluded.reading",
                (surface, reading, time.time()),
            )

    def unpin(self, surface: str) -> bool:
        """Forget the pinned reading of ``surface``; True when there was one."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM pins WHERE surface = ?", (surface,))
        return cursor.rowcount > 0
