"""Named entities of an article: typed mentions grouped under canonical entities.

``extract_entities(text, analysis)`` finds the people, places, organisations,
facilities, events and dates an article names.  Evidence, combined:

- the analyser's proper-noun tags (人名, 地名, 固有名詞一般) and JMnedict's name
  types for the untyped ones;
- names followed by a title (…大統領, …氏, …長官): the title becomes the
  entity's role and stays outside the span; a katakana word before a title is a
  person even when the analyser did not know it;
- heads of names (…府, …省, …通信 organisations; …基地, …広場 facilities;
  …州, …極東 places; …侵攻, …会議 events): the longer name is a mention and the
  proper noun inside it is one too (ロシア inside ロシア大統領府);
- a place inside a longer name is a mention of its own only when the name is
  the state's (ロシア国防省, ウクライナ侵攻, ロシア極東), not a company's or a
  stadium's named after a city; an address (静岡県富士市) is one place;
- shapes of names: 第N軍 and 国道N号線, common nouns with 党, katakana words no
  dictionary knows before a head (…修道院), acronyms standing alone (WHO が), a
  year before an event (1964年東京オリンピック);
- readings in parentheses (キム・ジョンウン(金正恩)): both are mentions of one person;
- earlier mentions: a name found once is found again where it recurs, and a
  part of a person's full name (キム, エフセーエフ) is that person;
- calendar dates (18日, 去年9月, ことし), resolved to ISO dates against the
  article's date; durations (24年ぶり, 2日間) are not dates.
"""

from __future__ import annotations

import bisect
import datetime
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.core.analysis.entity_finder import Candidate, Finder, resolve
from reader.core.analysis.entity_rules import COUNTRY_NAMES, find_article_date, is_katakana_word
from reader.core.analysis.kana import is_katakana, to_hiragana
from reader.core.analysis.romaji import kana_to_romaji
from reader.core.layers import Analysis, Token
from reader.core.lexicon.names import english_name, lookup_name

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "PLACE", "ORG", "FACILITY", "EVENT", "DATE")
"""The kinds of entity, in the order the sidebar lists them."""

