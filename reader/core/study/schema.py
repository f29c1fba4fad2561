"""The study database's schema: versioned migrations, and the tables each version promises.

Migration ``i`` takes the schema from version ``i`` to ``i + 1`` (SQLite's
``user_version``); a migration is never edited, only added.  What a version
should hold is found by running the migrations on an empty database
(:func:`expected_schema`), so a file that lacks it is recognised as not ours.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "expected_schema", "migrate", "missing_tables", "tables_of"]


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


def migrate(connection: sqlite3.Connection) -> None:
    while connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        with connection:  # one transaction per step: a crash leaves a whole version
            connection.execute("BEGIN IMMEDIATE")
            # Read again under the lock: another connection (the reader opens the new
            # database from two workers at once) may have made this step meanwhile.
            number = connection.execute("PRAGMA user_version").fetchone()[0]
            if number < SCHEMA_VERSION:
                MIGRATIONS[number](connection)
                connection.execute(f"PRAGMA user_version = {number + 1}")


def tables_of(connection: sqlite3.Connection, tables: set[str] | None = None) -> dict[str, set[str]]:
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
            _EXPECTED[version] = tables_of(memory)
        finally:
            memory.close()
    return _EXPECTED[version]


def missing_tables(connection: sqlite3.Connection, version: int | None = None) -> list[str]:
    """Tables and columns of our schema (at ``version``) that the database lacks."""
    want = expected_schema(version)
    have = tables_of(connection, set(want))
    missing = [name for name in want if name not in have]
    missing += [f"{name}.{column}" for name in want if name in have for column in sorted(want[name] - have[name])]
    return missing
