"""Known words from Anki: what the learner's cards say they know, as yomu word marks.

Three sources (:mod:`~reader.integrations.anki.sources`: AnkiConnect, a
collection file, an exported ``.apkg``) give the same thing, a list of
:class:`AnkiNoteState`: a note's fields and what its cards say.

A note's word is known when one of its cards (not suspended) has an interval
of at least N days (default 21), learning when its cards were studied but are
younger, ignored when all its cards are suspended; a note never studied gives
no mark.  Field text becomes yomu's ``(lemma, reading)`` key: HTML stripped,
Anki furigana ``漢字[かんじ]`` read as base and reading, katakana folded to
hiragana; a kanji word without a reading field gets SudachiPy's reading.

Marks are written in one transaction.  The learner's own marks win, except
that a word they are learning becomes known once Anki says so; marks an
earlier import made follow Anki (also downwards, after a lapse).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.kana import has_kanji, is_kana, to_hiragana
from reader.core.study.store import StudyStore

KNOWN_INTERVAL = 21
"""Days of interval from which a card's word counts as known."""
STRENGTH = {"ignored": 0, "learning": 1, "known": 2}
"""When several notes give the same word, the strongest status wins."""
WORD_FIELDS = (
    "Word", "Expression", "Vocab", "Vocabulary", "Vocabulary-Kanji", "VocabKanji", "Vocab-Kanji",
    "Kanji", "Japanese", "Term", "単語", "言葉", "Front",
)  # fmt: skip
"""Field names that hold the word, most likely first (case, spaces and dashes do not matter)."""
READING_FIELDS = (
    "Reading", "Word Reading", "Kana", "Vocabulary-Kana", "VocabKana", "Vocab-Kana", "ExpressionReading",
    "Expression Reading", "Hiragana", "読み", "Furigana", "Word Furigana", "Vocabulary-Furigana",
)  # fmt: skip
"""Field names that hold the reading (plain kana or Anki furigana)."""


class KnownImportError(Exception):
    """The known words cannot be read; ``str(error)`` is one line naming the file or deck."""


@dataclass(frozen=True, slots=True)
class AnkiNoteState:
    """One Anki note: its note type, fields (raw HTML by name) and what its cards say."""

    model: str
    fields: dict[str, str]
    field_order: tuple[str, ...]
    status: str | None
    """known · learning · ignored, or ``None`` for a note never studied."""


def status_of_cards(cards: Iterable[tuple[int, int, int]], known_interval: int = KNOWN_INTERVAL) -> str | None:
    """The word's status from its cards' ``(interval, queue, type)`` as Anki stores them.

    Suspended cards (queue −1) do not count unless every card is suspended
    (→ ignored); never-studied cards (type 0) give no mark.
    """
    cards = list(cards)
    active = [c for c in cards if c[1] != -1]
    if cards and not active:
        return "ignored"
    studied = [c for c in active if c[2] != 0]
    if not studied:
        return None
    return "known" if max(c[0] for c in studied) >= known_interval else "learning"


# ------------------------------------------------------------------ fields

_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_FURIGANA = re.compile(r" ?([^ >\[\]]+?)\[([^\]]*)\]")
_INLINE_READING = re.compile(r"^(.+?)[（(]([^）)]+)[）)]$")
_ALTERNATIVES = re.compile(r"[、,，;；/／|｜]")
_DECORATION = re.compile(r"[〜～~\s]")


_RUBY = re.compile(r"<ruby[^>]*>(.*?)</ruby>", re.IGNORECASE | re.DOTALL)
_RT = re.compile(r"<rt[^>]*>(.*?)</rt>", re.IGNORECASE | re.DOTALL)
_RT_RP = re.compile(r"<r[tp][^>]*>.*?</r[tp]>", re.IGNORECASE | re.DOTALL)


def _ruby_as_furigana(raw: str) -> str:
    """HTML ruby (``<ruby>食<rt>た</rt></ruby>べる``) as Anki furigana (`` 食[た]べる``)."""

    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        reading = "".join(_TAG.sub("", r) for r in _RT.findall(inner))
        base = _TAG.sub("", _RT_RP.sub("", inner))
        return f" {base}[{reading}]" if reading else base

    return _RUBY.sub(one, raw)


def field_text(raw: str) -> str:
    """A field's text without HTML, sound tags or entities (HTML ruby becomes Anki furigana)."""
    text = _SOUND.sub("", _ruby_as_furigana(raw) if "<r" in raw.lower() else raw)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", text)).replace("\xa0", " ").strip()


