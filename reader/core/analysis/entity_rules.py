"""General evidence for entity extraction: title words, name heads, dates.

Nothing here names an entity; the lists are the generic words of news Japanese
that stand after a name (大統領, 氏, 長官 …) or end a name of a kind (…省 is an
organisation, …空港 a facility, …州 a place, …侵攻 an event), and the patterns of
calendar dates (:mod:`reader.core.analysis.dates`, re-exported here).
:mod:`reader.core.analysis.entities` combines them with the analyser's
proper-noun tags and JMnedict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.core.analysis.dates import DateMention as DateMention  # re-exported: dates were found here
from reader.core.analysis.dates import find_article_date as find_article_date
from reader.core.analysis.dates import find_dates as find_dates
from reader.core.layers import Token
from reader.core.lexicon.names import is_dictionary_word, name_kinds


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text``."""
    return frozenset(text.split())


TITLES: frozenset[str] = _words(
    "氏 さん 様 君 ちゃん 大統領 副大統領 首相 副首相 総理 総理大臣 大臣 "
    "総書記 書記長 主席 国家主席 首席 議長 委員長 長官 官房長官 国務長官 "
    "報道官 外相 国防相 防衛相 財務相 蔵相 法相 内相 首長 国王 女王 王子 "
    "王女 皇太子 皇帝 教皇 法王 大使 公使 領事 知事 市長 町長 村長 区長 "
    "議員 代表 党首 幹事長 総裁 副総裁 会長 社長 副社長 理事長 頭取 CEO "
    "最高経営責任者 監督 選手 投手 捕手 教授 准教授 博士 医師 弁護士 司令官 "
    "将軍 元帥 大将 事務総長 事務局長 局長 部長 所長 院長 学長 校長 容疑者 "
    "被告 氏ら"
)
"""Titles and roles that follow a person's name and stay outside its span."""

PLACE_TITLES: frozenset[str] = _words(
    "知事 都知事 府知事 県知事 市長 町長 村長 区長 大使 公使 領事 代表 議長 委員長 局長 部長 所長 院長 "
    "学長 校長 会長 社長 長官 報道官 司令官 監督 首長 理事長 頭取 事務総長 事務局長"
)
"""Titles that also follow the name of a place or a body (福岡市長, 気象庁長官, トヨタ社長):
the word before them is a person's name only when the analyser tags it as one."""

PATHOGEN_HEADS: tuple[str, ...] = (
    "ウイルス", "ウィルス", "株", "菌", "細菌", "病", "症", "感染症", "熱", "出血熱", "肺炎", "脳炎", "ワクチン",
)  # fmt: skip
"""Words after a name that make it the name of a disease, a germ or a vaccine (エボラウイルス,
オミクロン株, ジカ熱): not an entity of ours, and the name inside is no organisation."""

COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "日": ("日本",), "米": ("アメリカ", "米国"), "英": ("イギリス", "英国"), "仏": ("フランス",),
    "独": ("ドイツ",), "伊": ("イタリア",), "露": ("ロシア",), "ロ": ("ロシア",), "中": ("中国",),
    "韓": ("韓国",), "朝": ("北朝鮮", "朝鮮"), "印": ("インド",), "豪": ("オーストラリア",),
    "加": ("カナダ",), "台": ("台湾",), "蘭": ("オランダ",), "墨": ("メキシコ",), "比": ("フィリピン",),
    "越": ("ベトナム",), "泰": ("タイ",),
}  # fmt: skip
"""The countries the one-letter abbreviations of :data:`COUNTRY_LETTERS` stand for (the usual
name first): ロ in ロ朝間 is Russia and joins the article's ロシア."""

OCCUPATIONS: frozenset[str] = _words("選手 投手 捕手 監督 教授 准教授 博士 医師 弁護士 代表 容疑者 被告 社長 会長 議員")
"""Titles that also follow common nouns (バドミントン選手): they make no unknown word a name."""

TITLE_ENDINGS: tuple[str, ...] = (
    "長官",
    "大臣",
    "書記長",
    "委員長",
    "議長",
    "大統領",
    "首相",
    "報道官",
    "司令官",
    "相",
)
"""Endings of compound titles (官房長官, 国家保衛相, 共産党書記長)."""

ORG_HEADS: frozenset[str] = _words(
    "府 省 庁 党 軍 空軍 海軍 陸軍 艦隊 部隊 通信 通信社 社 新聞 新聞社 "
    "放送 放送局 テレビ 銀行 大学 研究所 研究院 協会 委員会 理事会 機構 "
    "連合 同盟 連盟 政府 議会 財団 学会 公社 組合 会社 グループ 機関 局 "
    "裁判所 警察 学院 工業 電力 電機 自動車 製作所 重工 重工業 鉄道 航空 "
    "証券 商事 物産 ホールディングス 出版 書店 新報 日報 楽団 交響楽団 劇団 "
    "歌劇団 球団 商会 事務所 本部 司令部 評議会 共和党 民主党 労働党 共産党 "
    "財閥 安保理 電鉄 書房 政権 会 工業会 倶楽部 クラブ 連隊 師団 警備隊 "
    "会議所 株式会社 有限会社 合同会社 派 委員会 小委員会 基金 学部 "
    "ゼミナール"
)
"""Last words of organisation names (ロシア大統領府, …国防省, …通信, …党)."""

