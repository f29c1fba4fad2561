"""Numbers and counters: 18日 にち, 2日 ふつか, 9月 がつ, 1人 ひとり, 3本 ぼん …

The readings of a number before a counter change with the counter (いっぽん,
さんぼん, ろっぽん); the counter's own reading changes with the number
(ほん/ぼん/ぽん, ふん/ぷん).  Ruby covers the counter's kanji only, because
Arabic digits stay outside ruby, except where the reading of digits and
counter cannot be split (2日 ふつか, 20日 はつか, 1人 ひとり).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis.kana import is_digit

DIGIT_READINGS = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12}
BIG_READINGS = {10**16: "けい", 10**12: "ちょう", 10**8: "おく", 10**4: "まん"}

DAY_READINGS = {
    1: "ついたち",
    2: "ふつか",
    3: "みっか",
    4: "よっか",
    5: "いつか",
    6: "むいか",
    7: "なのか",
    8: "ようか",
    9: "ここのか",
    10: "とおか",
    14: "じゅうよっか",
    20: "はつか",
    24: "にじゅうよっか",
}
"""Days whose reading joins number and 日 (the rest are number + にち)."""

DURATION_AFTER_ONE_DAY = ("間", "目", "中", "あたり", "当たり", "分", "平均", "おき", "も")
"""What after 1日 makes it いちにち (a duration) rather than ついたち (a date)."""


@dataclass(frozen=True, slots=True)
class Counter:
    reading: str
    sandhi: str = "plain"
    """How number and counter change each other:
    plain   no change (年, 人, 度 …);
    k       the number doubles before it: いっかい, ろっかい, はっかい, じゅっかい;
    kg      as k, and the counter voices after 3/ん: さんがい, さんげん;
    s       the number doubles for 1, 8, 10: いっさい, はっさい, じゅっさい;
    hb      h-row: いっぽん, さんぼん, ろっぽん, はっぽん, じゅっぽん;
    hp      h-row: いっぷん, さんぷん, よんぷん, ろっぷん …"""
    digit_forms: tuple[tuple[int, str], ...] = ()
    """Readings of a last digit that differ before this counter (4月 し, 9時 く)."""
    whole: tuple[tuple[int, str], ...] = ()
    """Numbers whose reading joins with the counter's (1人 ひとり)."""


_MONTH = ((4, "し"), (7, "しち"), (9, "く"))
_FOUR_YO = ((4, "よ"),)
_KAGETSU = Counter("かげつ", "k")

COUNTERS: dict[str, Counter] = {
    "月": Counter("がつ", digit_forms=_MONTH),
    "か月": _KAGETSU,
    "カ月": _KAGETSU,
    "ヵ月": _KAGETSU,
    "ヶ月": _KAGETSU,
    "ケ月": _KAGETSU,
    "箇月": _KAGETSU,
    "年": Counter("ねん", digit_forms=_FOUR_YO),
    "年間": Counter("ねんかん", digit_forms=_FOUR_YO),
    "年度": Counter("ねんど", digit_forms=_FOUR_YO),
    "年代": Counter("ねんだい", digit_forms=_FOUR_YO),
    "年生": Counter("ねんせい", digit_forms=_FOUR_YO),
    "周年": Counter("しゅうねん", "s"),
    "週": Counter("しゅう", "s"),
    "週間": Counter("しゅうかん", "s"),
    "時": Counter("じ", digit_forms=((4, "よ"), (7, "しち"), (9, "く"))),
    "時間": Counter("じかん", digit_forms=((4, "よ"), (9, "く"))),
    "分": Counter("ふん", "hp"),
    "分間": Counter("ふんかん", "hp"),
    "秒": Counter("びょう"),
    "秒間": Counter("びょうかん"),
    "人": Counter("にん", digit_forms=_FOUR_YO, whole=((1, "ひとり"), (2, "ふたり"))),
    "人目": Counter("にんめ", digit_forms=_FOUR_YO, whole=((1, "ひとりめ"), (2, "ふたりめ"))),
    "歳": Counter("さい", "s", whole=((20, "はたち"),)),
    "才": Counter("さい", "s"),
    "回": Counter("かい", "k"),
    "回目": Counter("かいめ", "k"),
    "度": Counter("ど"),
    "度目": Counter("どめ"),
    "個": Counter("こ", "k"),
    "機": Counter("き", "k"),
    "基": Counter("き", "k"),
    "期": Counter("き", "k"),
    "件": Counter("けん", "k"),
    "軒": Counter("けん", "kg"),
    "階": Counter("かい", "kg"),
    "カ国": Counter("かこく", "k"),
    "か国": Counter("かこく", "k"),
    "ヵ国": Counter("かこく", "k"),
    "ヶ国": Counter("かこく", "k"),
    "カ所": Counter("かしょ", "k"),
    "か所": Counter("かしょ", "k"),
    "ヵ所": Counter("かしょ", "k"),
    "ヶ所": Counter("かしょ", "k"),
    "箇所": Counter("かしょ", "k"),
    "曲": Counter("きょく", "k"),
    "局": Counter("きょく", "k"),
    "校": Counter("こう", "k"),
    "本": Counter("ほん", "hb"),
    "杯": Counter("はい", "hb"),
    "匹": Counter("ひき", "hb"),
    "疋": Counter("ひき", "hb"),
    "発": Counter("はつ", "hp"),
    "泊": Counter("はく", "hp"),
    "晩": Counter("ばん", whole=((1, "ひとばん"), (2, "ふたばん"))),
    "敗": Counter("はい", "hp"),
    "票": Counter("ひょう", "hp"),
    "品": Counter("ひん", "hp"),
    "編": Counter("へん", "hp"),
    "歩": Counter("ほ", "hp"),
    "冊": Counter("さつ", "s"),
    "隻": Counter("せき", "s"),
    "社": Counter("しゃ", "s"),
    "勝": Counter("しょう", "s"),
    "点": Counter("てん", "s"),
    "頭": Counter("とう", "s"),
    "通": Counter("つう", "s"),
    "着": Counter("ちゃく", "s"),
    "台": Counter("だい"),
    "枚": Counter("まい"),
    "位": Counter("い"),
    "割": Counter("わり"),
    "倍": Counter("ばい"),
    "円": Counter("えん", digit_forms=_FOUR_YO),
    "型": Counter("がた"),
    "代": Counter("だい"),
    "号": Counter("ごう"),
    "条": Counter("じょう"),
    "両": Counter("りょう"),
    "議席": Counter("ぎせき"),
    "選": Counter("せん"),
    "戦": Counter("せん"),
    "区": Counter("く"),
    "部": Counter("ぶ"),
    "番": Counter("ばん"),
    "番目": Counter("ばんめ"),
    "丁目": Counter("ちょうめ", "s"),
    "県": Counter("けん", "k"),
    "万": Counter("まん"),
    "億": Counter("おく"),
    "兆": Counter("ちょう", "s"),
}
"""Counters after a number.  日 and its compounds are handled by :func:`day_reading`."""

