"""Which readings the article view draws over a block: kana (filtered) or romaji.

The view lays a block out with the readings this gives (:class:`ShownReadings`
is the ``readings`` callable of :class:`reader.core.rows.ArticleRows`).  Kana
readings are the ruby layer, kept or dropped by the furigana filter; romaji is
computed per block, only for blocks laid out while romaji is on (the reading
screen never pays for romaji it does not show), and cached per block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core.analysed import AnalysedText
from reader.core.layers import RubySpan
from reader.core.layout import Placement
from reader.core.rows import Block

if TYPE_CHECKING:
    from reader.core.analysis.romaji import RomajiStyle

__all__ = ["ShownReadings", "romaji_spans"]


def romaji_spans(text: AnalysedText, block: int, style: RomajiStyle) -> list[RubySpan]:
    """Romaji over every word of a block (punctuation gets none), as spans for the row above."""
    from reader.core.analysis.romaji import romanize

    return [
        RubySpan(word.start, word.end, word.romaji, "romaji")
        for word in romanize(text.tokens_of(block), style)
        if any(ch.isalnum() for ch in word.romaji)
    ]


class ShownReadings:
    """The readings to draw over a block for the current mode."""

    def __init__(self, text: AnalysedText) -> None:
        self.text = text
        self.placement = Placement.ABOVE
        self.romaji = False
        self.style: RomajiStyle = "hepburn"
        self.keep: Callable[[RubySpan], bool] | None = None
        """The furigana filter (None: every reading)."""
        self._romaji: dict[tuple[int, str], list[RubySpan]] = {}

    @property
    def effective_placement(self) -> Placement:
        """Romaji is always drawn above the words."""
        return Placement.ABOVE if self.romaji else self.placement

    def forget(self, blocks: list[int] | None = None) -> None:
        """New tokens for these blocks (all with None): their romaji is computed again."""
        if blocks is None:
            self._romaji.clear()
            return
        for key in [key for key in self._romaji if key[0] in set(blocks)]:
            del self._romaji[key]

    def __call__(self, block: Block) -> list[RubySpan]:
        if self.romaji:
            key = (block.index, self.style)
            spans = self._romaji.get(key)
            if spans is None:
                spans = romaji_spans(self.text, block.index, self.style)
                self._romaji[key] = spans
            return spans
        if self.placement is Placement.OFF:
            return []
        if self.text.has(block.index):
            spans = list(self.text.ruby_of(block.index))
        else:
            # Not analysed yet: the author's own ruby (Aozora, HTML) is known from the start.
            spans = list(self.text.document.author_ruby(block.start, block.end))
        keep = self.keep
        return spans if keep is None else [span for span in spans if keep(span)]
