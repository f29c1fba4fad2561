"""A study session: the due cards and a few new ones, scheduled with FSRS.

FSRS (the ``fsrs`` package, the scheduler Anki uses today) decides when each
card comes back from the answer given: 1 Again, 2 Hard, 3 Good, 4 Easy.  The
clock is injectable, so tests run on a fixed time.  Every answer is committed
to the store before the next card is offered; a card still in its learning
steps (due again within the session's look-ahead) comes back in the same
session, as in Anki.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from reader.core.study.store import Review, StudyCard, StudyStore

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware in UTC."""
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
NEW_PER_SESSION = 10
"""New cards a session adds to the due ones unless told otherwise."""
LEARN_AHEAD = timedelta(minutes=20)
"""A card due again within this much of now comes back in the same session (Anki's default)."""


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def fsrs_scheduler(fuzz: bool = True) -> Any:
    """An FSRS scheduler with the package's default parameters (retention 0.9)."""
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=fuzz)


def schedule(card: StudyCard, rating: int, now: datetime, scheduler: Any = None) -> tuple[str, datetime]:
    """The FSRS state (JSON) and due time of ``card`` after answering ``rating`` at ``now``."""
    from fsrs import Card, Rating

    if rating not in RATINGS:
        raise ValueError(f"rating must be 1–4, not {rating!r}")
    scheduler = scheduler or fsrs_scheduler()
    current = Card.from_json(card.fsrs) if card.fsrs else Card(card_id=card.id, due=card.due)
    updated, _log = scheduler.review_card(current, Rating(rating), review_datetime=now.astimezone(UTC))
    return updated.to_json(), updated.due


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer given in this session."""

    card: StudyCard
    """The card as it was shown (before the answer)."""
    review: Review


@dataclass(slots=True)
class SessionSummary:
    """What a finished (or ended) session did."""

    answers: list[Answer] = field(default_factory=list)
    next_due: datetime | None = None
    """When the next card is due after the session, if any."""
    week: list[int] = field(default_factory=list)
    """Cards due on each of the coming seven days (today first, overdue included)."""
    left: int = 0
    """Cards still waiting when the session was ended early."""

    @property
    def reviewed(self) -> int:
        """Distinct cards answered."""
        return len({a.card.id for a in self.answers})

    @property
    def right_share(self) -> float:
        """Share of answers that were not Again (0.0 with no answers)."""
        if not self.answers:
            return 0.0
        return sum(1 for a in self.answers if a.review.rating > 1) / len(self.answers)

    def counts(self) -> dict[str, int]:
        """Answers per rating name."""
        result = dict.fromkeys(RATINGS.values(), 0)
        for a in self.answers:
            result[RATINGS[a.review.rating]] += 1
        return result


class StudySession:
    """Due cards first (most overdue first), then up to ``new_limit`` new ones."""

    def __init__(
        self, store: StudyStore, new_limit: int = NEW_PER_SESSION, clock: Clock = utc_now, fuzz: bool = True
    ) -> None:
        self.store = store
        self.clock = clock
        self.scheduler = fsrs_scheduler(fuzz)
        now = clock()
        self.queue: list[StudyCard] = store.due_cards(now) + store.new_cards(new_limit)
        self.answers: list[Answer] = []
        self._requeued: list[bool] = []
        self.total = len(self.queue)
        """Cards at the start of the session (learning steps that come back are not counted again)."""

    @property
    def current(self) -> StudyCard | None:
        """The card to show, or None when the session is over."""
        return self.queue[0] if self.queue else None

    @property
    def finished(self) -> bool:
        return not self.queue

    def answer(self, rating: int) -> Review:
        """Answer the current card; the answer is on disk when this returns."""
        card = self.current
        if card is None:
            raise RuntimeError("no card to answer: the session is over")
        now = self.clock()
        fsrs_json, due = schedule(card, rating, now, self.scheduler)
        review = self.store.record_answer(card, rating, now, fsrs_json, due)
        self.queue.pop(0)
        again = due <= now + LEARN_AHEAD
        if again:
            updated = self.store.card(card.id)
            if updated is not None:
                self.queue.append(updated)
        self.answers.append(Answer(card, review))
        self._requeued.append(again)
        return review

    def undo(self) -> StudyCard | None:
        """Take back the last answer; its card is shown again.  None when nothing to undo."""
        if not self.answers:
            return None
        last = self.answers.pop()
        requeued = self._requeued.pop()
        if requeued:
            for index in range(len(self.queue) - 1, -1, -1):
                if self.queue[index].id == last.card.id:
                    del self.queue[index]
                    break
        restored = self.store.undo_answer(last.review.id) or last.card
        self.queue.insert(0, restored)
        return restored

    def summary(self, days: int = 7) -> SessionSummary:
        """What was answered, and what is due next (from the store, after the answers)."""
        now = self.clock()
        upcoming = self.store.upcoming(now)
        due_now = len(self.store.due_cards(now))
        return SessionSummary(
            answers=list(self.answers),
            next_due=upcoming[0] if upcoming else None,
            week=due_by_day(upcoming, now, days, overdue=due_now),
            left=len({c.id for c in self.queue}),
        )


def due_by_day(due: list[datetime], now: datetime, days: int = 7, overdue: int = 0) -> list[int]:
    """Count due times per local calendar day, today first, for ``days`` days."""
    today = now.astimezone().date()
    counts = [0] * days
    counts[0] += overdue
    for moment in due:
        offset = (moment.astimezone().date() - today).days
        if 0 <= offset < days:
            counts[offset] += 1
    return counts
