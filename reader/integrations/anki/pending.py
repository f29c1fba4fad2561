"""Which cards are in Anki: the study store's ``anki_notes`` table.

A card is pushed only once Anki answered with a note id, kept here; every card
of a word being learned without one waits (:func:`pending_card_ids`).  Each
push or failure is written in one statement, so a card is never half-recorded.
:class:`~reader.integrations.anki.sync.AnkiSync` reads and writes the table
through these functions.
"""

from __future__ import annotations

import time

from reader.core.study.store import StudyStore


def pending_card_ids(store: StudyStore) -> list[int]:
    """Ids of the cards waiting for Anki: words being learned whose card has no note id, oldest first."""
    rows = store.connection.execute(
        "SELECT c.id FROM cards c JOIN words w ON w.lemma = c.lemma AND w.reading = c.reading "
        "LEFT JOIN anki_notes a ON a.card_id = c.id "
        "WHERE w.status = 'learning' AND a.note_id IS NULL ORDER BY c.created, c.id"
    )
    return [row[0] for row in rows]


def note_id_of(store: StudyStore, card_id: int) -> int | None:
    """The Anki note id of a pushed card."""
    row = store.connection.execute("SELECT note_id FROM anki_notes WHERE card_id = ?", (card_id,)).fetchone()
    return row[0] if row and row[0] is not None else None


def record_push(store: StudyStore, card_id: int, note_id: int, outcome: str) -> None:
    """Record that the card is in Anki as note ``note_id`` (``outcome``: added, or duplicate when Anki had it)."""
    # One statement in autocommit mode: atomic, and on disk (synchronous=FULL) when it returns.
    now = time.time()
    store.connection.execute(
        "INSERT INTO anki_notes (card_id, note_id, outcome, pushed, tried, error) VALUES (?, ?, ?, ?, ?, NULL) "
        "ON CONFLICT (card_id) DO UPDATE SET note_id = excluded.note_id, outcome = excluded.outcome, "
        "pushed = excluded.pushed, tried = excluded.tried, error = NULL",
        (card_id, note_id, outcome, now, now),
    )


def record_failure(store: StudyStore, card_id: int, message: str) -> None:
    """Record why the card could not be pushed (it still waits); a card already in Anki keeps its note."""
    store.connection.execute(
        "INSERT INTO anki_notes (card_id, outcome, tried, error) VALUES (?, 'failed', ?, ?) "
        "ON CONFLICT (card_id) DO UPDATE SET outcome = 'failed', tried = excluded.tried, error = excluded.error "
        "WHERE anki_notes.note_id IS NULL",
        (card_id, time.time(), message),
    )