__all__ = ["ENTITY_TYPES", "Entity", "EntityIndex", "Mention", "extract_entities", "find_article_date"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where the article names an entity: ``text[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    entity_id: int
    """Index of the :class:`Entity` in :attr:`EntityIndex.entities`."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place, organisation, facility, event or date, however often named."""

    id: int
    canonical: str
    """The fullest name the article gives (キム・ジョンウン（金正恩）); an ISO date for dates."""
    type: str
    reading: str
    """Reading in hiragana (``""`` when unknown)."""
    romaji: str
    english: str
    """English name where JMnedict knows one (Putin, Pyongyang), else ``""``."""
    role: str
    """The title the article gives a person (大統領, 総書記), else ``""``."""
    mentions: tuple[int, ...]
    """Indices into :attr:`EntityIndex.mentions`, in text order."""
    first: int
    """Offset of the first mention."""

    @property
    def count(self) -> int:
        """How many times the article names the entity."""
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The mentions of an article (sorted by start) and the entities they name."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]

    def entity_of(self, mention: Mention) -> Entity:
        """The entity ``mention`` names."""
        return self.entities[mention.entity_id]

    def mentions_of(self, entity: Entity) -> tuple[Mention, ...]:
        """The mentions of ``entity``, in text order."""
        return tuple(self.mentions[i] for i in entity.mentions)

    def entities_between(self, start: int, end: int) -> tuple[Entity, ...]:
        """Entities with a mention inside ``[start, end)``, by first mention (the mentions
        are sorted by start: a section costs its own mentions, not the whole text's)."""
        lo = bisect.bisect_left(self.mentions, start, key=lambda m: m.start)
        hi = bisect.bisect_left(self.mentions, end, lo=lo, key=lambda m: m.start)
        ids = sorted({m.entity_id for m in self.mentions[lo:hi]})
        return tuple(self.entities[i] for i in ids)


@dataclass(slots=True)
class _Group:
    """Mentions being gathered under one entity."""

    type: str
    forms: list[str]
    members: list[Candidate]
    alias: str = ""
    """A form given in parentheses after the name (金正恩 after キム・ジョンウン)."""
    keys: set[str] | None = None
    order: int = 0
    """Position in the list of groups (the first group made is 0)."""
    last: int = 0
    """Start of the latest member."""


def _parts(name: str) -> list[str]:
    return [p for p in name.replace("＝", "・").split("・") if p]


def _dictionary_keys(surface: str, kind: str) -> set[str]:
    """Katakana forms JMnedict gives ``surface`` as a name of ``kind`` (平壌 → ピョンヤン)."""
    keys = {surface}
    if any(not is_katakana(ch) for ch in surface):
        for entry in lookup_name(surface):
            if kind in entry.kinds and entry.kana and all(is_katakana(ch) for ch in entry.kana):
                keys.add(entry.kana)
    return keys


class _People:
    """The PERSON groups, indexed by their forms and by the parts of their forms, so
    finding the person a mention names looks at the few groups that share a name."""

    def __init__(self) -> None:
        self.by_form: dict[str, list[_Group]] = {}
        self.by_part: dict[str, list[_Group]] = {}

    def add_form(self, group: _Group, form: str) -> None:
        self.by_form.setdefault(form, []).append(group)
        for part in dict.fromkeys(_parts(form)):
            self.by_part.setdefault(part, []).append(group)

    def find(self, surface: str, role: str) -> _Group | None:
        """The person a mention names: the same form, a part of a fuller name, or a
        fuller name of a part; the one with the same role, then the latest, wins."""
        parts = _parts(surface)
        near: dict[int, _Group] = {}
        for g in self.by_form.get(surface, ()):
            near[g.order] = g
        if len(parts) == 1:
            for g in self.by_part.get(surface, ()):
                near[g.order] = g
        for part in parts:
            for g in self.by_form.get(part, ()):
                near[g.order] = g
        scored: list[tuple[int, int, _Group]] = []
        for g in near.values():
            if surface in g.forms:
                level = 3
            elif len(parts) == 1 and any(surface in _parts(f) for f in g.forms):
                level = 2
            elif any(len(_parts(f)) == 1 and f in parts for f in g.forms) and not any(
                len(_parts(f)) > 1 for f in g.forms if f != g.alias
            ):
                level = 1
            else:
                continue
            same_role = int(bool(role) and any(m.role == role for m in g.members))
            scored.append((level + 2 * same_role, g.last + g.order, g))
        return max(scored, key=lambda s: (s[0], s[1], -s[2].order))[2] if scored else None


def _group(text: str, candidates: Sequence[Candidate]) -> list[tuple[Candidate, _Group]]:
    groups: list[_Group] = []
    by_start: dict[int, _Group] = {}
    dates: dict[str, _Group] = {}
    people = _People()
    first_with_key: dict[tuple[str, str], int] = {}
    """(type, key) → the order of the first group holding the key."""
    placed: list[tuple[Candidate, _Group]] = []
    for c in candidates:
        surface = text[c.start : c.end]
        group: _Group | None = None
        keys: set[str] = set()
        if c.partner is not None and c.partner in by_start and by_start[c.partner].type == c.type:
            group = by_start[c.partner]
            if not group.alias and c.partner < c.start:
                group.alias = surface
        elif c.type == "DATE":
            surface = c.iso or surface
            group = dates.get(surface)
        elif c.type == "PERSON":
            group = people.find(surface, c.role)
        else:
            keys = _dictionary_keys(surface, c.type)
            if c.type == "PLACE" and surface in COUNTRY_NAMES:
                for country in COUNTRY_NAMES[surface]:  # ロ of ロ朝間 is the article's ロシア
                    keys |= {country} | _dictionary_keys(country, "PLACE")
            orders = [first_with_key[(c.type, k)] for k in keys if (c.type, k) in first_with_key]
            group = groups[min(orders)] if orders else None
        if group is None:
            group = _Group(c.type, [], [], keys=set(), order=len(groups))
            groups.append(group)
        if surface not in group.forms:
            group.forms.append(surface)
            if group.type == "DATE":
                dates.setdefault(surface, group)
            elif group.type == "PERSON":
                people.add_form(group, surface)
        if group.keys is not None and c.type not in ("PERSON", "DATE"):
            new_keys = keys if c.type == group.type and keys else _dictionary_keys(surface, c.type)
            group.keys |= new_keys
            for k in new_keys:
                at = first_with_key.get((group.type, k))
                if at is None or group.order < at:
                    first_with_key[(group.type, k)] = group.order
        group.members.append(c)
        group.last = max(group.last, c.start)
        by_start[c.start] = group
        placed.append((c, group))
    return placed


class _Tokens:
    """The tokens of the text with their starts, for finding the tokens of a span by bisection."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def covered(self, start: int, end: int) -> list[Token] | None:
        """The tokens of ``[start, end)`` outside parentheses, or None when the span cuts a token."""
        i = bisect.bisect_left(self.starts, start)
        covered = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end <= end:
                covered.append(self.tokens[i])
            i += 1
        if not covered or covered[0].start != start or covered[-1].end != end:
            return None
        kept, depth = [], 0
        for t in covered:
            depth += t.surface in "(（"
            if depth == 0:
                kept.append(t)
            depth -= t.surface in ")）"
        return kept


def _span_reading(text: str, tokens: _Tokens, start: int, end: int) -> str:
    """Hiragana reading of ``text[start:end]`` from the tokens it covers exactly, else ``""``."""
    covered = tokens.covered(start, end)
    if covered is None:
        surface = text[start:end]
        return to_hiragana(surface) if all(is_katakana(ch) or ch in "・＝" for ch in surface) else ""
    return "".join(t.surface if t.surface in "・＝" else t.reading for t in covered)


def _span_romaji(tokens: _Tokens, start: int, end: int, reading: str) -> str:
    """Romaji word by word (Ukuraina Shinkō, Kimu Jon'un), capitalised as names are."""
    covered = tokens.covered(start, end)
    words = [t.reading for t in covered if t.surface not in "・＝"] if covered else _parts(reading)
    return " ".join(kana_to_romaji(w).capitalize() for w in words if w)


def _transliteration(gloss: str, reading: str) -> bool:
    """True when an English gloss only spells the Japanese reading (Kitachousen for 北朝鮮)."""
    letters = "".join(ch for ch in gloss.lower() if ch.isalpha())
    kana = reading.replace("・", "")
    return bool(kana) and letters in {
        "".join(ch for ch in kana_to_romaji(kana, style).lower() if ch.isalpha())
        for style in ("hepburn-ou", "passport")
    }


def _entity(entity_id: int, group: _Group, indices: list[int], text: str, tokens: _Tokens) -> Entity:
    first = min(m.start for m in group.members)
    if group.type == "DATE":
        return Entity(entity_id, group.forms[0], "DATE", "", "", "", "", tuple(indices), first)
    names = [f for f in group.forms if f != group.alias] or group.forms
    canonical = max(names, key=lambda f: (len(_parts(f)), len(f), -group.forms.index(f)))
    if group.type == "PLACE" and canonical in COUNTRY_NAMES:
        return _abbreviated_country(entity_id, group, indices, first)
    member = next(m for m in group.members if text[m.start : m.end] == canonical)
    reading = member.reading or _span_reading(text, tokens, member.start, member.end)
    kind = group.type
    english = ""
    for form in ([group.alias] if group.alias else []) + ["".join(_parts(canonical))] + group.forms:
        english = english_name(form, kind, reading.replace("・", "") if form == canonical and reading else None)
        if english and any(not is_katakana(ch) for ch in form) and _transliteration(english, reading):
            english = ""
        if english:
            break
    roles = Counter(m.role for m in group.members if m.role)
    role = roles.most_common(1)[0][0] if roles else ""
    shown = f"{canonical}（{group.alias}）" if group.alias and group.alias != canonical else canonical
    romaji = _span_romaji(tokens, member.start, member.end, reading)
    return Entity(entity_id, shown, kind, reading, romaji, english, role, tuple(indices), first)


def _abbreviated_country(entity_id: int, group: _Group, indices: list[int], first: int) -> Entity:
    """A country the article names only by its letter (日 of 日米): shown under its name."""
    country = COUNTRY_NAMES[max(group.forms, key=len)][0]
    entries = [e for e in lookup_name(country) if "PLACE" in e.kinds and e.kana]
    reading = to_hiragana(entries[0].kana) if entries else (to_hiragana(country) if is_katakana_word(country) else "")
    romaji = kana_to_romaji(reading).capitalize() if reading else ""
    return Entity(
        entity_id, country, "PLACE", reading, romaji, english_name(country, "PLACE"), "", tuple(indices), first
    )


def group_mentions(text: str, tokens: Sequence[Token], candidates: Sequence[Candidate]) -> EntityIndex:
    """Group candidates (sorted by start) into entities numbered by first mention."""
    placed = _group(text, candidates)
    order: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    groups: dict[int, _Group] = {}
    mentions: list[Mention] = []
    for c, g in placed:
        entity_id = order.setdefault(id(g), len(order))
        groups[entity_id] = g
        members.setdefault(entity_id, []).append(len(mentions))
        mentions.append(Mention(c.start, c.end, text[c.start : c.end], c.type, entity_id))
    indexed = _Tokens(tokens)
    entities = [_entity(i, groups[i], members[i], text, indexed) for i in range(len(order))]
    return EntityIndex(tuple(mentions), tuple(entities))


def extract_entities(
    document_text: str, analysis: Analysis, *, article_date: datetime.date | None = None
) -> EntityIndex:
    """The entities of ``document_text`` from its ``analysis`` (tokens with readings).

    Dates resolve against ``article_date``, or the date the text states
    (:func:`find_article_date`) when none is given.
    """
    if article_date is None:
        article_date = find_article_date(document_text)
    finder = Finder(document_text, analysis.tokens, article_date)
    return group_mentions(document_text, analysis.tokens, resolve(document_text, finder.run()))


def iter_types(index: EntityIndex) -> Iterator[tuple[str, tuple[Entity, ...]]]:
    """``(type, entities)`` for each type present, in :data:`ENTITY_TYPES` order."""
    for kind in ENTITY_TYPES:
        group = tuple(e for e in index.entities if e.type == kind)
        if group:
            yield kind, group
