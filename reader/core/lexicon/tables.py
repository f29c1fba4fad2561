"""Batched, indexed reads of jamdict's SQLite tables: JMdict words, JMnedict names, KANJIDIC2.

jamdict builds an entry with a dozen queries per sense and reads KANJIDIC2 through
columns that have no index (``reading.gid``, ``meaning.gid``, ``nanori.cid`` …), so
one kanji costs about 7 ms and one word about 0.7 ms.  A glossary of a novel asks
for thousands of words.  This module asks SQLite only through indexed columns, for
many words at once (a few queries for a whole batch), and builds plain frozen
records that :mod:`reader.core.lexicon.dictionary` turns into entries:

- :func:`word_entries` — JMdict entries whose kanji or kana form (or, as jamdict
  also matches, an English gloss) is exactly the word, for a batch of words;
- :func:`name_entries` — the same for JMnedict;
- :func:`kanji_records` — KANJIDIC2's on/kun readings, English meanings, strokes and
  grade of a few characters in one pass over its tables, or of every kanji at
  once when many are asked for.

Answers are kept per process (the dictionaries do not change while it runs).  The
connection is the calling thread's own, opened read-only; nothing in jamdict's
files is ever written.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.lexicon.jam import DictionaryUnavailable, jamdict_for_thread

BATCH = 400
"""Words per query (SQLite allows 999 parameters by default on older builds)."""

_local = threading.local()
_lock = threading.Lock()
_db_path: str | None = None
"""jamdict's database file, found once (through jamdict) and shared by every thread."""


@dataclass(frozen=True, slots=True)
class Form:
    """A written (kanji) or kana form of an entry, with its priority tags (news1, nf12 …)."""

    text: str
    pri: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RawSense:
    """One sense of an entry: English glosses, parts of speech and tags (misc, field,
    dialect, info; the name types for JMnedict)."""

    glosses: tuple[str, ...]
    pos: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RawEntry:
    """A JMdict or JMnedict entry as stored: forms and senses in dictionary order."""

    idseq: int
    kanji_forms: tuple[Form, ...]
    kana_forms: tuple[Form, ...]
    senses: tuple[RawSense, ...]


@dataclass(frozen=True, slots=True)
class KanjiRecord:
    """KANJIDIC2's facts about one character."""

    on_readings: tuple[str, ...]
    kun_readings: tuple[str, ...]
    meanings: tuple[str, ...]
    strokes: int | None
    grade: int | None


def connection() -> sqlite3.Connection | None:
    """The calling thread's read-only connection to jamdict's database, or None when
    the dictionary is not installed."""
    if hasattr(_local, "connection"):
        found: sqlite3.Connection | None = _local.connection
        return found
    global _db_path
    opened = None
    try:
        if _db_path is None:
            _db_path = _bundled_database() or str(jamdict_for_thread().db_file)
        opened = sqlite3.connect(f"file:{_db_path}?mode=ro", uri=True, check_same_thread=True)
    except (DictionaryUnavailable, sqlite3.Error, AttributeError, TypeError):
        opened = None
    _local.connection = opened
    return opened


def _bundled_database() -> str | None:
    """jamdict-data's database file, found without importing jamdict (0.1–0.2 s of imports
    the first analysis of a text would otherwise wait for); None when the package is not
    installed, and jamdict itself is asked."""
    spec = importlib.util.find_spec("jamdict_data")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "jamdict.db"
        if path.is_file():
            return str(path)
    return None


