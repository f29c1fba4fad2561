"""Look-ups of proper names in JMnedict (through jamdict's SQLite file), cached.

jamdict's own ``lookup`` builds full entry objects and costs 1–4 ms a name; the
entity extractor asks for a few dozen names an article (a thousand in a novel),
so this module queries the name tables directly — four indexed queries a name,
whatever the number of its entries — through one read-only connection per
thread, and keeps the answers in a per-process cache.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from reader.core.lexicon.tables import connection as _connection

NAME_KINDS: dict[str, str] = {
    "person": "PERSON", "surname": "PERSON", "given": "PERSON", "fem": "PERSON", "masc": "PERSON",
    "place": "PLACE", "station": "FACILITY", "organization": "ORG", "company": "ORG",
    "product": "PRODUCT", "work": "PRODUCT", "event": "EVENT",
}  # fmt: skip
"""JMnedict name types mapped to entity types (``unclass`` and the rare rest are left out)."""

_FULL_WIDTH = str.maketrans({chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)})
_KATAKANA = str.maketrans({chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)})


def _hiragana(kana: str) -> str:
    return kana.translate(_KATAKANA)


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One JMnedict entry for a written form: its reading, kinds and English names."""

    kana: str
    """The entry's first reading (katakana or hiragana, as JMnedict writes it)."""
    kinds: tuple[str, ...]
    """Entity types of the entry's senses (PERSON, PLACE, ORG, FACILITY, PRODUCT, EVENT)."""
    english: tuple[str, ...]
    """English glosses, in dictionary order (``Kim Jong-un (1983.1.8-)``)."""


def names_available() -> bool:
    """True when JMnedict can be read in this thread."""
    return _connection() is not None


@lru_cache(maxsize=8192)
def lookup_name(written: str) -> tuple[NameEntry, ...]:
    """JMnedict entries whose kanji or kana form is exactly ``written`` (``()`` when none
    or when the dictionary is missing)."""
    connection = _connection()
    if connection is None or not written:
        return ()
    try:
        ids = [row[0] for row in connection.execute(
            "SELECT idseq FROM NEKanji WHERE text = ? UNION SELECT idseq FROM NEKana WHERE text = ? LIMIT 40",
            (written, written),
        )]  # fmt: skip
        if not ids:
            return ()
        # Three queries for all the entries (readings, senses with their types, glosses).
        marks = ",".join("?" * len(ids))
        kana: dict[int, str] = {}
        for idseq, text in connection.execute(
            f"SELECT idseq, text FROM NEKana WHERE idseq IN ({marks}) ORDER BY ID", ids
        ):
            kana.setdefault(idseq, text)
        senses: dict[int, list[tuple[int, str | None]]] = {}
        for idseq, tid, kind in connection.execute(
            "SELECT t.idseq, t.ID, y.text FROM NETranslation t LEFT JOIN NETransType y ON y.tid = t.ID "
            f"WHERE t.idseq IN ({marks}) ORDER BY t.ID, y.rowid",
            ids,
        ):
            senses.setdefault(idseq, []).append((tid, kind))
        tids = sorted({tid for rows in senses.values() for tid, _ in rows})
        glosses: dict[int, list[str]] = {}
        for tid, gloss in connection.execute(
            f"SELECT tid, text FROM NETransGloss WHERE tid IN ({','.join('?' * len(tids))}) ORDER BY rowid", tids
        ):
            glosses.setdefault(tid, []).append(gloss)
        entries = []
        for idseq in ids:
            kinds: list[str] = []
            english: list[str] = []
            for tid, kind in senses.get(idseq, ()):
                mapped = NAME_KINDS.get(kind or "")
                if mapped and mapped not in kinds:
                    kinds.append(mapped)
                for gloss in glosses.get(tid, ()):
                    if gloss and gloss not in english:
                        english.append(gloss)
            entries.append(NameEntry(kana.get(idseq, ""), tuple(kinds), tuple(english)))
    except sqlite3.Error:
        return ()
    return tuple(entries)


def name_kinds(written: str) -> frozenset[str]:
    """Every entity type JMnedict gives ``written`` (empty when unknown)."""
    return frozenset(kind for entry in lookup_name(written) for kind in entry.kinds)


def english_name(written: str, kind: str | None = None, reading: str | None = None) -> str:
    """The first English name JMnedict gives ``written`` (of type ``kind`` and read
    ``reading``, in hiragana, when given), with a trailing date note such as
    ``(1983.1.8-)`` removed; ``""`` when unknown."""
    entries = lookup_name(written)
    if reading:
        entries = tuple(e for e in entries if _hiragana(e.kana) == reading)
    ordered = [e for e in entries if kind is None or kind in e.kinds]
    for entry in ordered:
        for gloss in entry.english:
            name = gloss
            if name.endswith(")") and "(" in name:
                note = name[name.rindex("(") + 1 : -1]
                if note[:1].isdigit() or note.startswith(("?", "ca.")):
                    name = name[: name.rindex("(")].rstrip()
            if name:
                return name
    return ""


@lru_cache(maxsize=8192)
def is_dictionary_word(written: str) -> bool:
    """True when JMdict (the common-word dictionary, not JMnedict) has ``written`` as a
    kanji or kana form (国連; GDP, which JMdict writes ＧＤＰ); False when unknown or
    the dictionary is missing."""
    connection = _connection()
    if connection is None or not written:
        return False
    wide = written.translate(_FULL_WIDTH)
    try:
        row = connection.execute(
            "SELECT 1 FROM Kanji WHERE text IN (?, ?) UNION ALL SELECT 1 FROM Kana WHERE text = ? LIMIT 1",
            (written, wide, written),
        ).fetchone()
    except sqlite3.Error:
        return False
    return row is not None
