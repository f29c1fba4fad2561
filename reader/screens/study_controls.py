"""The reader screen's study behaviour (a mixin of ReaderScreen).

``K``/``L``/``I`` mark the word under the cursor known, learning (a card with
its sentence) or ignored; words are coloured by status; the header shows the
share of the article's words already known; ``s`` starts a study session and
``i`` shows the article's statistics.  The store is SQLite and every mark is
committed before the key returns.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reader.core.layers import Token
from reader.screens.host import ReaderHost
from reader.widgets.article_view import ArticleView, Mark

if TYPE_CHECKING:
    from reader.core.study import StudyStore
    from reader.core.study.scheduler import SessionSummary

STATUS_NAMES = {"known": "known", "learning": "learning (added to your study deck)", "ignored": "ignored", "new": "new"}


class StudyControls(ReaderHost):
    """Word marks, status colours, study sessions and statistics."""

    store: StudyStore | None = None
    _statuses: dict[tuple[str, str], str]

    def open_store(self) -> None:
        """Open the study database (milliseconds); say so when it had to be reset."""
        from reader.core.study import StoreError, StudyStore

        try:
            self.store = StudyStore.open()
        except (StoreError, OSError) as error:
            self.store = None
            self.notify(f"Study marks are off: {error}", severity="error", markup=False)
            return
        if self.store.warning:
            self.notify(self.store.warning, severity="warning", markup=False, timeout=10)
        self._statuses = self.store.statuses()
        if self.analysis is not None:
            self._mark_statuses()
            self._apply_filter()
            self._update_header()

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    # ------------------------------------------------------------- marks

    def status_of_token(self, token: Token) -> str:
        from reader.core.study import word_key

        return getattr(self, "_statuses", {}).get(word_key(token), "new")

    def is_known(self, token: Token) -> bool:
        """True for words marked known or ignored (they need no reading)."""
        return self.status_of_token(token) in ("known", "ignored")

    def action_mark(self, status: str) -> None:
        """Mark the word under the cursor (``known``, ``learning``, ``ignored``); again: unmark."""
        from reader.core.study import SourceSentence, StoreError, word_key

        view = self.query_one(ArticleView)
        token = view.cursor.token if view.cursor is not None else None
        if token is None or self.analysis is None:
            self.notify("Put the word cursor on a word first (w).", timeout=2)
            return
        if self.store is None:
            self.notify("Study marks are off (the database could not be opened).", severity="warning")
            return
        lemma, reading = word_key(token)
        if self.status_of_token(token) == status:
            status = "new"
        sentence = SourceSentence.from_article(self.document, token.start, token.end, self.analysis.ruby)
        section = self.document.section_at(token.start)
        source = self.document.title_text
        if section.heading is not None:
            source += " — " + self.document.heading_text(section)
        try:
            self.store.mark_word(lemma, reading, status, sentence, source)
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self._statuses = self.store.statuses()
        self._mark_statuses()
        self._apply_filter()
        self._update_header()
        self.notify(f"{lemma} 【{reading}】 {STATUS_NAMES[status]}", timeout=2, markup=False)

    def _mark_statuses(self) -> None:
        from reader.core.study import status_spans

        view = self.query_one(ArticleView)
        if self.analysis is None or not self.settings.mark_status:
            view.set_marks("status", [])
            return
        view.set_marks(
            "status",
            [
                Mark(start, end, f"article-view--status-{status}")
                for start, end, status in status_spans(self.analysis.tokens, getattr(self, "_statuses", {}))
                if status in ("learning", "known")
            ],
        )

    def known_share(self) -> str:
        """``known 12%`` for the header, once the words are known."""
        if self.analysis is None or self.store is None:
            return ""
        from reader.core.study import article_stats

        stats = article_stats(self.document, self.analysis, getattr(self, "_statuses", {}))
        return f"known {stats.share_known:.0%}"

    def action_toggle_status_marks(self) -> None:
        self.settings.mark_status = not self.settings.mark_status
        self._mark_statuses()
        self._save()
        self.notify("Word status colours " + ("on" if self.settings.mark_status else "off"), timeout=2)

    # ---------------------------------------------------- session, stats

    def action_study(self) -> None:
        from reader.core.study.scheduler import StudySession
        from reader.screens.study import StudyScreen

        if self.store is None:
            self.notify("Study is off (the database could not be opened).", severity="warning")
            return
        session = StudySession(self.store, new_limit=self.settings.new_cards)
        if session.finished:
            upcoming = self.store.upcoming(_now())
            when = (
                f"; the next card is due {upcoming[0]:%Y-%m-%d %H:%M}"
                if upcoming
                else "; mark words with L (learning) to add cards"
            )
            self.notify("Nothing to study now" + when, timeout=4, markup=False)
            return

        def ended(summary: SessionSummary | None) -> None:
            self._statuses = self.store.statuses() if self.store else {}
            self._mark_statuses()
            if summary is not None and summary.reviewed:
                self.notify(f"Reviewed {summary.reviewed} card(s), {summary.right_share:.0%} right.", timeout=4)

        self.app.push_screen(StudyScreen(session), ended)

    def action_statistics(self) -> None:
        from reader.core.study import article_stats
        from reader.screens.stats import StatsScreen

        if self.analysis is None:
            self.notify("The words are still being analysed…", timeout=2)
            return
        stats = article_stats(self.document, self.analysis, getattr(self, "_statuses", {}))
        self.app.push_screen(StatsScreen(stats, self.document.title_text))


def _now() -> datetime:
    return datetime.now(UTC)
