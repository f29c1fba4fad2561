"""SVG snapshots of the reader: one per furigana mode (and romaji), the entity
sidebar and the look-up panel.

CJK glyphs can overlap in SVG pictures, so the rows the core laid out are
asserted separately (tests/core/test_layout.py, tests/app/); these pictures
catch changes of layout, colour and chrome.  Update with
`pytest tests/snapshots --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

import pytest

from reader.app import YomuApp
from reader.core.sources import load_document
from reader.data.config import Settings
from tests.conftest import SEED


async def _settle(pilot) -> None:
    """Wait until the readings, glossary and names are in and no worker runs.

    The glossary and entity workers start a moment after the readings arrive,
    and a key may start a look-up worker, so one wait is not enough.
    """
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        layers_in = getattr(screen, "entity_index", None) is not None and hasattr(screen, "_glossary_spans")
        if layers_in and not any(worker.is_running for worker in screen.workers):
            return
    raise AssertionError("the readings, glossary or names never arrived")


def _pressing(*keys: str):
    """A ``run_before`` that settles, presses ``keys`` and settles again."""

    async def run_before(pilot) -> None:
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)

    return run_before


@pytest.mark.parametrize(
    "settings",
    [
        Settings(furigana="above"),
        Settings(furigana="inline"),
        Settings(furigana="off"),
        Settings(furigana="above", romaji=True),
    ],
    ids=["above", "inline", "off", "romaji"],
)
def test_reader_snapshot(snap_compare, settings: Settings) -> None:
    app = YomuApp(load_document(str(SEED)), settings)
    assert snap_compare(app, terminal_size=(110, 30), run_before=_pressing())


def test_entity_sidebar_snapshot(snap_compare) -> None:
    """``e``: the names of the article by type, those of the lead emphasised."""
    app = YomuApp(load_document(str(SEED)), Settings())
    assert snap_compare(app, terminal_size=(110, 30), run_before=_pressing("e"))


def test_lookup_panel_snapshot(snap_compare) -> None:
    """``w w``: the word cursor on 大統領 and its entry under the text."""
    app = YomuApp(load_document(str(SEED)), Settings())
    assert snap_compare(app, terminal_size=(110, 30), run_before=_pressing("w", "w"))
