"""The layered reading pipeline (DESIGN.md, "Readings: layered, measured").

Each kanji gets its reading from the first layer that knows it:

1. author ruby given with the text (``author=`` of :meth:`Analyzer.analyse`);
2. pinned readings (``pinned=`` of :class:`Analyzer`), which always win;
3. readings the text gives itself: キム・ジョンウン(金正恩), 拿捕(だほ);
4. numbers with counters (:mod:`reader.core.analysis.counters`);
5. SudachiPy in context, with general part-of-speech fixes (:mod:`.context`);
6. pykakasi for kanji Sudachi leaves unread (loaded only when needed).

Layers 1–4 claim ranges of the text; the analyser's words fill in the rest.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis import counters
from reader.core.analysis.align import align
from reader.core.analysis.context import context_reading
from reader.core.analysis.guard import kakasi_reading
from reader.core.analysis.kana import KANJI_CLASS, KANJI_RE, has_kanji, is_digit, is_kanji, to_hiragana
from reader.core.analysis.name_readings import name_layer
from reader.core.analysis.tokens import Morph, Sudachi
from reader.core.layers import Analysis, RubySpan, Token

TokenRow = tuple[int, int, str, tuple[str, ...], str]
"""A token before it becomes a :class:`Token`: ``(start, end, lemma, pos, reading)``.

Offsets are relative to the analysed text; the surface is the text between
them.  Rows are what the cache stores and the worker process sends."""

_KATAKANA_NAME = r"[ァ-ヺー][ァ-ヺー・＝=]*[ァ-ヺー]"
_KANJI_RUN = f"[{KANJI_CLASS}]+"
_OPEN, _CLOSE = r"[(（]", r"[)）]"
NAME_THEN_KANJI = re.compile(rf"({_KATAKANA_NAME}){_OPEN}({_KANJI_RUN}){_CLOSE}")
"""キム・ジョンウン(金正恩): the kanji are read as the katakana before them."""
KANJI_THEN_KANA = re.compile(rf"({_KANJI_RUN}){_OPEN}([ぁ-ゖー・ 　]+|{_KATAKANA_NAME}){_CLOSE}")
"""拿捕(だほ), 習近平(シー・ジンピン): the kana in brackets read the kanji before them."""


@dataclass(slots=True)
class _Claims:
    """Ruby spans claimed by layers 1–4, with the characters they cover."""

    size: int
    spans: list[RubySpan]
    taken: bytearray

    @classmethod
    def empty(cls, size: int) -> _Claims:
        return cls(size, [], bytearray(size))

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

    def claim(self, group: Sequence[RubySpan], lo: int | None = None, hi: int | None = None) -> bool:
        """Take all spans of ``group`` (and the range ``lo:hi``), or none when any is taken."""
        if not group:
            return False
        lo = min(sp.start for sp in group) if lo is None else lo
        hi = max(sp.end for sp in group) if hi is None else hi
        if not self.free(lo, hi):
            return False
        if hi > lo:
            self.taken[lo:hi] = b"\x01" * (hi - lo)
        self.spans.extend(group)
        return True


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many short-lived, acyclic objects are made.

    An analysis makes about four objects a character (morphs, tuples, strings)
    and no reference cycles; the collector's passes over them were a third of
    the analysis time of a novel (3.3 s → 2.1 s without).  Reference counting
    still frees everything; the collector runs again afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _Kakasi:
    """pykakasi, loaded on first use (about 0.5 s and 150 MB)."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def reading(self, text: str) -> str:
        """Hiragana for ``text``, converted line by line (pykakasi repeats a character before ``\\n``)."""
        with self._lock:
            if self._engine is None:
                import pykakasi

                self._engine = pykakasi.kakasi()
            convert = self._engine.convert
            return "\n".join(kakasi_reading(convert, line) if line else "" for line in text.split("\n"))


_KAKASI = _Kakasi()


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
        claims = _Claims.empty(len(text))
        for span in sorted(author, key=lambda sp: sp.start):
            claims.claim([RubySpan(span.start, span.end, to_hiragana(span.reading), "author")])
        _pinned_layer(text, claims, pinned)
        found = _gloss_layer(text, claims, gloss_readings(text, lambda s, e: _morphs_in(morphs, s, e)))
        _given_layer(text, claims, found if given is None else given)
        name_layer(text, morphs, claims, self._sudachi.tokenize)
        number_readings = _counter_layer(text, morphs, claims)
        morph_readings = _context_layer(text, morphs, claims, self._sudachi)
        ruby = tuple(sorted(claims.spans, key=lambda sp: sp.start))
        return _tokens(text, morphs, ruby, number_readings, morph_readings), ruby

    def tokenize_line(self, line: str) -> list[Morph]:
        """The analyser's morphs of one line (for the readings a text gives, see :func:`gloss_readings`)."""
        return self._sudachi.tokenize(line)

    # -- layers -------------------------------------------------------------


