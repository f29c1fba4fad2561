"""The author's layers handed to the analysis: ruby to the reading pipeline, name marks to the entities.

One call site each, so the screen, ``yomu annotate``, ``entities`` and
``glossary`` all give the author's layers the same precedence:

- :func:`analyse_document` runs the reading pipeline with the author's ruby
  as its first layer and keeps the author's readings exactly as written
  (katakana ruby such as 以太利《イタリー》 stays katakana);
- :func:`overlay_author_names` puts the names the source marks (NHK NEWS WEB
  EASY colours) into an entity index: a marked name is a mention of its type,
  and found mentions it overlaps give way to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.document import Document, NameMark
from reader.core.layers import Analysis, RubySpan

if TYPE_CHECKING:
    from reader.core.analysis.entities import Entity, EntityIndex, Mention
    from reader.core.analysis.readings import Analyzer


def analyse_document(analyzer: Analyzer, document: Document, end: int | None = None) -> Analysis:
    """Readings of ``document.text[:end]`` (the whole text by default) with the author's ruby first.

    This is the one place the author's ruby enters the reading pipeline: the
    pipeline takes it as its first layer, and the author's readings replace
    the pipeline's normalised copies in the result's ruby layer.
    """
    stop = len(document.text) if end is None else end
    author = document.author_ruby(0, stop)
    analysis = analyzer.analyse(document.text[:stop], author=author)
    return with_author_readings(analysis, author)


def with_author_readings(analysis: Analysis, author: Sequence[RubySpan]) -> Analysis:
    """``analysis`` with each author ruby span's reading exactly as the author wrote it."""
    if not author:
        return analysis
    written = {(sp.start, sp.end): sp.reading for sp in author}
    ruby = tuple(
        dataclasses.replace(sp, reading=written[(sp.start, sp.end)])
        if sp.source == "author" and (sp.start, sp.end) in written
        else sp
        for sp in analysis.ruby
    )
    return dataclasses.replace(analysis, ruby=ruby)


def mark_reading(document: Document, start: int, end: int) -> str:
    """The reading of ``text[start:end]`` from the author's ruby and the kana around it (``""`` if unknown)."""
    from reader.core.analysis.kana import is_kana, to_hiragana

    text = document.text
    parts: list[str] = []
    pos = start
    for sp in document.ruby:
        if sp.end <= start or sp.start >= end:
            continue
        if sp.start < start or sp.end > end:
            return ""
        between = text[pos : sp.start]
        if not all(is_kana(ch) or ch in "ー・" for ch in between):
            return ""
        parts.append(between)
        parts.append(sp.reading)
        pos = sp.end
    rest = text[pos:end]
    if not all(is_kana(ch) or ch in "ー・" for ch in rest):
        return ""
    parts.append(rest)
    return to_hiragana("".join(parts).replace("・", ""))


def overlay_author_names(index: EntityIndex, document: Document) -> EntityIndex:
    """``index`` with the source's name marks as mentions of their type (the author's marks win).

    A found mention overlapping a mark is dropped; a mark joins a remaining
    entity of its type with the same name, else marks with the same name and
    type make a new entity, read from the author's ruby.
    """
    marks: Sequence[NameMark] = document.names
    if not marks:
        return index
    from reader.core.analysis.entities import Entity, EntityIndex, Mention
    from reader.core.analysis.romaji import kana_to_romaji

    text = document.text
    covered = bytearray(len(text) + 1)
    for mark in marks:
        covered[mark.start : mark.end] = b"\x01" * (mark.end - mark.start)
    kept = [m for m in index.mentions if not any(covered[m.start : m.end])]
    # Group keys: ("old", entity id) for entities that keep a mention, ("mark", type, name) for new ones.
    members: dict[tuple[object, ...], list[tuple[int, int, str, str]]] = {}
    for m in kept:
        members.setdefault(("old", m.entity_id), []).append((m.start, m.end, m.text, m.type))
    by_name: dict[tuple[str, str], tuple[object, ...]] = {}
    for key in members:
        old = index.entities[int(key[1])]  # type: ignore[call-overload]
        for *_, surface, _kind in members[key]:
            by_name.setdefault((old.type, surface), key)
        by_name.setdefault((old.type, old.canonical), key)
    for mark in marks:
        surface = text[mark.start : mark.end]
        key = by_name.get((mark.type, surface)) or ("mark", mark.type, surface)
        by_name.setdefault((mark.type, surface), key)
        members.setdefault(key, []).append((mark.start, mark.end, surface, mark.type))

    order = sorted(members, key=lambda k: min(start for start, *_ in members[k]))
    mentions: list[Mention] = []
    entity_of_group: dict[tuple[object, ...], int] = {key: i for i, key in enumerate(order)}
    for key, group in members.items():
        for start, end, surface, kind in group:
            mentions.append(Mention(start, end, surface, kind, entity_of_group[key]))
    mentions.sort(key=lambda m: (m.start, m.end))
    indices: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        indices.setdefault(m.entity_id, []).append(i)
    entities: list[Entity] = []
    for key in order:
        eid = entity_of_group[key]
        where = tuple(indices[eid])
        first = mentions[where[0]].start
        if key[0] == "old":
            old = index.entities[int(key[1])]  # type: ignore[call-overload]
            entities.append(dataclasses.replace(old, id=eid, mentions=where, first=first))
            continue
        kind, surface = str(key[1]), str(key[2])
        reading = next((r for r in (mark_reading(document, s, e) for s, e, *_ in members[key]) if r), "")
        romaji = " ".join(kana_to_romaji(w).capitalize() for w in reading.split() if w) if reading else ""
        entities.append(Entity(eid, surface, kind, reading, romaji, "", "", where, first))
    return EntityIndex(tuple(mentions), tuple(entities))
