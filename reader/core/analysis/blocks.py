"""Analysis block by block, with the same results as analysing the whole text.

A long text is analysed in blocks (the title, headings and paragraphs of
:meth:`Document.blocks`, each widened to its whole line): the screen asks for
the blocks it shows first and the rest later, a block met twice is analysed
once, and results are cached per block (:mod:`.cache`).

A block's readings depend on a few facts about the whole text, gathered by a
fast pre-pass into a :class:`TextContext`: the readings the text gives
(キム・ジョンウン(金正恩) reads a later bare 金正恩), the pinned readings, and
the author's ruby.  Everything else the layers look at lies within a line.

Block analysis and :meth:`Analyzer.analyse` of the whole text give the same
tokens and ruby (``tests/core/test_blocks.py`` checks it), except:

* lines that hold only white space are in no block, so their space tokens are
  not produced (nothing reads them: they are neither words nor readings);
* a word's context never reaches into the line before it.  The whole-text
  analyser looked back across a line break for the case particles of 行った
  (会談を / 行った on two lines); per block a paragraph is its own clause,
  which is right for paragraphs.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import marshal
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from reader.core.analysis.gc_pause import gc_paused
from reader.core.analysis.guard import pieces
from reader.core.analysis.kana import to_hiragana
from reader.core.analysis.token_rows import TokenRow, build_tokens
from reader.core.layers import Analysis, RubySpan, Token

if TYPE_CHECKING:
    from reader.core.analysis.readings import Analyzer
    from reader.core.analysis.tokens import Morph
    from reader.core.document import Document

ANALYSER_VERSION = "blocks-2"
"""Bump when the analyser's results change: it is part of every cache key
(with the versions of SudachiPy, its dictionary and pykakasi)."""

PAYLOAD_FORMAT = 1
"""Version of the encoded block (:func:`encode_block`)."""


_ENGINES = (("sudachipy", "sudachipy"), ("sudachidict_core", "sudachidict_core"), ("pykakasi", "pykakasi"))
"""(module, distribution name normalised) of the engines whose versions key the cache."""


def _version(module: str, dist: str) -> str:
    """The installed version of ``dist``, from the ``.dist-info`` folder beside ``module`` (not imported).

    ``importlib.metadata`` scans every folder of the path (about 40 ms each
    here); the folder beside the package is found in one listing.
    """
    import importlib.util
    import os

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        site = os.path.dirname(os.path.dirname(spec.origin))
        with contextlib.suppress(OSError):
            for entry in os.listdir(site):
                name, _, rest = entry.partition("-")
                if rest.endswith(".dist-info") and name.lower().replace("-", "_") == dist:
                    return rest[: -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


@cache
def engine_versions() -> str:
    """The analyser version and the versions of the engines and dictionary (found without importing them)."""
    return ";".join([ANALYSER_VERSION, *(f"{dist}={_version(module, dist)}" for module, dist in _ENGINES)])


@dataclass(frozen=True, slots=True)
class BlockAnalysis:
    """Tokens and ruby of one block, with absolute offsets into the document text."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    ruby: tuple[RubySpan, ...]


@dataclass(frozen=True, slots=True)
class TextContext:
    """The whole-text facts a block's readings depend on (see the module docstring)."""

    given: tuple[tuple[str, str], ...]
    """Readings the text gives, ``(kanji, reading)``, the first gloss of each kanji, in text order."""
    pinned: tuple[tuple[str, str], ...]
    """Pinned readings ``(surface, hiragana)``, sorted."""
    author_rows: tuple[tuple[int, int, str, str], ...]
    """The author's ruby as ``(start, end, reading, source)``, absolute offsets, sorted by start.

    Kept as plain tuples: a novel has thousands, and a block needs only its own
    as :class:`RubySpan` objects (:meth:`for_block`), so reopening a text does not
    build them all before the first paint.
    """
    _author_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_author_starts", [row[0] for row in self.author_rows])

    @property
    def fingerprint(self) -> str:
        """A hash of everything in the context (part of the keys of whole-text results)."""
        return _digest(repr((self.given, self.pinned, [row[:3] for row in self.author_rows])))

    def for_block(self, block: str, start: int, end: int) -> BlockContext:
        """What of the context applies to ``block`` (= ``text[start:end]``), offsets relative to it."""
        lo = bisect.bisect_left(self._author_starts, start)
        hi = bisect.bisect_left(self._author_starts, end)
        author = tuple(
            RubySpan(s - start, e - start, reading, source)
            for s, e, reading, source in self.author_rows[lo:hi]
            if e <= end
        )
        given = tuple(item for item in self.given if item[0] in block)
        pinned = tuple(item for item in self.pinned if item[0] in block)
        return BlockContext(given, pinned, author)

    def encode(self) -> bytes:
        """The context as bytes (for the cache)."""
        return marshal.dumps((PAYLOAD_FORMAT, self.given, self.pinned, self.author_rows))

    @classmethod
    def decode(cls, payload: bytes) -> TextContext:
        """The context from :meth:`encode` (``ValueError`` when the bytes are not one)."""
        try:
            fmt, given, pinned, author = marshal.loads(payload)
            if fmt != PAYLOAD_FORMAT:
                raise ValueError("old format")
            for row in author:
                s, e, reading, source = row
                if type(row) is not tuple or type(s) is not int or type(e) is not int:
                    raise ValueError("a ruby span that is not (start, end, reading, source)")
                if type(reading) is not str or type(source) is not str:
                    raise ValueError("a ruby span that is not (start, end, reading, source)")
            return cls(
                tuple((str(k), str(r)) for k, r in given),
                tuple((str(k), str(r)) for k, r in pinned),
                tuple(author),
            )
        except (EOFError, TypeError, ValueError) as error:
            raise ValueError(f"not a text context: {error}") from None


