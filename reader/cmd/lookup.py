"""``yomu lookup WORD``: a word's dictionary entries with readings, pitch accent, senses and JLPT level.

One line (``--format json``: one JSON object) per dictionary entry; a word in
kana lists every entry read that way (はし: 橋, 箸, 端 …).  An inflected form
(食べた) is looked up by its dictionary form, a name by its JMnedict entry.
Accents come from :mod:`reader.integrations.sound` (the ``sound`` extra);
without it every field but the accent is printed and one line on stderr says
what to install.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reader.cmd import CommandParser, Output, fail

if TYPE_CHECKING:
    from reader.core.accent import Accent
    from reader.core.lexicon.dictionary import WordEntry

FORMATS = ("text", "json")


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="yomu lookup",
        description="Look a word up: readings with their pitch accent, senses and JLPT level.",
        epilog="Accent types: 0 is flat, n means the pitch falls after the n-th mora (箸 はꜜし 1, 橋 はしꜜ 2, "
        "端 はし 0). JSON lines carry word, reading, readings, accent (one type per reading), accents "
        "(every type per reading), accent_notation, accent_source, senses, jlpt, common, source.",
    )
    parser.add_argument("word", help="a word in kanji or kana (an inflected form is looked up by its dictionary form)")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--reading", help="only entries read this way (kana)")
    return parser


class _Accents:
    """Accents for the lines, or the one reason there are none (said once on stderr)."""

    def __init__(self) -> None:
        self.missing: str | None = None

    def of(self, written: str, reading: str) -> Accent | None:
        if self.missing is not None:
            return None
        try:
            from reader.integrations.sound import SoundUnavailable, accent_of
        except ImportError as error:  # pragma: no cover - the package itself is part of yomu
            self.missing = str(error)
            return None
        try:
            return accent_of(written, written, reading)
        except SoundUnavailable as error:
            self.missing = str(error)
            return None


def _is_kana(word: str) -> bool:
    from reader.core.analysis.kana import is_kana

    return all(is_kana(ch) for ch in word)


def _entries(word: str, reading: str) -> list[tuple[WordEntry, list[str]]]:
    """The dictionary entries for ``word`` with the readings that apply to it.

    Every JMdict entry written (or read) so; else the analyser's word (its
    dictionary form, or a name).
    """
    from reader.core.analysis.kana import to_hiragana
    from reader.core.lexicon.dictionary import COMMON_PRIORITIES, lookup_word
    from reader.core.lexicon.jam import jamdict_for_thread

    result = jamdict_for_thread().lookup(word, strict_lookup=True, lookup_chars=False, lookup_ne=False)
    found: list[tuple[WordEntry, list[str]]] = []
    seen: set[int] = set()

    def common(entry: Any) -> bool:
        return any(set(f.pri) & COMMON_PRIORITIES for f in (*entry.kanji_forms, *entry.kana_forms))

    kana_word = _is_kana(word)
    for entry in sorted(result.entries, key=lambda e: not common(e)):
        # A kana form restricted to other written forms (側 そば in the entry of 側/傍/端) is not this word's.
        kana = [to_hiragana(k.text) for k in entry.kana_forms if kana_word or not k.restr or word in k.restr]
        if reading and reading not in kana:
            continue
        if kana_word:
            # Ask for the entry by its written form, so lookup_word picks this entry and not a homophone.
            written = entry.kanji_forms[0].text if entry.kanji_forms else word
            wanted = to_hiragana(word)
        else:
            written, wanted = word, reading or (kana[0] if kana else "")
        item = lookup_word(written, written, wanted)
        if item is not None and item.entry_id not in seen:
            seen.add(item.entry_id)
            readings = [reading] if reading else [to_hiragana(word)] if kana_word else list(dict.fromkeys(kana))
            found.append((item, readings))
    if found:
        return found
    from reader.core.analysis.tokens import Sudachi

    morphs = [m for m in Sudachi().tokenize(word) if m.surface.strip()]
    if not morphs:
        return []
    head = morphs[0]
    surface = head.surface if len(morphs) > 1 else word
    item = lookup_word(surface, head.lemma, reading or head.reading, head.pos)
    if item is None:
        return []
    return [(item, [reading or to_hiragana(item.headword_reading) or head.reading])]


def _row(entry: WordEntry, readings: list[str], accents: _Accents) -> dict[str, Any]:
    found = [accents.of(entry.headword, r) for r in readings]
    sources = list(dict.fromkeys(part for a in found if a is not None for part in a.source.split("+")))
    known = accents.missing is None
    return {
        "word": entry.headword,
        "reading": readings[0] if readings else "",
        "readings": readings,
        "accent": [a.types[0] if a is not None and a.types else None for a in found] if known else None,
        "accents": [list(a.types) if a is not None else [] for a in found] if known else None,
        "accent_notation": [a.notation() if a is not None else r for a, r in zip(found, readings, strict=True)],
        "accent_source": "+".join(sources) if sources else None,
        "senses": [{"glosses": list(s.glosses), "pos": list(s.pos), "tags": list(s.tags)} for s in entry.senses],
        "jlpt": entry.jlpt,
        "common": entry.common,
        "source": entry.source,
        "lemma": entry.lemma,
    }


def _accent_only_row(word: str, reading: str, accents: _Accents) -> dict[str, Any] | None:
    from reader.core.analysis.kana import has_kanji, is_kana

    if not any(is_kana(ch) for ch in word) and not has_kanji(word):
        return None  # OpenJTalk spells out anything (xyzzy); only Japanese gets an accent without an entry
    accent = accents.of(word, reading)
    if accent is None:
        return None
    from reader.core.lexicon.levels import word_level

    return {
        "word": word,
        "reading": accent.reading,
        "readings": [accent.reading],
        "accent": [accent.types[0]],
        "accents": [list(accent.types)],
        "accent_notation": [accent.notation()],
        "accent_source": accent.source,
        "senses": [],
        "jlpt": word_level(word, accent.reading),
        "common": False,
        "source": None,
        "lemma": word,
    }


def _text(row: dict[str, Any]) -> str:
    heads = []
    for index, notation in enumerate(row["accent_notation"]):
        types = row["accents"][index] if row["accents"] else []
        marks = (_mark(row["readings"][index], t) + f" [{t}]" for t in types)
        heads.append(" · ".join(marks) if types else notation)
    tags = [t for t in (row["jlpt"], "common" if row["common"] else "", row["accent_source"] or "") if t]
    lines = [f"{row['word']}  {' / '.join(heads)}" + (f"  ({', '.join(tags)})" if tags else "")]
    for number, sense in enumerate(row["senses"], 1):
        pos = f"[{', '.join(sense['pos'])}] " if sense["pos"] else ""
        lines.append(f"  {number}. {pos}{'; '.join(sense['glosses'])}")
    return "\n".join(lines) + "\n"


def _mark(reading: str, accent: int) -> str:
    from reader.core.accent import downstep_notation

    return downstep_notation(reading, accent)


def main(argv: Sequence[str]) -> int:
    """Run ``yomu lookup``; 0 when something was found, 1 with one line on stderr otherwise."""
    args = _parser().parse_args(argv)
    word = args.word.strip()
    if not word:
        return fail("lookup: the word is empty")
    from reader.core.analysis.kana import to_hiragana
    from reader.core.lexicon import DictionaryUnavailable

    reading = to_hiragana(args.reading.strip()) if args.reading else ""
    accents = _Accents()
    try:
        rows = [_row(entry, readings, accents) for entry, readings in _entries(word, reading)]
    except DictionaryUnavailable as error:
        return fail(f"lookup: {error}")
    if not rows:
        only = _accent_only_row(word, reading, accents)
        if only is None:
            if accents.missing:
                print(f"yomu: lookup: no pitch accent: {accents.missing}", file=sys.stderr)
            return fail(f"lookup: no dictionary entry for {word!r}" + (f" read {reading}" if reading else ""))
        rows = [only]
    if accents.missing:
        print(f"yomu: lookup: no pitch accent: {accents.missing}", file=sys.stderr)
        for row in rows:
            row["accent"] = row["accents"] = row["accent_source"] = None
            row["accent_notation"] = list(row["readings"])
    out = Output()
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n" if args.format == "json" else _text(row))
    return 0
