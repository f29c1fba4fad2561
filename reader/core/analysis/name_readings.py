"""Readings of people's names: the layer between readings the text gives and the analyser.

SudachiPy reads a name with the cheapest entry of its dictionary, which for a name
is often the reading of a common word or a place, or the on-reading: 菅 かん where
the politician is すが, 末松 まっしょう, 盛山 さかりやま (a place), 文雄 ぶんゆう;
a surname in a rare variant kanji (髙橋, 栁澤) it does not know at all.  This layer
finds the names of people in the analyser's words — words it tags as personal
names, and the words right before a title (…官房長官, …首相, …大臣, …氏, …さん) —
and reads them as names:

1. a reading the text gives (菅(すが)) or the reader pinned is kept, and one person
   keeps one reading through the article: every later mention of the same name in a
   person's place (tagged as a name or before a title) takes the first reading
   decided;
2. an on-reading (菅 かん, 文雄 ぶんゆう, 末松 まっしょう) gives way to a reading the
   analyser's own dictionary also has for that kind of name (a surname's for a
   surname, a given name's for a given name) that is not an on-reading and that
   JMnedict lists for a person: すが, ふみお, すえまつ.  Chinese and Korean names
   (王, 李, 金) have only on-readings there and stay as they are;
3. a word the analyser reads as a place before a title (金田君) or a family's suffix
   (金田邸, 金田家: 家, 邸, 宅) is a surname: the analyser's own reading of it as one
   wins (金田 かねだ, not the place かねた or かなだ); where its dictionary has no such
   surname, a surname read as a place or a common word (盛山 さかりやま) takes JMnedict's
   reading for a person when the analyser's reading is not one of them;
4. a name the analyser cannot read (a rare variant kanji: 髙橋, 𠮷田, 栁澤) is read
   through its common kanji (高橋, 吉田, 柳澤), never kanji by kanji.

Nothing here lists a name: the evidence is the part of speech, the titles of
:mod:`reader.core.analysis.entity_rules`, JMnedict and KANJIDIC2's on-readings.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reader.core.analysis.align import align
from reader.core.analysis.entity_rules import PLACE_TITLES, TITLES
from reader.core.analysis.kana import has_kanji, is_kanji, to_hiragana
from reader.core.analysis.tokens import Morph
from reader.core.layers import RubySpan
from reader.core.lexicon.names import lookup_name
from reader.core.lexicon.tables import kanji_records


def _words(text: str) -> list[str]:
    return text.split()


NAME_SOURCE = "name"
"""The layer name the ruby spans of this layer carry."""


@dataclass(slots=True)
class NamePart:
    """A surname, a given name or a whole name as the analyser split it."""

    start: int
    end: int
    surface: str
    reading: str
    """The analyser's reading (hiragana; the surface when it has none)."""
    kind: str
    """``"姓"`` surname, ``"名"`` given name, ``""`` a whole or unknown kind of name."""
    tagged: bool
    """The analyser tags the word as a personal name."""
    unread: bool
    """The analyser could not read it (unknown word, or kanji read one by one)."""
    place: bool = False
    """The analyser took it for a place, but a title or a family's word follows (金田君, 金田邸)."""


class Claims(Protocol):
    """What :func:`name_layer` needs of the reading pipeline's claimed ranges."""

    taken: bytearray
    spans: list[RubySpan]

    def claim(self, group: Sequence[RubySpan], lo: int | None = None, hi: int | None = None) -> bool:
        """Take all of ``group`` (and ``lo:hi``), or nothing when any of it is taken."""
        ...


def name_layer(text: str, morphs: Sequence[Morph], claims: Claims, tokenize: Callable[[str], list[Morph]]) -> None:
    """Claim readings for the names of people in ``morphs`` (see the module docstring).

    ``tokenize`` is the analyser (for reading a name through its common kanji).
    """
    decided: dict[str, str] = {}
    parts = find_name_parts(text, morphs)
    _prefetch_kanji(parts)
    for part in parts:
        given = _given_reading(claims, part)
        if given is not None:
            decided.setdefault(part.surface, given)
            continue
        reading = decided.get(part.surface) or choose_reading(part, tokenize)
        if reading:
            decided.setdefault(part.surface, reading)
        if reading and (reading != part.reading or part.unread):
            _claim(claims, part, reading)


