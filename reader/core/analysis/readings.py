"""The layered reading pipeline (DESIGN.md, "Readings: layered, measured").

Each kanji gets its reading from the first layer that knows it:

1. author ruby given with the text (``author=`` of :meth:`Analyzer.analyse`);
2. pinned readings (``pinned=`` of :class:`Analyzer`), which always win;
3. readings the text gives itself: キム・ジョンウン(金正恩), 拿捕(だほ);
4. numbers with counters (:mod:`reader.core.analysis.counters`);
5. SudachiPy in context, with general part-of-speech fixes (:mod:`.context`);
6. pykakasi for kanji Sudachi leaves unread (loaded only when needed).

Layers 1–4 claim ranges of the text; the analyser's words fill in the rest.

:class:`Analyzer` runs the layers in that order; the layers themselves and
:class:`~reader.core.analysis.reading_layers.Claims`, the ranges they took,
are in :mod:`reader.core.analysis.reading_layers`, and the token rows made
from the result in :mod:`reader.core.analysis.token_rows`.  Their public
names are imported here too, where they were first defined.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence

from reader.core.analysis.gc_pause import gc_paused
from reader.core.analysis.kana import to_hiragana
from reader.core.analysis.name_readings import name_layer
from reader.core.analysis.reading_layers import (
    _KAKASI,
    KANJI_THEN_KANA,
    NAME_THEN_KANJI,
    Claims,
    Gloss,
    context_layer,
    counter_layer,
    given_layer,
    given_readings,
    gloss_layer,
    gloss_readings,
    pinned_layer,
)
from reader.core.analysis.token_rows import TokenRow, build_tokens, token_rows
from reader.core.analysis.tokens import Morph, Sudachi
from reader.core.layers import Analysis, RubySpan


class Analyzer:
    """Readings, tokens and romaji of a text, through the layers above.

    ``pinned`` maps a surface to its hiragana reading; it wins over every
    other layer wherever the surface occurs.  :meth:`load` and :meth:`analyse`
    may be called from any thread.
    """

    def __init__(self, pinned: Mapping[str, str] | None = None, mode: str = "C") -> None:
        self.pinned: dict[str, str] = {k: to_hiragana(v) for k, v in (pinned or {}).items() if k and v}
        self._sudachi = Sudachi(mode)
        self._lock = threading.RLock()

    @property
    def loaded(self) -> bool:
        return self._sudachi.loaded

    def load(self) -> None:
        """Load SudachiPy (idempotent).  pykakasi is loaded only if an unread kanji needs it."""
        self._sudachi.load()

    def analyse(self, text: str, author: Iterable[RubySpan] = ()) -> Analysis:
        """Tokens and ruby of the whole of ``text``.

        ``author`` is ruby written by the author in the source (layer 1); it
        is taken as given where it does not overlap itself.  Romaji is not
        part of the analysis: :func:`~reader.core.analysis.romaji.romanize`
        makes it from the tokens where it is shown.  For long texts, analyse
        block by block (:mod:`reader.core.analysis.blocks`): same results.
        """
        rows, ruby = self.analyse_rows(text, author, given=None, pinned=self.pinned)
        return Analysis(tokens=build_tokens(text, rows, 0), ruby=ruby)

    def analyse_rows(
        self,
        text: str,
        author: Iterable[RubySpan],
        *,
        given: Sequence[tuple[str, str]] | None,
        pinned: Mapping[str, str],
    ) -> tuple[list[TokenRow], tuple[RubySpan, ...]]:
        """Token rows and ruby of ``text`` (offsets into ``text``).

        ``given`` holds the readings the whole text gives (kanji, reading) in
        the order the text gives them, for a block of a longer text; ``None``
        finds them in ``text`` itself.  ``pinned`` maps surfaces to hiragana.
        """
        with self._lock, gc_paused():
            # In a function of its own so that the morphs and claims are freed before the
            # collector runs again (it would otherwise walk them once on the way out).
            return self._rows(text, author, given, pinned)

    def _rows(
        self,
        text: str,
        author: Iterable[RubySpan],
        given: Sequence[tuple[str, str]] | None,
        pinned: Mapping[str, str],
    ) -> tuple[list[TokenRow], tuple[RubySpan, ...]]:
        morphs = self._sudachi.tokenize(text)
        claims = Claims.empty(len(text))
        for span in sorted(author, key=lambda sp: sp.start):
            claims.claim([RubySpan(span.start, span.end, to_hiragana(span.reading), "author")])
        pinned_layer(text, claims, pinned)
        found = gloss_layer(text, claims, gloss_readings(text, lambda s, e: _morphs_in(morphs, s, e)))
        given_layer(text, claims, found if given is None else given)
        name_layer(text, morphs, claims, self._sudachi.tokenize)
        number_readings = counter_layer(text, morphs, claims)
        morph_readings = context_layer(text, morphs, claims, self._sudachi)
        ruby = tuple(sorted(claims.spans, key=lambda sp: sp.start))
        return token_rows(text, morphs, ruby, number_readings, morph_readings), ruby

    def tokenize_line(self, line: str) -> list[Morph]:
        """The analyser's morphs of one line (for the readings a text gives, see :func:`gloss_readings`)."""
        return self._sudachi.tokenize(line)


def _morphs_in(morphs: Sequence[Morph], start: int, end: int) -> list[Morph]:
    return [m for m in morphs if m.start < end and m.end > start]


_DEFAULT: Analyzer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_analyzer() -> Analyzer:
    """The shared analyser used by :func:`analyse`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Analyzer()
        return _DEFAULT


def analyse(text: str) -> Analysis:
    """Analyse ``text`` with the shared default :class:`Analyzer`."""
    return default_analyzer().analyse(text)


def kakasi_loaded() -> bool:
    """True once pykakasi has been loaded (for tests and benchmarks)."""
    return _KAKASI.loaded


__all__ = [
    "KANJI_THEN_KANA",
    "NAME_THEN_KANJI",
    "Analyzer",
    "Gloss",
    "TokenRow",
    "analyse",
    "build_tokens",
    "default_analyzer",
    "gc_paused",
    "given_readings",
    "gloss_readings",
    "kakasi_loaded",
]
