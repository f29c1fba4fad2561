"""How hard an article is for this reader: words known, new words per section.

Pure functions over a Document, its Analysis and the reader's word statuses.
Words are counted as the analyser splits them, leaving out punctuation,
symbols, spaces, numerals, particles and auxiliaries (grammar, not
vocabulary).  Words marked ignored (names, foreign words) count as known:
they are not in the way of reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reader.core.document import Document
from reader.core.layers import Analysis, Token
from reader.core.study.words import word_key

NOT_VOCABULARY = ("補助記号", "記号", "空白", "助詞", "助動詞")
"""SudachiPy parts of speech that are not words to learn."""
READ_AS_KNOWN = ("known", "ignored")


def is_vocabulary(token: Token) -> bool:
    """True for tokens that are words to learn (not punctuation, numerals or grammar)."""
    if not token.pos or token.pos[0] in NOT_VOCABULARY:
        return False
    if len(token.pos) > 1 and token.pos[1] == "数詞":
        return False
    return bool(token.surface.strip())


def status_spans(tokens: Iterable[Token], statuses: Mapping[tuple[str, str], str]) -> list[tuple[int, int, str]]:
    """``(start, end, status)`` for every vocabulary token: what the view colours."""
    return [(t.start, t.end, statuses.get(word_key(t), "new")) for t in tokens if is_vocabulary(t)]


@dataclass(frozen=True, slots=True)
class SectionStats:
    """Figures for one section."""

    index: int
    label: str
    tokens: int
    """Vocabulary tokens in the section."""
    known_tokens: int
    new_words: int
    """Distinct words in the section that are neither known nor ignored (learning ones included)."""

    @property
    def density(self) -> float:
        """New words per vocabulary token (0.0 for an empty section)."""
        return self.new_words / self.tokens if self.tokens else 0.0


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """Figures for the whole article."""

    tokens: int
    known_tokens: int
    words: int
    """Distinct words (by dictionary form and reading)."""
    known_words: int
    sections: tuple[SectionStats, ...]

    @property
    def share_known(self) -> float:
        """Share of the article's running words that are known (or ignored)."""
        return self.known_tokens / self.tokens if self.tokens else 0.0

    @property
    def share_words_known(self) -> float:
        """Share of the distinct words that are known (or ignored)."""
        return self.known_words / self.words if self.words else 0.0

    @property
    def new_words(self) -> int:
        return self.words - self.known_words

    @property
    def densest(self) -> SectionStats | None:
        """The section with the most new words per token (ties: the earlier one)."""
        candidates = [s for s in self.sections if s.tokens]
        if not candidates:
            return None
        return max(candidates, key=lambda s: (s.density, -s.index))


def article_stats(document: Document, analysis: Analysis, statuses: Mapping[tuple[str, str], str]) -> ArticleStats:
    """Known tokens, known words and new words per section of ``document``.

    The title counts with the first section.
    """
    words: dict[tuple[str, str], bool] = {}
    per_section: list[tuple[int, int, set[tuple[str, str]]]] = [(0, 0, set()) for _ in document.sections]
    tokens = known_tokens = 0
    for token in analysis.tokens:
        if not is_vocabulary(token):
            continue
        key = word_key(token)
        known = statuses.get(key, "new") in READ_AS_KNOWN
        words[key] = known
        tokens += 1
        known_tokens += known
        if not document.sections:
            continue
        index = document.section_at(token.start).index
        count, known_count, new = per_section[index]
        if not known:
            new.add(key)
        per_section[index] = (count + 1, known_count + known, new)
    sections = tuple(
        SectionStats(section.index, document.section_label(section), count, known_count, len(new))
        for section, (count, known_count, new) in zip(document.sections, per_section, strict=True)
    )
    return ArticleStats(tokens, known_tokens, len(words), sum(words.values()), sections)
