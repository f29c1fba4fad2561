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

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.study.database import (
    BUSY_TIMEOUT_MS,
    StoreError,
    check_database_files,
    connect,
    problem,
    rollback,
)
from reader.core.study.schema import MIGRATIONS, SCHEMA_VERSION, expected_schema
from reader.core.study.words import SourceSentence

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STATUSES",
    "Review",
    "StoreError",
    "StudyCard",
    "StudyStore",
    "check_database_files",
    "connect",
    "expected_schema",
    "problem",
]

STATUSES = ("new", "learning", "known", "ignored")
"""A word's status; ``new`` is every word without a mark."""


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
                rollback(connection)
                raise
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            rollback(connection)
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