@dataclass(frozen=True, slots=True)
class BlockContext:
    """The part of a :class:`TextContext` that applies to one block (offsets relative to it)."""

    given: tuple[tuple[str, str], ...]
    pinned: tuple[tuple[str, str], ...]
    author: tuple[RubySpan, ...]

    def key(self, block: str) -> bytes:
        """The cache key of ``block`` analysed in this context: equal keys, equal results."""
        author = [(sp.start, sp.end, sp.reading, sp.source) for sp in self.author]
        h = hashlib.blake2b(digest_size=20)
        h.update(engine_versions().encode())
        h.update(b"\x00")
        h.update(repr((self.given, self.pinned, author)).encode())
        h.update(b"\x00")
        h.update(block.encode("utf-8", "surrogatepass"))
        return h.digest()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def text_digest(text: str) -> str:
    """A hash of the text and the engine versions (the start of whole-text cache keys)."""
    return _digest(engine_versions() + "\x00" + text)


def text_context(
    text: str,
    *,
    pinned: Mapping[str, str],
    author_ruby: Sequence[RubySpan] = (),
    analyzer: Analyzer | None = None,
) -> TextContext:
    """The :class:`TextContext` of ``text``: a regular-expression pass over the text.

    The analyser (``analyzer``, or a new one) tokenises only the lines where
    brackets hold a katakana gloss whose kind only the words tell (a name
    without ・); most texts have none or a few.
    """
    from reader.core.analysis.readings import Analyzer, given_readings, gloss_readings

    line_morphs: dict[int, list[Morph]] = {}

    def morphs_in(start: int, end: int) -> list[Morph]:
        nonlocal analyzer
        line_start = text.rfind("\n", 0, start) + 1
        morphs = line_morphs.get(line_start)
        if morphs is None:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            if analyzer is None:
                analyzer = Analyzer()
            morphs = analyzer.tokenize_line(text[line_start:line_end])
            for m in morphs:
                m.start += line_start
                m.end += line_start
            line_morphs[line_start] = morphs
        return [m for m in morphs if m.start < end and m.end > start]

    given = given_readings(gloss_readings(text, morphs_in))
    pins = tuple(sorted((k, to_hiragana(v)) for k, v in pinned.items() if k and v))
    author = tuple(sorted(((sp.start, sp.end, sp.reading, sp.source) for sp in author_ruby), key=lambda r: r[:2]))
    return TextContext(given, pins, author)


def block_spans(document: Document) -> list[tuple[int, int]]:
    """The spans to analyse for ``document``: its blocks widened to whole lines, long lines in pieces.

    Widening keeps a paragraph's indentation in the block (the analyser sees
    the line as the whole-text analysis does); a line longer than
    :data:`~reader.core.analysis.guard.MAX_PIECE` is cut where the tokeniser
    cuts it anyway, so a text without newlines still comes in blocks.
    """
    text = document.text
    lines: set[tuple[int, int]] = set()
    for _, span, _ in document.blocks():
        if span.end <= span.start:
            continue
        start = text.rfind("\n", 0, span.start) + 1
        end = text.find("\n", span.end)
        lines.add((start, len(text) if end < 0 else end))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(lines):
        if spans and start < spans[-1][1]:
            continue  # two blocks on one line: the line is one span
        spans.extend((start + s, start + e) for s, e in pieces(text[start:end]))
    return spans


def analyse_block_rows(
    analyzer: Analyzer, text: str, start: int, end: int, context: TextContext
) -> tuple[list[TokenRow], tuple[RubySpan, ...]]:
    """Token rows and ruby of ``text[start:end]``, offsets relative to ``start``."""
    block = text[start:end]
    local = context.for_block(block, start, end)
    rows, ruby = analyzer.analyse_rows(block, local.author, given=local.given, pinned=dict(local.pinned))
    if local.author:
        # The author's readings exactly as written (以太利《イタリー》 stays katakana), as
        # reader.core.sources.author.with_author_readings gives them for the whole text.
        written = {(sp.start, sp.end): sp.reading for sp in local.author}
        ruby = tuple(
            RubySpan(sp.start, sp.end, written[(sp.start, sp.end)], sp.source)
            if sp.source == "author" and (sp.start, sp.end) in written
            else sp
            for sp in ruby
        )
    return rows, ruby


