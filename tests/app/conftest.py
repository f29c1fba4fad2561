"""Helpers for Pilot tests of the reader."""

from __future__ import annotations

import contextlib

import pytest
from textual.worker import WorkerCancelled

from reader.app import YomuApp
from reader.core.sources import load_document, parse_text
from reader.data.config import Settings
from reader.screens.reader import ReaderScreen
from tests.conftest import SEED


@pytest.fixture
def seed_app() -> YomuApp:
    """The reader on the seed article, with default settings."""
    return YomuApp(load_document(str(SEED)), Settings())


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the reader hands to the clipboard (the real clipboard has tests of its own, under Xvfb)."""
    from reader.clipboard import CopyResult

    texts: list[str] = []

    def fake_copy(text: str, app: object = None) -> CopyResult:
        texts.append(text)
        return CopyResult("clipboard", "test")

    monkeypatch.setattr("reader.clipboard.copy_text", fake_copy)
    return texts


def app_for_text(text: str, settings: Settings | None = None) -> YomuApp:
    return YomuApp(parse_text(text, name="test.txt"), settings or Settings())


async def ready(app: YomuApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the readings, the glossary and the names are in and no worker runs.

    The glossary and entity workers start a moment after the readings arrive,
    and a key may start a look-up worker, so waiting for the workers running
    now is not enough.
    """
    for _ in range(200):
        await pilot.pause(0.05)
        with contextlib.suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.screen.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        layers_in = True
        if isinstance(screen, ReaderScreen):  # other screens (study, help) have no layers to wait for
            analysis = screen.analysis
            layers_in = analysis.entity_index is not None and analysis.glossary_ready and analysis.state == ""
            layers_in = layers_in and (screen.study.store is not None or screen.study.unavailable is not None)
            layers_in = layers_in and not screen.article.laying_out
        if layers_in and not any(worker.is_running for worker in screen.workers):
            return
    raise AssertionError("the readings, glossary or names never arrived")


settle = ready
"""The same wait, named for use after a key press."""
