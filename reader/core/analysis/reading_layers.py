"""The layers of the reading pipeline (:mod:`reader.core.analysis.readings`), each claiming ranges of the text.

:class:`Claims` holds the ranges taken so far; a layer reads only what no
earlier layer read.  In the order :class:`~reader.core.analysis.readings.Analyzer`
runs them: pinned readings (:func:`pinned_layer`), the readings the text
gives in brackets and their later bare mentions (:func:`gloss_readings`,
:func:`gloss_layer`, :func:`given_layer`), people's names
(:func:`~reader.core.analysis.name_readings.name_layer`), numbers with
counters (:func:`counter_layer`), and the analyser's reading in context with
pykakasi where it has none (:func:`context_layer`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis import counters
from reader.core.analysis.align import align
from reader.core.analysis.context import context_reading
from reader.core.analysis.guard import kakasi_reading
from reader.core.analysis.kana import KANJI_CLASS, KANJI_RE, has_kanji, is_kanji, to_hiragana
from reader.core.analysis.tokens import Morph, Sudachi
from reader.core.layers import RubySpan

_KATAKANA_NAME = r"[ァ-ヺー][ァ-ヺー・＝=]*[ァ-ヺー]"
_KANJI_RUN = f"[{KANJI_CLASS}]+"
_OPEN, _CLOSE = r"[(（]", r"[)）]"
NAME_THEN_KANJI = re.compile(rf"({_KATAKANA_NAME}){_OPEN}({_KANJI_RUN}){_CLOSE}")
"""キム・ジョンウン(金正恩): the kanji are read as the katakana before them."""
KANJI_THEN_KANA = re.compile(rf"({_KANJI_RUN}){_OPEN}([ぁ-ゖー・ 　]+|{_KATAKANA_NAME}){_CLOSE}")
"""拿捕(だほ), 習近平(シー・ジンピン): the kana in brackets read the kanji before them."""


@dataclass(slots=True)
class Claims:
    """Ruby spans claimed by layers 1–4, with the characters they cover.

    The :class:`~reader.core.analysis.name_readings.Claims` that the name layer is given.
    """

    size: int
    spans: list[RubySpan]
    taken: bytearray

    @classmethod
    def empty(cls, size: int) -> Claims:
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


def pinned_layer(text: str, claims: Claims, pinned: Mapping[str, str]) -> None:
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


def gloss_layer(text: str, claims: Claims, glosses: Sequence[Gloss]) -> tuple[tuple[str, str], ...]:
    """Layer 3, first half: the glossed kanji read as the text says.  Returns the given readings."""
    for start, end, _, reading in glosses:
        claims.claim([RubySpan(start, end, reading, "text")])
    return given_readings(glosses)


def given_layer(text: str, claims: Claims, given: Sequence[tuple[str, str]]) -> None:
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


def counter_layer(text: str, morphs: Sequence[Morph], claims: Claims) -> dict[int, str]:
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


def _claim_multipliers(text: str, start: int, end: int, claims: Claims) -> None:
    """Ruby for 万/億/兆 inside an Arabic number (1万2000)."""
    for k in range(start, end):
        reading = _MULTIPLIER_READINGS.get(text[k])
        if reading:
            claims.claim([RubySpan(k, k + 1, reading, "counter")])


def context_layer(text: str, morphs: Sequence[Morph], claims: Claims, sudachi: Sudachi) -> dict[int, str]:
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
        if all(claims.taken[k] for k in range(m.start, m.end) if is_kanji(text[k])):
            continue  # every kanji of it already read
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