def _prefetch_kanji(parts: Sequence[NamePart]) -> None:
    """Read KANJIDIC2 once for every kanji whose on-readings a rule may test, not once
    per name."""
    characters = {ch for part in parts if part.kind and not part.unread for ch in part.surface}
    if characters:
        kanji_records(characters)


def _given_reading(claims: Claims, part: NamePart) -> str | None:
    """The reading an earlier layer (author, pin, text) gave the whole part, if any."""
    if not any(claims.taken[part.start : part.end]):
        return None
    spans = sorted((sp for sp in claims.spans if part.start <= sp.start and sp.end <= part.end), key=lambda s: s.start)
    if not spans:
        return ""
    reading, at = [], part.start
    for sp in spans:
        reading.append(to_hiragana(part.surface[at - part.start : sp.start - part.start]))
        reading.append(sp.reading)
        at = sp.end
    reading.append(to_hiragana(part.surface[at - part.start :]))
    return "".join(reading)


def _claim(claims: Claims, part: NamePart, reading: str) -> None:
    if not reading or not claims.taken or any(claims.taken[part.start : part.end]):
        return
    group = [RubySpan(part.start + s, part.start + e, r, NAME_SOURCE) for s, e, r in align(part.surface, reading)]
    claims.claim(group, part.start, part.end)


# ------------------------------------------------------------------ finding names


_bracket = re.compile(r"[(（]([^)）]*)[)）]")


def _is_person(m: Morph) -> bool:
    return m.pos[:3] == ("名詞", "固有名詞", "人名")


def _unread(m: Morph) -> bool:
    return has_kanji(m.surface) and (m.oov or has_kanji(m.reading) or not m.reading)


def _title_after(morphs: Sequence[Morph], j: int) -> str:
    """The longest title written right after ``morphs[j - 1]`` (…官房長官, …氏), or ``""``."""
    best, words = "", ""
    for k in range(j, min(j + 3, len(morphs))):
        if morphs[k].start != morphs[k - 1].end:
            break
        words += morphs[k].surface
        if words in TITLES:
            best = words
    return best


def find_name_parts(text: str, morphs: Sequence[Morph]) -> list[NamePart]:
    """The parts of people's names in ``morphs``, in text order: words the analyser tags
    as personal names, and the word (or the unread characters) right before a title."""
    parts: list[NamePart] = []
    i = 0
    while i < len(morphs):
        m = morphs[i]
        if _is_person(m) and has_kanji(m.surface):
            kind = m.pos[3] if m.pos[3] in ("姓", "名") else ""
            cut = _bracket.search(m.surface)  # the analyser keeps 菅(かん) as one word
            surface = m.surface[: cut.start()] if cut else m.surface
            if surface and all(is_kanji(ch) for ch in surface):
                reading = m.reading if not cut else to_hiragana(cut.group(1))
                end = m.start + len(surface)
                parts.append(NamePart(m.start, end, surface, reading, kind, True, _unread(m) and not cut))
            i += 1
            continue
        after = morphs[i + 1] if i + 1 < len(morphs) else None
        if after is not None and after.surface in HOUSEHOLDS:
            household = _place_before_household(morphs, i)
            if household is not None:
                parts.append(household)
                i += 1
                continue
        # Most words are neither before a title nor unread: two cheap tests first.
        if (
            m.oov
            or m.pos[0] == "補助記号"
            or (
                after is not None
                and after.surface[:1] in _TITLE_STARTS
                and after.start == m.end
                and _title_after(morphs, i + 1)
            )
        ):
            part = _before_title(text, morphs, i)
            if part is not None:
                parts.append(part[0])
                i = part[1]
                continue
        i += 1
    return parts


_TITLE_STARTS = frozenset(title[0] for title in TITLES)

HOUSEHOLDS = frozenset({"家", "邸", "宅"})
"""Suffixes of a family's name (金田家, 金田邸, 金田宅): the word before them is a surname."""


def _place_before_household(morphs: Sequence[Morph], i: int) -> NamePart | None:
    """A word the analyser reads as a place, followed by :data:`HOUSEHOLDS`: a surname."""
    m = morphs[i]
    after = morphs[i + 1] if i + 1 < len(morphs) else None
    if (
        after is None
        or after.start != m.end
        or after.surface not in HOUSEHOLDS
        or not after.is_pos("接尾辞")
        or m.pos[:3] != ("名詞", "固有名詞", "地名")
        or not all(is_kanji(ch) for ch in m.surface)
    ):
        return None
    return NamePart(m.start, m.end, m.surface, m.reading, "姓", False, False, place=True)