def _chunks(items: Sequence[str] | Sequence[int], size: int = BATCH) -> Iterable[Sequence]:
    for at in range(0, len(items), size):
        yield items[at : at + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


# ---------------------------------------------------------------- JMdict and JMnedict

_SCHEMAS = {
    # kind: (kanji table, kana table, sense table, sense key, gloss table, match tables for the search)
    "word": ("Kanji", "Kana", "Sense", "sid", "SenseGloss"),
    "name": ("NEKanji", "NEKana", "NETranslation", "tid", "NETransGloss"),
}
_word_cache: dict[str, tuple[RawEntry, ...]] = {}
_name_cache: dict[str, tuple[RawEntry, ...]] = {}
_entry_cache: dict[tuple[str, int], RawEntry] = {}


def word_entries(words: Iterable[str]) -> dict[str, tuple[RawEntry, ...]]:
    """JMdict entries for each of ``words`` (in the order jamdict's own search gives
    them); words no entry has map to ``()``.  Raises
    :class:`~reader.core.lexicon.jam.DictionaryUnavailable` without the dictionary."""
    return _entries("word", words, _word_cache)


def name_entries(words: Iterable[str]) -> dict[str, tuple[RawEntry, ...]]:
    """JMnedict entries for each of ``words`` (``()`` when none)."""
    return _entries("name", words, _name_cache)


def _entries(
    kind: str, words: Iterable[str], cache: dict[str, tuple[RawEntry, ...]]
) -> dict[str, tuple[RawEntry, ...]]:
    wanted = list(dict.fromkeys(w for w in words if w))
    missing = [w for w in wanted if w not in cache]
    if missing:
        conn = connection()
        if conn is None:
            raise DictionaryUnavailable("jamdict found no dictionary data (pip install jamdict-data)")
        found = _search(conn, kind, missing)
        ids = sorted({i for idseqs in found.values() for i in idseqs if (kind, i) not in _entry_cache})
        built = _build(conn, kind, ids)
        with _lock:
            _entry_cache.update(((kind, e.idseq), e) for e in built)
            for word in missing:
                cache[word] = tuple(_entry_cache[(kind, i)] for i in found.get(word, ()))
    return {w: cache[w] for w in wanted}


def _search(conn: sqlite3.Connection, kind: str, words: Sequence[str]) -> dict[str, list[int]]:
    """idseqs per word: kanji-form matches first, then kana, then English glosses (and,
    for names, name types) — the order of jamdict's ``MULTI-INDEX OR`` search."""
    kanji, kana, sense, key, gloss = _SCHEMAS[kind]
    hits: dict[str, list[int]] = {}
    queries = [
        f"SELECT text, idseq FROM {kanji} WHERE text IN ({{}}) ORDER BY ID",
        f"SELECT text, idseq FROM {kana} WHERE text IN ({{}}) ORDER BY ID",
        f"SELECT g.text, s.idseq FROM {gloss} g JOIN {sense} s ON s.ID = g.{key} "
        "WHERE g.text IN ({}) ORDER BY g.rowid",
    ]
    if kind == "name":
        queries.append(
            "SELECT y.text, s.idseq FROM NETransType y JOIN NETranslation s ON s.ID = y.tid "
            "WHERE y.text IN ({}) ORDER BY y.rowid"
        )
    for query in queries:
        for chunk in _chunks(words):
            for text, idseq in conn.execute(query.format(_marks(len(chunk))), tuple(chunk)):
                seen = hits.setdefault(text, [])
                if idseq not in seen:
                    seen.append(idseq)
    return hits


def _build(conn: sqlite3.Connection, kind: str, ids: Sequence[int]) -> list[RawEntry]:
    """Entries for ``ids`` from a handful of queries per batch (all on indexed columns)."""
    kanji, kana, sense, key, gloss = _SCHEMAS[kind]
    out: list[RawEntry] = []
    for chunk in _chunks(ids):
        params = tuple(chunk)
        marks = _marks(len(chunk))
        kanji_rows = conn.execute(f"SELECT ID, idseq, text FROM {kanji} WHERE idseq IN ({marks}) ORDER BY ID", params)
        kana_rows = conn.execute(f"SELECT ID, idseq, text FROM {kana} WHERE idseq IN ({marks}) ORDER BY ID", params)
        kanji_list = list(kanji_rows)
        kana_list = list(kana_rows)
        kanji_pri: dict[int, list[str]] = {}
        kana_pri: dict[int, list[str]] = {}
        if kind == "word":
            for table, rows, into in (("KJP", kanji_list, kanji_pri), ("KNP", kana_list, kana_pri)):
                form_ids = [r[0] for r in rows]
                for sub in _chunks(form_ids):
                    for kid, text in conn.execute(
                        f"SELECT kid, text FROM {table} WHERE kid IN ({_marks(len(sub))}) ORDER BY rowid", tuple(sub)
                    ):
                        into.setdefault(kid, []).append(text)
        sense_rows = list(conn.execute(f"SELECT ID, idseq FROM {sense} WHERE idseq IN ({marks}) ORDER BY ID", params))
        sense_ids = [r[0] for r in sense_rows]
        glosses: dict[int, list[str]] = {}
        pos: dict[int, list[str]] = {}
        tags: dict[int, list[str]] = {}
        tag_tables = ("misc", "field", "dialect", "SenseInfo") if kind == "word" else ("NETransType",)
        for sub in _chunks(sense_ids):
            sub_params = tuple(sub)
            sub_marks = _marks(len(sub))
            for sid, lang, text in conn.execute(
                f"SELECT {key}, lang, text FROM {gloss} WHERE {key} IN ({sub_marks}) ORDER BY rowid", sub_params
            ):
                if lang in ("eng", "", None) and text:
                    glosses.setdefault(sid, []).append(text)
            if kind == "word":
                for sid, text in conn.execute(
                    f"SELECT sid, text FROM pos WHERE sid IN ({sub_marks}) ORDER BY rowid", sub_params
                ):
                    pos.setdefault(sid, []).append(text)
            # Tags in jamdict's order: misc, field, dialect, info (names: their types).
            for table in tag_tables:
                for sid, text in conn.execute(
                    f"SELECT {key}, text FROM {table} WHERE {key} IN ({sub_marks}) ORDER BY rowid", sub_params
                ):
                    tags.setdefault(sid, []).append(str(text))
        forms_k: dict[int, list[Form]] = {}
        for fid, idseq, text in kanji_list:
            forms_k.setdefault(idseq, []).append(Form(text, tuple(kanji_pri.get(fid, ()))))
        forms_n: dict[int, list[Form]] = {}
        for fid, idseq, text in kana_list:
            forms_n.setdefault(idseq, []).append(Form(text, tuple(kana_pri.get(fid, ()))))
        senses: dict[int, list[RawSense]] = {}
        for sid, idseq in sense_rows:
            senses.setdefault(idseq, []).append(
                RawSense(tuple(glosses.get(sid, ())), tuple(pos.get(sid, ())), tuple(tags.get(sid, ())))
            )
        out.extend(
            RawEntry(i, tuple(forms_k.get(i, ())), tuple(forms_n.get(i, ())), tuple(senses.get(i, ()))) for i in chunk
        )
    return out


# ---------------------------------------------------------------- KANJIDIC2

LOAD_ALL_FROM = 16
"""A look-up of a few kanji (a word's) costs one pass over KANJIDIC2's reading and
meaning tables (about 6 ms: ``reading.gid`` has no index); a request for this many
new kanji or more reads every kanji in one pass instead (about 0.1 s), after which
look-ups cost nothing.  So the look-up panel never waits for the whole table."""

_kanji_table: dict[str, KanjiRecord] | None = None
_kanji_cache: dict[str, KanjiRecord | None] = {}


def kanji_record(character: str) -> KanjiRecord | None:
    """KANJIDIC2's record of ``character``, or None when it has none."""
    return kanji_records([character]).get(character)


def kanji_records(characters: Iterable[str]) -> dict[str, KanjiRecord | None]:
    """KANJIDIC2's records of ``characters`` (None for a character it lacks), read
    together: one pass for the batch while few have been asked for, then from a
    table of every kanji."""
    wanted = list(dict.fromkeys(characters))
    if _kanji_table is not None:
        return {ch: _kanji_table.get(ch) for ch in wanted}
    missing = [ch for ch in wanted if ch not in _kanji_cache]
    if missing:
        if len(missing) >= LOAD_ALL_FROM:
            table = _load_kanji()
            return {ch: table.get(ch) for ch in wanted}
        conn = connection()
        if conn is None:
            raise DictionaryUnavailable("jamdict found no dictionary data (pip install jamdict-data)")
        found = _read_kanji(conn, missing)
        with _lock:
            for ch in missing:
                _kanji_cache[ch] = found.get(ch)
    return {ch: _kanji_cache.get(ch) for ch in wanted}


def _read_kanji(conn: sqlite3.Connection, literals: Sequence[str] | None) -> dict[str, KanjiRecord]:
    """Records of ``literals`` (every kanji when None): the character rows and their
    reading/meaning groups by index, readings and meanings in one pass each."""
    if literals is None:
        rows = conn.execute("SELECT ID, literal, stroke_count, grade FROM character ORDER BY ID").fetchall()
    else:
        rows = []
        for chunk in _chunks(literals):
            rows += conn.execute(
                f"SELECT ID, literal, stroke_count, grade FROM character WHERE literal IN ({_marks(len(chunk))}) "
                "ORDER BY ID",
                tuple(chunk),
            ).fetchall()
    characters: dict[int, tuple[str, int | None, int | None]] = {}
    seen: set[str] = set()
    for cid, literal, strokes, grade in rows:
        if literal not in seen:  # jamdict takes the first row of a literal
            seen.add(literal)
            characters[cid] = (literal, strokes, grade)
    group_of: dict[int, int] = {}
    if literals is None:
        group_of = dict(conn.execute("SELECT ID, cid FROM rm_group"))
    else:
        ids = list(characters)
        for chunk in _chunks(ids):
            group_of.update(
                conn.execute(f"SELECT ID, cid FROM rm_group WHERE cid IN ({_marks(len(chunk))})", tuple(chunk))
            )
    on: dict[int, list[str]] = {}
    kun: dict[int, list[str]] = {}
    meanings: dict[int, list[str]] = {}
    if group_of:
        groups = sorted(group_of)
        # One pass over each table: an IN list over rm_group ids when few kanji are
        # wanted (a scan, as reading.gid and meaning.gid have no index), a join for all.
        gid_filter = "" if literals is None else f" AND gid IN ({_marks(len(groups))})"
        params = () if literals is None else tuple(groups)
        for gid, r_type, value in conn.execute(
            f"SELECT gid, r_type, value FROM reading NOT INDEXED WHERE r_type IN ('ja_on', 'ja_kun'){gid_filter} "
            "ORDER BY gid, rowid",
            params,
        ):
            cid = group_of.get(gid)
            if cid is not None:
                (on if r_type == "ja_on" else kun).setdefault(cid, []).append(value)
        for gid, value in conn.execute(
            f"SELECT gid, value FROM meaning NOT INDEXED WHERE m_lang = ''{gid_filter} ORDER BY gid, rowid", params
        ):
            cid = group_of.get(gid)
            if cid is not None:
                meanings.setdefault(cid, []).append(value)
    return {
        literal: KanjiRecord(
            tuple(on.get(cid, ())),
            tuple(kun.get(cid, ())),
            tuple(meanings.get(cid, ())),
            int(strokes) if strokes else None,
            int(grade) if grade else None,
        )
        for cid, (literal, strokes, grade) in characters.items()
    }


def _load_kanji() -> dict[str, KanjiRecord]:
    """Every kanji's record, read in one pass over each table (about 0.1 s)."""
    global _kanji_table
    with _lock:
        if _kanji_table is None:
            conn = connection()
            if conn is None:
                raise DictionaryUnavailable("jamdict found no dictionary data (pip install jamdict-data)")
            _kanji_table = _read_kanji(conn, None)
        return _kanji_table
