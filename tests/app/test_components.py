"""The reading screen's components, through the messages they post (harlequin's style).

Each component owns a part of the reader and reports what happened; these
tests press keys as a reader would and assert on the messages, and on what the
reader then sees.
"""

from __future__ import annotations

import pytest
from textual.message import Message

from reader.app import YomuApp
from reader.controllers import Excerpts, ReadingModes, StudyMarks, TextAnalysis
from reader.core.sources import load_document
from reader.data.config import Settings
from reader.messages import WorkFailed
from reader.screens.reader import ReaderScreen
from reader.widgets import ArticleHeader, ArticleView
from reader.widgets.entities import EntitySidebar
from tests.app.conftest import ready, settle
from tests.conftest import SEED


def of(messages: list[Message], kind: type[Message]) -> list[Message]:
    """The messages of one kind, once each (a message that bubbles is seen by every node it passes)."""
    seen: set[int] = set()
    found = []
    for message in messages:
        if isinstance(message, kind) and id(message) not in seen:
            seen.add(id(message))
            found.append(message)
    return found


async def test_the_analysis_reports_readings_then_names_and_glossary() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        arrived = of(messages, TextAnalysis.ReadingsArrived)
        assert arrived and arrived[0].complete is False and arrived[-1].complete is True  # type: ignore[attr-defined]
        # The first screens' blocks come first: the title and the lead.
        assert 0 in arrived[0].blocks  # type: ignore[attr-defined]
        names = of(messages, TextAnalysis.EntitiesFound)
        glossary = of(messages, TextAnalysis.GlossaryBuilt)
        assert len(names) == 1 and len(glossary) == 1
        assert messages.index(names[0]) > messages.index(arrived[-1])
        assert any(e.canonical == "プーチン" for e in names[0].index.entities)  # type: ignore[attr-defined]
        assert "友好協力相互援助条約" in {t.surface for t in glossary[0].terms}  # type: ignore[attr-defined]
        assert of(messages, StudyMarks.Opened)


async def test_marking_a_word_posts_word_marked_and_the_header_follows() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        await pilot.press("w", "w", "K")
        await pilot.pause()
        marked = of(messages, StudyMarks.WordMarked)
        assert [(m.lemma, m.reading, m.status) for m in marked] == [("大統領", "だいとうりょう", "known")]  # type: ignore[attr-defined]
        assert "known 0%" not in str(app.screen.query_one(ArticleHeader).render())
        await pilot.press("K")  # again: the mark is taken away
        await pilot.pause()
        assert [m.status for m in of(messages, StudyMarks.WordMarked)] == ["known", "new"]  # type: ignore[attr-defined]


async def test_a_copy_chord_posts_copied_with_what_and_format() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings(excerpt_format="aozora"))
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        await pilot.press("w", "y", "s")
        await pilot.pause()
        copied = of(messages, Excerpts.Copied)
        assert len(copied) == 1
        event = copied[0]
        assert (event.what, event.fmt) == ("Copied the sentence", "aozora")  # type: ignore[attr-defined]
        sentence = app.document.text[event.start : event.end]  # type: ignore[attr-defined]
        assert sentence.startswith("プーチン大統領が18日から")
        # The s was taken by the copy, not by the study session bound to s.
        assert isinstance(app.screen, ReaderScreen)


async def test_moving_through_sections_reports_the_position() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        moved = of(messages, ReaderScreen.Moved)
        assert [m.section for m in moved][-1] == 2  # type: ignore[attr-defined]
        assert moved[-1].offset == app.document.sections[2].start  # type: ignore[attr-defined]
        assert 0 < moved[-1].read_share < 1  # type: ignore[attr-defined]


async def test_a_failing_worker_is_reported_once_and_the_panel_stops_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.core.analysis.entities as entities

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the name finder broke")

    monkeypatch.setattr(entities, "extract_entities", broken)
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings(show_entities=True))
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if of(messages, WorkFailed):
                break
        await pilot.pause()
        failed = of(messages, WorkFailed)
        expected = [("find the names and build the glossary", "RuntimeError: the name finder broke")]
        assert [(m.what, m.error) for m in failed] == expected  # type: ignore[attr-defined]
        sidebar = app.screen.query_one(EntitySidebar)
        shown = "\n".join(str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count))
        assert "could not be found" in shown and "Finding the names" not in shown
        assert any("the name finder broke" in n.message for n in app._notifications)


async def test_reading_modes_report_changes_and_the_view_follows() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(ArticleView)
        everything = len(view.readings_shown())
        await pilot.press("F")  # readings above my level only
        await pilot.pause()
        assert of(messages, ReadingModes.Changed)
        assert 0 < len(view.readings_shown()) < everything


async def test_text_keys_work_from_a_panel_unless_the_panel_uses_them() -> None:
    messages: list[Message] = []
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("e")  # the sidebar shows and takes the focus
        await pilot.pause()
        sidebar = app.screen.query_one(EntitySidebar)
        assert sidebar.has_focus
        before = sidebar.highlighted
        await pilot.press("w")  # a text key: the word cursor moves, the focus stays in the sidebar
        await pilot.pause()
        assert of(messages, ArticleView.CursorMoved) and view.cursor_token is not None
        assert sidebar.has_focus
        await pilot.press("j")  # the sidebar's own key: its list moves, not the text
        await pilot.pause()
        assert sidebar.highlighted != before and view.scroll_offset.y == 0
        await pilot.press("space")  # not the sidebar's: the text pages down
        await pilot.pause()
        assert view.scroll_offset.y > 10
        await pilot.press("e")  # shown and focused: e hides it and the text has the focus again
        await pilot.pause()
        assert not sidebar.display and view.has_focus


async def test_on_a_narrow_screen_a_side_panel_lies_over_the_text_and_esc_closes_it() -> None:
    app = YomuApp(load_document(str(SEED)), Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(ArticleView)
        width = view.size.width
        await pilot.press("g")
        await settle(app, pilot)
        side = app.screen.query_one("#side")
        assert side.display and view.size.width == width  # the text keeps its width
        assert side.region.x > view.region.x and side.region.right <= view.region.right + 2
        await pilot.press("escape")
        await pilot.pause()
        assert not side.display and view.has_focus