FACILITY_HEADS: frozenset[str] = _words(
    "基地 広場 空港 駅 港 橋 城 寺 神社 神宮 宮 宮殿 公園 病院 ホテル "
    "球場 スタジアム 競技場 体育館 ダム 発電所 原発 変電所 連系所 ビル "
    "タワー 劇場 美術館 博物館 図書館 ホール 道路 高速道路 トンネル 庭園 "
    "センター 刑務所 工場 ドーム アリーナ 会館 霊園 墓地 灯台 国道 街道 "
    "本線 線 鉄道線 宇宙基地 学校 高校 小学校 中学校 大聖堂 教会 聖堂 遺跡 "
    "古墳 塔 門 御所 官邸 大使館 領事館 空軍基地 海軍基地 研究施設 施設 "
    "発射場 会館 館 座 郵便局 競馬場 運動公園 公会堂 国際会議場 会議場 支店 "
    "営業部 修道院 ハイスクール 蒸溜所 蒸留所 貝塚 キャンパス メッセ 高等学校 中学 大学校 "
    "ビルディング ヒュッテ パーク カントリークラブ 駅前 宇宙基地 亭 荘 劇場 大劇場"
)
"""Last words of facility names (…宇宙基地, …広場, …空港)."""

RUN_BY: frozenset[str] = _words("都立 道立 府立 県立 市立 区立 町立 村立 国立 州立")
"""Words after a place for what it runs (東京都立…高等学校, …市立…中学校): the whole is a facility."""

SPLIT_FACILITY_HEADS: frozenset[str] = _words("館 座 神社 神宮 寺 空港 劇場 城 宮 亭 荘 閣 堂")
"""Facility heads after which kanji cut into single characters are a facility's name (共楽館)."""

PLACE_HEADS: frozenset[str] = _words(
    "州 県 府 都 道 市 町 村 区 郡 島 諸島 列島 半島 山 山脈 川 湖 "
    "湾 海 海峡 峡 岬 平野 盆地 高原 砂漠 地方 地区 共和国 王国 自治区 圏 環礁 "
    "自治州 特別区 極東 東部 西部 南部 北部 中部 北東部 北西部 南東部 "
    "南西部 沿岸"
)
"""Last words of place names (アムール州, ロシア極東); 府/道 count only after a place."""

ADMIN_UNITS: tuple[str, ...] = ("都", "道", "府", "県", "郡", "市", "区", "町", "村", "州", "省", "国")
"""Last letters of an administrative unit's name: a place name after one continues an
address (神奈川県足柄上郡, 吉林省吉林市)."""
ADDRESS_LINKS: frozenset[str] = _words("大字 字 旧")
"""Words between the parts of an address (日向市大字日知屋, 青森県旧八戸町)."""

EVENT_HEADS: frozenset[str] = _words(
    "侵攻 戦争 紛争 事件 事変 革命 大会 選手権 五輪 オリンピック "
    "パラリンピック 会議 首脳会議 サミット 博覧会 万博 選挙 大統領選 総選挙 "
    "杯 カップ 祭 祭り 震災 大震災 地震 大戦 内戦 戦役 の戦い 合戦 "
    "トーナメント グランプリ フェスティバル コンテスト コンクール ツアー 映画祭 "
    "音楽祭 ワールドカップ 乱 条約交渉 テロ 海戦 総会 市長選 知事選 ドラフト "
    "選手権大会 全国大会 国際大会 博覧会 万国博覧会 モーターショー 危機 作戦 "
    "総選挙 世界大戦 ショー 統一戦"
)
"""Last words of event names (ウクライナ侵攻, …首脳会議, …選手権)."""

STATE_HEADS: tuple[str, ...] = (
    "府", "省", "庁", "政府", "当局", "議会", "軍", "艦隊", "部隊", "大使館", "領事館",
    "侵攻", "戦争", "紛争", "内戦", "事変", "攻撃", "空爆",
    "極東", "東部", "西部", "南部", "北部", "中部", "北東部", "北西部", "南東部", "南西部",
)  # fmt: skip
"""Heads after which a place names the state or country a name belongs to: its organs
and forces (ロシア大統領府, ロシア空軍), wars on it (ウクライナ侵攻), its regions
(ロシア極東).  The place stays a mention inside the name; in other names (a company,
a stadium, a fair named after a city) it does not."""

MEETING_HEADS: tuple[str, ...] = ("会議", "首脳会議", "サミット", "総会", "会合", "理事会")
"""Event heads of a meeting of an organisation's members (NATO首脳会議): the
organisation stays a mention inside the event's name."""

YEAR_BEFORE_EVENT = re.compile(r"[0-9０-９]{4}(年| )$")
"""A year written just before an event's name belongs to the name (1964年東京オリンピック)."""

