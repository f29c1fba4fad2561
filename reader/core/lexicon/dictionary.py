"""Dictionary look-up: JMdict words, JMnedict names and KANJIDIC2 kanji.

:func:`lookup_word` takes a word as the analyser split it (surface, dictionary
form, reading in context, part of speech) and gives a :class:`WordEntry` of
plain, frozen data, safe to hand to any thread; :func:`lookup_kanji` gives a
:class:`KanjiEntry`.  Both are cached, so a word met again costs a dictionary
look-up in memory only.  The SQLite connection behind them is the calling
thread's own (:func:`~reader.core.lexicon.jam.jamdict_for_thread`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.kana import has_kanji, to_hiragana
from reader.core.lexicon.jam import jamdict_for_thread
from reader.core.lexicon.levels import kanji_level, word_level

COMMON_PRIORITIES = frozenset({"news1", "ichi1", "spec1", "spec2", "gai1"})
"""JMdict priority tags that mark a common word (as jisho.org and others show it)."""
_WILDCARDS = frozenset("%_*?")


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of an entry: English glosses, parts of speech and tags."""

    glosses: tuple[str, ...]
    pos: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    """Usage notes: "usually written using kana alone", a field, a dialect, a name type."""


@dataclass(frozen=True, slots=True)
class KanjiEntry:
    """A kanji from KANJIDIC2, with its JLPT level when a list holds it."""

    character: str
    meanings: tuple[str, ...]
    on_readings: tuple[str, ...]
    kun_readings: tuple[str, ...]
    strokes: int | None = None
    grade: int | None = None
    jlpt: str | None = None


@dataclass(frozen=True, slots=True)
class WordEntry:
    """A word of the text and the dictionary entry found for it."""

    surface: str
    """The word as written in the text."""
    reading: str
    """Its reading in context (hiragana)."""
    lemma: str
    """The dictionary form the analyser gave (強め → 強める, 行わ → 行う)."""
    pos: tuple[str, ...]
    """Part of speech from the analyser."""
    headword: str
    """The entry's written form (a kanji form, or kana for kana-only words)."""
    headword_reading: str
    """The entry's reading (kana)."""
    senses: tuple[Sense, ...]
    source: str = "jmdict"
    """``"jmdict"`` for words, ``"jmnedict"`` for names."""
    entry_id: int = 0
    common: bool = False
    """JMdict marks the word as common (news1, ichi1, spec, gai1)."""
    other_forms: tuple[str, ...] = ()
    jlpt: str | None = None
    kanji: tuple[KanjiEntry, ...] = ()
    news_rank: int | None = None
    """Rank band of the word in JMdict's news-frequency list (1 = the 500 most frequent words)."""

    @property
    def inflected(self) -> bool:
        """True when the text's form is not the dictionary form (強め of 強める)."""
        return self.surface != self.lemma

    @property
    def tags(self) -> tuple[str, ...]:
        """Entry-level tags: "common word", plus "usually kana" when every sense says so."""
        tags = ["common word"] if self.common else []
        if self.senses and all(any("kana alone" in t for t in s.tags) for s in self.senses):
            tags.append("usually kana")
        return tuple(tags)

    def short_meaning(self, glosses: int = 3) -> str:
        """The first sense's first glosses, ``"; "``-joined (``"treaty; pact; convention"``)."""
        if not self.senses:
            return ""
        return "; ".join(self.senses[0].glosses[:glosses])


def _english(glosses: Any) -> tuple[str, ...]:
    return tuple(g.text for g in glosses if getattr(g, "lang", "eng") in ("eng", "", None) and g.text)


def _sense(sense: Any) -> Sense:
    tags = [*sense.misc, *sense.field, *sense.dialect, *sense.info]
    if getattr(sense, "name_type", None):
        tags.extend(sense.name_type)
    return Sense(glosses=_english(sense.gloss), pos=tuple(sense.pos), tags=tuple(str(t) for t in tags))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(entry: Any, written: str, reading: str, exact_reading: bool) -> tuple[int, int, int, int]:
    """Rank an entry: written form matches, reading matches, common, fewer senses last."""
    kanji = [k.text for k in entry.kanji_forms]
    kana = [to_hiragana(k.text) for k in entry.kana_forms]
    written_match = 2 if written in kanji else (1 if to_hiragana(written) in kana else 0)
    if exact_reading:
        reading_match = 100 if reading in kana else max((_common_prefix(reading, k) for k in kana), default=0)
    else:
        reading_match = max((_common_prefix(reading, k) for k in kana), default=0)
    pri = {p for form in (*entry.kanji_forms, *entry.kana_forms) for p in form.pri}
    common = 1 if pri & COMMON_PRIORITIES else 0
    return (written_match, reading_match, common, len(entry.senses))


def _query(jam: Any, word: str, names: bool) -> Any:
    return jam.lookup(word, strict_lookup=True, lookup_chars=False, lookup_ne=names)