def _pinned_layer(text: str, claims: _Claims, pinned: Mapping[str, str]) -> None:
    """Layer 2: pinned readings, longest surface first."""
    for surface in sorted(pinned, key=len, reverse=True):
        if not has_kanji(surface):
            continue
        start = text.find(surface)
        if start < 0:
            continue
        local = align(surface, pinned[surface])
        while start >= 0:
            group = [RubySpan(start + s, start + e, r, "pinned") for s, e, r in local]
            claims.claim(group, start, start + len(surface))
            start = text.find(surface, start + len(surface))


def _morph_index(morphs: Sequence[Morph]) -> tuple[set[int], dict[int, int]]:
    """Morph boundaries and, for each start offset, the morph's index."""
    bounds = {m.start for m in morphs} | {m.end for m in morphs}
    return bounds, {m.start: i for i, m in enumerate(morphs)}


def _morphs_in(morphs: Sequence[Morph], start: int, end: int) -> list[Morph]:
    return [m for m in morphs if m.start < end and m.end > start]


Gloss = tuple[int, int, str, str]
"""A reading the text gives: ``(start, end, kanji, reading)``, the span being the kanji glossed."""


def gloss_readings(text: str, morphs_in: Callable[[int, int], Sequence[Morph]]) -> list[Gloss]:
    """Readings the text gives in brackets, in the order layer 3 takes them.

    キム・ジョンウン(金正恩) first (a katakana name, then the kanji it reads),
    then 拿捕(だほ) and 習近平(シー・ジンピン) (kanji, then the kana that read them).
    ``morphs_in(start, end)`` gives the analyser's words over a range; it is
    called only where the brackets alone do not tell (a katakana gloss without
    ・ must be a name), so a pre-pass over a long text tokenises few lines.
    """
    out: list[Gloss] = []
    for m in NAME_THEN_KANJI.finditer(text):
        name = m.group(1)
        if "・" in name or "＝" in name or _is_name(morphs_in(m.start(1), m.end(1))):
            out.append((m.start(2), m.end(2), m.group(2), to_hiragana(re.sub(r"[・＝= 　]", "", name))))
    for m in KANJI_THEN_KANA.finditer(text):
        kana = m.group(2)
        hiragana_gloss = all("ぁ" <= ch <= "ゖ" or ch in "ー・ 　" for ch in kana)
        if not hiragana_gloss and not (
            "・" in kana or _is_name(morphs_in(m.start(1), m.end(1)), proper_or_unknown=True)
        ):
            continue
        out.append((m.start(1), m.end(1), m.group(1), to_hiragana(re.sub(r"[・＝= 　]", "", kana))))
    return out


def given_readings(glosses: Iterable[Gloss]) -> tuple[tuple[str, str], ...]:
    """``(kanji, reading)`` the text gives, the first gloss of each kanji winning, in text order."""
    given: dict[str, str] = {}
    for _, _, kanji, reading in glosses:
        given.setdefault(kanji, reading)
    return tuple(given.items())


def _gloss_layer(text: str, claims: _Claims, glosses: Sequence[Gloss]) -> tuple[tuple[str, str], ...]:
    """Layer 3, first half: the glossed kanji read as the text says.  Returns the given readings."""
    for start, end, _, reading in glosses:
        claims.claim([RubySpan(start, end, reading, "text")])
    return given_readings(glosses)


def _given_layer(text: str, claims: _Claims, given: Sequence[tuple[str, str]]) -> None:
    """Layer 3, second half: later (and earlier) bare mentions of glossed kanji, longest first."""
    for kanji, reading in sorted(given, key=lambda item: len(item[0]), reverse=True):
        if len(kanji) < 2:
            continue
        start = text.find(kanji)
        while start >= 0:
            claims.claim([RubySpan(start, start + len(kanji), reading, "text")])
            start = text.find(kanji, start + len(kanji))


def _is_name(ms: Sequence[Morph], proper_or_unknown: bool = False) -> bool:
    words = [m for m in ms if m.surface not in "・＝="]
    if not words:
        return False
    if proper_or_unknown:
        return all(m.oov or m.is_pos("名詞", "固有名詞") for m in words)
    return all(m.is_pos("名詞", "固有名詞", "人名") for m in words)


_KANJI_NUMERAL = frozenset(counters.KANJI_DIGITS) | frozenset(counters.KANJI_UNITS) | frozenset(counters.KANJI_BIG)


