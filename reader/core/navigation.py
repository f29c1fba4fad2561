"""The word cursor: moving over the words of a text and selecting a range.

Pure logic over the token layer (:class:`~reader.core.analysed.AnalysedText`)
and the structure layer, so the same moves work in the reader, in tests and in
any other view.  The cursor holds the word it is on (not an index into a list
of every word): a move costs in proportion to a block, not to the text, and
the cursor keeps its place when new readings replace the tokens
(:meth:`WordCursor.refresh`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from reader.core.analysed import NOT_WORDS, AnalysedText, is_word
from reader.core.document import Document
from reader.core.layers import Token

__all__ = ["NOT_WORDS", "WordCursor", "is_word"]


class WordCursor:
    """A position on one word of the text, and an optional selection anchor."""

    def __init__(self, document: Document, text: AnalysedText) -> None:
        self.document = document
        self.text = text
        self.token: Token | None = None
        """The word under the cursor (None: no cursor, not in word mode)."""
        self.anchor: Token | None = None
        """The word where a selection started (None: no selection)."""
        self._bounds: dict[str, list[int]] = {}

    @property
    def active(self) -> bool:
        return self.token is not None

    def start_at(self, offset: int) -> Token | None:
        """Put the cursor on the first word at or after ``offset`` (the last word if none follows)."""
        found = self.text.word_at(offset)
        if found is None:
            found = self.text.last_word_before(offset)
        self.token = found
        return found

    def place(self, offset: int) -> Token | None:
        """Put the cursor on the word covering (or next after) ``offset``."""
        return self.start_at(offset)

    def refresh(self) -> None:
        """New tokens arrived: stand on the word now at the cursor's (and the anchor's) place."""
        if self.token is not None:
            self.token = self.text.word_at(self.token.start) or self.text.last_word_before(self.token.start)
        if self.anchor is not None:
            self.anchor = self.text.word_at(self.anchor.start) or self.text.last_word_before(self.anchor.start)

    def leave(self) -> None:
        """Leave word mode: no cursor, no selection."""
        self.token = None
        self.anchor = None

    def move(self, delta: int) -> Token | None:
        """Move ``delta`` words (stopping at either end)."""
        if self.token is None:
            return None
        direction = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            following = self.text.step(self.token, direction)
            if following is None:
                break
            self.token = following
        return self.token

    def move_to_next(self, direction: int, wanted: Callable[[Token], bool]) -> Token | None:
        """Move to the next word in ``direction`` (+1/-1) for which ``wanted`` holds.

        Stays put and returns None when there is none.
        """
        if self.token is None:
            return None
        word = self.text.step(self.token, direction)
        while word is not None:
            if wanted(word):
                self.token = word
                return word
            word = self.text.step(word, direction)
        return None

    def _boundaries(self, unit: str) -> list[int]:
        bounds = self._bounds.get(unit)
        if bounds is None:
            if unit == "sentence":
                bounds = [span.start for span in self.document.sentences]
            elif unit == "paragraph":
                bounds = [paragraph.start for paragraph in self.document.paragraphs]
            else:
                bounds = [section.start for section in self.document.sections]
            self._bounds[unit] = bounds
        return bounds

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
            first_here = self.text.word_at(starts[here]) if here >= 0 else None
            at_start = first_here is not None and first_here.start == token.start
            target = here if here >= 0 and starts[here] < token.start and not at_start else here - 1
        if not 0 <= target < len(starts):
            return None
        found = self.text.word_at(starts[target])
        if found is None:
            return None
        self.token = found
        return found

    def begin_selection(self) -> None:
        """Start selecting at the word under the cursor."""
        self.anchor = self.token

    def selection(self) -> tuple[int, int] | None:
        """The selected text range, from the anchor word to the cursor word."""
        if self.anchor is None or self.token is None:
            return None
        first, last = sorted((self.anchor, self.token), key=lambda token: token.start)
        return first.start, last.end