def _before_title(text: str, morphs: Sequence[Morph], i: int) -> tuple[NamePart, int] | None:
    """A surname at ``morphs[i:j]`` followed by a title: (the part, j), or None.

    The surname is one noun, or a run of characters the analyser could not read
    (𠮷 + 田); it must start a phrase (no noun glued before it) and not make a
    dictionary word with the title (外務大臣 is a title, not 外務 + 大臣).
    """
    m = morphs[i]
    if not has_kanji(m.surface) or (i > 0 and morphs[i - 1].end == m.start and morphs[i - 1].pos[0] == "名詞"):
        return None
    j = i + 1
    unread = _unread(m) or m.pos[0] == "補助記号"
    if unread:
        while j < len(morphs) and morphs[j].start == morphs[j - 1].end and has_kanji(morphs[j].surface):
            if _title_after(morphs, j):
                break
            j += 1
    elif m.pos[0] != "名詞" or m.pos[1] in ("数詞", "代名詞"):
        return None
    if j >= len(morphs) or morphs[j].start != morphs[j - 1].end:
        return None
    title = _title_after(morphs, j)
    if not title:
        return None
    surface = text[m.start : morphs[j - 1].end]
    if not all(is_kanji(ch) for ch in surface):
        return None
    proper = m.pos[:2] == ("名詞", "固有名詞")
    if not unread and (title in PLACE_TITLES or not (proper or "PERSON" in _person_kinds(surface))):
        return None  # a place or a body before 市長, 長官 …; a common word JMnedict does not know as a name
    reading = "".join(x.reading for x in morphs[i:j]) if not unread else surface
    place = j == i + 1 and m.pos[:3] == ("名詞", "固有名詞", "地名")
    return NamePart(m.start, morphs[j - 1].end, surface, reading, "姓", False, unread, place=place), j


def _person_kinds(surface: str) -> frozenset[str]:
    return frozenset(kind for entry in lookup_name(surface) for kind in entry.kinds)


# ------------------------------------------------------------------ choosing a reading


def choose_reading(part: NamePart, tokenize: Callable[[str], list[Morph]]) -> str:
    """The reading of a name part by rules 2–4 of the module docstring (hiragana);
    the analyser's reading when no rule applies.

    The dictionaries are asked only where a rule may apply: the analyser's own for a
    name read by its on-readings, JMnedict for words before a title that the analyser
    does not tag as names."""
    if part.unread:
        return _read_through_common_kanji(part.surface, tokenize)
    if part.place:
        # The analyser's own reading of the word as a surname (金田 かねた as a place, かねだ as a name).
        surnames = _analyser_name_readings(part.surface, "姓")
        if surnames:
            return part.reading if part.reading in surnames else surnames[0]
    if part.kind and is_on_reading(part.surface, part.reading):
        # Only now the analyser's dictionary is opened (most names are not on-read).
        others = [r for r in _analyser_name_readings(part.surface, part.kind) if r != part.reading]
        people = person_readings(part.surface) if others else []
        for reading in others:
            if reading in people and not is_on_reading(part.surface, reading):
                return reading
    if not part.tagged:
        people = person_readings(part.surface)
        if people and part.reading not in people:
            return _best_person_reading(part.surface, people)
    return part.reading


def person_readings(surface: str) -> list[str]:
    """JMnedict's readings of ``surface`` as a person's name (hiragana, dictionary order)."""
    out: list[str] = []
    for entry in lookup_name(surface):
        if "PERSON" in entry.kinds and entry.kana:
            reading = to_hiragana(entry.kana)
            if reading not in out:
                out.append(reading)
    return out


def _best_person_reading(surface: str, people: list[str]) -> str:
    """Of JMnedict's readings for a person, one the analyser also knows as a name, else
    one that is a place's too (common surnames are), else the first."""
    known = _analyser_name_readings(surface, "姓")
    for reading in people:
        if reading in known:
            return reading
    places = {to_hiragana(e.kana) for e in lookup_name(surface) if "PLACE" in e.kinds and "PERSON" in e.kinds}
    return next((r for r in people if r in places), people[0])


_lookup_lock = threading.Lock()


