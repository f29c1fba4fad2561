"""A full study session with the Pilot: show the back, answer, undo, the end view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.app import App
from textual.widgets import Static

from reader.core.study import SourceSentence, StudyStore
from reader.core.study.scheduler import SessionSummary, StudySession
from reader.data.paths import database_path
from reader.screens.study import StudyScreen, week_chart

START = datetime(2024, 6, 17, 9, 0, tzinfo=UTC)


class Host(App[None]):
    """Pushes the study screen and keeps what it dismissed with."""

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.result: SessionSummary | None = None

    def on_mount(self) -> None:
        self.push_screen(StudyScreen(self.session), self._done)

    def _done(self, summary: SessionSummary | None) -> None:
        self.result = summary


def _session() -> StudySession:
    store = StudyStore.open(database_path())
    words = [("強める", "つよめる", "連携を強めたい", 3, 5), ("会談", "かいだん", "首脳会談を行う", 2, 4)]
    for i, (lemma, reading, text, start, end) in enumerate(words):
        card = store.mark_word(
            lemma, reading, "learning", SourceSentence(text, start, end), "NHK", now=START - timedelta(minutes=5 - i)
        )
        assert card is not None
        store.set_meaning(card.id, f"meaning of {lemma}")
    return StudySession(store, new_limit=5, clock=lambda: START, fuzz=False)


def _text(app: App[None], name: str) -> str:
    return str(app.screen.query_one(f"#{name}", Static).render())


async def test_full_session() -> None:
    session = _session()
    app = Host(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "連携を強めたい" in _text(app, "study-front")
        assert not app.screen.query_one("#study-back").display
        await pilot.press("3")  # no answer before the back is shown
        assert session.answers == []
        await pilot.press("space")
        assert app.screen.query_one("#study-back").display
        assert _text(app, "study-reading") == "つよめる"
        assert _text(app, "study-meaning") == "meaning of 強める"
        assert "from NHK" in _text(app, "study-source")
        await pilot.press("4")  # Easy: the first card is done for days
        assert "首脳会談を行う" in _text(app, "study-front")
        await pilot.press("u")  # undo: the first card again, back shown
        assert session.answers == [] and session.store.reviews() == []
        assert _text(app, "study-reading") == "つよめる"
        await pilot.press("4", "space", "1", "space", "4")  # second card: Again, then Easy
        assert session.finished
        end = _text(app, "study-front")
        assert "Reviewed: 2 card(s), 3 answer(s)" in end
        assert "Answered right: 67%" in end
        assert "Next card due:" in end and "none scheduled" not in end
        assert "Due in the coming week:" in end and "today" in end
        await pilot.press("q")
        await pilot.pause()
    assert app.result is not None and app.result.reviewed == 2
    assert len(session.store.reviews()) == 3


async def test_ending_early_keeps_the_answers() -> None:
    session = _session()
    app = Host(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "4", "q")
        assert "1 card(s) left for later" in _text(app, "study-front")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is not None and app.result.left == 1
    assert [r.rating for r in session.store.reviews()] == [4]


def test_week_chart_draws_bars_with_blocks() -> None:
    rows = week_chart([0, 8, 4, 0, 1, 0, 0], ["today", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], height=2)
    assert len(rows) == 4
    assert rows[0].split() == ["███"]  # only the tallest day reaches the top row
    assert rows[1].split() == ["███", "███", "▂▂▂"]
    assert rows[2].split() == ["0", "8", "4", "0", "1", "0", "0"]
    assert rows[3].split()[0] == "today"


async def test_stats_screen_lists_sections() -> None:
    from reader.core.layers import Analysis
    from reader.core.sources import parse_text
    from reader.core.study import article_stats
    from reader.screens.stats import StatsScreen, stats_lines
    from tests.core.test_study_stats import TEXT, _tokens

    document = parse_text(TEXT, name="t.txt")
    known = {("条約", "じょうやく"): "known"}
    stats = article_stats(document, Analysis(_tokens(document.text), ()), known)
    lines = stats_lines(stats)
    assert lines[0] == "Words known: 2 of 8 running words (25%)"
    assert any(line.startswith("Densest section: 1 Lead (2 new in 3 words") for line in lines)

    class StatsHost(App[None]):
        def on_mount(self) -> None:
            self.push_screen(StatsScreen(stats, "題名"))

    app = StatsHost()
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "Words known: 2 of 8" in str(app.screen.query_one("#stats-text", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
