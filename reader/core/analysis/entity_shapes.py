"""Entity rules that go by the shape of the text rather than by a name the analyser tagged.

Passes over the whole article that add candidates (:func:`country_pairs`,
:func:`split_facilities`, :func:`sources`, and :func:`agency_at` token by
token), and the shapes around a name that say what it is: a title written as
one word (:func:`compound_title`), the ordinal or year before an event
(:func:`ordinal_before`), and what makes a name no entity of ours (a model
number, an era, a germ, a piece of a longer katakana word).
:class:`~reader.core.analysis.entity_finder.Finder` calls them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.analysis import entity_rules as rules
from reader.core.analysis.entity_candidates import Candidate, Cover
from reader.core.analysis.kana import is_kanji
from reader.core.layers import Token

_is_katakana_word = rules.is_katakana_word
_is_latin_name = rules.is_latin_name
_is_noun = rules.is_noun


def compound_title(word: str) -> bool:
    """A title written as one word: 総務相, 経済産業大臣, 国家安全保障局長官 (not 真相 or 位相)."""
    ending = next((e for e in rules.TITLE_ENDINGS if word.endswith(e)), "")
    return bool(ending) and len(word) > len(ending) and (ending != "相" or len(word) >= 3)


# -- what makes a name no entity of ours --------------------------------------------


def katakana_fragment(text: str, c: Candidate) -> bool:
    """A person in katakana glued to more katakana (ナッツ in ナッツベリーファーム): a piece
    of a longer word the analyser split, not a name."""
    if c.type != "PERSON" or not _is_katakana_word(text[c.start : c.end]):
        return False
    before = text[c.start - 1 : c.start]
    after = text[c.end : c.end + 1]
    return _is_katakana_word(before) or _is_katakana_word(after)


def pathogen(text: str, toks: Sequence[Token], j: int) -> bool:
    """A name followed by ウイルス, 株, 菌, 熱 … (エボラウイルス, オミクロン株): a disease
    or a germ, not an entity of ours."""
    if j >= len(toks) or toks[j].start != toks[j - 1].end:
        return False
    return text.startswith(rules.PATHOGEN_HEADS, toks[j].start) and not text.startswith(("株式", "株主"), toks[j].start)


def model_name(text: str, toks: Sequence[Token], j: int) -> bool:
    """A name followed by a model number (…76型): a product, not an entity of ours."""
    rest = text[toks[j].start : toks[j].start + 6] if j < len(toks) else ""
    digits = len(rest) - len(rest.lstrip("0123456789０１２３４５６７８９-"))
    return rest[digits : digits + 1] in ("型", "式") or rest.startswith(("型", "級"))


def era(text: str, toks: Sequence[Token], j: int) -> bool:
    """A name followed by a year (昭和31年, 明治元年) or 時代: an era, not a place."""
    rest = text[toks[j].start : toks[j].start + 6] if j < len(toks) else ""
    digits = rest.lstrip("0123456789０１２３４５６７８９元")
    return (len(digits) < len(rest) and digits.startswith("年")) or rest.startswith(
        ("時代", "期", "初期", "末期", "中期", "後期", "前期")
    )


def ordinal_before(text: str, toks: Sequence[Token], i: int) -> int:
    """Start of 第N回 or of a year before token ``i`` (第4回…コンテスト, 1964年東京
    オリンピック, 2010 FIFAワールドカップ), else the token's start."""
    start = toks[i].start
    before = text[max(0, start - 6) : start]
    at = before.rfind("第")
    if at >= 0 and before.endswith("回") and before[at + 1 : -1].isdigit():
        return start - len(before) + at
    year = rules.YEAR_BEFORE_EVENT.search(before)
    at = start - len(before) + year.start() if year else start
    return at if at == 0 or not text[at - 1].isdigit() else start


# -- candidates found by shape --------------------------------------------------------