def _counter_layer(text: str, morphs: Sequence[Morph], claims: _Claims) -> dict[int, str]:
    """Layer 4: numbers and their counters.  Returns number readings by start offset."""
    bounds, _ = _morph_index(morphs)
    readings: dict[int, str] = {}
    numbers: list[tuple[int, int, bool]] = [(s, e, False) for s, e in counters.find_numbers(text)]
    # Kanji numerals count only where the analyser calls them numbers (十分 is not 10分).
    i = 0
    numeral = _KANJI_NUMERAL.issuperset
    while i < len(morphs):
        m = morphs[i]
        if m.pos[1:2] == ("数詞",) and m.pos[0] == "名詞" and numeral(m.surface):
            j = i
            while (
                j + 1 < len(morphs)
                and morphs[j + 1].start == morphs[j].end
                and morphs[j + 1].is_pos("名詞", "数詞")
                and all(ch in _KANJI_NUMERAL for ch in morphs[j + 1].surface)
            ):
                j += 1
            numbers.append((m.start, morphs[j].end, True))
            i = j + 1
        else:
            i += 1
    for start, end, kanji in sorted(numbers):
        number = text[start:end]
        counter = counters.match_counter(text, end)
        while counter and end + len(counter) not in bounds:
            counter = counters.match_counter(text[: end + len(counter) - 1], end)
        if kanji and counter is None:
            continue
        if not kanji:
            _claim_multipliers(text, start, end, claims)
        if counter is None:
            reading = counters.number_reading(number)
            if reading:
                readings[start] = reading
            continue
        c_end = end + len(counter)
        after = text[c_end : c_end + 4]
        before = text[max(0, start - 2) : start]
        num_reading, counter_reading, joined = counters.counter_reading(number, counter, after, before)
        if not num_reading:
            continue
        if joined:
            # 2日 ふつか (+ 間 かん): number and the counter's first kanji in one span.
            head = end + 1 if counter.startswith("日") else c_end
            group = [RubySpan(start, head, num_reading, "counter")]
            if counter_reading and head < c_end:
                group.append(RubySpan(head, c_end, counter_reading, "counter"))
            if claims.claim(group, start, c_end):
                readings[start] = num_reading
            continue
        if kanji:
            group = [RubySpan(start, end, num_reading, "counter")]
            if counter_reading:
                group.append(RubySpan(end, c_end, counter_reading, "counter"))
            claims.claim(group, start, c_end)
            continue
        first_kanji = next((k for k in range(end, c_end) if is_kanji(text[k])), None)
        if first_kanji is None:
            readings[start] = num_reading
            continue
        last_kanji = max(k for k in range(end, c_end) if is_kanji(text[k])) + 1
        kana_head = to_hiragana(text[end:first_kanji])
        span_reading = counter_reading[len(kana_head) :] if counter_reading.startswith(kana_head) else ""
        if span_reading and claims.claim([RubySpan(first_kanji, last_kanji, span_reading, "counter")]):
            readings[start] = num_reading
    return readings


_MULTIPLIER_READINGS = {"万": "まん", "億": "おく", "兆": "ちょう"}


def _claim_multipliers(text: str, start: int, end: int, claims: _Claims) -> None:
    """Ruby for 万/億/兆 inside an Arabic number (1万2000)."""
    for k in range(start, end):
        reading = _MULTIPLIER_READINGS.get(text[k])
        if reading:
            claims.claim([RubySpan(k, k + 1, reading, "counter")])


def _context_layer(text: str, morphs: Sequence[Morph], claims: _Claims, sudachi: Sudachi) -> dict[int, str]:
    """Layers 5 and 6: the analyser's reading in context, pykakasi where it has none.

    Returns the reading chosen for each morph (by start offset) that has one.
    """
    chosen: dict[int, str] = {}
    search = KANJI_RE.search
    for i, m in enumerate(morphs):
        if search(m.surface) is None:
            continue  # most words are kana or punctuation: nothing to read
        if claims.free(m.start, m.end):  # the common case: no earlier layer read any of it
            reading, source = context_reading(morphs, i)
            if has_kanji(reading):
                reading, source = _KAKASI.reading(m.surface), "fallback"
            chosen[m.start] = reading
            claims.claim([RubySpan(m.start + s, m.start + e, r, source) for s, e, r in align(m.surface, reading)])
            continue
        kanji_at = [k for k in range(m.start, m.end) if is_kanji(text[k])]
        if not kanji_at:
            continue
        free = [k for k in kanji_at if not claims.taken[k]]
        if not free:
            continue
        if len(free) == len(kanji_at) and claims.free(m.start, m.end):
            reading, source = context_reading(morphs, i)
            if has_kanji(reading):
                reading, source = _KAKASI.reading(m.surface), "fallback"
            chosen[m.start] = reading
            claims.claim([RubySpan(m.start + s, m.start + e, r, source) for s, e, r in align(m.surface, reading)])
            continue
        # Partly claimed (金正恩氏 after 金正恩 was given): read the rest on its own.
        k = m.start
        while k < m.end:
            if claims.taken[k]:
                k += 1
                continue
            piece_end = k
            while piece_end < m.end and not claims.taken[piece_end]:
                piece_end += 1
            piece = text[k:piece_end]
            if has_kanji(piece):
                for sub in sudachi.tokenize(piece):
                    if not has_kanji(sub.surface):
                        continue
                    reading, source = sub.reading, "context"
                    if has_kanji(reading):
                        reading, source = _KAKASI.reading(sub.surface), "fallback"
                    offset = k + sub.start
                    claims.claim(
                        [RubySpan(offset + s, offset + e, r, source) for s, e, r in align(sub.surface, reading)]
                    )
            k = piece_end
    return chosen


