"""`yomu` starts with Python's cyclic collector off (reader.cli.read) and turns it on once something is on screen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reader.app import YomuApp
from reader.data.config import Settings
from reader.data.library import open_source
from reader.widgets import ArticleView
from tests.conftest import SEED


@pytest.fixture
def collector_off() -> Iterator[None]:
    """As ``yomu`` starts: the collector off (and on again after the test, whatever happened)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_the_collector_is_on_again_once_the_text_is_shown(collector_off: None) -> None:
    app = YomuApp(open_source(str(SEED)), Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(40):
            await pilot.pause(0.01)
            if app.screen.query_one(ArticleView).row_text(0):
                break
        await pilot.pause()
        assert gc.isenabled()


async def test_the_collector_is_on_again_once_the_library_is_shown(collector_off: None) -> None:
    app = YomuApp(None, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.isenabled()
