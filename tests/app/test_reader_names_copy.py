"""Pilot tests of the reader's name and copy keys: the entity sidebar (e, Enter, . , o, E),
section emphasis, the look-up panel (l), status colours (C) and copying (v y, y s/p/S, y y, Y)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import YomuApp
from reader.core.analysis.entities import Entity
from reader.core.excerpt import format_excerpt
from reader.data.config import Settings, load_settings
from reader.data.paths import data_dir, database_path
from reader.screens.excerpt_format import ExcerptFormatScreen
from reader.widgets import ArticleHeader, ArticleView
from reader.widgets.entities import EntitySidebar
from reader.widgets.lookup import LookupPanel
from tests.app.conftest import settle

SIZE = (120, 40)
KIM = "キム・ジョンウン"


def view_of(app: YomuApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def sidebar_of(app: YomuApp) -> EntitySidebar:
    return app.screen.query_one(EntitySidebar)


def cursor_start(app: YomuApp) -> int | None:
    view = view_of(app)
    token = view.cursor.token if view.cursor is not None else None
    return token.start if token is not None else None


def notices(app: YomuApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def entity_named(app: YomuApp, canonical_start: str) -> Entity:
    return next(e for e in sidebar_of(app).index.entities if e.canonical.startswith(canonical_start))


def rows(sidebar: EntitySidebar) -> list[str]:
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


def group_ids(sidebar: EntitySidebar, kind: str) -> list[int]:
    """Entity ids of one type, in the order the sidebar lists them."""
    ids = []
    for i in range(sidebar.option_count):
        option_id = sidebar.get_option_at_index(i).id or ""
        if option_id.startswith("entity-"):
            entity = sidebar.index.entities[int(option_id.removeprefix("entity-"))]
            if entity.type == kind:
                ids.append(entity.id)
    return ids


async def highlight_with_keys(app: YomuApp, pilot, canonical_start: str) -> None:
    """Move the sidebar's highlight down to an entity as a user would, with j."""
    sidebar = sidebar_of(app)
    for _ in range(sidebar.option_count):
        entity = sidebar.selected_entity
        if entity is not None and entity.canonical.startswith(canonical_start):
            return
        await pilot.press("j")
    raise AssertionError(f"{canonical_start} is not in the sidebar: {rows(sidebar)}")


# ------------------------------------------------------------------ entities


