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
from tests.app.conftest import settle
from tests.conftest import SEED


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot.app, pilot)


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
