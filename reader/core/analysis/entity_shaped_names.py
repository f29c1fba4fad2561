"""Names known by their shape alone, token by token: :func:`shaped_name_at`.

Numbered roads (国道2号) and typhoons (台風10号), companies by their legal form
(株式会社…), Latin organisation names (Kiva Systems, 3Di社), bodies and events
by their reach (国際…連盟, 全日本…選手権), parties named by common nouns (社会党),
foreign names joined by ・ or before a head (ブラウヴァイラー修道院), and acronyms
on their own (WHO が); and :func:`latin_phrase_end`, the extent of Latin words
written together.  They read the words of
:mod:`reader.core.analysis.entity_words`, and are re-exported by
:mod:`reader.core.analysis.entity_rules`, where they were first written;
:class:`~reader.core.analysis.entity_finder.Finder` calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.analysis.entity_words import _words, head_type, is_katakana_word, is_latin_name, is_noun
from reader.core.layers import Token
from reader.core.lexicon.names import is_dictionary_word, name_kinds

CLOSING_MARKS: frozenset[str] = frozenset("、。，．・）)」』】〕")
"""Punctuation that may follow a name standing on its own."""
ROAD_KINDS: frozenset[str] = _words("国道 県道 都道 府道 道道 州道 市道")
"""Roads numbered with 号 (国道2号線): facilities."""


def shaped_name_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """A name known by its shape starting at token ``i``: (index after it, kind,
    priority), or None.  Numbered roads, parties named by common nouns, foreign names
    before a head, acronyms on their own."""
    t = toks[i]
    surface = t.surface
    latin = surface[:1].isascii() and surface[:1].isalnum()
    katakana = is_katakana_word(surface)
    common = len(t.pos) > 1 and t.pos[1] == "普通名詞"
    if not (common or latin or katakana or surface in ROAD_KINDS or t.pos[1:2] == ("数詞",)):
        return None  # no rule below starts on any other word
    # Each rule is asked only where the word it starts on can be (most words are none of them).
    rules: list[Callable[[Sequence[Token], int], tuple[int, str, int] | None]] = []
    if surface in ROAD_KINDS:
        rules.append(_road_at)
    if surface == "台風":
        rules.append(_typhoon_at)
    if surface in COMPANY_FORMS:
        rules.append(_company_at)
    if any(u.surface in COMPANY_FORMS for u in toks[i + 1 : i + 4]):
        rules.append(_company_before_form_at)
    if latin:
        rules.append(_latin_org_at)
    if surface in SCOPES:
        rules.append(_scoped_body_at)
    if common and any(u.surface == "党" for u in toks[i + 1 : i + 3]):
        rules.append(_party_at)
    if katakana:
        rules += [_dotted_person_at, _foreign_name_at]
    if latin:
        rules.append(_acronym_at)
    for rule in rules:
        found = rule(toks, i)
        if found is not None:
            return found
    return None


def _typhoon_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """台風10号, 台風第15号: a typhoon, named by its number (an event)."""
    if toks[i].surface != "台風":
        return None
    k = i + 1
    if k < len(toks) and toks[k].surface == "第" and toks[k].start == toks[k - 1].end:
        k += 1
    if k + 1 >= len(toks) or toks[k].pos[1] != "数詞" or toks[k].start != toks[k - 1].end:
        return None
    if not toks[k + 1].surface.startswith("号") or toks[k + 1].start != toks[k].end:
        return None
    return k + 2, "EVENT", 4


COMPANY_FORMS: tuple[str, ...] = ("株式会社", "有限会社", "合同会社")
"""Legal forms written before (or after) a company's name: 株式会社キテラス."""

LATIN_ORG_WORDS: frozenset[str] = _words(
    "Inc Inc. Ltd Ltd. Corp Corp. Corporation Company Co. Systems Productions Records Entertainment Group "
    "Holdings Laboratory laboratory Laboratories Studios Studio Pictures Bank University Institute Foundation "
    "Association Society Club FC Agency Airlines Motors Industries Partners Technologies"
)
"""Last words of organisation names written in Latin letters (Kiva Systems, … Productions)."""
_LATIN_LINKS = frozenset({"and", "of", "&", "the", "de", "for", "/"})


def _company_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """株式会社 + a name (katakana, Latin or a proper noun): the company, legal form included."""
    if toks[i].surface not in COMPANY_FORMS:
        return None
    k = i + 1
    while (
        k < len(toks)
        and toks[k].start == toks[k - 1].end
        and (is_katakana_word(toks[k].surface) or toks[k].is_proper_noun or toks[k].surface.isascii())
        and is_noun(toks[k])
    ):
        k += 1
    return (k, "ORG", 4) if k > i + 1 else None


