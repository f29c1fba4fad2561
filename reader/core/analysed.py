"""The reading layers of a text as they arrive, block by block.

A long text is analysed in pieces — the blocks on screen first, the rest in the
background — so the layers (tokens and ruby) are held per block
(:class:`AnalysedText`).  Every query the reader makes on a key — the tokens
or readings in a range, the word at an offset, the next word — costs in
proportion to a block, never to the whole text.  Whole-text consumers (the
excerpt formats, statistics, the entity and glossary builders) take
:meth:`AnalysedText.analysis`, built once per change.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from reader.core.document import Document
from reader.core.layers import Analysis, RubySpan, Token
from reader.core.rows import Block, document_blocks

__all__ = ["NOT_WORDS", "AnalysedText", "is_word"]

NOT_WORDS = ("補助記号", "空白")
"""Part-of-speech heads of tokens the word cursor steps over."""


def is_word(token: Token) -> bool:
    """True for tokens the word cursor stops on (not punctuation or white space)."""
    return bool(token.pos) and token.pos[0] not in NOT_WORDS and not token.surface.isspace()


def _covers(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """True when ``ranges`` together cover ``[start, end)``."""
    reach = start
    for a, b in sorted(ranges):
        if a > reach:
            return False
        reach = max(reach, b)
    return reach >= end


class AnalysedText:
    """Tokens and ruby of a document, held per block, filled in as analysis arrives."""

    def __init__(self, document: Document, blocks: Sequence[Block] | None = None) -> None:
        self.document = document
        self.blocks: tuple[Block, ...] = tuple(blocks) if blocks is not None else document_blocks(document)
        self._starts = [block.start for block in self.blocks]
        self._tokens: list[tuple[Token, ...] | None] = [None] * len(self.blocks)
        self._ruby: list[tuple[RubySpan, ...]] = [()] * len(self.blocks)
        self._words: dict[int, tuple[Token, ...]] = {}
        self._word_starts: dict[int, list[int]] = {}
        self._merged: Analysis | None = None
        self._pieces: dict[int, list[tuple[int, int, list[Token], list[RubySpan]]]] = {}
        """Parts of blocks analysed so far (a long paragraph comes in pieces)."""
        self.analysed_blocks = 0
        self.version = 0
        """Grows with every change; views compare it to know when to redraw."""

    # ------------------------------------------------------------ filling in

    def block_at(self, offset: int) -> int:
        """The block holding ``offset`` (the newline after a block belongs to it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def put(self, start: int, end: int, tokens: Iterable[Token], ruby: Iterable[RubySpan]) -> list[int]:
        """Take the analysis of ``text[start:end]`` (one block, several, part of one, or the whole text).

        Returns the indices of the blocks that became complete: a block the
        range covers whole takes its layers at once; a block the range covers
        in part (a long paragraph analysed in pieces) keeps the pieces until
        they cover it, and keeps its old layers until then.
        """
        if not self.blocks or end <= start:
            return []
        first = self.block_at(start)
        if self.blocks[first].end <= start and first + 1 < len(self.blocks):
            first += 1
        touched = []
        for index in range(first, len(self.blocks)):
            block = self.blocks[index]
            if block.start >= end and not (block.start == block.end == start):
                break
            if block.end > start or block.start == start:
                touched.append(index)
        if not touched:
            return []
        by_block: dict[int, list[Token]] = {index: [] for index in touched}
        for token in tokens:
            index = self.block_at(token.start)
            if index in by_block:
                by_block[index].append(token)
        spans: dict[int, list[RubySpan]] = {index: [] for index in touched}
        for span in ruby:
            index = self.block_at(span.start)
            if index in spans:
                spans[index].append(span)
        done = []
        for index in touched:
            block = self.blocks[index]
            if start <= block.start and block.end <= end:
                self._pieces.pop(index, None)
                self._set(index, by_block[index], spans[index])
                done.append(index)
                continue
            pieces = self._pieces.setdefault(index, [])
            pieces.append((max(start, block.start), min(end, block.end), by_block[index], spans[index]))
            if _covers(block.start, block.end, [(a, b) for a, b, _, _ in pieces]):
                del self._pieces[index]
                pieces.sort(key=lambda piece: piece[0])
                self._set(
                    index,
                    sorted({t.start: t for _, _, ts, _ in pieces for t in ts}.values(), key=lambda t: t.start),
                    sorted({(r.start, r.end): r for _, _, _, rs in pieces for r in rs}.values(), key=lambda r: r.start),
                )
                done.append(index)
        if done:
            self._merged = None
            self.version += 1
        return done

    def _set(self, index: int, tokens: Iterable[Token], ruby: Iterable[RubySpan]) -> None:
        if self._tokens[index] is None:
            self.analysed_blocks += 1
        self._tokens[index] = tuple(tokens)
        self._ruby[index] = tuple(ruby)
        self._words.pop(index, None)
        self._word_starts.pop(index, None)

    def put_analysis(self, analysis: Analysis) -> list[int]:
        """Take a whole-text analysis."""
        return self.put(0, len(self.document.text), analysis.tokens, analysis.ruby)

    # ------------------------------------------------------------ state

    def has(self, block: int) -> bool:
        return 0 <= block < len(self.blocks) and self._tokens[block] is not None

    @property
    def complete(self) -> bool:
        return self.analysed_blocks == len(self.blocks)

    @property
    def empty(self) -> bool:
        return self.analysed_blocks == 0

    def missing(self) -> list[int]:
        """Blocks not analysed yet, in reading order."""
        return [index for index, tokens in enumerate(self._tokens) if tokens is None]

    @property
    def share_done(self) -> float:
        """Share of the text's characters analysed (for progress)."""
        total = sum(block.end - block.start for block in self.blocks) or 1
        done = sum(block.end - block.start for block, tokens in zip(self.blocks, self._tokens, strict=True) if tokens)
        return done / total

    # ------------------------------------------------------------ queries

    def tokens_of(self, block: int) -> tuple[Token, ...]:
        return self._tokens[block] or ()

    def ruby_of(self, block: int) -> tuple[RubySpan, ...]:
        return self._ruby[block]

    def _blocks_of_range(self, start: int, end: int) -> range:
        if not self.blocks:
            return range(0)
        return range(self.block_at(start), self.block_at(max(start, end - 1)) + 1)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping ``[start, end)``, in order."""
        return [
            token
            for block in self._blocks_of_range(start, end)
            for token in self.tokens_of(block)
            if token.start < end and token.end > start
        ]

    def ruby_in(self, start: int, end: int) -> list[RubySpan]:
        """Ruby spans inside ``[start, end)``, in order."""
        return [
            span
            for block in self._blocks_of_range(start, end)
            for span in self._ruby[block]
            if span.start >= start and span.end <= end
        ]

    def tokens(self) -> Iterator[Token]:
        """Every token analysed so far, in text order."""
        for tokens in self._tokens:
            if tokens:
                yield from tokens

    def analysis(self) -> Analysis:
        """The whole text's layers analysed so far (built once per change)."""
        if self._merged is None:
            self._merged = Analysis(
                tokens=tuple(self.tokens()),
                ruby=tuple(span for spans in self._ruby for span in spans),
            )
        return self._merged

    # ------------------------------------------------------------ words

    def words_of(self, block: int) -> tuple[Token, ...]:
        """The words of a block (tokens the cursor stops on)."""
        words = self._words.get(block)
        if words is None:
            words = tuple(token for token in self.tokens_of(block) if is_word(token))
            self._words[block] = words
            self._word_starts[block] = [word.start for word in words]
        return words

    def word_at(self, offset: int) -> Token | None:
        """The word covering ``offset``, or else the first word after it (None: none after)."""
        block = self.block_at(offset)
        while block < len(self.blocks):
            words = self.words_of(block)
            if words:
                index = bisect.bisect_right(self._word_starts[block], offset) - 1
                if index >= 0 and words[index].end > offset:
                    return words[index]
                if index + 1 < len(words):
                    return words[index + 1]
            block += 1
            offset = -1
        return None

    def last_word_before(self, offset: int) -> Token | None:
        """The last word starting before ``offset``."""
        block = self.block_at(offset)
        while block >= 0:
            words = self.words_of(block)
            index = bisect.bisect_left(self._word_starts.get(block, []), offset) - 1 if words else -1
            if index >= 0:
                return words[index]
            block -= 1
            offset = 1 << 62
        return None

    def step(self, word: Token, direction: int) -> Token | None:
        """The word after (``direction`` +1) or before (-1) ``word``; None at either end."""
        if direction > 0:
            following = self.word_at(word.end)
            if following is not None and following.start < word.end:
                following = self.word_at(following.end)
            return following
        return self.last_word_before(word.start)

    def words(self) -> Iterator[Token]:
        """Every word analysed so far, in order."""
        for block in range(len(self.blocks)):
            yield from self.words_of(block)
