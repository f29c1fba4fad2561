"""The rules that find entity candidates in an article's tokens.

See :mod:`reader.core.analysis.entities` for the evidence combined; this module
turns it into :class:`~reader.core.analysis.entity_candidates.Candidate` spans,
which the extractor then groups.  :class:`Finder` walks the tokens for names
(a proper noun or a katakana chain, the title or head after it, a
``name(reading)`` pair); the rules that go by the shape of the text are in
:mod:`reader.core.analysis.entity_shapes`, and what becomes of the candidates
afterwards (recurrences, :func:`resolve`) in
:mod:`reader.core.analysis.entity_candidates`.  ``Candidate`` and ``resolve``
are imported here too, where they were first defined.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from reader.core.analysis import entity_rules as rules
from reader.core.analysis import entity_shapes as shapes
from reader.core.analysis.entity_candidates import Candidate, recurrences, resolve
from reader.core.analysis.kana import is_kanji
from reader.core.layers import Token
from reader.core.lexicon.names import is_dictionary_word, name_kinds

_is_katakana_word = rules.is_katakana_word
_is_latin_name = rules.is_latin_name
_is_noun = rules.is_noun


class Finder:
    """The rules over one article's tokens; :meth:`run` returns the candidates."""

    def __init__(self, text: str, tokens: Sequence[Token], article_date: datetime.date | None) -> None:
        self.text = text
        self.tokens = tokens
        self.article_date = article_date
        self.found: list[Candidate] = []
        titles = [t.surface in rules.TITLES or t.surface.endswith(rules.TITLE_ENDINGS) for t in tokens]
        self.title_after = [any(titles[k + 1 : k + 4]) for k in range(len(tokens))]
        """Per token: a title word (or the end of a compound title) among the next three."""

    def run(self) -> list[Candidate]:
        i = 0
        while i < len(self.tokens):
            i = self._name_at(i)
        shapes.country_pairs(self.tokens, self.found)
        shapes.split_facilities(self.text, self.tokens, self.found)
        shapes.sources(self.text, self.tokens, self.found)
        recurrences(self.text, self.tokens, self.found)
        for date in rules.find_dates(self.text, self.article_date):
            self.found.append(Candidate(date.start, date.end, "DATE", 5, iso=date.iso))
        self.found = [c for c in self.found if not shapes.katakana_fragment(self.text, c)]
        return self.found

    # -- names from tokens ---------------------------------------------------
    def _chain(self, i: int) -> tuple[int, str] | None:
        """The name starting at token ``i``: (index after it, base type), or None.

        A name is a proper noun, or a run of katakana words joined by ・ with a
        proper noun in it, or a katakana word before a title (ナルイシキン長官).
        """
        toks = self.tokens
        if not (toks[i].is_proper_noun or _is_katakana_word(toks[i].surface)):
            return None  # most words: no name starts here
        j = i + 1
        address = False
        while j < len(toks) and toks[j].start == toks[j - 1].end:
            u = toks[j]
            if (
                u.surface in "・＝"
                and j + 1 < len(toks)
                and _is_katakana_word(toks[j + 1].surface)
                and _is_katakana_word(toks[j - 1].surface)
            ):
                j += 2
            elif self._initial_at(j):
                j += 4  # ジョン・F・ケネディ: a middle initial between two parts
            elif "・" in self.text[toks[i].start : u.start] and _is_katakana_word(u.surface) and _is_noun(u):
                j += 1  # more words of the last part (ヤマハ・ライト・ミュージック)
            elif self._address_step(j):
                j += 1 if toks[j].is_proper_noun else 2  # 神奈川県足柄上郡…, 日向市大字日知屋
                address = True
            elif (
                u.is_proper_noun
                and u.pos[2] == "人名"
                and (u.pos[3] == "名" or self._proper_type(toks[j - 1]) == "PERSON")
            ):
                j += 1  # family name + given name
            else:
                break
        if address:
            return j, "PLACE"
        parts = [t for t in toks[i:j] if t.surface not in "・＝"]
        proper = [t for t in parts if t.is_proper_noun]
        if j - i > 1 and (proper or self._katakana_name(i)):
            head = self._head_type(parts[-1].surface, "")
            if head and len(parts) > 1:
                return j, head
            if any(t.pos[2] == "人名" for t in proper) or not proper:
                return j, "PERSON"
            if any(t.pos[2] == "地名" for t in proper) and not all(t.pos[2] == "地名" for t in parts):
                return j, "ORG"  # a team or company named after a place (…・レイブンズ, レアル・…)
            return j, self._proper_type(proper[-1])
        t = toks[i]
        if t.is_proper_noun and j > i + 1:
            return j, "PERSON"
        if t.is_proper_noun:
            if len(t.surface) > 2 and t.surface.endswith(rules.LONG_FACILITY_HEADS + rules.SHORT_FACILITY_ENDINGS):
                return i + 1, "FACILITY"
            if t.pos[2] not in ("人名", "地名") and t.surface.endswith(rules.LONG_EVENT_HEADS):
                return i + 1, "EVENT"  # ワールドカップ, …選手権 written as one word
            return i + 1, self._proper_type(t)
        if _is_katakana_word(t.surface) and _is_noun(t) and self._katakana_name(i):
            return i + 1, "PERSON"
        return None

    def _run_by_place(self, j: int) -> int:
        """After a place, …立 + a name + a facility head (東京都立羽村高等学校, …市立平成中学校):
        the index after the head, or 0."""
        toks = self.tokens
        if j >= len(toks) or not (toks[j].surface == "立" or toks[j].surface in rules.RUN_BY):
            return 0
        if j + 1 >= len(toks) or toks[j + 1].start != toks[j].end:
            return 0
        chain = self._chain(j + 1)
        end = chain[0] if chain else j + 2
        if end >= len(toks) or toks[end].start != toks[end - 1].end:
            return 0
        head_end, head_kind = self._head_at(end, "")
        return head_end if head_kind == "FACILITY" else 0

    def _initial_at(self, j: int) -> bool:
        """・F・ (or ・Ｆ・, ・F.) at token ``j`` between two katakana parts of a name."""
        toks = self.tokens
        if j + 3 >= len(toks) or toks[j].surface not in "・＝" or not _is_katakana_word(toks[j - 1].surface):
            return False
        letter = toks[j + 1].surface.rstrip(".．")
        return (
            len(letter) == 1
            and letter.isalpha()
            and letter.upper() == letter
            and toks[j + 2].surface in "・＝"
            and _is_katakana_word(toks[j + 3].surface)
            and all(toks[k].start == toks[k - 1].end for k in range(j, j + 4))
        )

    def _address_step(self, j: int) -> bool:
        """True when token ``j`` carries on an address: a place name after a place that
        ends in an administrative unit (県, 郡, 市 …), directly or after 大字, 字 or 旧."""
        toks = self.tokens
        before = toks[j - 1]
        if not (before.is_proper_noun and before.pos[2] == "地名" and before.surface.endswith(rules.ADMIN_UNITS)):
            return False
        k = j + 1 if toks[j].surface in rules.ADDRESS_LINKS else j
        return (
            k < len(toks) and toks[k].start == toks[k - 1].end and toks[k].is_proper_noun and toks[k].pos[2] == "地名"
        )

    def _proper_type(self, t: Token) -> str:
        if t.pos[2] == "人名":
            return "PERSON"
        if t.pos[2] == "地名":
            return "PLACE"
        kinds = name_kinds(t.surface)
        for kind in ("ORG", "PLACE", "FACILITY", "EVENT", "PRODUCT"):
            if kind in kinds:
                return kind
        if "PERSON" in kinds and _is_katakana_word(t.surface):
            return "PERSON"
        return "ORG"  # 固有名詞・一般 the dictionary does not know: mostly organisations

    def _katakana_name(self, i: int) -> bool:
        """A katakana word the analyser did not tag: a name when a title (after any ・ chain) follows."""
        j = i
        while (
            j + 2 < len(self.tokens)
            and self.tokens[j + 1].surface in "・＝"
            and _is_katakana_word(self.tokens[j + 2].surface)
        ):
            j += 2
        if j + 1 < len(self.tokens) and self.tokens[j + 1].start == self.tokens[j].end:
            title = self._title_at(j + 1)[1]
            return bool(title) and title not in rules.OCCUPATIONS
        return False

    def _title_at(self, j: int) -> tuple[int, str]:
        """The title starting at token ``j``: (index after it, title) or (j, "")."""
        best = (j, "")
        words = ""
        for k in range(j, min(j + 4, len(self.tokens))):
            t = self.tokens[k]
            if not (_is_noun(t) or t.pos[0] == "接頭辞") or (k > j and t.start != self.tokens[k - 1].end):
                break
            words += t.surface
            if words in rules.TITLES or (k > j and words.endswith(rules.TITLE_ENDINGS)) or shapes.compound_title(words):
                best = (k + 1, words)
        return best

    def _head_at(self, j: int, base: str) -> tuple[int, str]:
        """A head after a name at token ``j`` (…大統領府, …宇宙基地, …サンレーヴス):
        (index after it, type) or (j, "")."""
        best = (j, "")
        katakana = True
        for k in range(j, min(j + 4, len(self.tokens))):
            t = self.tokens[k]
            if t.start != self.tokens[k - 1].end or (t.is_proper_noun and k > j):
                break
            if t.pos[0] == "接頭辞" and k + 1 < len(self.tokens) and self.tokens[k + 1].start == t.end:
                katakana = False
                continue  # 宝塚大劇場: a prefix inside the head
            if not _is_noun(t):
                break
            katakana = katakana and (_is_katakana_word(t.surface) or _is_latin_name(t.surface))
            kind = self._head_type(t.surface, base)
            if kind == "ORG" and t.surface == "府" and k == j and base == "PLACE":
                kind = "PLACE"  # 大阪府; but ロシア大統領府 is an organisation
            if kind:
                best = (k + 1, kind)
            elif katakana and base in ("PLACE", "ORG") and t.surface not in rules.TITLES and not self._modifier(k):
                place_head = self.tokens[j - 1].surface[-1:] in rules.PLACE_HEADS or best[1] == "PLACE"
                best = (
                    k + 1,
                    "PLACE" if place_head else "ORG",
                )  # a place and katakana words: a team or a company
        return best

    def _modifier(self, k: int) -> bool:
        """True when the word at ``k`` is glued to a common noun that is no head (プロ in
        日本プロ野球, ヨット in 富士ヨット学生服): part of a compound, not of a name."""
        toks = self.tokens
        if k + 1 >= len(toks) or toks[k + 1].start != toks[k].end or not _is_noun(toks[k + 1]):
            return False
        after = toks[k + 1]
        return not (
            after.is_proper_noun
            or _is_katakana_word(after.surface)
            or _is_latin_name(after.surface)
            or self._head_type(after.surface, "ORG")
        )

    def _head_type(self, word: str, base: str) -> str:
        return rules.head_type(word, base)

    def _parenthesis(self, j: int, base: Candidate) -> int:
        """``name(reading)`` or ``reading(name)`` at token ``j``: add the other half; index after ``)``."""
        toks = self.tokens
        if j + 2 >= len(toks) or toks[j].surface not in "(（":
            return j
        k = j + 1
        while k < len(toks) and toks[k].surface not in ")）" and k - j < 6:
            k += 1
        if k >= len(toks) or toks[k].surface not in ")）" or k == j + 1:
            return j
        inner_start, inner_end = toks[j + 1].start, toks[k - 1].end
        inner = self.text[inner_start:inner_end]
        if (
            any(ch in inner for ch in "、。，")
            or len(inner) > 12
            or not any(t.is_proper_noun or _is_katakana_word(t.surface) for t in toks[j + 1 : k])
        ):
            return j
        self.found.append(Candidate(inner_start, inner_end, base.type, 3, partner=base.start, salient=True))
        base.partner = inner_start
        base.salient = True
        return k + 1

    def _name_at(self, i: int) -> int:
        toks = self.tokens
        if toks[i].surface[:1].isascii() and toks[i].surface[:1].isalpha():
            phrase_end = rules.latin_phrase_end(toks, i)
            if phrase_end > i + 1:  # Kiva Systems, TOMBOW MAX: the words are one name or none
                return self._shaped_name_at(i) or phrase_end
        chain = self._chain(i)
        if chain is None:
            if _is_latin_name(toks[i].surface) and i + 1 < len(toks) and toks[i + 1].start == toks[i].end:
                head_end, head_kind = self._head_at(i + 1, "ORG")
                if head_kind and not all(
                    _is_katakana_word(t.surface) or _is_latin_name(t.surface) for t in toks[i + 1 : head_end]
                ):
                    if not self._part_of_name(i, i + 1, i + 1, head_end):
                        self.found.append(Candidate(toks[i].start, toks[i].end, "ORG", 3, salient=True))
                    self.found.append(Candidate(toks[i].start, toks[head_end - 1].end, head_kind, 4))
                    return head_end
            if self._surname_before_title(i):
                self.found.append(Candidate(toks[i].start, toks[i].end, "PERSON", 3))
                return i + 1
            return self._numbered_event_at(i) or self._shaped_name_at(i) or shapes.agency_at(toks, self.found, i)
        j, kind = chain
        start, end = toks[i].start, toks[j - 1].end
        if (
            kind == "PRODUCT"
            or shapes.model_name(self.text, toks, j)
            or shapes.era(self.text, toks, j)
            or shapes.pathogen(self.text, toks, j)
        ):
            return j
        if kind in ("PLACE", "ORG") and j == i + 1 and self._surname_before_title(i):
            kind = "PERSON"  # 上川外相: a surname the analyser took for a place
        if j == i + 1 and self._common_word(i):
            return j
        base = Candidate(start, end, kind, 3, salient=kind != "PLACE")
        self.found.append(base)
        outer_end_token = self._parenthesis(j, base)
        glued = outer_end_token < len(toks) and toks[outer_end_token].start == toks[outer_end_token - 1].end
        _after, role = self._title_at(outer_end_token) if kind == "PERSON" and glued else (outer_end_token, "")
        if role:
            for c in self.found[-2:]:
                if c is base or c.partner == base.start:
                    c.role = role
            return outer_end_token  # words in the title are looked at too (…共産党書記長)
        if glued and kind == "PLACE":
            run_by = self._run_by_place(outer_end_token)
            if run_by:
                self.found.remove(base)  # 東京 in 東京都立羽村高等学校: part of the school's name
                self.found.append(Candidate(start, toks[run_by - 1].end, "FACILITY", 4))
                return run_by
        if glued:
            head_end, head_kind = self._head_at(outer_end_token, kind)
            if kind == "PERSON" and (head_kind == "PLACE" or toks[head_end - 1].surface.endswith("軍")):
                head_kind = ""  # 岡崎清三郎陸軍: the army is not named after the person
            if head_kind:
                outer_start = shapes.ordinal_before(self.text, toks, i) if head_kind == "EVENT" else start
                self.found.append(Candidate(outer_start, toks[head_end - 1].end, head_kind, 4))
                if (
                    kind == "ORG"
                    and self.text[toks[outer_end_token].start : toks[head_end - 1].end] in rules.ORG_DESIGNATIONS
                ):
                    self.found.remove(base)  # ロイター通信 is ロイター itself
                elif kind == "ORG" and not base.partner and self._part_of_name(i, j, outer_end_token, head_end):
                    self.found.remove(base)
                elif kind == "PERSON" and not base.partner:
                    base.salient = False  # a namesake inside a facility's name
                elif kind == "PLACE" and not base.partner:
                    head = self.text[toks[outer_end_token].start : toks[head_end - 1].end]
                    if head.endswith(rules.STATE_HEADS):
                        base.salient = True  # ロシア in ロシア大統領府, ウクライナ侵攻, ロシア極東
                    else:
                        self.found.remove(base)  # a city in a company's, a stadium's or a fair's name
                return head_end
        self._event_after(outer_end_token, start, kind)
        return max(outer_end_token, i + 1)

    def _part_of_name(self, i: int, j: int, head_start: int, head_end: int) -> bool:
        """True when the organisation at tokens ``[i, j)`` is only a part of the longer
        name the head at ``[head_start, head_end)`` ends: a competition or show named
        after it (FIFAワールドカップ, but NATO首脳会議 is a meeting of NATO), or a
        proper noun nothing says is an organisation (法成 in 法成寺)."""
        head = self.text[self.tokens[head_start].start : self.tokens[head_end - 1].end]
        if self._head_type(self.tokens[head_end - 1].surface, "ORG") == "EVENT":
            return not head.endswith(rules.MEETING_HEADS)
        return j == i + 1 and self._guessed(self.tokens[i])

    def _guessed(self, t: Token) -> bool:
        """True when a proper noun is an organisation only by default: neither the
        analyser nor a dictionary knows it as one (法勝 of 法勝寺 is a given name in
        JMnedict), it is not in Latin letters and does not end as organisations do (…銀行)."""
        return (
            t.is_proper_noun
            and t.pos[2] not in ("人名", "地名")
            and not t.surface.isascii()
            and not t.surface.endswith(rules.LONG_ORG_HEADS)
            and "ORG" not in name_kinds(t.surface)
            and not is_dictionary_word(t.surface)
        )

    def _surname_before_title(self, i: int) -> bool:
        """True when token ``i`` is a surname the analyser did not tag as one, before a title
        that follows people only (上川外相, 盛山大臣 — not 福岡市長, 中国外相, 英首相): kanji,
        known to JMnedict as a person's name, not a country, and starting its phrase."""
        toks = self.tokens
        t = toks[i]
        if (
            not self.title_after[i]
            or toks[i + 1].start != t.end
            or t.pos[0] != "名詞"
            or t.pos[2] == "人名"
            or t.pos[3] == "国"
            or not all(is_kanji(ch) for ch in t.surface)
            or (len(t.surface) < 2 and not t.is_proper_noun)
            or t.surface in rules.COUNTRY_LETTERS
            or (i > 0 and toks[i - 1].end == t.start and _is_noun(toks[i - 1]))
        ):
            return False
        title = self._title_at(i + 1)[1]
        if not title or title in rules.PLACE_TITLES or title in rules.OCCUPATIONS:
            return False
        return (t.is_proper_noun or t.pos[1] == "普通名詞") and "PERSON" in name_kinds(t.surface)

    def _common_word(self, i: int) -> bool:
        """True when the analyser tags a common word as a name (ホームゲーム, ファンレター, a
        surname 数度): JMdict glosses it as a common noun (home game, not Hamas or Google),
        JMnedict does not know it as a katakana name, and no title or head follows."""
        toks = self.tokens
        t = toks[i]
        glued = i + 1 < len(toks) and toks[i + 1].start == t.end and _is_noun(toks[i + 1])
        if glued and (self._title_at(i + 1)[1] or self._head_at(i + 1, "ORG")[1]):
            return False  # a title or a head follows: the word is the name's
        if i > 0 and toks[i - 1].end == t.start and _is_noun(toks[i - 1]):
            return False
        katakana = _is_katakana_word(t.surface)
        if katakana and (name_kinds(t.surface) or len(t.surface) < 5):
            return False  # a short loanword is as often a name (ハウ, ハリス): only compounds are judged
        if not katakana and not (t.pos[2] == "人名" and all(is_kanji(ch) for ch in t.surface)):
            return False
        return rules.is_common_noun(t.surface, t.lemma, t.reading, common_only=not katakana)

    def _numbered_event_at(self, i: int) -> int:
        """第N次…戦争, 第N回…大会: an event; 第N軍, 第N師団: a military unit; index after it, or 0."""
        toks = self.tokens
        if toks[i].surface != "第" or i + 2 >= len(toks):
            return 0
        k = i + 1
        while k < len(toks) and k - i < 4 and (toks[k].pos[1] == "数詞" or toks[k].surface in ("次", "回")):
            k += 1
        if k == i + 1:
            return 0
        if toks[k - 1].pos[1] == "数詞" and k < len(toks) and toks[k].surface in rules.NUMBERED_UNITS:
            self.found.append(Candidate(toks[i].start, toks[k].end, "ORG", 4))  # 第7艦隊, 第17軍
            return k + 1
        if toks[k - 1].surface not in ("次", "回"):
            return 0
        head_end, kind = self._head_at(k, "")
        if kind == "EVENT":
            self.found.append(Candidate(toks[i].start, toks[head_end - 1].end, "EVENT", 4))
            return head_end
        return 0

    def _shaped_name_at(self, i: int) -> int:
        """A name known by its shape at token ``i`` (:func:`entity_rules.shaped_name_at`); index after it, or 0."""
        shaped = rules.shaped_name_at(self.tokens, i)
        if shaped is None:
            return 0
        end, kind, priority = shaped
        self.found.append(Candidate(self.tokens[i].start, self.tokens[end - 1].end, kind, priority))
        return end

    def _event_after(self, j: int, start: int, kind: str) -> None:
        """ORG の 会議 (NATOの首脳会議): a meeting of the organisation is an event."""
        toks = self.tokens
        if kind != "ORG" or j + 1 >= len(toks) or toks[j].surface != "の":
            return
        head_end, head_kind = self._head_at(j + 1, kind)
        if head_kind == "EVENT" and self.text[toks[j + 1].start : toks[head_end - 1].end].endswith(
            ("会議", "サミット", "総会")
        ):
            self.found.append(Candidate(start, toks[head_end - 1].end, "EVENT", 4))


__all__ = ["Candidate", "Finder", "resolve"]