@functools.lru_cache(maxsize=4096)
def _analyser_name_readings(surface: str, kind: str) -> tuple[str, ...]:
    """Readings SudachiPy's dictionary gives ``surface`` as a personal name of ``kind``
    (``姓`` or ``名``), in its order."""
    out: list[str] = []
    with _lookup_lock:
        entries = _sudachi_dictionary().lookup(surface)
        found = [(tuple(m.part_of_speech()), m.reading_form()) for m in entries]
    for pos, reading in found:
        if pos[:4] == ("名詞", "固有名詞", "人名", kind):
            hiragana = to_hiragana(reading)
            if hiragana not in out:
                out.append(hiragana)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _sudachi_dictionary() -> Any:
    """SudachiPy's dictionary for look-ups of every entry of a word (about 30 ms to open)."""
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def _read_through_common_kanji(surface: str, tokenize: Callable[[str], list[Morph]]) -> str:
    """A name in rare variant kanji read as its common form is (髙橋 → 高橋 たかはし);
    ``""`` when neither the analyser nor JMnedict can read it."""
    for form in common_forms(surface):
        morphs = tokenize(form)
        if 0 < len(morphs) <= 2 and not any(_unread(m) for m in morphs) and any(_is_person(m) for m in morphs):
            return "".join(m.reading for m in morphs)
        people = person_readings(form)
        if people:
            return _best_person_reading(form, people)
    return ""


VARIANTS: dict[str, str] = {
    pair[0]: pair[1]
    for pair in _words(
        "髙高 𠮷吉 﨑崎 嵜崎 栁柳 邊辺 邉辺 齋斎 齊斉 濵浜 濱浜 澤沢 嶋島 嶌島 德徳 廣広 國国 眞真 槇槙 冨富 櫻桜 "
        "瀨瀬 靜静 惠恵 淺浅 曾曽 桒桑 禮礼"
    )
}
"""Variant kanji common in family names (異体字) and the form dictionaries list: 髙橋 is
高橋, 𠮷田 is 吉田.  Character variants, not names."""


def common_forms(surface: str) -> list[str]:
    """``surface`` (compatibility ideographs unified) and the same with its variant kanji
    replaced, one variant at a time and all at once (髙橋 → 高橋; 栁澤 → 柳澤, 栁沢, 柳沢)."""
    surface = unicodedata.normalize("NFKC", surface)  # compatibility ideographs (U+F900…) to unified ones
    forms: list[str] = [surface]
    positions = [i for i, ch in enumerate(surface) if ch in VARIANTS]
    if not positions:
        return forms
    every = "".join(VARIANTS.get(ch, ch) for ch in surface)
    for i in positions:
        forms.append(surface[:i] + VARIANTS[surface[i]] + surface[i + 1 :])
    forms.append(every)
    return list(dict.fromkeys(forms))


# ------------------------------------------------------------------ on-readings

_VOICED = str.maketrans("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ")
_HALF_VOICED = str.maketrans("はひふへほ", "ぱぴぷぺぽ")


def _forms_of(on: str) -> set[str]:
    """An on-reading as it may be written inside a word: as is, voiced (rendaku), with its
    last つ/ち/く/き doubled (っ) before the next kanji."""
    base = to_hiragana(on.replace("-", "").replace(".", ""))
    if not base:
        return set()
    forms = {base, base[0].translate(_VOICED) + base[1:], base[0].translate(_HALF_VOICED) + base[1:]}
    for form in list(forms):
        if form[-1] in "つちくき" and len(form) > 1:
            forms.add(form[:-1] + "っ")
    return forms


def is_on_reading(surface: str, reading: str) -> bool:
    """True when ``reading`` reads every kanji of ``surface`` by one of its on-readings
    (KANJIDIC2), allowing voicing and a doubled consonant between kanji: 菅 かん,
    文雄 ぶんゆう, 末松 まっしょう — not 菅 すが or 河野 こうの."""
    if not surface or not reading or not all(is_kanji(ch) for ch in surface):
        return False
    kanji_records(surface)  # one batched read for the kanji not seen yet
    options = [_on_forms(ch) for ch in surface]
    if not all(options):
        return False

    @functools.cache
    def fits(i: int, at: int) -> bool:
        if i == len(options):
            return at == len(reading)
        return any(reading.startswith(form, at) and fits(i + 1, at + len(form)) for form in options[i])

    return fits(0, 0)


@functools.lru_cache(maxsize=8192)
def _on_forms(character: str) -> frozenset[str]:
    record = kanji_records(character).get(character)
    forms: set[str] = set()
    for on in record.on_readings if record is not None else ():
        forms |= _forms_of(on)
    return frozenset(forms)