def _kana_only(text: str) -> str:
    return "".join(ch for ch in to_hiragana(text) if is_kana(ch))


def _split_furigana(text: str) -> tuple[str, str | None]:
    """``強[つよ]める`` → (``強める``, ``つよめる``); text without brackets → (text, None)."""
    if "[" not in text:
        return text, None
    base = _FURIGANA.sub(lambda m: m.group(1), text)
    reading = _FURIGANA.sub(lambda m: m.group(2).split(";")[0].split(",")[0], text)
    return base.replace(" ", ""), reading.replace(" ", "")


def word_and_reading(word_raw: str, reading_raw: str | None) -> tuple[str, str | None]:
    """The word and its reading (hiragana, or ``None``) as a note's fields give them."""
    text = field_text(word_raw)
    text = _ALTERNATIVES.split(text)[0].strip() if text else text
    word, reading = _split_furigana(text)
    inline = _INLINE_READING.match(word)
    if inline and _kana_only(inline.group(2)) and has_kanji(inline.group(1)):
        word, reading = inline.group(1), inline.group(2)
    word = _DECORATION.sub("", word)
    if reading_raw is not None and (reading is None or not has_kanji(word)):
        given = field_text(reading_raw)
        given = _ALTERNATIVES.split(given)[0] if given else given
        given_base, given_reading = _split_furigana(given)
        reading = given_reading if given_reading is not None else given_base
    if reading is not None:
        reading = _kana_only(reading) or None
    if word and not has_kanji(word):
        reading = to_hiragana(word) if all(is_kana(ch) for ch in word) else reading
    return word, reading


def _folded(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).casefold()