def _tokens(
    text: str,
    morphs: Sequence[Morph],
    ruby: Sequence[RubySpan],
    number_readings: Mapping[int, str],
    morph_readings: Mapping[int, str],
) -> list[TokenRow]:
    """Token rows from the morphs, joined where a ruby span crosses them, with readings from all layers."""
    size = len(text)
    span_end_at = [-1] * (size + 1)
    layered_at = bytearray(size + 1)  # 1 where a layer before the analyser's gave the reading
    for sp in ruby:
        for k in range(sp.start, sp.end):
            span_end_at[k] = sp.end
        if sp.source not in ("context", "fallback"):
            layered_at[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    groups: list[list[Morph]] = []
    reach = -1
    for m in morphs:
        if groups and m.start < reach and groups[-1][-1].end == m.start:
            groups[-1].append(m)
        else:
            groups.append([m])
        reach = max(reach, max(span_end_at[m.start : m.end]))
    span_at = {sp.start: sp for sp in ruby}
    rows: list[TokenRow] = []
    for group in groups:
        first = group[0]
        start, end = first.start, group[-1].end
        if len(group) == 1:
            if layered_at.find(1, start, end) < 0 and start not in number_readings:
                reading = _plain_reading(first, morph_readings)
            else:
                reading = _reading_from_spans(text, start, end, span_at, number_readings, group, morph_readings)
            rows.append((start, end, first.lemma, first.pos, reading))
            continue
        reading = _reading_from_spans(text, start, end, span_at, number_readings, group, morph_readings)
        head = max(group, key=lambda m: (m.is_pos("名詞", "固有名詞"), has_kanji(m.surface)))
        rows.append((start, end, text[start:end], head.pos, reading))
    return rows


def build_tokens(text: str, rows: Iterable[TokenRow], base: int) -> tuple[Token, ...]:
    """:class:`Token` s from rows over ``text``, offsets moved by ``base``."""
    return tuple(
        Token(start + base, end + base, text[start:end], lemma, pos, reading)
        for start, end, lemma, pos, reading in rows
    )


_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９,，.．")
_SYMBOL_POS = ("補助記号", "空白")


def _plain_reading(m: Morph, morph_readings: Mapping[int, str]) -> str:
    surface = m.surface
    if m.pos and m.pos[0] in _SYMBOL_POS:
        return surface  # Sudachi reads symbols キゴウ
    if _NUMBER_CHARS.issuperset(surface):
        return counters.number_reading(surface) or surface
    return morph_readings.get(m.start, m.reading)


def _reading_from_spans(
    text: str,
    start: int,
    end: int,
    span_at: Mapping[int, RubySpan],
    number_readings: Mapping[int, str],
    group: Sequence[Morph],
    morph_readings: Mapping[int, str],
) -> str:
    out: list[str] = []
    k = start
    morph_at = {m.start: m for m in group}
    while k < end:
        sp = span_at.get(k)
        if sp is not None:
            out.append(sp.reading)
            k = sp.end
            continue
        if k in number_readings:
            j = k
            while j < end and (is_digit(text[j]) or text[j] in ",，.．万億兆"):
                j += 1
            out.append(number_readings[k])
            k = max(j, k + 1)
            continue
        m = morph_at.get(k)
        if (
            m is not None
            and not has_kanji(m.surface)
            and m.end <= end
            and not any(j in span_at for j in range(m.start, m.end))
        ):
            out.append(_plain_reading(m, morph_readings))
            k = m.end
            continue
        out.append(to_hiragana(text[k]))
        k += 1
    return "".join(out)


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
