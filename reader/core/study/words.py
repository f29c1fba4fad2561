"""Words as the study deck knows them: a key, a source sentence, a meaning.

A mark keys on the dictionary form and *its* reading, so every inflection of
a word is one word: 強めたい (強め + たい) and 強める are both
``("強める", "つよめる")``.  A card keeps the sentence the word was met in,
with the readings over its kanji, so it can be shown and exported without
analysing the article again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.analysis.kana import has_kanji, is_kana, to_hiragana
from reader.core.document import Document
from reader.core.layers import RubySpan, Token

IRREGULAR_STEMS = {"来る": "くる", "來る": "くる"}
"""Verbs whose stem reading changes with the inflection (来ない こ, 来ます き)."""


def _kana_tail(text: str) -> str:
    """The trailing run of kana in ``text`` (okurigana)."""
    end = len(text)
    start = end
    while start > 0 and is_kana(text[start - 1]):
        start -= 1
    return text[start:end]


def lemma_reading(surface: str, lemma: str, reading: str) -> str:
    """The reading of ``lemma`` given the reading of an inflected ``surface``.

    The stem keeps its reading in context (行った いった → 行く いく); only the
    okurigana change: the surface's kana tail is cut from its reading and the
    lemma's kana tail put in its place.  Kana-only lemmas read as written.
    """
    if not has_kanji(lemma):
        return to_hiragana(lemma)
    if lemma == surface:
        return reading
    if lemma in IRREGULAR_STEMS:
        return IRREGULAR_STEMS[lemma]
    surface_tail = to_hiragana(_kana_tail(surface))
    lemma_tail = to_hiragana(_kana_tail(lemma))
    surface_stem = surface[: len(surface) - len(surface_tail)]
    lemma_stem = lemma[: len(lemma) - len(lemma_tail)]
    if surface_stem != lemma_stem or not reading.endswith(surface_tail):
        # A different spelling of the stem (rare with SudachiPy's dictionary
        # form): keep the reading met in the text rather than guess.
        return reading
    return reading[: len(reading) - len(surface_tail)] + lemma_tail


def word_key(token: Token) -> tuple[str, str]:
    """``(dictionary form, its reading)``: the key of the word's mark and card."""
    lemma = token.lemma or token.surface
    return lemma, lemma_reading(token.surface, lemma, token.reading)


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """The sentence a word was met in, as a card keeps it.

    ``word_start``/``word_end`` are offsets of the word inside ``text``;
    ``offset`` is where the sentence starts in the article; ``ruby`` holds
    ``(start, end, reading)`` over kanji, relative to ``text``.
    """

    text: str
    word_start: int
    word_end: int
    offset: int = 0
    ruby: tuple[tuple[int, int, str], ...] = ()

    @property
    def word(self) -> str:
        return self.text[self.word_start : self.word_end]

    def ruby_json(self) -> str:
        return json.dumps([list(r) for r in self.ruby], ensure_ascii=False)

    @staticmethod
    def ruby_from_json(raw: str | None) -> tuple[tuple[int, int, str], ...]:
        """Parse the stored ruby; anything unreadable is no ruby."""
        try:
            items = json.loads(raw or "[]")
            return tuple((int(s), int(e), str(r)) for s, e, r in items)
        except (ValueError, TypeError):
            return ()

    @classmethod
    def from_article(cls, document: Document, start: int, end: int, ruby: Iterable[RubySpan] = ()) -> SourceSentence:
        """The sentence of ``document`` around the word ``text[start:end]``."""
        span = document.sentence_at(start)
        s_start, s_end = (span.start, span.end) if span is not None else (start, end)
        s_end = max(s_end, end)
        text = document.text[s_start:s_end].strip("\n")
        inside = tuple(
            (r.start - s_start, r.end - s_start, r.reading) for r in ruby if r.start >= s_start and r.end <= s_end
        )
        return cls(text, start - s_start, end - s_start, s_start, inside)


def anki_furigana(sentence: SourceSentence, bold_word: bool = False) -> str:
    """The sentence in Anki's furigana format: `` 漢字[かんじ]`` with a space before each annotated word.

    Anki takes the run before ``[`` back to a space (or ``>``) as the base, and
    hides the space.  With ``bold_word`` the studied word is wrapped in
    ``<b>…</b>`` and the text is HTML-escaped (Anki fields are HTML).
    """
    from html import escape

    text = sentence.text
    ruby = sorted(sentence.ruby)
    out: list[str] = []
    position = 0
    boundaries = {sentence.word_start, sentence.word_end} if bold_word else set()

    def plain(start: int, end: int) -> None:
        cut = start
        for point in sorted(b for b in boundaries if start <= b <= end):
            piece = text[cut:point]
            out.append(escape(piece, quote=False) if bold_word else piece)
            out.append("<b>" if point == sentence.word_start else "</b>")
            cut = point
        piece = text[cut:end]
        out.append(escape(piece, quote=False) if bold_word else piece)

    for start, end, reading in ruby:
        if start < position or end > len(text):
            continue
        plain(position, start)
        written = "".join(out)
        if written and not written.endswith((" ", ">")):
            out.append(" ")
        base = text[start:end]
        out.append(f"{escape(base, quote=False) if bold_word else base}[{reading}]")
        position = end
    plain(position, len(text))
    return "".join(out)


def inline_furigana(sentence: SourceSentence, skip_word: bool = False) -> str:
    """The sentence with readings in brackets after each kanji word: 大統領(だいとうりょう)."""
    text = sentence.text
    out: list[str] = []
    position = 0
    for start, end, reading in sorted(sentence.ruby):
        if start < position:
            continue
        if skip_word and start < sentence.word_end and end > sentence.word_start:
            continue
        out.append(text[position:end])
        out.append(f"({reading})")
        position = end
    out.append(text[position:])
    return "".join(out)


def meaning_of(lemma: str, reading: str, senses: int = 3) -> str:
    """English glosses of the word from JMdict, ``"; "``-joined; ``""`` when not found.

    Uses the lexicon's ``lookup_word`` when it is there, else jamdict directly.
    Raises ``DictionaryUnavailable`` when there is no dictionary at all.
    """
    try:
        from reader.core.lexicon.dictionary import lookup_word
    except ImportError:
        return _jamdict_meaning(lemma, reading, senses)
    entry = lookup_word(lemma, lemma, reading)
    return entry.short_meaning(senses) if entry is not None else ""


def _jamdict_meaning(lemma: str, reading: str, senses: int) -> str:
    from reader.core.lexicon import jamdict_for_thread

    jam = jamdict_for_thread()
    result = jam.lookup(lemma, strict_lookup=True, lookup_chars=False, lookup_ne=False)
    entries = list(result.entries)
    hiragana = to_hiragana(reading)
    matching = [e for e in entries if any(to_hiragana(k.text) == hiragana for k in e.kana_forms)]
    for entry in matching or entries:
        glosses = [
            ", ".join(g.text for g in sense.gloss if getattr(g, "lang", "eng") in ("eng", "", None))
            for sense in entry.senses
        ]
        glosses = [g for g in glosses if g]
        if glosses:
            return "; ".join(glosses[:senses])
    return ""
