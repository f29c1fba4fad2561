"""Pilot tests of the word keys of the reader: cursor, look-up, glossary, marks, study, pins."""

from __future__ import annotations

from reader.app import YomuApp
from reader.core.study import StudyStore
from reader.data.config import Settings
from reader.data.paths import database_path
from reader.screens.entry import EntryScreen
from reader.screens.stats import StatsScreen
from reader.screens.study import StudyScreen
from reader.widgets import ArticleHeader, ArticleView
from reader.widgets.glossary import GlossaryPanel
from reader.widgets.lookup import LookupPanel
from tests.app.conftest import ready, settle


def view_of(app: YomuApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def cursor_word(app: YomuApp) -> str:
    view = view_of(app)
    token = view.cursor.token if view.cursor is not None else None
    return token.surface if token is not None else ""


async def test_word_cursor_moves_and_the_look_up_panel_follows(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        lookup = seed_app.screen.query_one(LookupPanel)
        assert not lookup.display
        await pilot.press("w")
        await settle(seed_app, pilot)
        assert cursor_word(seed_app) == "プーチン"
        await pilot.press("w")
        await settle(seed_app, pilot)
        assert cursor_word(seed_app) == "大統領"
        assert lookup.display
        shown = str(lookup.render())
        assert "だいとうりょう" in shown and "president" in shown
        assert [m.start for m in view_of(seed_app).marks_of("cursor")] == [4]
        await pilot.press("b")
        await settle(seed_app, pilot)
        assert cursor_word(seed_app) == "プーチン"
        await pilot.press("escape")
        await pilot.pause()
        assert cursor_word(seed_app) == ""
        assert not lookup.display
        assert view_of(seed_app).marks_of("cursor") == []


async def test_inflected_word_looks_up_its_dictionary_form(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("w")
        view = view_of(seed_app)
        view.place_cursor(seed_app.document.text.index("強める"))
        await settle(seed_app, pilot)
        shown = str(seed_app.screen.query_one(LookupPanel).render())
        assert "強める" in shown and "つよめる" in shown and "strengthen" in shown


async def test_enter_opens_the_full_entry(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("w", "w")
        await settle(seed_app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(seed_app.screen, EntryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(seed_app.screen, EntryScreen)


async def test_hard_word_key_stops_on_glossary_terms_or_hard_words(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await settle(seed_app, pilot)
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("W")
        await settle(seed_app, pilot)
        view = view_of(seed_app)
        token = view.cursor.token  # type: ignore[union-attr]
        assert token is not None
        assert view.is_hard(token)
        assert token.surface not in ("プーチン", "が", "から")


async def test_glossary_panel_lists_terms_and_jumps_to_them(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await settle(seed_app, pilot)
        panel = seed_app.screen.query_one(GlossaryPanel)
        assert not panel.display
        await pilot.press("g")
        await pilot.pause()
        assert panel.display and panel.has_focus
        surfaces = [term.surface for term in panel.terms]
        assert "友好協力相互援助条約" in surfaces
        panel.highlighted = surfaces.index("友好協力相互援助条約")
        await pilot.press("enter")
        await settle(seed_app, pilot)
        text = seed_app.document.text
        assert view_of(seed_app).cursor.token.start == text.index("友好協力相互援助条約")  # type: ignore[union-attr]
        # Glossary terms are underlined in the text; U switches that off.
        assert view_of(seed_app).marks_of("glossary")
        await pilot.press("escape")
        await pilot.press("U")
        await pilot.pause()
        assert view_of(seed_app).marks_of("glossary") == []
        # The panel is still shown (Esc only took the focus back to the text): g hides it.
        assert panel.display and view_of(seed_app).has_focus
        await pilot.press("g")
        await pilot.pause()
        assert not panel.display


async def test_marks_colour_words_persist_and_feed_the_header() -> None:
    from reader.core.sources import load_document
    from tests.conftest import SEED

    document = load_document(str(SEED))
    app = YomuApp(document, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert "known 0%" in str(app.screen.query_one(ArticleHeader).render())
        await pilot.press("w", "w")  # 大統領
        await pilot.press("K")
        await pilot.pause()
        assert any(m.component == "article-view--status-known" for m in view_of(app).marks_of("status"))
        header = str(app.screen.query_one(ArticleHeader).render())
        assert "known 0%" not in header and "known " in header
        await pilot.press("w", "w")  # 18 … then a word to learn
        app.screen.query_one(ArticleView).place_cursor(document.text.index("訪問"))
        await pilot.press("L")
        await pilot.pause()
    with StudyStore.open(database_path()) as store:
        assert store.status_of("大統領", "だいとうりょう") == "known"
        assert store.status_of("訪問", "ほうもん") == "learning"
        card = store.card_for("訪問", "ほうもん")
        assert card is not None and "訪問" in card.sentence.text
    # A new run shows the marks again.
    app = YomuApp(document, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert any(m.component == "article-view--status-learning" for m in view_of(app).marks_of("status"))


async def test_study_session_from_the_reader(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(seed_app.screen, StudyScreen)  # nothing to study yet
        await pilot.press("w")
        view_of(seed_app).place_cursor(seed_app.document.text.index("砲弾"))
        await pilot.press("L")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(seed_app.screen, StudyScreen)
        await pilot.press("space")
        await settle(seed_app, pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    with StudyStore.open(database_path()) as store:
        assert len(store.reviews()) >= 1


async def test_statistics_view(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(seed_app.screen, StatsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(seed_app.screen, StatsScreen)


async def test_furigana_filter_key_shows_fewer_readings(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = view_of(seed_app)
        everything = len(view.readings_shown())
        await pilot.press("F")
        await pilot.pause()
        header = str(seed_app.screen.query_one(ArticleHeader).render())
        assert "above my level" in header
        fewer = len(view.readings_shown())
        assert 0 < fewer < everything
        await pilot.press("w", "w")
        await pilot.press("K")  # 大統領 known
        await pilot.press("F")  # not known
        await pilot.pause()
        assert "not known" in str(seed_app.screen.query_one(ArticleHeader).render())
        spans = [(a.start, a.end) for a in view.readings_shown()]
        assert (4, 7) not in spans  # 大統領 at the start of the title
        assert len(spans) < everything


async def test_pin_a_reading_from_the_cursor(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("w", "w")
        await pilot.press("P")
        await pilot.pause()
        from textual.widgets import Input

        from reader.screens.pin import PinScreen

        field = seed_app.screen.query_one(Input)
        field.value = "だいとーりょー"
        await pilot.press("enter")
        for _ in range(200):  # the pin is saved, the dialog closes, the text is read again
            await pilot.pause(0.05)
            if not isinstance(seed_app.screen, PinScreen) and any(
                a.reading == "だいとーりょー" for a in view_of(seed_app).readings_shown()
            ):
                break
        await settle(seed_app, pilot)
        assert any(a.reading == "だいとーりょー" for a in view_of(seed_app).readings_shown())
