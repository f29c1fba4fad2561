"""Pilot tests: every key of the reader screen, checked on what the user sees."""

from __future__ import annotations

from reader.app import YomuApp
from reader.data.config import Settings, load_settings
from reader.screens.help import HelpScreen
from reader.widgets import ArticleHeader, ArticleView, ContentsList
from tests.app.conftest import app_for_text, ready


def header_text(app: YomuApp) -> str:
    return str(app.screen.query_one(ArticleHeader).render())


def screen_rows(view: ArticleView) -> list[str]:
    """The rows on screen as text, without spaces (readings pad the text with spaces)."""
    top = int(view.scroll_offset.y)
    return [view.row_text(y).replace(" ", "") for y in range(top, top + view.size.height)]


async def test_opens_with_title_section_and_mode_in_the_header(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        header = header_text(seed_app)
        assert "プーチン大統領が18日から北朝鮮訪問" in header
        assert "section 1/11" in header
        assert "furigana: above" in header
        view = seed_app.screen.query_one(ArticleView)
        rows = screen_rows(view)
        # Readings above: the row over the title holds だいとうりょう.
        assert any("だいとうりょう" in row for row in rows[:4])
        assert any("プーチン" in row for row in rows[:4])


async def test_next_and_previous_section_keys(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = seed_app.screen.query_one(ArticleView)
        for key in ("right_square_bracket", "n"):
            await pilot.press(key)
            await pilot.pause()
        assert "section 3/11" in header_text(seed_app)
        rows = screen_rows(view)
        assert "ベトナム訪問も発表" in rows[0] + rows[1]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "section 2/11" in header_text(seed_app)
        await pilot.press("p")
        await pilot.pause()
        assert "section 1/11" in header_text(seed_app)


async def test_number_keys_jump_to_a_section_and_bring_its_heading_to_the_top(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = seed_app.screen.query_one(ArticleView)
        await pilot.press("7")
        await pilot.pause()
        assert "section 7/11" in header_text(seed_app)
        top = screen_rows(view)[:2]
        assert any("林官房長官" in row for row in top)
        await pilot.press("9")
        await pilot.pause()
        assert "section 9/11" in header_text(seed_app)


async def test_contents_key_toggles_the_list_and_focus_follows(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        contents = seed_app.screen.query_one(ContentsList)
        slot = seed_app.screen.query_one("#contents-slot")
        assert slot.display and contents.region.width > 0
        # Shown: t hides it (whether it has focus or not), and the text keeps the keys.
        await pilot.press("t")
        await pilot.pause()
        assert not slot.display
        assert seed_app.screen.query_one(ArticleView).has_focus
        assert load_settings()[0].show_contents is False
        # Hidden: t shows it and focuses it.
        await pilot.press("t")
        await pilot.pause()
        assert slot.display and contents.has_focus
        assert load_settings()[0].show_contents is True
        # Focused: t hides it and the focus goes back to the text.
        await pilot.press("t")
        await pilot.pause()
        assert not slot.display
        assert seed_app.screen.query_one(ArticleView).has_focus


async def test_choosing_a_contents_entry_brings_that_heading_to_the_top(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("t", "t")  # hide the list, then show it with the focus in it
        for _ in range(4):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        view = seed_app.screen.query_one(ArticleView)
        assert view.has_focus
        assert "section 5/11" in header_text(seed_app)
        assert any("北朝鮮ピョンヤンではプーチン大統領を迎える準備か" in row for row in screen_rows(view)[:2])


async def test_contents_follow_the_scroll_position(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        contents = seed_app.screen.query_one(ContentsList)
        assert contents.highlighted == 0
        await pilot.press("end")
        await pilot.pause()
        assert contents.highlighted == 10
        assert "section 11/11" in header_text(seed_app)
        await pilot.press("home")
        await pilot.pause()
        assert contents.highlighted == 0


async def test_scroll_keys_move_the_view(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = seed_app.screen.query_one(ArticleView)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert view.scroll_offset.y == 3
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_offset.y == 2
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_offset.y > 20
        await pilot.press("pageup")
        await pilot.pause()
        assert view.scroll_offset.y == 2
        await pilot.press("down", "down")
        await pilot.pause()
        assert view.scroll_offset.y == 4
        await pilot.press("pagedown", "up")
        await pilot.pause()
        assert view.scroll_offset.y > 20


async def test_f_cycles_above_inline_off_and_is_remembered(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = seed_app.screen.query_one(ArticleView)
        await pilot.press("f")
        await pilot.pause()
        assert "furigana: inline" in header_text(seed_app)
        assert "大統領(だいとうりょう)" in "".join(screen_rows(view)[:3])
        await pilot.press("f")
        await pilot.pause()
        assert "furigana: off" in header_text(seed_app)
        rows = screen_rows(view)
        assert not any("だいとうりょう" in row for row in rows)
        assert rows[0].startswith("プーチン大統領が18日から北朝鮮訪問")
        assert load_settings()[0].furigana == "off"
    # A new run starts in the remembered mode.
    settings, _ = load_settings()
    app = YomuApp(seed_app.document, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert "furigana: off" in header_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "furigana: above" in header_text(app)


async def test_r_shows_romaji_above_the_words(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        view = seed_app.screen.query_one(ArticleView)
        await pilot.press("r")
        await pilot.pause()
        assert "romaji" in header_text(seed_app)
        over = screen_rows(view)[0]
        assert "Pūchin" in over
        assert "daitōryō" in over
        assert load_settings()[0].romaji is True
        await pilot.press("r")
        await pilot.pause()
        assert "Pūchin" not in screen_rows(view)[0]


async def test_help_lists_every_key_and_closes(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(seed_app.screen, HelpScreen)
        text = str(seed_app.screen.query_one("#help-text").render())
        for label in ("] n", "[ p", "1–9", "t", "f", "r", "?", "q", "Home", "End", "ctrl+p", "y s / y p / y S"):
            assert label in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(seed_app.screen, HelpScreen)


async def test_q_quits(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert seed_app.return_code == 0


async def test_command_palette_offers_the_actions(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"furigana")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert "furigana: inline" in header_text(seed_app)


async def test_markup_and_escape_sequences_are_shown_literally() -> None:
    app = app_for_text(
        "[bold]題名[/] [b\n\n本文に \x1b[31m赤\x1b[0m と [red]文字[/red] があります。\n", Settings(furigana="off")
    )
    async with app.run_test(size=(80, 20)) as pilot:
        await ready(app, pilot)
        view = app.screen.query_one(ArticleView)
        rows = "\n".join(screen_rows(view))
        assert "[bold]題名[/][b" in rows
        assert "^[[31m赤^[[0m" in rows
        assert "[red]文字[/red]" in rows
        assert "[bold]題名[/]" in header_text(app)


async def test_palette_sets_romaji_style_and_level(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("r")
        await pilot.pause()
        view = seed_app.screen.query_one(ArticleView)
        assert "daitōryō" in screen_rows(view)[0]
        await seed_app.screen.run_action("run('modes', 'set_romaji_style', 'hepburn-ou')")
        await pilot.pause()
        await pilot.pause()
        assert "daitouryou" in screen_rows(view)[0]
        assert load_settings()[0].romaji_style == "hepburn-ou"
        await seed_app.screen.run_action("run('modes', 'set_level', 'N1')")
        await pilot.pause()
        assert load_settings()[0].level == "N1"


async def test_a_narrow_terminal_starts_without_the_contents_list(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await ready(seed_app, pilot)
        slot = seed_app.screen.query_one("#contents-slot")
        assert not slot.display
        view = seed_app.screen.query_one(ArticleView)
        assert view.size.width > 70  # the text has the width
        await pilot.press("t")
        await pilot.pause()
        assert slot.display and seed_app.screen.query_one(ContentsList).has_focus


async def test_keys_can_be_remapped_in_the_settings() -> None:
    from reader.core.sources import load_document
    from tests.conftest import SEED

    app = YomuApp(load_document(str(SEED)), Settings(keymap={"section.next": "x", "reading.furigana": "ctrl+f"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert "section 2/11" in header_text(app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "furigana: inline" in header_text(app)


def test_a_keymap_survives_a_save_and_load(isolated_dirs) -> None:  # type: ignore[no-untyped-def]
    from reader.data.config import save_settings

    save_settings(Settings(keymap={"section.next": "x"}))
    assert load_settings()[0].keymap == {"section.next": "x"}
