"""Study marks: the words the reader knows, is learning or ignores.

:class:`StudyMarks` owns the study database (opened in a worker: another
reader may hold it for a moment), the statuses of words, and running totals
of the known share — kept up to date as blocks are analysed and as words are
marked, so neither a mark nor a section change costs in proportion to the
text.  It colours words by status through a mark *source* (computed per row
drawn), and opens study sessions and statistics.  Every mark is committed
before the key returns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from reader.core.analysed import AnalysedText
from reader.core.document import Document
from reader.core.layers import Token
from reader.core.marks import Mark
from reader.core.study.stats import READ_AS_KNOWN, is_vocabulary
from reader.core.study.words import word_key
from reader.data.paths import database_path
from reader.messages import failure_of

if TYPE_CHECKING:
    from reader.core.layers import Analysis
    from reader.core.study import StudyStore
    from reader.core.study.scheduler import SessionSummary
    from reader.core.study.stats import ArticleStats

__all__ = ["STATUS_NAMES", "StudyMarks"]

STATUS_NAMES = {"known": "known", "learning": "learning (added to your study deck)", "ignored": "ignored", "new": "new"}

WordKey = tuple[str, str]


class StudyMarks(Widget):
    """Word statuses, their colours and totals, study sessions and statistics."""

    DEFAULT_CSS = "StudyMarks { display: none; }"

    @dataclass
    class Opened(Message):
        """The database is open and the statuses are known (``warning``: it had to be reset)."""

        warning: str | None

    @dataclass
    class Unavailable(Message):
        """The database cannot be used: marks are off."""

        error: str

    @dataclass
    class WordMarked(Message):
        """A word got a new status (``new``: the mark was taken away)."""

        lemma: str
        reading: str
        status: str

    @dataclass
    class StatusesChanged(Message):
        """Many statuses may have changed (after a study session)."""

    class _Loaded(Message, bubble=False):
        def __init__(self, store: StudyStore, statuses: dict[WordKey, str]) -> None:
            super().__init__()
            self.store, self.statuses = store, statuses

    def __init__(self, document: Document, text: AnalysedText, *, new_cards: int = 10) -> None:
        super().__init__()
        self.document = document
        self.text = text
        self.new_cards = new_cards
        self.store: StudyStore | None = None
        self.statuses: dict[WordKey, str] = {}
        self.unavailable: str | None = None
        """Why marks are off, once opening failed."""
        self._counts: Counter[WordKey] = Counter()
        """Vocabulary tokens per word over the analysed blocks."""
        self._block_counts: dict[int, Counter[WordKey]] = {}
        self._total = 0
        self._known = 0

    # ------------------------------------------------------------ the database

    def open(self) -> None:
        """Open the database in a worker; ``Opened`` or ``Unavailable`` follows."""
        self._open()

    @work(thread=True, exclusive=True, group="study", exit_on_error=False, description="open the study marks")
    def _open(self) -> None:
        from reader.core.study import StoreError, StudyStore

        try:
            store = StudyStore.open(database_path())
        except (StoreError, OSError) as error:
            self.post_message(self.Unavailable(str(error)))
            return
        self.post_message(self._Loaded(store, store.statuses()))

    def _on_study_marks__loaded(self, message: _Loaded) -> None:
        self.store = message.store
        self._set_statuses(message.statuses)
        self.post_message(self.Opened(message.store.warning))

    def _on_study_marks_unavailable(self, message: Unavailable) -> None:
        self.unavailable = message.error

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.post_message(failure)

    # ------------------------------------------------------------ statuses and totals

    def reload_statuses(self) -> None:
        """The marks changed outside the reader (known words read from Anki): read them again."""
        if self.store is None:
            return
        self._set_statuses(self.store.statuses())
        self.post_message(self.StatusesChanged())

    def status_of(self, token: Token) -> str:
        return self.statuses.get(word_key(token), "new")

    def is_known(self, token: Token) -> bool:
        """True for words marked known or ignored (they need no reading)."""
        return self.status_of(token) in READ_AS_KNOWN

    def _set_statuses(self, statuses: dict[WordKey, str]) -> None:
        self.statuses = statuses
        self._known = sum(count for key, count in self._counts.items() if statuses.get(key) in READ_AS_KNOWN)

    def count_blocks(self, blocks: Iterable[int]) -> None:
        """Blocks were analysed (or analysed again): add their words to the totals."""
        for block in blocks:
            old = self._block_counts.pop(block, None)
            if old:
                self._counts.subtract(old)
                self._total -= sum(old.values())
                self._known -= sum(n for key, n in old.items() if self.statuses.get(key) in READ_AS_KNOWN)
            counts = Counter(word_key(token) for token in self.text.tokens_of(block) if is_vocabulary(token))
            self._block_counts[block] = counts
            self._counts.update(counts)
            self._total += sum(counts.values())
            self._known += sum(n for key, n in counts.items() if self.statuses.get(key) in READ_AS_KNOWN)

    def known_fraction(self) -> float | None:
        """The share of the analysed words the reader knows (None until the words and the marks are in)."""
        if self.store is None or not self._total:
            return None
        return self._known / self._total

    def known_share(self) -> str:
        """``known 12%`` for the header, once the words and the marks are in."""
        share = self.known_fraction()
        return "" if share is None else f"known {share:.0%}"

    def status_marks(self, start: int, end: int) -> list[Mark]:
        """The status colours over ``[start, end)``: a mark source of the article view."""
        if not self.statuses:
            return []
        marks = []
        for token in self.text.tokens_in(start, end):
            status = self.statuses.get(word_key(token))
            if status in ("learning", "known") and is_vocabulary(token):
                marks.append(Mark(token.start, token.end, f"article-view--status-{status}"))
        return marks

    # ------------------------------------------------------------ marking

    def mark(self, token: Token | None, status: str) -> None:
        """Mark the word ``token`` known, learning (a card with its sentence) or ignored; again: unmark."""
        from reader.core.study import SourceSentence, StoreError

        if token is None or self.text.empty:
            self.notify("Put the word cursor on a word first (w).", timeout=2)
            return
        if self.store is None:
            why = f" ({self.unavailable})" if self.unavailable else " (the database is still opening)"
            self.notify(f"Study marks are off{why}.", severity="warning", markup=False)
            return
        lemma, reading = key = word_key(token)
        if self.statuses.get(key, "new") == status:
            status = "new"
        sentence = SourceSentence.from_article(
            self.document, token.start, token.end, self.text.ruby_in(*self._sentence_range(token))
        )
        section = self.document.section_at(token.start)
        source = self.document.title_text
        if section.heading is not None:
            source += " — " + self.document.heading_text(section)
        try:
            self.store.mark_word(lemma, reading, status, sentence, source)
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        was_known = self.statuses.get(key) in READ_AS_KNOWN
        if status == "new":
            self.statuses.pop(key, None)
        else:
            self.statuses[key] = status
        now_known = status in READ_AS_KNOWN
        self._known += (now_known - was_known) * self._counts.get(key, 0)
        self.post_message(self.WordMarked(lemma, reading, status))

    def _sentence_range(self, token: Token) -> tuple[int, int]:
        span = self.document.sentence_at(token.start)
        return (span.start, span.end) if span is not None else (token.start, token.end)

    # ------------------------------------------------------------ sessions and statistics

    def start_session(self) -> None:
        """Study the cards that are due (and new ones), in the study screen."""
        from reader.core.study.scheduler import StudySession
        from reader.screens.study import StudyScreen

        if self.store is None:
            self.notify("Study is off (the database could not be opened).", severity="warning")
            return
        session = StudySession(self.store, new_limit=self.new_cards)
        if session.finished:
            upcoming = self.store.upcoming(datetime.now(UTC))
            when = (
                f"; the next card is due {upcoming[0]:%Y-%m-%d %H:%M}"
                if upcoming
                else "; mark words with L (learning) to add cards"
            )
            self.notify("Nothing to study now" + when, timeout=4, markup=False)
            return

        def ended(summary: SessionSummary | None) -> None:
            if self.store is not None:
                self._set_statuses(self.store.statuses())
            self.post_message(self.StatusesChanged())
            if summary is not None and summary.reviewed:
                self.notify(f"Reviewed {summary.reviewed} card(s), {summary.right_share:.0%} right.", timeout=4)

        self.app.push_screen(StudyScreen(session), ended)

    def show_statistics(self) -> None:
        """How hard the text is for this reader: statistics per section (computed in a worker)."""
        if self.text.empty:
            self.notify("The words are still being analysed…", timeout=2)
            return
        self._statistics(self.text.analysis(), dict(self.statuses))

    class _Counted(Message, bubble=False):
        def __init__(self, stats: ArticleStats) -> None:
            super().__init__()
            self.stats = stats

    @work(thread=True, exclusive=True, group="statistics", exit_on_error=False, description="count the words")
    def _statistics(self, analysis: Analysis, statuses: dict[WordKey, str]) -> None:
        from reader.core.study import article_stats

        self.post_message(self._Counted(article_stats(self.document, analysis, statuses)))

    def _on_study_marks__counted(self, message: _Counted) -> None:
        from reader.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(message.stats, self.document.title_text))
