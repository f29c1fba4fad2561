"""Study sessions on a fixed clock: FSRS schedules, learning steps, undo, the summary."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from reader.core.study import SourceSentence, StudyStore
from reader.core.study.scheduler import StudySession, due_by_day
from reader.data.paths import database_path

START = datetime(2024, 6, 17, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> StudyStore:
    store = StudyStore.open(database_path())
    for i, (lemma, reading) in enumerate(
        [("条約", "じょうやく"), ("会談", "かいだん"), ("訪問", "ほうもん"), ("連携", "れんけい"), ("侵攻", "しんこう")]
    ):
        store.mark_word(
            lemma,
            reading,
            "learning",
            SourceSentence(f"{lemma}の文", 0, len(lemma)),
            "seed",
            now=START - timedelta(minutes=10 - i),
        )
    return store


def test_new_cards_are_limited_and_come_in_marking_order(store: StudyStore) -> None:
    session = StudySession(store, new_limit=2, clock=Clock(), fuzz=False)
    assert [c.lemma for c in session.queue] == ["条約", "会談"]
    assert session.total == 2


def test_learning_steps_then_review(store: StudyStore) -> None:
    clock = Clock()
    session = StudySession(store, new_limit=1, clock=clock, fuzz=False)
    card = session.current
    assert card is not None and card.is_new
    review = session.answer(3)  # Good: to the second learning step, ten minutes
    assert review.due_after == START + timedelta(minutes=10)
    assert session.current is not None and session.current.id == card.id  # comes back this session
    again = session.answer(1)  # Again: back to the first step, one minute
    assert again.due_after == START + timedelta(minutes=1)
    session.answer(3)
    graduated = session.answer(3)  # Good on the last step: graduates to days
    assert graduated.due_after >= START + timedelta(days=1)
    assert session.finished
    assert [r.rating for r in store.reviews(card.id)] == [3, 1, 3, 3]
    stored = store.card(card.id)
    assert stored is not None and stored.due == graduated.due_after and not stored.is_new


def test_easy_on_a_new_card_goes_straight_to_days(store: StudyStore) -> None:
    session = StudySession(store, new_limit=1, clock=Clock(), fuzz=False)
    review = session.answer(4)
    assert review.due_after >= START + timedelta(days=1)
    assert session.finished


def test_due_cards_come_before_new_ones(store: StudyStore) -> None:
    clock = Clock()
    first = StudySession(store, new_limit=1, clock=clock, fuzz=False)
    first.answer(4)
    due = store.card(first.answers[0].card.id)
    assert due is not None
    clock.now = due.due + timedelta(hours=1)
    second = StudySession(store, new_limit=2, clock=clock, fuzz=False)
    assert [c.lemma for c in second.queue] == ["条約", "会談", "訪問"]
    assert not second.queue[0].is_new and second.queue[1].is_new


def test_undo_restores_the_card_and_forgets_the_answer(store: StudyStore) -> None:
    session = StudySession(store, new_limit=2, clock=Clock(), fuzz=False)
    card = session.current
    assert card is not None
    session.answer(4)
    assert session.current is not None and session.current.id != card.id
    restored = session.undo()
    assert restored is not None and restored.id == card.id and restored.is_new
    assert session.current is not None and session.current.id == card.id
    assert store.reviews() == []
    stored = store.card(card.id)
    assert stored is not None and stored.is_new and stored.due == card.due
    assert session.undo() is None
    # An answer that put the card back in the queue is taken back without a duplicate.
    session.answer(3)
    session.undo()
    assert [c.id for c in session.queue].count(card.id) == 1


def test_summary_counts_right_answers_and_the_coming_week(store: StudyStore) -> None:
    clock = Clock()
    session = StudySession(store, new_limit=3, clock=clock, fuzz=False)
    session.answer(4)
    session.answer(1)
    session.answer(4)
    session.answer(4)  # the card answered Again, shown again
    summary = session.summary()
    assert summary.reviewed == 3
    assert summary.right_share == pytest.approx(3 / 4)
    assert summary.counts() == {"Again": 1, "Hard": 0, "Good": 0, "Easy": 3}
    assert summary.next_due is not None and summary.next_due > START
    assert sum(summary.week) <= 3 and len(summary.week) == 7
    assert session.finished and summary.left == 0


@pytest.fixture
def utc_local_time(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Local time is UTC for the test (days are local calendar days)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_due_by_day_counts_local_days(utc_local_time: None) -> None:
    now = datetime(2024, 6, 17, 12, 0, tzinfo=UTC)
    due = [
        now + timedelta(days=1),
        now + timedelta(days=1, minutes=5),
        now + timedelta(days=3),
        now + timedelta(days=30),
        now + timedelta(hours=11, minutes=59),
    ]
    assert due_by_day(due, now, overdue=2) == [3, 2, 0, 1, 0, 0, 0]