def analyse_block(analyzer: Analyzer, text: str, start: int, end: int, context: TextContext) -> BlockAnalysis:
    """The analysis of the block ``text[start:end]`` (absolute offsets)."""
    rows, ruby = analyse_block_rows(analyzer, text, start, end, context)
    return BlockAnalysis(start, end, build_tokens(text[start:end], rows, start), shift_ruby(ruby, start))


def shift_ruby(ruby: Iterable[RubySpan], base: int) -> tuple[RubySpan, ...]:
    """Ruby spans with offsets moved by ``base``."""
    return tuple(RubySpan(sp.start + base, sp.end + base, sp.reading, sp.source) for sp in ruby)


def merge_blocks(blocks: Iterable[BlockAnalysis]) -> Analysis:
    """The whole-text :class:`Analysis` from block analyses (in any order, each block once)."""
    tokens: list[Token] = []
    ruby: list[RubySpan] = []
    for block in sorted(blocks, key=lambda b: b.start):
        tokens.extend(block.tokens)
        ruby.extend(block.ruby)
    return Analysis(tuple(tokens), tuple(ruby))


# -- encoded blocks: what the cache stores and the worker process sends ----------

_POS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""One tuple per part of speech in this process, however many blocks were decoded."""


def encode_block(block: str, rows: Sequence[TokenRow], ruby: Sequence[RubySpan]) -> bytes:
    """Rows and ruby of ``block`` (offsets relative to it) as compact bytes, with a checksum.

    A lemma or reading equal to the surface is stored as ``None``; parts of
    speech are stored once per block (marshal shares repeated objects).
    """
    compact = []
    for start, end, lemma, pos, reading in rows:
        surface = block[start:end]
        compact.append((start, end, None if lemma == surface else lemma, pos, None if reading == surface else reading))
    spans = tuple((sp.start, sp.end, sp.reading, sp.source) for sp in ruby)
    data = marshal.dumps((PAYLOAD_FORMAT, len(block), tuple(compact), spans))
    return zlib.crc32(data).to_bytes(4, "big") + data


def _load(block: str, payload: bytes) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    data = payload[4:]
    if len(payload) < 5 or zlib.crc32(data).to_bytes(4, "big") != payload[:4]:
        raise ValueError("not an encoded block: checksum mismatch")
    try:
        fmt, size, compact, spans = marshal.loads(data)
    except (EOFError, TypeError, ValueError) as error:
        raise ValueError(f"not an encoded block: {error}") from None
    if fmt != PAYLOAD_FORMAT or size != len(block):
        raise ValueError("not an encoded block of this text: format or size differ")
    return compact, spans


def decode_rows(block: str, payload: bytes) -> tuple[list[TokenRow], tuple[RubySpan, ...]]:
    """Rows and ruby from :func:`encode_block`; ``ValueError`` for bytes that are not a block of ``block``."""
    rows = [(t.start, t.end, t.lemma, t.pos, t.reading) for t in decode_block(block, 0, len(block), payload).tokens]
    ruby = tuple(RubySpan(s, e, r, src) for s, e, r, src in _load(block, payload)[1])
    return rows, ruby


def decode_block(text: str, start: int, end: int, payload: bytes) -> BlockAnalysis:
    """The :class:`BlockAnalysis` of ``text[start:end]`` from its encoded rows (one pass, no rows between)."""
    block = text[start:end]
    with gc_paused():
        return _decode(block, start, end, payload)


def _decode(block: str, start: int, end: int, payload: bytes) -> BlockAnalysis:
    compact, spans = _load(block, payload)
    intern = _POS.setdefault
    tokens: list[Token] = []
    append = tokens.append
    try:
        for s, e, lemma, pos, reading in compact:
            surface = block[s:e]
            append(
                Token(
                    s + start,
                    e + start,
                    surface,
                    surface if lemma is None else lemma,
                    intern(pos, pos),
                    surface if reading is None else reading,
                )
            )
        ruby = tuple(RubySpan(s + start, e + start, r, src) for s, e, r, src in spans)
    except (TypeError, ValueError) as error:
        raise ValueError(f"not an encoded block: {error}") from None
    return BlockAnalysis(start, end, tuple(tokens), ruby)


__all__ = [
    "ANALYSER_VERSION",
    "BlockAnalysis",
    "BlockContext",
    "TextContext",
    "analyse_block",
    "analyse_block_rows",
    "block_spans",
    "decode_block",
    "decode_rows",
    "encode_block",
    "engine_versions",
    "merge_blocks",
    "shift_ruby",
    "text_context",
    "text_digest",
]