DAY_COUNTERS = {"日": "", "日間": "かん", "日目": "め"}
MAX_COUNTER = max(len(c) for c in (*COUNTERS, *DAY_COUNTERS))

_NUMBER = re.compile(
    r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
    r"(?:[万億兆][0-9０-９]+(?:[,，][0-9０-９]{3})*)*[万億兆]?"
)
"""An Arabic number, with thousands separators, decimals and 万/億/兆 groups (1万2000)."""


def find_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of Arabic-digit numbers (with 万/億/兆 groups) in ``text``."""
    return [(m.start(), m.end()) for m in _NUMBER.finditer(text)]


def parse_number(text: str) -> int | None:
    """The value of an integer written in digits, kanji, or both (1万2000, 二十); None otherwise."""
    text = text.replace(",", "").replace("，", "")
    if not text:
        return None
    total = 0
    section = 0  # below 万
    digits: int | None = None  # pending digit run
    for ch in text:
        if is_digit(ch):
            d = int(ch) if ch.isascii() else ord(ch) - ord("０")
            digits = d if digits is None else digits * 10 + d
        elif ch in KANJI_DIGITS:
            d = KANJI_DIGITS[ch]
            digits = d if digits is None else digits * 10 + d
        elif ch in KANJI_UNITS:
            section += (1 if digits is None else digits) * KANJI_UNITS[ch]
            digits = None
        elif ch in KANJI_BIG:
            section += digits or 0
            total += (section or 1) * KANJI_BIG[ch]
            section = 0
            digits = None
        else:
            return None
    if digits is not None:
        section += digits
    return total + section


def _below_10000(n: int) -> list[str]:
    """Reading parts of 1 ≤ n < 10000, the last part last (so sandhi can change it)."""
    parts: list[str] = []
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    if thousands:
        parts.append({1: "せん", 3: "さんぜん", 8: "はっせん"}.get(thousands, DIGIT_READINGS[thousands] + "せん"))
    if hundreds:
        parts.append(
            {1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}.get(
                hundreds, DIGIT_READINGS[hundreds] + "ひゃく"
            )
        )
    if tens:
        parts.append("じゅう" if tens == 1 else DIGIT_READINGS[tens] + "じゅう")
    if ones:
        parts.append(DIGIT_READINGS[ones])
    return parts


def number_parts(n: int) -> list[str]:
    """The reading of ``n`` as parts (にせん, にじゅう, さん for 2023)."""
    if n == 0:
        return ["ぜろ"]
    if n >= 10**20:
        return [DIGIT_READINGS[int(d)] for d in str(n)]  # past 京 a number is a code: read digit by digit
    parts: list[str] = []
    for big in (10**16, 10**12, 10**8, 10**4):
        if n >= big:
            high, n = divmod(n, big)
            head = _below_10000(high)
            if big >= 10**12 and head and head[-1] in ("いち", "はち"):
                head[-1] = head[-1][:-1] + "っ"
            parts.extend(head)
            parts.append(BIG_READINGS[big])
    if n:
        parts.extend(_below_10000(n))
    return parts


def number_reading(text: str) -> str | None:
    """Reading of a number as written (``"2023"``, ``"3.5"``, ``"1万2000"``, ``"二十"``)."""
    text = text.replace(",", "").replace("，", "")
    for sep in ".．":
        if sep in text:
            whole, _, frac = text.partition(sep)
            head = number_reading(whole)
            if head is None or not frac.isdigit():
                return None
            digits = "".join(DIGIT_READINGS[int(unicode_digit)] for unicode_digit in frac)
            return head + "てん" + digits
    n = parse_number(text)
    if n is None:
        return None
    return "".join(number_parts(n))


_GEMINATE = {"いち": "いっ", "ろく": "ろっ", "はち": "はっ", "じゅう": "じゅっ", "ひゃく": "ひゃっ"}
_H_TO_P = str.maketrans("はひふへほ", "ぱぴぷぺぽ")
_H_TO_B = str.maketrans("はひふへほ", "ばびぶべぼ")
_K_TO_G = str.maketrans("かきくけこ", "がぎぐげご")


def _last_part_kind(parts: list[str]) -> str:
    last = parts[-1]
    if last in ("いち", "ろく", "はち", "じゅう", "ひゃく") or last.endswith(("じゅう", "ひゃく")):
        return "geminate"
    if last.endswith("ん"):
        return "n"  # さん, せん, まん, よん
    return "other"


def counter_reading(number: str, counter: str, after: str = "", before: str = "") -> tuple[str, str, bool]:
    """Readings of ``number`` + ``counter`` in context.

    Returns ``(number_reading, counter_reading, joined)``; when ``joined`` the
    reading cannot be split (2日 ふつか) and ``number_reading`` holds the whole
    reading while ``counter_reading`` is the part after it (間 かん for 日間).
    ``after`` is the text right after the counter, ``before`` the text right
    before the number (for 1日: ついたち after 月, いちにち before 間).
    """
    plain = number.replace(",", "").replace("，", "")
    n = parse_number(plain)
    base = number_reading(plain) or ""
    if counter in DAY_COUNTERS:
        suffix = DAY_COUNTERS[counter]
        if n is not None and n in DAY_READINGS:
            if n == 1 and (suffix or after.startswith(DURATION_AFTER_ONE_DAY)) and not before.endswith("月"):
                return "いちにち", suffix, True
            return DAY_READINGS[n], suffix, True
        return base, "にち" + suffix, False
    if counter == "分" and after[:1] == "の" and after[1:2] and (is_digit(after[1]) or after[1] in KANJI_DIGITS):
        return base, "ぶん", False  # 3分の1 さんぶんのいち: a fraction, not minutes
    info = COUNTERS.get(counter)
    if info is None or n is None or not base or any(ch in plain for ch in ".．"):
        return base, info.reading if info else "", False
    for value, reading in info.whole:
        if n == value:
            return reading, "", True
    parts = number_parts(n)
    reading = info.reading
    kind = _last_part_kind(parts)
    ones = n % 10
    if ones and parts[-1] == DIGIT_READINGS[ones]:
        for digit, form in info.digit_forms:
            if ones == digit:
                parts[-1] = form
    geminates = (info.sandhi in ("k", "kg", "hb", "hp") and kind == "geminate") or (
        info.sandhi == "s" and kind == "geminate" and parts[-1] != "ろく"
    )
    if geminates:
        parts[-1] = parts[-1][:-1] + "っ" if parts[-1] not in _GEMINATE else _GEMINATE[parts[-1]]
        if info.sandhi in ("hb", "hp"):
            reading = reading.translate(_H_TO_P)
    elif info.sandhi == "hb" and kind == "n" and parts[-1] != "よん":
        reading = reading.translate(_H_TO_B)
    elif info.sandhi == "hp" and kind == "n":
        reading = reading.translate(_H_TO_P)
    elif info.sandhi == "kg" and kind == "n" and parts[-1] != "よん":
        reading = reading.translate(_K_TO_G)
    return "".join(parts), reading, False


def match_counter(text: str, pos: int) -> str | None:
    """The longest counter (日 and the table) starting at ``text[pos]``."""
    for size in range(min(MAX_COUNTER, len(text) - pos), 0, -1):
        candidate = text[pos : pos + size]
        if candidate in COUNTERS or candidate in DAY_COUNTERS:
            return candidate
    return None
