"""The word cursor: moving over the words of an article and selecting a range.

Pure logic over the token layer and the structure layer, so the same moves
work in the reader, in tests and in any other view.  A *word* is a token that
is not punctuation or white space.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from reader.core.document import Document
from reader.core.layers import Token

NOT_WORDS = ("補助記号", "空白")
"""Part-of-speech heads of tokens the cursor steps over."""


def is_word(token: Token) -> bool:
    """True for tokens the cursor stops on."""
    return bool(token.pos) and token.pos[0] not in NOT_WORDS and not token.surface.isspace()


class WordCursor:
    """A position on one word of the article, and an optional selection anchor."""

    def __init__(self, document: Document, tokens: Sequence[Token]) -> None:
        self.document = document
        self.words: list[Token] = [token for token in tokens if is_word(token)]
        self._starts = [token.start for token in self.words]
        self.index: int | None = None
        """Index into :attr:`words` of the word under the cursor (None: no cursor)."""
        self.anchor: int | None = None
        """Word index where a selection started (None: no selection)."""

    @property
    def token(self) -> Token | None:
        """The word under the cursor."""
        return None if self.index is None else self.words[self.index]

    def word_at(self, offset: int) -> int | None:
        """Index of the first word that ends after ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and self.words[index].end > offset:
            return index
        index += 1
        return index if index < len(self.words) else None

    def start_at(self, offset: int) -> Token | None:
        """Put the cursor on the first word at or after ``offset``."""
        if not self.words:
            return None
        found = self.word_at(offset)
        self.index = found if found is not None else len(self.words) - 1
        return self.token

    def place(self, offset: int) -> Token | None:
        """Put the cursor on the word covering (or next after) ``offset``."""
        return self.start_at(offset)

    def leave(self) -> None:
        """Leave word mode: no cursor, no selection."""
        self.index = None
        self.anchor = None

    def move(self, delta: int) -> Token | None:
        """Move ``delta`` words (clamped at either end)."""
        if self.index is None:
            return None
        self.index = max(0, min(len(self.words) - 1, self.index + delta))
        return self.token

    def move_to_next(self, direction: int, wanted: Callable[[Token], bool]) -> Token | None:
        """Move to the next word in ``direction`` (+1/-1) for which ``wanted`` holds.

        Stays put and returns None when there is none.
        """
        if self.index is None:
            return None
        index = self.index + direction
        while 0 <= index < len(self.words):
            if wanted(self.words[index]):
                self.index = index
                return self.token
            index += direction
        return None

    def _boundaries(self, unit: str) -> list[int]:
        if unit == "sentence":
            return [span.start for span in self.document.sentences]
        if unit == "paragraph":
            return [paragraph.start for paragraph in self.document.paragraphs]
        return [section.start for section in self.document.sections]

    def move_unit(self, unit: str, direction: int) -> Token | None:
        """Move to the first word of the next (+1) or previous (-1) sentence, paragraph or section.

        Backwards, the first move goes to the start of the current unit.
        """
        token = self.token
        if token is None:
            return None
        starts = self._boundaries(unit)
        here = bisect.bisect_right(starts, token.start) - 1
        if direction > 0:
            target = here + 1
        else:
            target = (
                here
                if here >= 0 and starts[here] < token.start and self.word_at(starts[here]) != self.index
                else here - 1
            )
        if not 0 <= target < len(starts):
            return None
        found = self.word_at(starts[target])
        if found is None:
            return None
        self.index = found
        return self.token

    def begin_selection(self) -> None:
        """Start selecting at the word under the cursor."""
        self.anchor = self.index

    def selection(self) -> tuple[int, int] | None:
        """The selected text range, from the anchor word to the cursor word."""
        if self.anchor is None or self.index is None:
            return None
        first, last = sorted((self.anchor, self.index))
        return self.words[first].start, self.words[last].end