def choose_fields(field_order: Sequence[str], chosen: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The fields holding the word and the reading in a note type.

    The learner's mapping (``anki_fields``: ``Word``, ``Reading``) first, then
    common names; the word falls back to the first field (Anki's sort field
    usually).  The reading may be ``None``.
    """
    by_fold = {_folded(name): name for name in field_order}

    def pick(key: str, names: Sequence[str]) -> str | None:
        if key in chosen and _folded(chosen[key]) in by_fold:
            return by_fold[_folded(chosen[key])]
        for name in names:
            if _folded(name) in by_fold:
                return by_fold[_folded(name)]
        return None

    word = pick("Word", WORD_FIELDS) or (field_order[0] if field_order else None)
    reading = pick("Reading", READING_FIELDS)
    return word, (reading if reading != word else None)


_SUDACHI: Any = None


def sudachi_reading(word: str) -> str | None:
    """SudachiPy's reading of a written word (for notes without a reading field)."""
    global _SUDACHI
    if _SUDACHI is None:
        from reader.core.analysis.tokens import Sudachi

        _SUDACHI = Sudachi("C")
    morphs = _SUDACHI.tokenize(word)
    if not morphs or any(m.unread for m in morphs):
        return None
    return "".join(m.reading for m in morphs)


@dataclass(frozen=True, slots=True)
class KnownWords:
    """Words found in Anki: ``(lemma, reading) → status``, and how many notes gave none."""

    words: dict[tuple[str, str], str]
    notes: int
    """Notes read (with or without a mark)."""
    unstudied: int
    """Notes never studied: no mark."""
    unreadable: int
    """Studied notes whose word could not be made out (empty field, kanji without a reading)."""


def known_words(
    notes: Iterable[AnkiNoteState],
    chosen_fields: Mapping[str, str] | None = None,
    reading_of: Callable[[str], str | None] | None = sudachi_reading,
) -> KnownWords:
    """yomu word keys and statuses for ``notes``; the strongest status wins for a word given twice."""
    chosen = chosen_fields or {}
    fields_of: dict[tuple[str, tuple[str, ...]], tuple[str | None, str | None]] = {}
    words: dict[tuple[str, str], str] = {}
    count = unstudied = unreadable = 0
    for note in notes:
        count += 1
        if note.status is None:
            unstudied += 1
            continue
        shape = (note.model, note.field_order)
        if shape not in fields_of:
            fields_of[shape] = choose_fields(note.field_order, chosen)
        word_field, reading_field = fields_of[shape]
        if word_field is None:
            unreadable += 1
            continue
        word, reading = word_and_reading(
            note.fields.get(word_field, ""), note.fields.get(reading_field) if reading_field else None
        )
        if word and reading is None and has_kanji(word) and reading_of is not None:
            reading = reading_of(word)
        if not word or reading is None:
            unreadable += 1
            continue
        key = (word, reading)
        previous = words.get(key)
        if previous is None or STRENGTH[note.status] > STRENGTH[previous]:
            words[key] = note.status
    return KnownWords(words, count, unstudied, unreadable)


# ------------------------------------------------------------------ marks


@dataclass(frozen=True, slots=True)
class MarkChanges:
    """What writing Anki's words as marks did."""

    added: int
    """Words that had no mark."""
    changed: int
    """Marks that changed (an earlier import's, or the learner's learning → known)."""
    unchanged: int
    kept: int
    """The learner's own marks that Anki disagreed with and that were kept."""


def apply_known(store: StudyStore, words: Mapping[tuple[str, str], str], now: float | None = None) -> MarkChanges:
    """Write ``words`` as marks in one transaction (see the module's rules)."""
    stamp = time.time() if now is None else now
    current = {
        (lemma, reading): (status, origin)
        for lemma, reading, status, origin in store.connection.execute(
            "SELECT lemma, reading, status, origin FROM words"
        )
    }
    writes: list[tuple[str, str, str, float]] = []
    added = changed = unchanged = kept = 0
    for (lemma, reading), status in words.items():
        mark = current.get((lemma, reading))
        if mark is None:
            added += 1
        elif mark[0] == status:
            unchanged += 1
            continue
        elif mark[1] == "anki" or (mark[0] == "learning" and status == "known"):
            changed += 1
        else:
            kept += 1
            continue
        writes.append((lemma, reading, status, stamp))
    connection = store.connection
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.executemany(
            "INSERT INTO words (lemma, reading, status, changed, origin) VALUES (?, ?, ?, ?, 'anki') "
            "ON CONFLICT (lemma, reading) DO UPDATE SET status = excluded.status, changed = excluded.changed, "
            "origin = 'anki'",
            writes,
        )
        connection.execute(
            "INSERT INTO anki_state (key, value) VALUES ('known_imported', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(stamp),),
        )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return MarkChanges(added, changed, unchanged, kept)


def last_import(store: StudyStore) -> float | None:
    """When known words were last imported (epoch seconds), if ever."""
    row = store.connection.execute("SELECT value FROM anki_state WHERE key = 'known_imported'").fetchone()
    return float(row[0]) if row else None


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of an import of known words."""

    found: KnownWords
    changes: MarkChanges | None
    """``None`` for a dry run."""
    seconds: float

    @property
    def message(self) -> str:
        """One line: what Anki gave and what changed in yomu."""
        counts = {s: 0 for s in ("known", "learning", "ignored")}
        for status in self.found.words.values():
            counts[status] += 1
        words, notes = len(self.found.words), self.found.notes
        line = (
            f"{words} word{'s' if words != 1 else ''} from {notes} note{'s' if notes != 1 else ''}: "
            f"{counts['known']} known, {counts['learning']} learning, {counts['ignored']} ignored"
        )
        if self.found.unstudied or self.found.unreadable:
            extra = []
            if self.found.unstudied:
                extra.append(f"{self.found.unstudied} never studied")
            if self.found.unreadable:
                extra.append(f"{self.found.unreadable} without a readable word")
            line += f" ({', '.join(extra)})"
        if self.changes is None:
            return line + "; nothing written (dry run)"
        c = self.changes
        line += f"; {c.added} new marks, {c.changed} changed"
        if c.kept:
            line += f", {c.kept} of your own marks kept"
        return line + f" ({self.seconds:.2f} s)"


def import_known(
    store: StudyStore,
    notes: Callable[[], list[AnkiNoteState]],
    chosen_fields: Mapping[str, str] | None = None,
    reading_of: Callable[[str], str | None] | None = sudachi_reading,
    dry_run: bool = False,
) -> ImportReport:
    """Read notes from a source, make yomu word keys of them and (unless ``dry_run``) write the marks."""
    started = time.perf_counter()
    found = known_words(notes(), chosen_fields, reading_of)
    changes = None if dry_run else apply_known(store, found.words)
    return ImportReport(found, changes, time.perf_counter() - started)


__all__ = [
    "KNOWN_INTERVAL",
    "AnkiNoteState",
    "ImportReport",
    "KnownImportError",
    "KnownWords",
    "MarkChanges",
    "apply_known",
    "choose_fields",
    "field_text",
    "import_known",
    "known_words",
    "last_import",
    "status_of_cards",
    "word_and_reading",
]