def agency_at(toks: Sequence[Token], found: list[Candidate], i: int) -> int:
    """Kanji words ending in 省 or 庁 (対外情報庁, 気象庁, 防衛省 as one word): a government
    agency; not 省庁 or 各省, 同庁, 本省 (ministries in general, or one named before)."""
    t = toks[i]
    if (
        t.pos[1] == "普通名詞"
        and len(t.surface) >= 3
        and t.surface.endswith(("省", "庁"))
        and not t.surface.endswith("省庁")
        and t.surface[0] not in "各同本両当"
        and all(is_kanji(ch) for ch in t.surface)
        and (i == 0 or not _is_noun(toks[i - 1]) or toks[i - 1].end != t.start)
    ):
        found.append(Candidate(t.start, t.end, "ORG", 2, salient=True))
        return i + 1
    k = i
    while k < len(toks) and k - i < 4 and toks[k].pos[1] == "普通名詞" and (k == i or toks[k].start == toks[k - 1].end):
        k += 1
    if (
        k > i
        and k < len(toks)
        and toks[k].surface in ("省", "庁")
        and toks[k].start == toks[k - 1].end
        and toks[k].pos[1] == "名詞的"
        and (i == 0 or not _is_noun(toks[i - 1]))
    ):
        found.append(Candidate(toks[i].start, toks[k].end, "ORG", 2, salient=True))
        return k + 1
    return i + 1


def country_pairs(toks: Sequence[Token], found: list[Candidate]) -> None:
    """ロ朝間, 日米首脳: each letter of a pair of country letters is a place."""
    for i, t in enumerate(toks[:-1]):
        s = t.surface
        if not (2 <= len(s) <= 3 and all(ch in rules.COUNTRY_LETTERS for ch in s)):
            continue
        after = toks[i + 1]
        if after.start == t.end and after.surface in rules.PAIR_WARS:
            found.append(Candidate(t.start, after.end, "EVENT", 4))  # 日露戦争: the pair is in the name
        elif after.surface.startswith(rules.PAIR_FOLLOWERS):
            for k, _ch in enumerate(s):
                found.append(Candidate(t.start + k, t.start + k + 1, "PLACE", 2))


def split_facilities(text: str, toks: Sequence[Token], found: list[Candidate]) -> None:
    """…館, …座, …神社 after kanji words of which one is a single kanji (共 + 楽 + 館,
    生国 + 魂 + 神社): a facility whose unknown name the analyser cut into pieces.  A
    name of common words (市民病院, 県立図書館) is not cut that way."""
    covered = Cover(len(text))
    for c in found:
        covered.add(c.start, c.end)
    for h, t in enumerate(toks):
        if t.surface not in rules.SPLIT_FACILITY_HEADS or h < 2 or toks[h - 1].end != t.start:
            continue
        k = h
        while (
            k > 0
            and h - k < 4
            and toks[k - 1].end == toks[k].start
            and _is_noun(toks[k - 1])
            and all(is_kanji(ch) for ch in toks[k - 1].surface)
        ):
            k -= 1
        run = toks[k:h]
        if len(run) < 2 or not any(len(x.surface) == 1 for x in run) or any(x.is_proper_noun for x in run):
            continue  # a proper noun before a head is found by the name rules
        if k > 0 and toks[k - 1].end == toks[k].start and toks[k - 1].pos[0] in ("名詞", "接頭辞"):
            continue
        if covered.covers(toks[k].start) or covered.covers(t.end - 1):
            continue
        found.append(Candidate(toks[k].start, t.end, "FACILITY", 2))
        covered.add(toks[k].start, t.end)


def sources(text: str, toks: Sequence[Token], found: list[Candidate]) -> None:
    """…によりますと: a katakana or Latin name before it is a news organisation."""
    covered = Cover(len(text))
    for c in found:
        covered.add(c.start, c.end)
    for i, t in enumerate(toks):
        if i == 0 or not text.startswith(rules.SOURCE_PATTERNS, t.start):
            continue
        k = i
        while (
            k > 0
            and _is_noun(toks[k - 1])
            and (_is_katakana_word(toks[k - 1].surface) or _is_latin_name(toks[k - 1].surface))
        ):
            k -= 1
        words = "".join(t.surface for t in toks[k:i])
        if k < i and not toks[k].is_proper_noun and rules.is_common_noun(words):
            continue  # …のレポートによると: a common word (レポート, メディア) is no news source
        if k < i and not covered.covers(toks[k].start):
            found.append(Candidate(toks[k].start, toks[i - 1].end, "ORG", 2))
            covered.add(toks[k].start, toks[i - 1].end)
