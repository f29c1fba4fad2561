"""The layers of a text held per block (reader.core.analysed) and the word cursor over them."""

from __future__ import annotations

import dataclasses

import pytest

from reader.core.analysed import AnalysedText, is_word
from reader.core.analysis import analyse
from reader.core.layers import Analysis
from reader.core.navigation import WordCursor
from reader.core.sources import load_document
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    document = load_document(str(SEED))
    return document, analyse(document.text)


def test_a_whole_analysis_and_one_block_at_a_time_hold_the_same_layers(seed) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    whole = AnalysedText(document)
    whole.put_analysis(analysis)
    by_block = AnalysedText(document)
    for block in reversed(by_block.blocks):  # in any order
        tokens = [t for t in analysis.tokens if block.start <= t.start < block.end]
        ruby = [r for r in analysis.ruby if block.start <= r.start < block.end]
        assert by_block.put(block.start, block.end, tokens, ruby) == [block.index]
    assert by_block.complete and whole.complete
    for block in whole.blocks:
        assert whole.tokens_of(block.index) == by_block.tokens_of(block.index)
        assert whole.ruby_of(block.index) == by_block.ruby_of(block.index)
    in_blocks = [t for t in analysis.tokens if any(b.start <= t.start < b.end for b in whole.blocks)]
    assert [t for t in by_block.analysis().tokens] == in_blocks


def test_range_queries_give_what_lies_in_the_range(seed) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    text = AnalysedText(document)
    text.put_analysis(analysis)
    start = document.text.index("友好協力相互援助条約")
    end = start + len("友好協力相互援助条約")
    assert "".join(t.surface for t in text.tokens_in(start, end)) == "友好協力相互援助条約"
    assert all(start <= r.start and r.end <= end for r in text.ruby_in(start, end))
    assert text.ruby_in(start, end)


def test_words_are_walked_across_blocks_and_missing_blocks_are_skipped(seed) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    text = AnalysedText(document)
    text.put_analysis(analysis)
    words = list(text.words())
    assert words == [t for t in text.analysis().tokens if is_word(t)]
    walked, word = [], text.word_at(0)
    while word is not None:
        walked.append(word)
        word = text.step(word, 1)
    assert walked == words
    back, word = [], words[-1]
    while word is not None:
        back.append(word)
        word = text.step(word, -1)
    assert back == list(reversed(words))
    # Only the first and last blocks analysed: the cursor goes from one to the other.
    partial = AnalysedText(document)
    first, last = partial.blocks[0], partial.blocks[-1]
    for block in (first, last):
        partial.put(
            block.start,
            block.end,
            [t for t in analysis.tokens if block.start <= t.start < block.end],
            [r for r in analysis.ruby if block.start <= r.start < block.end],
        )
    last_of_first = partial.words_of(first.index)[-1]
    assert partial.step(last_of_first, 1) == partial.words_of(last.index)[0]
    assert partial.share_done < 1 and not partial.complete


def test_the_cursor_keeps_its_word_when_new_readings_replace_the_tokens(seed) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    text = AnalysedText(document)
    text.put_analysis(analysis)
    cursor = WordCursor(document, text)
    target = document.text.index("友好協力")
    cursor.place(target)
    cursor.begin_selection()
    cursor.move(2)
    selection = cursor.selection()
    copies = Analysis(tuple(dataclasses.replace(t) for t in analysis.tokens), tuple(analysis.ruby))
    text.put_analysis(copies)  # new token objects for the same text
    cursor.refresh()
    assert cursor.token is not None and cursor.selection() == selection
    assert cursor.token in set(text.tokens())


def test_a_long_paragraph_analysed_in_pieces_counts_once_every_piece_is_in(seed) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    text = AnalysedText(document)
    block = max(text.blocks, key=lambda b: b.end - b.start)
    middle = next(t.start for t in analysis.tokens if t.start > (block.start + block.end) // 2)

    def part(a: int, b: int) -> tuple[list, list]:  # type: ignore[type-arg]
        return (
            [t for t in analysis.tokens if a <= t.start < b],
            [r for r in analysis.ruby if a <= r.start < b],
        )

    assert text.put(block.start, middle, *part(block.start, middle)) == []
    assert not text.has(block.index)
    # A range wider than the block (the whole line, as the engine widens it) completes it.
    assert text.put(middle, block.end + 1, *part(middle, block.end + 1)) == [block.index]
    assert text.has(block.index)
    expected = [t for t in analysis.tokens if block.start <= t.start < block.end]
    assert list(text.tokens_of(block.index)) == expected