async def test_e_shows_focuses_and_hides_the_sidebar_and_remembers_it(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        sidebar = sidebar_of(seed_app)
        assert not sidebar.display
        await pilot.press("e")
        await pilot.pause()
        assert sidebar.display and sidebar.has_focus
        assert rows(sidebar)[0].startswith("People")
        assert any(row.startswith("▸プーチン") for row in rows(sidebar))
        assert load_settings()[0].show_entities is True
        await pilot.press("e")
        await pilot.pause()
        assert not sidebar.display
        assert view_of(seed_app).has_focus
        assert load_settings()[0].show_entities is False
        await pilot.press("e")
        await pilot.pause()
    settings, _ = load_settings()
    assert settings.show_entities is True
    app = YomuApp(seed_app.document, settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sidebar_of(app).display
        assert sidebar_of(app).option_count > 10


async def test_enter_on_an_entity_puts_the_cursor_on_its_first_mention(seed_app: YomuApp) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("e")
        await highlight_with_keys(seed_app, pilot, KIM)
        await pilot.press("enter")
        await settle(seed_app, pilot)
        first = text.index(KIM)
        assert cursor_start(seed_app) == first
        view = view_of(seed_app)
        top = int(view.scroll_offset.y)
        assert top <= view.row_of_offset(first) < top + view.size.height  # the mention is on screen
        shown = str(seed_app.screen.query_one(LookupPanel).render())
        assert "キム" in shown and "Kim" in shown


async def test_next_and_previous_mention_keys_walk_the_mentions_and_wrap(seed_app: YomuApp) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("e")
        await highlight_with_keys(seed_app, pilot, KIM)
        kim = entity_named(seed_app, KIM)
        index = sidebar_of(seed_app).index
        starts = [index.mentions[m].start for m in kim.mentions]
        # The mentions are the places the text names him: キム・ジョンウン, 金正恩, キム (総書記) …
        assert starts[:3] == [text.index(KIM), text.index("金正恩"), text.index(KIM, text.index("金正恩"))]
        assert text.index("キム・イルソン") not in starts
        assert all(text.startswith(index.mentions[m].text, index.mentions[m].start) for m in kim.mentions)
        await pilot.press("enter")
        await pilot.press("full_stop")
        await settle(seed_app, pilot)
        assert cursor_start(seed_app) == starts[1]
        await pilot.press("full_stop")
        await settle(seed_app, pilot)
        assert cursor_start(seed_app) == starts[2]
        await pilot.press("comma", "comma")
        await settle(seed_app, pilot)
        assert cursor_start(seed_app) == starts[0]
        assert not any("mention" in n for n in notices(seed_app))
        await pilot.press("comma")  # before the first: round to the last
        await settle(seed_app, pilot)
        assert cursor_start(seed_app) == starts[-1]
        assert f"{kim.canonical}: round to the last mention" in notices(seed_app)
        await pilot.press("full_stop")  # after the last: back to the first
        await settle(seed_app, pilot)
        assert cursor_start(seed_app) == starts[0]
        assert f"{kim.canonical}: back to the first mention" in notices(seed_app)


async def test_o_orders_entities_by_count_and_back(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("e")
        sidebar = sidebar_of(seed_app)
        entities = sidebar.index.entities
        by_first = group_ids(sidebar, "PLACE")
        assert [entities[i].first for i in by_first] == sorted(entities[i].first for i in by_first)
        await pilot.press("o")
        await pilot.pause()
        by_count = group_ids(sidebar, "PLACE")
        counts = [entities[i].count for i in by_count]
        assert counts == sorted(counts, reverse=True)
        assert by_count != by_first and sorted(by_count) == sorted(by_first)
        assert "Entities by count" in notices(seed_app)
        await pilot.press("o")
        await pilot.pause()
        assert group_ids(sidebar, "PLACE") == by_first


async def test_E_switches_name_colours_off_and_on(seed_app: YomuApp) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        view = view_of(seed_app)
        marks = view.marks_of("entities")
        first = text.index(KIM)
        assert any(
            m.start == first and m.end == first + len(KIM) and m.component == "article-view--entity-person"
            for m in marks
        )
        assert any(m.component == "article-view--entity-place" and text[m.start : m.end] == "北朝鮮" for m in marks)
        await pilot.press("E")
        await pilot.pause()
        assert view.marks_of("entities") == []
        assert load_settings()[0].mark_entities is False
        assert "Names not coloured" in notices(seed_app)
        await pilot.press("E")
        await pilot.pause()
        assert view.marks_of("entities") == marks


async def test_sidebar_emphasises_the_entities_of_the_section_on_screen(seed_app: YomuApp) -> None:
    document = seed_app.document
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("e", "escape")
        sidebar = sidebar_of(seed_app)
        index = sidebar.index

        def named_in(section_index: int) -> set[int]:
            section = document.sections[section_index]
            owner = {m: e.id for e in index.entities for m in e.mentions}
            return {
                owner[i] for i, m in enumerate(index.mentions) if section.start <= m.start < section.end and i in owner
            }

        nguyen = entity_named(seed_app, "グエン").id
        assert sidebar.emphasised == named_in(0)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "section 2/11" in str(seed_app.screen.query_one(ArticleHeader).render())
        assert sidebar.emphasised == named_in(1) != named_in(0)
        assert nguyen not in sidebar.emphasised
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert sidebar.emphasised == named_in(2)
        assert nguyen in sidebar.emphasised
        nguyen_row = next(r for r in rows(sidebar) if "グエン" in r)
        assert nguyen_row.startswith("▸")
        kim_row = next(r for r in rows(sidebar) if r.lstrip("▸ ").startswith(KIM))
        assert kim_row.startswith("▸") == (entity_named(seed_app, KIM).id in named_in(2))


# ------------------------------------------------------- look-up and status


async def test_l_hides_and_shows_the_look_up_panel(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        panel = seed_app.screen.query_one(LookupPanel)
        await pilot.press("w", "w")
        await settle(seed_app, pilot)
        assert panel.display
        await pilot.press("l")
        await pilot.pause()
        assert not panel.display
        assert "Look-up panel off" in notices(seed_app)
        assert load_settings()[0].show_lookup is False
        await pilot.press("w")  # moving the cursor does not bring it back
        await settle(seed_app, pilot)
        assert not panel.display
        await pilot.press("l")
        await settle(seed_app, pilot)
        assert panel.display
        assert load_settings()[0].show_lookup is True


async def test_C_switches_status_colours_off_and_on(seed_app: YomuApp) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        view = view_of(seed_app)
        await pilot.press("w")
        view.place_cursor(text.index("訪問"))
        await pilot.press("L")
        await pilot.pause()
        learning = [m for m in view.marks_of("status") if m.component == "article-view--status-learning"]
        assert learning and all(text[m.start : m.end] == "訪問" for m in learning)
        await pilot.press("C")
        await pilot.pause()
        assert view.marks_of("status") == []
        assert load_settings()[0].mark_status is False
        await pilot.press("C")
        await pilot.pause()
        assert [m for m in view.marks_of("status") if m.component == "article-view--status-learning"] == learning


# -------------------------------------------------------------------- copying


SENTENCE = "ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。"
SENTENCE_ANKI = (
    "ロシアと 北朝鮮[きたちょうせん]は、プーチン 大統領[だいとうりょう]が18 日[にち]から"
    " 北朝鮮[きたちょうせん]を 訪問[ほうもん]すると 発表[はっぴょう]しました。"
)


async def test_v_w_y_copies_exactly_the_selection(copied: list[str]) -> None:
    from reader.core.sources import load_document
    from tests.conftest import SEED

    document = load_document(str(SEED))
    for fmt, expected in (("anki", "プーチン 大統領[だいとうりょう]が"), ("text", "プーチン大統領が")):
        copied.clear()
        app = YomuApp(document, Settings(excerpt_format=fmt))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("w", "v", "w", "w")
            await pilot.pause()
            view = view_of(app)
            assert [(m.start, m.end) for m in view.marks_of("selection")] == [(0, len("プーチン大統領が"))]
            await pilot.press("y")
            await pilot.pause()
            assert copied == [expected]
            assert view.marks_of("selection") == []  # the selection is dropped after the copy
            assert f"Copied the selection ({fmt}): Copied to the clipboard (test)." in notices(app)


async def test_ys_yp_yS_copy_the_sentence_paragraph_and_section(seed_app: YomuApp, copied: list[str]) -> None:
    document = seed_app.document
    text = document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        view = view_of(seed_app)
        view.place_cursor(text.index("訪問すると発表"))
        await pilot.pause()
        await pilot.press("y", "s")
        await pilot.pause()
        assert copied == [SENTENCE_ANKI]
        assert "Copied the sentence (anki): Copied to the clipboard (test)." in notices(seed_app)
        # The cursor stays where it was; nothing of the study keys ran (s is also "study").
        assert cursor_start(seed_app) == text.index("訪問すると発表")
        assert seed_app.screen is view.screen
        await pilot.press("y", "p")
        await pilot.pause()
        lead = document.sections[0].paragraphs[0]
        assert text[lead.start : lead.end].startswith(SENTENCE)
        analysis = seed_app.screen.text.analysis()  # type: ignore[attr-defined]
        assert copied[1] == format_excerpt(document, analysis, lead.start, lead.end, "anki")
        assert copied[1].startswith(SENTENCE_ANKI + "プーチン 大統領[だいとうりょう]が")
        assert copied[1].endswith("とみられます。")
        await pilot.press("y", "S")
        await pilot.pause()
        section = document.sections[0]
        # In the lead, the section is its paragraphs (the title is not in it).
        expected = format_excerpt(document, analysis, section.start, section.paragraphs[-1].end, "anki")
        assert copied[2] == expected
        assert copied[2].startswith(copied[1])
        assert "ロシア 大統領[だいとうりょう] 府" not in copied[2]  # the next section's heading is not in it
        # On the title, y S takes the title with the first section.
        view.place_cursor(0)
        await pilot.press("y", "S")
        await pilot.pause()
        assert copied[3] == format_excerpt(document, analysis, 0, section.paragraphs[-1].end, "anki")
        title = "プーチン 大統領[だいとうりょう]が18 日[にち]から 北朝鮮[きたちょうせん] 訪問[ほうもん]"
        assert copied[3].startswith(title)
        assert copied[3].endswith(copied[1])


async def test_yy_opens_the_chooser_for_the_last_excerpt(seed_app: YomuApp, copied: list[str]) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("y", "y")
        await pilot.pause()
        assert not isinstance(seed_app.screen, ExcerptFormatScreen)
        assert "Nothing copied yet." in notices(seed_app)
        view_of(seed_app).place_cursor(text.index("訪問すると発表"))
        await pilot.press("y", "s")
        await pilot.pause()
        # The cursor moves on; y y still offers the sentence copied last.
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await pilot.press("y", "y")
        await pilot.pause()
        chooser = seed_app.screen
        assert isinstance(chooser, ExcerptFormatScreen)
        preview = str(chooser.query_one("#excerpt-preview").render())
        assert "北朝鮮[きたちょうせん]を 訪問[ほうもん]すると" in preview
        for _ in range(6):  # anki → … → text, the last format
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(seed_app.screen, ExcerptFormatScreen)
        assert copied == [SENTENCE_ANKI, SENTENCE]
        assert seed_app.screen.settings.excerpt_format == "text"  # type: ignore[attr-defined]


async def test_the_text_format_chosen_with_Y_is_remembered_for_the_next_run(
    seed_app: YomuApp, copied: list[str]
) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("Y")
        await pilot.pause()
        for _ in range(6):  # anki → … → text
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert copied and "[" not in copied[0]
    assert load_settings()[0].excerpt_format == "text"


async def test_Y_chooses_html_with_citation_and_remembers_it(seed_app: YomuApp, copied: list[str]) -> None:
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        view_of(seed_app).place_cursor(text.index("訪問すると発表"))
        await pilot.press("Y")
        await pilot.pause()
        assert isinstance(seed_app.screen, ExcerptFormatScreen)
        await pilot.press("escape")  # cancel: nothing copied, nothing remembered
        await pilot.pause()
        assert copied == []
        assert load_settings()[0].excerpt_format == "anki"
        await pilot.press("Y")
        await pilot.pause()
        await pilot.press("down", "c")
        await pilot.pause()
        preview = str(seed_app.screen.query_one("#excerpt-preview").render())
        assert "<ruby>大統領<rt>だいとうりょう</rt></ruby>" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert len(copied) == 1
        body, cite = copied[0].split("\n")
        assert body.startswith(
            "ロシアと<ruby>北朝鮮<rt>きたちょうせん</rt></ruby>は、プーチン<ruby>大統領<rt>だいとうりょう</rt></ruby>"
        )
        assert body.endswith("<ruby>発表<rt>はっぴょう</rt></ruby>しました。")
        assert cite == '<p class="cite">— <cite>プーチン大統領が18日から北朝鮮訪問 軍事的連携強める狙いか</cite></p>'
        assert "Copied (html): Copied to the clipboard (test)." in notices(seed_app)
    settings, _ = load_settings()
    assert (settings.excerpt_format, settings.excerpt_cite, settings.excerpt_notes) == ("html", True, False)
    # The next run copies with the remembered choice.
    copied.clear()
    app = YomuApp(seed_app.document, settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view_of(app).place_cursor(text.index("訪問すると発表"))
        await pilot.press("y", "s")
        await pilot.pause()
        assert copied and copied[0].startswith("ロシアと<ruby>北朝鮮") and "<cite>" in copied[0]


async def test_ys_without_any_clipboard_saves_the_sentence_to_a_file(
    seed_app: YomuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real copy_text: no display, a headless app (no terminal for OSC 52), so a file."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    text = seed_app.document.text
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        view_of(seed_app).place_cursor(text.index("訪問すると発表"))
        await pilot.press("y", "s")
        await pilot.pause()
        prefix = "Copied the sentence (anki): No clipboard here: saved to "
        said = [n for n in notices(seed_app) if n.startswith(prefix)]
        assert len(said) == 1, notices(seed_app)
    path = Path(said[0].removeprefix(prefix))
    assert path.parent == data_dir() / "excerpts"
    assert path.read_text(encoding="utf-8") == SENTENCE_ANKI + "\n"


async def test_L_on_a_word_of_the_title_keeps_the_title_as_the_cards_sentence(seed_app: YomuApp) -> None:
    from reader.core.study import StudyStore

    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        await pilot.press("w", "w", "L")  # 大統領 in the title
        await pilot.pause()
    with StudyStore.open(database_path()) as store:
        card = store.card_for("大統領", "だいとうりょう")
        assert card is not None
        assert card.sentence.text == seed_app.document.title_text


async def test_keys_answer_while_the_clipboard_is_slow(seed_app: YomuApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clipboard tool that hangs (a busy or stuck display server) never holds the keys."""
    import threading

    from reader.clipboard import CopyResult

    release = threading.Event()
    handed: list[str] = []

    def slow_copy(text: str, app: object = None) -> CopyResult:
        handed.append(text)
        release.wait(10)
        return CopyResult("clipboard", "slow")

    monkeypatch.setattr("reader.clipboard.copy_text", slow_copy)
    async with seed_app.run_test(size=SIZE) as pilot:
        await settle(seed_app, pilot)
        header = seed_app.screen.query_one(ArticleHeader)
        await pilot.press("y", "s")
        await pilot.pause(0.1)
        assert handed and not any("Copied the sentence" in n for n in notices(seed_app))
        await pilot.press("]")  # the next section, while the copy still waits
        await pilot.pause()
        assert "section 2/" in str(header.render())
        release.set()
        for _ in range(50):
            await pilot.pause(0.02)
            if any("Copied the sentence" in n for n in notices(seed_app)):
                break
        assert "Copied the sentence (anki): Copied to the clipboard (slow)." in notices(seed_app)