def _company_before_form_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """Words written before 株式会社 (朝日電機株式会社): the company, its legal form included."""
    if _glued_after_word(toks, i):
        return None
    k = i
    while k < len(toks) and k - i < 4 and is_noun(toks[k]) and (k == i or toks[k].start == toks[k - 1].end):
        if toks[k].surface in COMPANY_FORMS:
            return (k + 1, "ORG", 4) if k > i else None
        k += 1
    return None


def _latin_words(toks: Sequence[Token], i: int) -> int:
    """Index after a run of Latin words from ``i`` (Swan and Hunter, 3Di, Kiva Systems), joined
    by single spaces or written together; ``i`` when there is none."""
    k = i
    while k < len(toks):
        t = toks[k]
        if k > i and t.start != toks[k - 1].end:
            break
        word = t.surface.isascii() and t.surface.strip() and (t.surface[0].isalnum() or t.surface in _LATIN_LINKS)
        space = t.surface == " " and k > i and k + 1 < len(toks) and toks[k + 1].surface[:1].isascii()
        if not (word or space):
            break
        k += 1
    while k > i and (toks[k - 1].surface == " " or toks[k - 1].surface in _LATIN_LINKS):
        k -= 1
    return k


def latin_phrase_end(toks: Sequence[Token], i: int) -> int:
    """Index after the Latin words from ``i`` joined by spaces, hyphens or slashes
    (Kiva Systems, Marx-Engels Werke); ``i + 1`` for a word on its own."""
    k = i + 1
    while (
        k + 1 < len(toks)
        and toks[k].surface in (" ", "-", "/")
        and toks[k].start == toks[k - 1].end
        and toks[k + 1].start == toks[k].end
        and toks[k + 1].surface[:1].isascii()
        and toks[k + 1].surface[:1].isalnum()
    ):
        k += 2
    return k


def _latin_org_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """Latin words before 社 (Swan and Hunter社, 3Di社) or ending in a word such names end
    in (Kiva Systems, … Productions): an organisation."""
    if i > 0 and toks[i - 1].end == toks[i].start and toks[i - 1].surface[:1].isascii():
        return None  # not the start of the Latin words
    k = _latin_words(toks, i)
    if k == i or not any(ch.isalpha() for t in toks[i:k] for ch in t.surface):
        return None
    if k < len(toks) and toks[k].surface == "社" and toks[k].start == toks[k - 1].end:
        return k + 1, "ORG", 4
    if k - i >= 3 and toks[k - 1].surface in LATIN_ORG_WORDS:
        return k, "ORG", 3
    return None


SCOPES: frozenset[str] = _words("国際 全国 全日本 世界 欧州 アジア 汎米 全米 北米 東アジア")
"""Words that open the name of a body or an event by its reach (国際…連盟, 全国…会, 世界…機関)."""
SCOPED_HEADS: frozenset[str] = _words(
    "連盟 協会 学会 機関 機構 連合会 連合 委員会 評議会 会議所 財団 基金 組合 裁判所 銀行 会 "
    "選手権 大会 選手権大会 博覧会 会議"
)
"""Heads of those names: the organisation or the event the scope word opens."""


def _scoped_body_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """国際サッカー連盟, 全国知事会, 国際原子力機関, 全日本ラリー選手権: a scope word, the field
    and a head, written together (the field is required: 国際会議 is not a name)."""
    if toks[i].surface not in SCOPES or _glued_after_word(toks, i):
        return None
    best = None
    k = i + 1
    while k < len(toks) and k - i <= 5 and toks[k].start == toks[k - 1].end and is_noun(toks[k]):
        if k > i + 1 and toks[k].surface in SCOPED_HEADS:
            best = k + 1
        k += 1
    if best is None or (best < len(toks) and toks[best].start == toks[best - 1].end and is_noun(toks[best])):
        return None  # not a head, or the head is only the start of a longer word (…会長)
    kind = head_type(toks[best - 1].surface, "") or "ORG"
    return best, kind if kind in ("ORG", "EVENT") else "ORG", 3