def _from_jmdict(entry: Any, surface: str, lemma: str, reading: str, pos: tuple[str, ...]) -> WordEntry:
    kanji_forms = [k.text for k in entry.kanji_forms]
    kana_forms = [k.text for k in entry.kana_forms]
    senses = tuple(s for s in (_sense(x) for x in entry.senses) if s.glosses)
    usually_kana = senses and all(any("kana alone" in t for t in s.tags) for s in senses)
    headword = (
        lemma
        if lemma in kanji_forms or lemma in kana_forms
        else (kana_forms[0] if usually_kana or not kanji_forms else kanji_forms[0])
    )
    kana_hira = [to_hiragana(k) for k in kana_forms]
    # The reading of the dictionary form: the kana form sharing most with the reading in context.
    best = max(
        range(len(kana_forms)),
        key=lambda i: (kana_hira[i] == reading, _common_prefix(reading, kana_hira[i]), -i),
    )
    headword_reading = kana_forms[best] if kana_forms else ""
    pri = {p for form in (*entry.kanji_forms, *entry.kana_forms) for p in form.pri}
    level = word_level(lemma, to_hiragana(headword_reading)) or word_level(headword, to_hiragana(headword_reading))
    others = tuple(f for f in (*kanji_forms, *kana_forms) if f not in (headword, headword_reading))
    return WordEntry(
        surface=surface,
        reading=reading,
        lemma=lemma,
        pos=pos,
        headword=headword,
        headword_reading=headword_reading,
        senses=senses,
        source="jmdict",
        entry_id=int(entry.idseq),
        common=bool(pri & COMMON_PRIORITIES),
        other_forms=others,
        jlpt=level,
        kanji=_kanji_of(surface + lemma),
        news_rank=_news_rank(pri),
    )


def _news_rank(priorities: set[str]) -> int | None:
    bands = [int(p[2:]) for p in priorities if p.startswith("nf") and p[2:].isdigit()]
    return min(bands) if bands else None


def _from_jmnedict(name: Any, surface: str, lemma: str, reading: str, pos: tuple[str, ...]) -> WordEntry:
    kanji_forms = [k.text for k in name.kanji_forms]
    kana_forms = [k.text for k in name.kana_forms]
    headword = (
        surface if surface in kanji_forms or surface in kana_forms else (kanji_forms or kana_forms or [surface])[0]
    )
    return WordEntry(
        surface=surface,
        reading=reading,
        lemma=lemma,
        pos=pos,
        headword=headword,
        headword_reading=kana_forms[0] if kana_forms else reading,
        senses=tuple(s for s in (_sense(x) for x in name.senses) if s.glosses),
        source="jmnedict",
        entry_id=int(name.idseq),
        other_forms=tuple(f for f in (*kanji_forms, *kana_forms) if f != headword),
        kanji=_kanji_of(surface),
    )


def _kanji_of(text: str) -> tuple[KanjiEntry, ...]:
    seen: list[str] = []
    for ch in text:
        if has_kanji(ch) and ch not in seen:
            seen.append(ch)
    return tuple(k for k in (lookup_kanji(ch) for ch in seen) if k is not None)


@functools.lru_cache(maxsize=8192)
def lookup_word(surface: str, lemma: str, reading: str, pos: tuple[str, ...] = ()) -> WordEntry | None:
    """The dictionary entry for a word of the text, or ``None`` when no dictionary has it.

    Inflected words are looked up by their dictionary form (``lemma``); among
    entries for the same form the one whose reading matches ``reading`` wins,
    then the common one.  Proper nouns take their JMnedict entry when there
    is one.  Raises :class:`~reader.core.lexicon.jam.DictionaryUnavailable`
    when the dictionary data is missing.
    """
    reading = to_hiragana(reading)
    proper = len(pos) > 1 and pos[1] == "固有名詞"
    queries = [q for q in dict.fromkeys((lemma, surface)) if q and not (_WILDCARDS & set(q))]
    jam = jamdict_for_thread()
    for query in queries:
        result = _query(jam, query, names=proper)
        if proper and result.names:
            name = max(result.names, key=lambda n: _score(n, surface, reading, True)[:2])
            return _from_jmnedict(name, surface, lemma, reading, pos)
        if result.entries:
            exact = query == surface
            entry = max(result.entries, key=lambda e: _score(e, query, reading, exact))
            return _from_jmdict(entry, surface, lemma, reading, pos)
    return None


@functools.lru_cache(maxsize=4096)
def lookup_kanji(character: str) -> KanjiEntry | None:
    """KANJIDIC2's entry for one kanji (English meanings, on/kun readings, strokes, grade)."""
    if len(character) != 1 or not has_kanji(character):
        return None
    char = jamdict_for_thread().get_char(character)
    if char is None:
        return None
    on: list[str] = []
    kun: list[str] = []
    for group in char.rm_groups:
        on.extend(r.value for r in group.on_readings)
        kun.extend(r.value for r in group.kun_readings)
    grade = int(char.grade) if char.grade else None
    strokes = int(char.stroke_count) if char.stroke_count else None
    return KanjiEntry(
        character=character,
        meanings=tuple(char.meanings(english_only=True)),
        on_readings=tuple(on),
        kun_readings=tuple(kun),
        strokes=strokes,
        grade=grade,
        jlpt=kanji_level(character),
    )
