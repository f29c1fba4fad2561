"""The study session: a word in its sentence, then its reading and meaning; answer 1–4.

Front: the word in the sentence it was met in.  Space shows the back: the
reading, the meaning (JMdict, looked up in a thread worker and kept on the
card), the sentence with readings, and where it came from.  ``1``–``4``
answer Again/Hard/Good/Easy — the answer is on disk before the next card
shows; ``u`` takes the last answer back; ``q`` ends the session.  The end view
shows what was reviewed, the share answered right, when the next cards are
due and a block chart of the coming week.  The screen dismisses with the
:class:`SessionSummary`.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.core.printable import screen_text
from reader.core.study.scheduler import RATINGS, SessionSummary, StudySession
from reader.core.study.store import StoreError, StudyCard
from reader.core.study.words import SourceSentence, inline_furigana
from reader.keys import bindings

BARS = " ▁▂▃▄▅▆▇█"
"""Eighths of a cell, for the week chart."""


def week_chart(counts: list[int], labels: list[str], height: int = 4, column: int = 6) -> list[str]:
    """A bar chart drawn with block characters: ``height`` rows of bars, then counts, then labels."""
    top = max(counts, default=0)
    rows: list[str] = []
    for row in range(height, 0, -1):
        cells = []
        for count in counts:
            eighths = round(count / top * height * 8) if top else 0
            if count and not eighths:
                eighths = 1  # a day with cards never looks empty
            filled = min(8, max(0, eighths - (row - 1) * 8))
            cells.append((BARS[filled] * 3).center(column))
        rows.append("".join(cells).rstrip())
    rows.append("".join(str(c).center(column) for c in counts).rstrip())
    rows.append("".join(label[: column - 1].center(column) for label in labels).rstrip())
    return rows


def week_labels(now: datetime, days: int = 7) -> list[str]:
    """``today``, then weekday abbreviations."""
    local = now.astimezone()
    return ["today"] + [(local + timedelta(days=i)).strftime("%a") for i in range(1, days)]


def when_text(moment: datetime, now: datetime) -> str:
    """A due time said plainly: ``in 10 min``, ``in 3 h``, ``tomorrow 09:30``, ``2024-07-01``."""
    delta = moment - now
    if delta.total_seconds() <= 60:
        return "now"
    if delta < timedelta(hours=1):
        return f"in {round(delta.total_seconds() / 60)} min"
    local, today = moment.astimezone(), now.astimezone().date()
    if local.date() == today:
        return f"in {round(delta.total_seconds() / 3600)} h (today {local:%H:%M})"
    if (local.date() - today).days == 1:
        return f"tomorrow {local:%H:%M}"
    if (local.date() - today).days < 7:
        return f"{local:%A %H:%M}"
    return f"{local:%Y-%m-%d}"


def sentence_front(sentence: SourceSentence, readings: bool = False) -> Content:
    """The sentence with the studied word highlighted; ``readings``: other words' readings inline."""
    if readings:
        text = inline_furigana(sentence, skip_word=True)
        word = sentence.word
        # The word keeps its place; readings added before it shift it.
        shift = sum(
            len(r) + 2
            for s, e, r in sentence.ruby
            if e <= sentence.word_start and not (s < sentence.word_end and e > sentence.word_start)
        )
        start = sentence.word_start + shift
        return _highlighted(text, start, start + len(word))
    return _highlighted(sentence.text, sentence.word_start, sentence.word_end)


def _highlighted(text: str, start: int, end: int) -> Content:
    """``text`` with ``[start, end)`` in reverse; control characters (kept in old cards too) shown as ``^[``."""
    before, word, after = (screen_text(part) for part in (text[:start], text[start:end], text[end:]))
    return Content(before + word + after).stylize("bold reverse", len(before), len(before) + len(word))


