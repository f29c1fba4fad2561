"""Dictionary look-up: JMdict words, JMnedict names and KANJIDIC2 kanji.

:func:`lookup_word` takes a word as the analyser split it (surface, dictionary
form, reading in context, part of speech) and gives a :class:`WordEntry` of
plain, frozen data, safe to hand to any thread; :func:`lookup_kanji` gives a
:class:`KanjiEntry`.  Both are cached, so a word met again costs a dictionary
look-up in memory only.  The SQLite connection behind them is the calling
thread's own; the tables are read in batches through indexed columns
(:mod:`reader.core.lexicon.tables`), and :func:`prefetch_words` reads the
entries of many words in a few queries.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.core.analysis.kana import has_kanji, to_hiragana
from reader.core.lexicon.levels import kanji_level, word_level
from reader.core.lexicon.tables import RawEntry, kanji_record, kanji_records, name_entries, word_entries

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


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(entry: RawEntry, written: str, reading: str, exact_reading: bool) -> tuple[int, int, int, int]:
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


def _senses(entry: RawEntry) -> tuple[Sense, ...]:
    return tuple(Sense(s.glosses, s.pos, s.tags) for s in entry.senses if s.glosses)


def _from_jmdict(entry: RawEntry, surface: str, lemma: str, reading: str, pos: tuple[str, ...]) -> WordEntry:
    kanji_forms = [k.text for k in entry.kanji_forms]
    kana_forms = [k.text for k in entry.kana_forms]
    senses = _senses(entry)
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
        news_rank=_news_rank(pri),
    )


def _news_rank(priorities: set[str]) -> int | None:
    bands = [int(p[2:]) for p in priorities if p.startswith("nf") and p[2:].isdigit()]
    return min(bands) if bands else None


def _from_jmnedict(name: RawEntry, surface: str, lemma: str, reading: str, pos: tuple[str, ...]) -> WordEntry:
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
        senses=_senses(name),
        source="jmnedict",
        entry_id=int(name.idseq),
        other_forms=tuple(f for f in (*kanji_forms, *kana_forms) if f != headword),
    )


def _kanji_of(text: str) -> tuple[KanjiEntry, ...]:
    seen = [ch for ch in dict.fromkeys(text) if has_kanji(ch)]
    kanji_records(seen)  # one batched read for the characters not seen before
    return tuple(k for k in (lookup_kanji(ch) for ch in seen) if k is not None)


@functools.lru_cache(maxsize=8192)
def lookup_word(surface: str, lemma: str, reading: str, pos: tuple[str, ...] = ()) -> WordEntry | None:
    """The dictionary entry for a word of the text, or ``None`` when no dictionary has it.

    Inflected words are looked up by their dictionary form (``lemma``); among
    entries for the same form the one whose reading matches ``reading`` wins,
    then the common one.  Proper nouns take their JMnedict entry when there
    is one.  The entry carries KANJIDIC2's entries for its kanji (what the
    look-up panel shows); :func:`find_word` is the same without them.  Raises
    :class:`~reader.core.lexicon.jam.DictionaryUnavailable` when the dictionary
    data is missing.
    """
    entry = find_word(surface, lemma, reading, pos)
    if entry is None:
        return None
    characters = entry.surface + (entry.lemma if entry.source == "jmdict" else "")
    return replace(entry, kanji=_kanji_of(characters))


def find_word(surface: str, lemma: str, reading: str, pos: tuple[str, ...] = ()) -> WordEntry | None:
    """:func:`lookup_word` without the kanji entries: what the glossary needs.

    Memoised per (surface, dictionary form, reading, proper noun or not); the
    part of speech is carried into the answer as given.
    """
    proper = len(pos) > 1 and pos[1] == "固有名詞"
    entry = _find_word(surface, lemma, to_hiragana(reading), proper)
    if entry is None or entry.pos == pos:
        return entry
    return replace(entry, pos=pos)


def _queries(surface: str, lemma: str) -> list[str]:
    return [q for q in dict.fromkeys((lemma, surface)) if q and not (_WILDCARDS & set(q))]


def prefetch_words(words: Iterable[tuple[str, str, str, tuple[str, ...]]]) -> None:
    """Read the dictionary entries of many words (surface, lemma, reading, pos) in a
    few batched queries, so that the :func:`find_word` calls that follow cost a
    look-up in memory only."""
    plain: list[str] = []
    proper: list[str] = []
    for surface, lemma, _reading, pos in words:
        queries = _queries(surface, lemma)
        plain.extend(queries)
        if len(pos) > 1 and pos[1] == "固有名詞":
            proper.extend(queries)
    if plain:
        word_entries(plain)
    if proper:
        name_entries(proper)


def best_entry(surface: str, lemma: str = "", reading: str = "") -> RawEntry | None:
    """The JMdict entry :func:`find_word` would choose for a common word, as stored (no
    JLPT level or other look-ups): for callers that only test its glosses or tags."""
    reading = to_hiragana(reading)
    for query in _queries(surface, lemma or surface):
        entries = word_entries([query])[query]
        if entries:
            exact = query == surface
            return max(entries, key=lambda e: _score(e, query, reading, exact))
    return None


def is_common_entry(entry: RawEntry) -> bool:
    """True when JMdict marks the entry as a common word (news1, ichi1, spec, gai1)."""
    return any(set(form.pri) & COMMON_PRIORITIES for form in (*entry.kanji_forms, *entry.kana_forms))


@functools.lru_cache(maxsize=65536)
def _find_word(surface: str, lemma: str, reading: str, proper: bool) -> WordEntry | None:
    pos: tuple[str, ...] = ("名詞", "固有名詞") if proper else ()
    for query in _queries(surface, lemma):
        if proper:
            names = name_entries([query])[query]
            if names:
                name = max(names, key=lambda n: _score(n, surface, reading, True)[:2])
                return _from_jmnedict(name, surface, lemma, reading, pos)
        entries = word_entries([query])[query]
        if entries:
            exact = query == surface
            entry = max(entries, key=lambda e: _score(e, query, reading, exact))
            return _from_jmdict(entry, surface, lemma, reading, pos)
    return None


@functools.lru_cache(maxsize=16384)
def lookup_kanji(character: str) -> KanjiEntry | None:
    """KANJIDIC2's entry for one kanji (English meanings, on/kun readings, strokes, grade)."""
    if len(character) != 1 or not has_kanji(character):
        return None
    record = kanji_record(character)
    if record is None:
        return None
    return KanjiEntry(
        character=character,
        meanings=record.meanings,
        on_readings=record.on_readings,
        kun_readings=record.kun_readings,
        strokes=record.strokes,
        grade=record.grade,
        jlpt=kanji_level(character),
    )