CLOSING_MARKS: frozenset[str] = frozenset("、。，．・）)」』】〕")
"""Punctuation that may follow a name standing on its own."""

NUMBERED_UNITS: frozenset[str] = _words("軍 軍団 師団 旅団 連隊 大隊 艦隊 航空隊")
"""Military units numbered with 第 (第17軍, 第7艦隊): organisations."""
ROAD_KINDS: frozenset[str] = _words("国道 県道 都道 府道 道道 州道 市道")
"""Roads numbered with 号 (国道2号線): facilities."""

ORG_DESIGNATIONS: frozenset[str] = _words("通信 通信社 社 新聞 新聞社 放送 グループ 株式会社 有限会社")
"""Heads that name the organisation itself (ロイター通信 is ロイター): no nested mention."""

LONG_EVENT_HEADS: tuple[str, ...] = tuple(h for h in EVENT_HEADS if len(h) > 1)
"""Event heads long enough to end a word (万国博覧会, 世界大戦)."""
LONG_ORG_HEADS: tuple[str, ...] = tuple(h for h in ORG_HEADS if len(h) > 1)
"""Organisation heads long enough to end a word (千葉銀行)."""
LONG_FACILITY_HEADS: tuple[str, ...] = tuple(h for h in FACILITY_HEADS if len(h) > 1)
"""Facility heads long enough to end a word (東京ドーム, …公会堂)."""
SHORT_FACILITY_ENDINGS: tuple[str, ...] = ("駅", "寺", "館", "港", "神社", "公会堂")
"""One-character endings of a proper noun that make it a facility (上本町駅, 東大寺)."""

COUNTRY_LETTERS: frozenset[str] = frozenset("日米英仏独伊露ロ中韓朝印豪加台蘭墨比越泰")
"""One-letter country abbreviations used in pairs (日米, ロ朝, 米中)."""

PAIR_WARS: tuple[str, ...] = ("戦争", "事変", "戦役", "海戦", "会戦")
"""Heads after a pair of country letters that name a war (日露戦争): the pair belongs to the
event's name."""

PAIR_FOLLOWERS: tuple[str, ...] = (
    "間",
    "関係",
    "首脳",
    "会談",
    "同盟",
    "両国",
    "協議",
    "外相",
    "首脳会談",
    "連携",
    "対立",
    "貿易",
)
"""Words after a pair of country letters that make it a pair of countries (ロ朝間)."""

SOURCE_PATTERNS: tuple[str, ...] = ("によりますと", "によると", "によれば", "が伝えた", "は伝えた")
"""Phrases after a news source (…通信によりますと): what precedes them is an organisation."""


_KATAKANA_WORD = re.compile("[\u30a1-\u30f5\u30f7-\u30fa\u30fc-\u30fe]+")
"""The characters of :func:`reader.core.analysis.kana.is_katakana` (ァ–ヺ but ヶ, and ーヽヾ)."""


def is_katakana_word(surface: str) -> bool:
    """True for a word written in katakana only."""
    return _KATAKANA_WORD.fullmatch(surface) is not None


def is_latin_name(surface: str) -> bool:
    """True for capital Latin letters (NATO, CIS)."""
    return len(surface) >= 2 and surface.isascii() and surface.isalpha() and surface.isupper()


def is_noun(token: Token) -> bool:
    """True for a noun or a noun suffix that is not a number."""
    return token.pos[0] in ("名詞", "接尾辞") and token.pos[1] not in ("数詞",)


def is_common_noun(surface: str, lemma: str = "", reading: str = "", common_only: bool = False) -> bool:
    """True when JMdict has ``surface`` as a common noun: its first sense's glosses are
    lower-case words (home game, fan letter, several times), not a name (Hamas, Google,
    the Masters).  With ``common_only``, only for words JMdict marks as common."""
    from reader.core.lexicon.dictionary import best_entry, is_common_entry

    entry = best_entry(surface, lemma, reading)
    senses = [sense for sense in entry.senses if sense.glosses] if entry is not None else []
    if entry is None or not senses or (common_only and not is_common_entry(entry)):
        return False
    for gloss in senses[0].glosses:
        words = gloss.replace("(", " ").split()
        while words and words[0].lower() in ("the", "a", "an", "to"):
            words = words[1:]
        if not words or not words[0][:1].islower():
            return False
    return True


def head_type(word: str, base: str) -> str:
    """The kind of name ``word`` ends (…空港 FACILITY, …州 PLACE), ``""`` for none;
    ``base`` is the kind of the name before it (府 and 道 end names only after a place)."""
    if word in EVENT_HEADS or word.endswith(LONG_EVENT_HEADS):
        return "EVENT"
    if word in FACILITY_HEADS or word.endswith(LONG_FACILITY_HEADS):
        return "FACILITY"
    if word in PLACE_HEADS and (base == "PLACE" or word not in ("府", "道", "都", "海", "山", "川")):
        if word in ("府",) and base == "PLACE":
            return "ORG"
        return "PLACE"
    if word in ORG_HEADS or word.endswith(("省", "庁", "党", "安保理")):
        return "ORG"
    return ""


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
