"""Fixtures for the Anki tests: real collections (Anki's own ``anki`` package) and a test AnkiConnect.

Tests that need ``anki`` are marked ``anki`` and skip, with the reason, when the
package is missing; ``make test`` installs it (the dev extra), so CI runs them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.study import SourceSentence, StudyCard, StudyStore
from reader.data.paths import database_path

HAVE_ANKI = importlib.util.find_spec("anki") is not None
needs_anki = pytest.mark.skipif(not HAVE_ANKI, reason="the anki package is missing (pip install -e '.[dev]')")
"""Put ``pytestmark = [pytest.mark.anki, needs_anki]`` in a module whose tests open collections."""


@pytest.fixture
def store() -> Iterator[StudyStore]:
    """yomu's study database (in the test's own data folder)."""
    with StudyStore.open(database_path()) as opened:
        yield opened


def learn(
    store: StudyStore,
    lemma: str,
    reading: str,
    sentence: str,
    word: tuple[int, int],
    ruby: tuple[tuple[int, int, str], ...] = (),
    source: str = "NHK ニュース 2024",
) -> StudyCard:
    """Mark a word learning as ``L`` does: the card with its sentence is in yomu's store."""
    card = store.mark_word(lemma, reading, "learning", SourceSentence(sentence, word[0], word[1], 0, ruby), source)
    assert card is not None
    return card


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    """A test AnkiConnect on a free port of 127.0.0.1, backed by a new real collection."""
    from tests.support.ankiconnect_server import AnkiConnectServer

    folder = tmp_path / "anki"
    folder.mkdir()
    with AnkiConnectServer(folder / "collection.anki2") as running:
        yield running
