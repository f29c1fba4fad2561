"""The library screen and resuming: Pilot tests on what the user sees."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from reader.app import YomuApp
from reader.data.config import Settings
from reader.data.library import Library, open_source, source_key
from reader.screens.library import LibraryScreen
from reader.screens.reader import ReaderScreen
from reader.widgets import ArticleHeader, ArticleView, ContentsList
from tests.app.conftest import ready
from tests.conftest import ROOT, SEED

PAGES = ROOT / "tests" / "fixtures" / "pages"


def rows(app: YomuApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def add(*paths: Path) -> None:
    with Library.open() as library:
        for path in paths:
            opened = open_source(str(path))
            library.remember(opened.key, opened.document, source=opened.source, kind=opened.kind)


async def test_a_fresh_library_lists_the_bundled_article() -> None:
    app = YomuApp(None, Settings())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        listed = rows(app)
        assert len(listed) == 1
        assert listed[0][0].startswith("プーチン大統領が18日から北朝鮮訪問")
        assert listed[0][2] == "just now" and listed[0][3] == "§1 · 0%" and listed[0][4] == "—"


async def test_filter_remove_and_open(tmp_path: Path) -> None:
    page = tmp_path / "easy.html"
    page.write_bytes((PAGES / "nhk-easy.html").read_bytes())
    add(SEED, PAGES / "nhk-news.html", page)
    app = YomuApp(None, Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        titles = [r[0] for r in rows(app)]
        assert titles[:2] == ["川の水がきれいになった", "港に新しい灯台が完成 100年ぶりの建て替え"]  # last read first
        assert titles[2].startswith("プーチン大統領が18日から") and titles[2].endswith("…")  # cut to its column
        await pilot.press("slash")
        assert app.screen.query_one(Input).has_focus
        await pilot.press(*"灯台")
        await pilot.press("enter")
        assert [r[0] for r in rows(app)] == ["港に新しい灯台が完成 100年ぶりの建て替え"]
        await pilot.press("escape")
        assert len(rows(app)) == 3
        await pilot.press("d")  # the first row: the NHK Easy page
        await pilot.pause()
        assert rows(app)[0][0] == "港に新しい灯台が完成 100年ぶりの建て替え"
        assert page.is_file()  # removed from the list, never from the disk
        with Library.open() as library:
            assert library.entry(source_key(str(page))) is None
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.document.title_text.startswith("プーチン大統領")


async def test_reopening_a_text_resumes_at_its_section() -> None:
    def header(app: YomuApp) -> str:
        return str(app.screen.query_one(ArticleHeader).render())

    app = YomuApp(open_source(str(SEED)), Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("3")  # section 3
        await pilot.pause()
        assert "section 3/11" in header(app)
        await pilot.press("q")
    again = YomuApp(open_source(str(SEED)), Settings())
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(again, pilot)
        assert "section 3/11" in header(again)
        view = again.screen.query_one(ArticleView)
        assert view.top_offset == again.document.sections[2].start  # the heading at the top, as it was left
        assert again.screen.query_one(ContentsList).highlighted == 2  # and the contents list shows section 3
    fresh = YomuApp(open_source(str(SEED)), Settings(), restart=True)
    async with fresh.run_test(size=(100, 30)) as pilot:
        await ready(fresh, pilot)
        assert fresh.screen.query_one(ArticleView).scroll_offset.y == 0
        assert "section 1/11" in header(fresh)
