"""The furigana filter: which readings the learner wants to see (and copy).

One rule, shared by the screen and the excerpt formats, so an excerpt carries
exactly the readings the reader shows:

* ``"all"`` — every reading;
* ``"level"`` — readings over words above the learner's JLPT level (N1 is the
  hardest, N5 the easiest) and over words outside the JLPT lists;
* ``"unknown"`` — readings over words the learner has not marked known.

The author's ruby (Aozora 《》, HTML ``<ruby>``) is always kept: the filter
thins computed readings only.  A ruby span is kept when any token under it passes (a span over two words is
needed as soon as one of them is hard).  The JLPT levels and the study marks
come from elsewhere and are injected as ``level_of`` and ``is_known``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Literal, get_args

from reader.core.layers import RubySpan, Token

FuriganaFilter = Literal["all", "level", "unknown"]
FILTERS: tuple[str, ...] = get_args(FuriganaFilter)
"""The filter modes, in the order a setting cycles through them."""
JLPT_LEVELS = ("N5", "N4", "N3", "N2", "N1")
"""JLPT levels from the easiest to the hardest."""


def level_rank(level: str) -> int:
    """0 for N5 … 4 for N1; ``ValueError`` for anything else."""
    try:
        return JLPT_LEVELS.index(level.strip().upper())
    except ValueError:
        raise ValueError(f"JLPT level must be one of {', '.join(JLPT_LEVELS)}, not {level!r}") from None


def make_ruby_filter(
    mode: str,
    tokens: Sequence[Token] | Callable[[int, int], Sequence[Token]],
    *,
    level: str = "N3",
    level_of: Callable[[Token], str | None] = lambda t: None,
    is_known: Callable[[Token], bool] = lambda t: False,
) -> Callable[[RubySpan], bool]:
    """A predicate telling whether a ruby span's reading is shown under ``mode``.

    ``tokens`` are the analysis tokens of the same text, or a function giving
    the tokens overlapping a range (so a long text is not indexed whole);
    ``level`` is the learner's JLPT level; ``level_of`` gives a token's JLPT
    level (``None`` outside the lists); ``is_known`` tells whether the learner
    marked the token's word known.  Raises ``ValueError`` for an unknown mode
    or level.
    """
    if mode not in FILTERS:
        raise ValueError(f"furigana filter must be one of {', '.join(FILTERS)}, not {mode!r}")
    if mode == "all":
        return lambda span: True
    learner = level_rank(level)

    def wanted(token: Token) -> bool:
        if mode == "unknown":
            return not is_known(token)
        token_level = level_of(token)
        if token_level is None or token_level.strip().upper() not in JLPT_LEVELS:
            return True  # outside the JLPT lists: rare or specialised, so above any level
        return level_rank(token_level) > learner

    if callable(tokens):
        tokens_under = tokens
    else:
        ordered = sorted(tokens, key=lambda t: t.start)
        ends = [t.end for t in ordered]

        def tokens_under(start: int, end: int) -> Sequence[Token]:
            i = bisect.bisect_right(ends, start)  # first token ending after the span starts
            under = []
            while i < len(ordered) and ordered[i].start < end:
                under.append(ordered[i])
                i += 1
            return under

    def keep(span: RubySpan) -> bool:
        if span.source == "author":
            return True  # the author's ruby is part of the text: the filter thins computed readings only
        under = tokens_under(span.start, span.end)
        if not under:
            return True  # a reading over no word cannot be judged; showing it loses nothing
        return any(wanted(t) for t in under)

    return keep
