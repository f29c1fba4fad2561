"""The entity sidebar in a small app: grouping, order key, Enter, next/previous mention, emphasis."""

from __future__ import annotations

import datetime

from textual.app import App, ComposeResult

from reader.core.analysis import analyse
from reader.core.analysis.entities import EntityIndex, extract_entities
from reader.widgets.entities import EntitySidebar

TEXT = (
    "ロシアのプーチン大統領は18日、北朝鮮を訪問します。\n"
    "北朝鮮のキム・ジョンウン総書記と会談します。ロシアと北朝鮮は連携を強めています。\n"
    "プーチン大統領は19日にベトナムを訪れます。"
)


def entity_index() -> EntityIndex:
    return extract_entities(TEXT, analyse(TEXT), article_date=datetime.date(2024, 6, 17))


class SidebarApp(App[None]):
    """The sidebar alone; records the messages it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.index = entity_index()
        self.shown: list[EntitySidebar.ShowMention] = []

    def compose(self) -> ComposeResult:
        yield EntitySidebar(self.index, id="entities")

    def on_entity_sidebar_show_mention(self, message: EntitySidebar.ShowMention) -> None:
        self.shown.append(message)


def rows(sidebar: EntitySidebar) -> list[str]:
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


def select(sidebar: EntitySidebar, canonical: str) -> None:
    entity = next(e for e in sidebar.index.entities if e.canonical == canonical)
    sidebar.highlighted = sidebar.get_option_index(f"entity-{entity.id}")


async def test_groups_by_type_with_counts_in_order_of_first_mention() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        await pilot.pause()
        shown = rows(sidebar)
        assert shown[0].startswith("People 2")
        assert "プーチン" in shown[1]
        assert "Putin" in shown[1]
        places = shown.index(next(r for r in shown if r.startswith("Places")))
        assert "ロシア" in shown[places + 1]  # first mentioned place comes first
        assert any(r.startswith("Dates 2") for r in shown)


async def test_o_switches_to_order_by_count() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.focus()
        await pilot.press("o")
        assert sidebar.by_count
        shown = rows(sidebar)
        places = shown.index(next(r for r in shown if r.startswith("Places")))
        assert "北朝鮮" in shown[places + 1]  # named 3 times, more than ロシア
        await pilot.press("o")
        assert not sidebar.by_count


async def test_enter_asks_for_the_first_mention() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.focus()
        select(sidebar, "キム・ジョンウン")
        await pilot.press("enter")
        await pilot.pause()
        assert app.shown, "no message"
        message = app.shown[-1]
        assert TEXT[message.start : message.end] == "キム・ジョンウン"
        assert message.start == TEXT.index("キム・ジョンウン")


async def test_full_stop_and_comma_walk_the_mentions_and_wrap() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.focus()
        select(sidebar, "プーチン")
        putin = sidebar.selected_entity
        assert putin is not None and putin.count == 2
        await pilot.press("enter", "full_stop")
        await pilot.pause()
        assert [m.start for m in app.shown] == [m.start for m in sidebar.index.mentions_of(putin)]
        await pilot.press("full_stop")
        await pilot.pause()
        assert app.shown[-1].wrapped and app.shown[-1].start == app.shown[0].start
        await pilot.press("comma")
        await pilot.pause()
        assert app.shown[-1].wrapped and app.shown[-1].start == app.shown[1].start


async def test_emphasise_marks_the_entities_of_a_section() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        third = TEXT.rindex("\n") + 1
        sidebar.emphasise(2, third, len(TEXT))
        await pilot.pause()
        emphasised = {sidebar.index.entities[i].canonical for i in sidebar.emphasised}
        assert "ベトナム" in emphasised and "キム・ジョンウン" not in emphasised
        assert any(r.startswith("▸") and "ベトナム" in r for r in rows(sidebar))


async def test_set_index_replaces_the_entities() -> None:
    app = SidebarApp()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.set_index(EntityIndex((), ()))
        await pilot.pause()
        assert sidebar.option_count == 1 and sidebar.get_option_at_index(0).disabled
        assert "No names found" in str(sidebar.get_option_at_index(0).prompt)
        assert sidebar.selected_entity is None
        sidebar.focus()
        await pilot.press("full_stop", "enter")
        assert app.shown == []
