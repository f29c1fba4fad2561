"""Stand-off layers over the article text: tokens and ruby (readings).

Each layer is a tuple of frozen spans over character offsets into
``Document.text``; views (screen rows, exports, evaluation output) read the
text and these spans and never copy the text into another shape.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text as the morphological analyser split it."""

    start: int
    end: int
    surface: str
    lemma: str
    """Dictionary form (強めたい → 強める is over two tokens: 強め + たい)."""
    pos: tuple[str, ...]
    """Part of speech, SudachiPy's six fields (名詞, 固有名詞, 人名, …)."""
    reading: str
    """Reading of the surface in context, hiragana, after all reading layers."""

    @property
    def is_proper_noun(self) -> bool:
        return len(self.pos) > 1 and self.pos[1] == "固有名詞"


@dataclass(frozen=True, slots=True)
class RubySpan:
    """A reading (hiragana) over a run of kanji ``text[start:end]``.

    Okurigana stay outside the span: 強める is ``RubySpan(強, つよ)`` + める.
    """

    start: int
    end: int
    reading: str
    source: str = "context"
    """The layer that gave the reading: author, pinned, text, counter, context, fallback."""


@dataclass(frozen=True, slots=True)
class RomajiWord:
    """Romaji for a word (one or more tokens) ``text[start:end]``, made on demand by ``romanize``."""

    start: int
    end: int
    romaji: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """All reading layers of one text (romaji is made from the tokens where shown: ``romanize``)."""

    tokens: tuple[Token, ...]
    ruby: tuple[RubySpan, ...]
