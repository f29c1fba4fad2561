"""The word cursor over the seed article's tokens."""

from __future__ import annotations

import pytest

from reader.core.analysed import AnalysedText
from reader.core.analysis import analyse
from reader.core.navigation import WordCursor
from reader.core.sources import load_document
from tests.conftest import SEED


@pytest.fixture(scope="module")
def cursor_parts():  # type: ignore[no-untyped-def]
    document = load_document(str(SEED))
    return document, analyse(document.text)


def make(cursor_parts) -> WordCursor:  # type: ignore[no-untyped-def]
    document, analysis = cursor_parts
    text = AnalysedText(document)
    text.put_analysis(analysis)
    return WordCursor(document, text)


def test_words_skip_punctuation(cursor_parts) -> None:  # type: ignore[no-untyped-def]
    cursor = make(cursor_parts)
    surfaces = [token.surface for token in cursor.text.words()]
    assert "、" not in surfaces and "。" not in surfaces
    assert "大統領" in surfaces


def test_moving_word_by_word_from_the_start(cursor_parts) -> None:  # type: ignore[no-untyped-def]
    cursor = make(cursor_parts)
    assert cursor.start_at(0).surface == "プーチン"  # type: ignore[union-attr]
    assert cursor.move(1).surface == "大統領"  # type: ignore[union-attr]
    assert cursor.move(1).surface == "が"  # type: ignore[union-attr]
    assert cursor.move(-2).surface == "プーチン"  # type: ignore[union-attr]
    assert cursor.move(-5).surface == "プーチン"  # clamped  # type: ignore[union-attr]


def test_hard_word_moves_skip_to_what_is_wanted(cursor_parts) -> None:  # type: ignore[no-untyped-def]
    cursor = make(cursor_parts)
    cursor.start_at(0)
    token = cursor.move_to_next(1, lambda t: t.surface == "条約")
    assert token is not None and token.surface == "条約"
    assert cursor.move_to_next(1, lambda t: False) is None
    assert cursor.token is token


def test_sentence_and_paragraph_moves(cursor_parts) -> None:  # type: ignore[no-untyped-def]
    document, _ = cursor_parts
    cursor = make(cursor_parts)
    first = next(iter(document.sentences))
    cursor.start_at(first.start + 3)
    token = cursor.move_unit("sentence", 1)
    second = list(document.sentences)[1]
    assert token is not None and token.start == second.start
    token = cursor.move_unit("sentence", -1)
    assert token is not None and token.start == first.start
    token = cursor.move_unit("paragraph", 1)
    paragraphs = list(document.paragraphs)
    assert token is not None and token.start == paragraphs[1].start


def test_selection_spans_from_anchor_to_cursor_either_way(cursor_parts) -> None:  # type: ignore[no-untyped-def]
    document, _ = cursor_parts
    cursor = make(cursor_parts)
    cursor.start_at(0)
    cursor.move(1)
    cursor.begin_selection()
    cursor.move(2)
    start, end = cursor.selection()  # type: ignore[misc]
    assert document.text[start:end] == "大統領が18"
    cursor.move(-3)
    start, end = cursor.selection()  # type: ignore[misc]
    assert document.text[start:end] == "プーチン大統領"
    cursor.leave()
    assert cursor.selection() is None and cursor.token is None