class StudyScreen(Screen[SessionSummary]):
    """Reviews the cards of a :class:`StudySession`; dismisses with its summary."""

    DEFAULT_CSS = """
    StudyScreen { align: center middle; }
    #study-card { width: 90; max-width: 96%; height: auto; max-height: 95%;
                  border: round $primary; background: $surface; padding: 1 2; }
    #study-progress { color: $text-muted; margin-bottom: 1; }
    #study-word { text-style: bold; color: $accent; }
    #study-front { margin-bottom: 1; }
    #study-back { height: auto; border-top: solid $primary 50%; padding-top: 1; }
    #study-reading { color: $secondary; text-style: bold; }
    #study-meaning { margin-bottom: 1; }
    #study-source { color: $text-muted; margin-top: 1; }
    #study-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("session")

    def __init__(self, session: StudySession, front_readings: bool = False) -> None:
        super().__init__()
        self.session = session
        self.front_readings = front_readings
        self.back_shown = False
        self.ended: SessionSummary | None = None
        self.meanings: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="study-card"):
            yield Static(id="study-progress", markup=False)
            yield Static(id="study-word", markup=False)
            yield Static(id="study-front", markup=False)
            with Vertical(id="study-back"):
                yield Static(id="study-reading", markup=False)
                yield Static(id="study-meaning", markup=False)
                yield Static(id="study-sentence", markup=False)
                yield Static(id="study-source", markup=False)
            yield Static(id="study-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#study-card").border_title = "yomu — study"
        self._show_card()

    # ---------------------------------------------------------- views

    def _set(self, name: str, text: str | Content) -> None:
        widget = self.query_one(f"#{name}", Static)
        widget.update(text if isinstance(text, Content) else Content(screen_text(text)))
        widget.display = bool(str(text))  # an empty line would leave a gap

    def _show_card(self) -> None:
        card = self.session.current
        if card is None:
            self._show_end()
            return
        self.back_shown = False
        answered = len(self.session.answers)
        left = len({c.id for c in self.session.queue})
        kind = "new" if card.is_new else "review"
        self._set("study-progress", f"{answered} answered · {left} to go · this card: {kind}")
        self._set("study-word", "")
        self._set("study-front", sentence_front(card.sentence, self.front_readings))
        self.query_one("#study-back").display = False
        self._set("study-hint", "Space: show the answer · u: undo · q: end")
        if card.meaning:
            self.meanings[card.id] = card.meaning
        elif card.id not in self.meanings:
            self.look_up_meaning(card)

    def _show_back(self, card: StudyCard) -> None:
        self.back_shown = True
        self._set("study-word", card.lemma)
        self._set("study-reading", card.reading)
        self._set("study-meaning", self.meanings.get(card.id, "(looking up the meaning…)"))
        self._set("study-sentence", inline_furigana(card.sentence))
        added = f"{card.created.astimezone():%Y-%m-%d}"
        self._set("study-source", f"from {card.source or 'an article'} · added {added}")
        self.query_one("#study-back").display = True
        self._set("study-hint", "1 Again · 2 Hard · 3 Good · 4 Easy · u: undo · q: end")

    def _show_end(self) -> None:
        summary = self.session.summary()
        self.ended = summary
        now = self.session.clock()
        counts = summary.counts()
        by_rating = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
        lines = [
            "Session over." if not summary.left else f"Session ended; {summary.left} card(s) left for later.",
            "",
            f"Reviewed: {summary.reviewed} card(s), {len(summary.answers)} answer(s)"
            + (f" — {by_rating}" if by_rating else ""),
            f"Answered right: {summary.right_share:.0%}" if summary.answers else "Answered right: —",
            "Next card due: " + (when_text(summary.next_due, now) if summary.next_due else "none scheduled"),
            "",
            "Due in the coming week:",
            *week_chart(summary.week, week_labels(now, len(summary.week))),
        ]
        self._set("study-progress", "")
        self._set("study-word", "")
        self._set("study-front", "\n".join(lines))
        self.query_one("#study-back").display = False
        self._set("study-hint", "q, Esc or Enter: close · u: undo the last answer")

    # -------------------------------------------------------- meaning

    @work(thread=True, group="meaning", exit_on_error=False, description="look up a meaning")
    def look_up_meaning(self, card: StudyCard) -> tuple[int, str]:
        """JMdict glosses for the card (in a thread)."""
        from reader.core.study.words import meaning_of

        return card.id, meaning_of(card.lemma, card.reading)

    @on(Worker.StateChanged)
    def _meaning_found(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "meaning":
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            card_id, meaning = event.worker.result
            self.meanings[card_id] = meaning or "(not in the dictionary)"
            if meaning:
                # A cache of the look-up: a read-only or locked database only costs a look-up later.
                with contextlib.suppress(StoreError):
                    self.session.store.set_meaning(card_id, meaning)
        elif event.state == WorkerState.ERROR:
            card = self.session.current
            if card is not None:
                self.meanings[card.id] = f"(no dictionary: {event.worker.error})"
        else:
            return
        current = self.session.current
        if current is not None and self.back_shown and current.id in self.meanings:
            self._set("study-meaning", self.meanings[current.id])

    # -------------------------------------------------------- actions

    def action_show_back(self) -> None:
        card = self.session.current
        if card is not None and self.ended is None:
            self._show_back(card)

    def action_answer(self, rating: int) -> None:
        if self.ended is not None or self.session.current is None:
            return
        if not self.back_shown:
            self.notify("Space shows the answer first.", timeout=2)
            return
        try:
            self.session.answer(rating)
        except StoreError as error:
            self.notify(f"Answer not saved: {error}", severity="error", markup=False)
            return
        self.notify(RATINGS[rating], timeout=1)
        self._show_card()

    def action_undo(self) -> None:
        try:
            card = self.session.undo()
        except StoreError as error:
            self.notify(f"Undo not saved: {error}", severity="error", markup=False)
            return
        if card is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.ended = None
        self._show_card()
        self._show_back(card)

    def action_end(self) -> None:
        if self.ended is None:
            self._show_end()
        else:
            self.dismiss(self.ended)

    def action_close(self) -> None:
        if self.ended is not None:
            self.dismiss(self.ended)