def _dotted_person_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """Katakana words joined by ・ that no dictionary knows (ムゾンケ・ファナ): a foreign
    person's name, as the ・ between given and family names shows.  Known words
    (ザ・バンド, ツール・ド・…) make no person."""
    if not is_katakana_word(toks[i].surface) or _glued_after_word(toks, i, ("名詞", "接尾辞")):
        return None
    parts: list[str] = [""]
    k = i
    while k < len(toks) and (k == i or toks[k].start == toks[k - 1].end):
        surface = toks[k].surface
        if surface in "・＝" and parts[-1] and k + 1 < len(toks) and is_katakana_word(toks[k + 1].surface):
            parts.append("")
        elif is_katakana_word(surface):
            parts[-1] += surface
        else:
            break
        k += 1
    if len(parts) < 2 or not parts[-1]:
        return None
    if any(len(p) >= 2 and is_dictionary_word(p) for p in parts) or len(max(parts, key=len)) < 2:
        return None
    if k < len(toks) and toks[k].start == toks[k - 1].end and head_type(toks[k].surface, "") not in ("", "PLACE"):
        return None  # a name before a head is another kind of name (…・ハイスクール)
    return k, "PERSON", 2


def _road_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """国道N号(線), 県道N号: a road, a facility."""
    if toks[i].surface not in ROAD_KINDS or i + 2 >= len(toks) or toks[i + 1].pos[1] != "数詞":
        return None
    after = toks[i + 2]
    if after.start != toks[i + 1].end or not after.surface.startswith("号"):
        return None
    return i + 3, "FACILITY", 4


def _glued_after_word(toks: Sequence[Token], i: int, kinds: tuple[str, ...] = ("名詞", "接頭辞")) -> bool:
    return i > 0 and toks[i - 1].end == toks[i].start and toks[i - 1].pos[0] in kinds


def _party_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """Common nouns with the suffix 党 (改進党, 社会党): a party; not after a prefix or
    a number (同党, 第一党), nor inside a longer word."""
    if toks[i].pos[1] != "普通名詞" or _glued_after_word(toks, i):
        return None
    k = i
    while k < len(toks) and k - i < 2 and toks[k].pos[1] == "普通名詞" and (k == i or toks[k].start == toks[k - 1].end):
        k += 1
    party = k > i and k < len(toks) and toks[k].surface == "党" and toks[k].pos[0] == "接尾辞"
    return (k + 1, "ORG", 2) if party and toks[k].start == toks[k - 1].end else None


def _foreign_name_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """Katakana words no dictionary knows, or joined by ・, then a head
    (ブラウヴァイラー修道院, カーサ・パイラル博物館, …・ハイスクール): a name of the
    head's kind.  Known loanwords before a head (ピアノ博物館) make no name."""
    if not is_katakana_word(toks[i].surface):
        return None
    k = i
    word = ""
    joined = False
    while k < len(toks) and is_katakana_word(toks[k].surface) and is_noun(toks[k]):
        word += toks[k].surface
        if k + 2 < len(toks) and toks[k + 1].surface in "・＝" and is_katakana_word(toks[k + 2].surface):
            joined = True  # words joined by ・ (セントラル・パシフィック…)
            k += 2
        else:
            k += 1
    if k == i or _glued_after_word(toks, i, ("名詞", "接尾辞")) or not (joined or not is_dictionary_word(word)):
        return None
    best, kind = 0, ""
    for m in range(i + 1, min(k + 3, len(toks))):
        t = toks[m]
        if t.start != toks[m - 1].end or not (is_noun(t) or t.surface in "・＝") or t.is_proper_noun:
            break
        head = head_type(t.surface, "")
        if head and (head != "PLACE" or (not joined and m == k and t.surface in _DISTRICT_HEADS)):
            best, kind = m + 1, head  # …修道院, …ハイスクール; a district right after an unknown word (…地区)
    return (best, kind, 4) if best else None


_DISTRICT_HEADS = frozenset(("地区", "州", "県", "市", "区", "郡", "自治区"))


def _acronym_at(toks: Sequence[Token], i: int) -> tuple[int, str, int] | None:
    """An acronym standing on its own (WHO が, IAEA と): an organisation.

    Capital letters that no dictionary knows as a word (GDP, ICBM are words),
    followed by a particle or punctuation rather than a noun (RFID事業 is a kind of
    business) and not ending a longer name (ハンブルガーSV, TOMBOW MAX)."""
    t = toks[i]
    if not is_latin_name(t.surface) or is_dictionary_word(t.surface) or name_kinds(t.surface) - {"ORG"}:
        return None
    if i > 0 and toks[i - 1].surface.isspace():
        return None
    if i > 0 and toks[i - 1].end == t.start and (is_noun(toks[i - 1]) or toks[i - 1].surface in ".・"):
        return None
    after = toks[i + 1] if i + 1 < len(toks) else None
    if (
        after is not None
        and after.start == t.end
        and after.pos[0] not in ("助詞", "接続詞")
        and after.surface not in CLOSING_MARKS
    ):
        return None
    return i + 1, "ORG", 2
