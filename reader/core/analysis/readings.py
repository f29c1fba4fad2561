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

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis import counters
from reader.core.analysis.align import align
from reader.core.analysis.context import context_reading
from reader.core.analysis.kana import KANJI_CLASS, has_kanji, is_digit, is_kanji, to_hiragana
from reader.core.analysis.name_readings import name_layer
from reader.core.analysis.tokens import Morph, Sudachi
from reader.core.layers import Analysis, RubySpan, Token

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
        return not any(self.taken[start:end])

    def claim(self, group: Sequence[RubySpan], lo: int | None = None, hi: int | None = None) -> bool:
        """Take all spans of ``group`` (and the range ``lo:hi``), or none when any is taken."""
        if not group:
            return False
        lo = min(sp.start for sp in group) if lo is None else lo
        hi = max(sp.end for sp in group) if hi is None else hi
        if not self.free(lo, hi):
            return False
        for i in range(lo, hi):
            self.taken[i] = 1
        self.spans.extend(group)
        return True


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
            lines = []
            for line in text.split("\n"):
                lines.append("".join(item["hira"] for item in self._engine.convert(line)) if line else "")
            return "\n".join(lines)


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
        """Tokens, ruby and romaji words of ``text``.

        ``author`` is ruby written by the author in the source (layer 1); it
        is taken as given where it does not overlap itself.
        """
        from reader.core.analysis.romaji import romanize

        with self._lock:
            morphs = self._sudachi.tokenize(text)
            ruby, number_readings, morph_readings = self._ruby(text, morphs, author)
            tokens = _tokens(text, morphs, ruby, number_readings, morph_readings)
        return Analysis(tokens=tokens, ruby=ruby, words=romanize(tokens))

    # -- layers -------------------------------------------------------------

    def _ruby(
        self, text: str, morphs: list[Morph], author: Iterable[RubySpan]
    ) -> tuple[tuple[RubySpan, ...], dict[int, str], dict[int, str]]:
        claims = _Claims.empty(len(text))
        for span in sorted(author, key=lambda sp: sp.start):
            claims.claim([RubySpan(span.start, span.end, to_hiragana(span.reading), "author")])
        self._pinned_layer(text, claims)
        _text_layer(text, morphs, claims)
        name_layer(text, morphs, claims, self._sudachi.tokenize)
        number_readings = _counter_layer(text, morphs, claims)
        morph_readings = _context_layer(text, morphs, claims, self._sudachi)
        return tuple(sorted(claims.spans, key=lambda sp: sp.start)), number_readings, morph_readings

    def _pinned_layer(self, text: str, claims: _Claims) -> None:
        for surface in sorted(self.pinned, key=len, reverse=True):
            if not has_kanji(surface):
                continue
            reading = self.pinned[surface]
            local = align(surface, reading)
            start = text.find(surface)
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


def _text_layer(text: str, morphs: Sequence[Morph], claims: _Claims) -> None:
    """Layer 3: readings the text gives in brackets, also for later bare mentions."""
    given: dict[str, str] = {}
    for m in NAME_THEN_KANJI.finditer(text):
        name, kanji = m.group(1), m.group(2)
        if "・" in name or "＝" in name or _is_name(_morphs_in(morphs, m.start(1), m.end(1))):
            reading = to_hiragana(re.sub(r"[・＝= 　]", "", name))
            claims.claim([RubySpan(m.start(2), m.end(2), reading, "text")])
            given.setdefault(kanji, reading)
    for m in KANJI_THEN_KANA.finditer(text):
        kanji, kana = m.group(1), m.group(2)
        hiragana_gloss = all("ぁ" <= ch <= "ゖ" or ch in "ー・ 　" for ch in kana)
        if not hiragana_gloss and not (
            "・" in kana or _is_name(_morphs_in(morphs, m.start(1), m.end(1)), proper_or_unknown=True)
        ):
            continue
        reading = to_hiragana(re.sub(r"[・＝= 　]", "", kana))
        claims.claim([RubySpan(m.start(1), m.end(1), reading, "text")])
        given.setdefault(kanji, reading)
    for kanji in sorted(given, key=len, reverse=True):
        if len(kanji) < 2:
            continue
        start = text.find(kanji)
        while start >= 0:
            claims.claim([RubySpan(start, start + len(kanji), given[kanji], "text")])
            start = text.find(kanji, start + len(kanji))


def _is_name(ms: Sequence[Morph], proper_or_unknown: bool = False) -> bool:
    words = [m for m in ms if m.surface not in "・＝="]
    if not words:
        return False
    if proper_or_unknown:
        return all(m.oov or m.is_pos("名詞", "固有名詞") for m in words)
    return all(m.is_pos("名詞", "固有名詞", "人名") for m in words)


_KANJI_NUMERAL = set(counters.KANJI_DIGITS) | set(counters.KANJI_UNITS) | set(counters.KANJI_BIG)


def _counter_layer(text: str, morphs: Sequence[Morph], claims: _Claims) -> dict[int, str]:
    """Layer 4: numbers and their counters.  Returns number readings by start offset."""
    bounds, _ = _morph_index(morphs)
    readings: dict[int, str] = {}
    numbers: list[tuple[int, int, bool]] = [(s, e, False) for s, e in counters.find_numbers(text)]
    # Kanji numerals count only where the analyser calls them numbers (十分 is not 10分).
    i = 0
    while i < len(morphs):
        m = morphs[i]
        if m.is_pos("名詞", "数詞") and all(ch in _KANJI_NUMERAL for ch in m.surface):
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
    for i, m in enumerate(morphs):
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
) -> tuple[Token, ...]:
    """Tokens from the morphs, joined where a ruby span crosses them, with readings from all layers."""
    groups: list[list[Morph]] = []
    span_end_at: dict[int, int] = {}
    for sp in ruby:
        for k in range(sp.start, sp.end):
            span_end_at[k] = sp.end
    reach = -1
    for m in morphs:
        if groups and m.start < reach and groups[-1][-1].end == m.start:
            groups[-1].append(m)
        else:
            groups.append([m])
        reach = max(reach, max((span_end_at.get(k, -1) for k in range(m.start, m.end)), default=-1))
    span_at = {sp.start: sp for sp in ruby}
    source_at = {k: sp.source for sp in ruby for k in range(sp.start, sp.end)}
    tokens: list[Token] = []
    for group in groups:
        first, last = group[0], group[-1]
        start, end = first.start, last.end
        surface = text[start:end]
        layered = any(source_at.get(k, "context") not in ("context", "fallback") for k in range(start, end))
        if len(group) == 1 and not layered and start not in number_readings:
            reading = _plain_reading(first, morph_readings)
        else:
            reading = _reading_from_spans(text, start, end, span_at, number_readings, group, morph_readings)
        head = max(group, key=lambda m: (m.is_pos("名詞", "固有名詞"), has_kanji(m.surface)))
        pos = head.pos if len(group) > 1 else first.pos
        lemma = first.lemma if len(group) == 1 else surface
        tokens.append(Token(start, end, surface, lemma, pos, reading))
    return tuple(tokens)


def _plain_reading(m: Morph, morph_readings: Mapping[int, str]) -> str:
    if m.pos[:1] in (("補助記号",), ("空白",)):
        return m.surface  # Sudachi reads symbols キゴウ
    if all(is_digit(ch) or ch in ",，.．" for ch in m.surface):
        return counters.number_reading(m.surface) or m.surface
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
