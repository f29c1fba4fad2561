"""The disk cache's side of the service: the keys a text's context and whole-text results are stored under,
and :func:`cached_blocks`, the blocks the cache holds read at once (the screen's first paint on reopening a text).

Blocks are stored under keys of their own (:meth:`~reader.core.analysis.blocks.TextContext.key`) as the
compact bytes of :func:`~reader.core.analysis.blocks.encode_block`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reader.core.analysis.blocks import BlockAnalysis, TextContext, decode_block, text_digest
from reader.core.analysis.cache import AnalysisCache
from reader.core.layers import RubySpan

if TYPE_CHECKING:
    from reader.core.analysis.service.options import WholeTextOptions


def context_key(digest: str, pinned: Mapping[str, str], author_ruby: Sequence[RubySpan]) -> bytes:
    """The cache key of a text's :class:`TextContext`."""
    author = sorted((sp.start, sp.end, sp.reading, sp.source) for sp in author_ruby)
    return ("context\x00" + digest + repr((sorted(pinned.items()), author))).encode("utf-8", "surrogatepass")


def results_key(digest: str, context: TextContext, options: WholeTextOptions) -> bytes:
    """The cache key of a text's entities and glossary."""
    return ("results\x00" + digest + context.fingerprint + options.fingerprint()).encode("utf-8", "surrogatepass")


def cached_blocks(
    cache: AnalysisCache,
    text: str,
    spans: Sequence[tuple[int, int]],
    indices: Sequence[int],
    *,
    pinned: Mapping[str, str],
    author_ruby: Sequence[RubySpan] = (),
) -> dict[int, BlockAnalysis]:
    """The blocks at ``indices`` that the cache holds, read at once in this thread (no engine is loaded).

    For the screen's first paint on reopening a text: a screenful takes a few
    milliseconds.  Empty when the text was never analysed with these pins.
    """
    payload = cache.get(context_key(text_digest(text), pinned, author_ruby))
    if payload is None:
        return {}
    try:
        context = TextContext.decode(payload)
    except ValueError:
        return {}
    keys = {}
    for i in indices:
        start, end = spans[i]
        keys[i] = context.for_block(text[start:end], start, end).key(text[start:end])
    found = cache.get_many(list(keys.values()))
    out: dict[int, BlockAnalysis] = {}
    for i, key in keys.items():
        if key in found:
            with contextlib.suppress(ValueError):
                out[i] = decode_block(text, spans[i][0], spans[i][1], found[key])
    return out
