"""The generic words of entity extraction and the tests on a single word.

Nothing here names an entity; the lists are the generic words of news Japanese
that stand after a name (大統領, 氏, 長官 …) or end a name of a kind (…省 is an
organisation, …空港 a facility, …州 a place, …侵攻 an event), the one-letter
country abbreviations and what follows their pairs, and the tests on one word
(katakana, Latin capitals, a noun, a common noun in JMdict, the kind of name a
head ends: :func:`head_type`).  Names known by their shape are in
:mod:`reader.core.analysis.entity_shaped_names`; both are re-exported by
:mod:`reader.core.analysis.entity_rules`.
"""

from __future__ import annotations

import re

from reader.core.layers import Token


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

NUMBERED_UNITS: frozenset[str] = _words("軍 軍団 師団 旅団 連隊 大隊 艦隊 航空隊")
"""Military units numbered with 第 (第17軍, 第7艦隊): organisations."""

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
