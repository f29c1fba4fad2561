"""Helpers for Pilot tests of the reader."""

from __future__ import annotations

import pytest

from reader.app import YomuApp
from reader.core.sources import load_document, parse_text
from reader.data.config import Settings
from tests.conftest import SEED


@pytest.fixture
def seed_app() -> YomuApp:
    """The reader on the seed article, with default settings."""
    return YomuApp(load_document(str(SEED)), Settings())


def app_for_text(text: str, settings: Settings | None = None) -> YomuApp:
    return YomuApp(parse_text(text, name="test.txt"), settings or Settings())


async def ready(app: YomuApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the readings, the glossary and the names are in and the screen has settled.

    The glossary and entity workers start a moment after the readings arrive.
    """
    screen = app.screen
    for _ in range(400):
        await pilot.pause(0.02)
        running = any(worker.is_running for worker in screen.workers)
        entities = getattr(screen, "entity_index", None)
        layers = entities is not None and getattr(screen, "_glossary_spans", None) is not None
        if not running and layers:
            break
    await pilot.pause()
