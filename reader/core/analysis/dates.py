"""Calendar dates in Japanese text, with ISO values where the date is certain.

:func:`find_dates` marks the dates an article names and resolves them:

- Western and era years: 2023年9月 → 2023-09; 平成25年12月 → 2013-12, 令和元年 → 2019
  (令和, 平成, 昭和, 大正, 明治; 元年 is the first year; era years may be written in
  kanji numerals, 昭和二十年 → 1945);
- fiscal years (April to March): 2023年度 → 2023-04/2024-03, 昨年度, 今年度, 来年度
  resolved against the article's date;
- days and months without a year (18日, 5月27日) in the article's year and month,
  relative ones (去年9月, ことし, 先月2日, おととし) against the article's date;
- relative offsets (3年前, 10日後) are dates of their own, but are resolved only when
  measured from the article's day (今から3年前): その3日後 counts from another day.

Without the article's date, relative dates keep an empty ISO value and are shown as
written.  Lengths of time are not dates: 24年ぶり, 2日間, 4年半, 人生100年, 100年の
歴史 — a bare year is a date only when it has four digits or an era (or 西暦).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

ERAS: dict[str, int] = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
"""Japanese eras and the Gregorian year before each one's first year (令和1年 = 2019)."""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date found in the text, with its ISO form when it can be resolved."""

    start: int
    end: int
    iso: str
    """``2024-06-18``, ``2024-06``, ``2024``, a fiscal year ``2024-04/2025-03``, or ``""``
    when the date cannot be known for certain (a relative date without the article's
    date)."""


_DIGIT = "[0-9０-９]"
_KANJI_NUMBER = "[〇一二三四五六七八九十百千]"
_RELATIVE_YEARS = {
    "ことし": 0,
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "昨年": -1,
    "おととし": -2,
    "一昨年": -2,
    "来年": 1,
    "再来年": 2,
}
_RELATIVE_MONTHS = {"今月": 0, "先月": -1, "来月": 1}
_ERA = "|".join(ERAS)
_DATE = re.compile(
    rf"(?=[0-9０-９]|ことし|今年|本年|去年|昨年|おととし|一昨年|再来年|来年|今月|先月|来月|西暦|{_ERA})"
    rf"(?P<rel>ことし|今年|本年|去年|昨年|おととし|一昨年|再来年|来年)?"
    rf"(?:(?P<era>{_ERA})(?P<eyear>元|{_DIGIT}{{1,2}}|{_KANJI_NUMBER}{{1,3}})年"
    rf"|(?P<ad>西暦)?(?P<year>{_DIGIT}{{1,4}})年)?"
    rf"(?P<fiscal>度)?"
    rf"(?P<relm>今月|先月|来月)?"
    rf"(?:(?P<month>{_DIGIT}{{1,2}})月)?"
    rf"(?:(?P<day>{_DIGIT}{{1,2}})日)?"
    rf"(?P<part>上旬|中旬|下旬|末)?"
)
_OFFSET = re.compile(rf"(?P<n>{_DIGIT}{{1,4}})(?P<unit>年|か月|カ月|ヶ月|ケ月|日)(?P<dir>前|後)(?!半|後)")
"""3年前, 10日後 — not 2023年前半 (the first half of 2023) nor 3日前後 (about three days)."""
_HALVES = ("前半", "後半", "前後")
_DURATION_AFTER = (
    "ぶり",
    "間",
    "半",
    "以上",
    "余り",
    "あまり",
    "近く",
    "代",
    "目",
    "分",
    "連続",
    "足らず",
    "未満",
    "弱",
    "強",
    "超",
    "の歴史",
    "にわたり",
    "にわたって",
    "越し",
    "時代",
)
"""What follows a number of years, months or days when it is a length of time, not a date."""
_FULL_DATE = re.compile(rf"({_DIGIT}{{4}})\s*[年/\-.]\s*({_DIGIT}{{1,2}})\s*[月/\-.]\s*({_DIGIT}{{1,2}})日?")
_NOW = ("今から", "いまから", "今より")
"""Words before a relative offset that measure it from the article's day (今から3年前)."""


def _number(text: str | None) -> int:
    digits = "".join(ch for ch in (text or "") if ch.isdigit())
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) if digits else 0


_KANJI_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}


def kanji_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十五 → 25, 百三 → 103, 二〇一三 → 2013; None for anything else."""
    if not text:
        return None
    if all(ch in _KANJI_DIGITS for ch in text):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _KANJI_DIGITS:
            if digit is not None:
                return None
            digit = _KANJI_DIGITS[ch]
        elif ch in "十百千":
            total += (1 if digit is None else digit) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _era_year(era: str, year: str) -> int | None:
    if year == "元":
        number: int | None = 1
    elif year[0].isdigit():
        number = _number(year)
    else:
        number = kanji_number(year)
    return ERAS[era] + number if number else None


def find_dates(text: str, article_date: datetime.date | None = None) -> list[DateMention]:
    """Dates in ``text`` (18日, 2023年9月, 平成25年12月, 昨年度, ことし3月下旬), not
    lengths of time (24年ぶり, 2日間, 人生100年); ISO forms resolved against
    ``article_date`` (see the module docstring)."""
    found: list[DateMention] = []
    taken = bytearray(len(text))
    for match in _DATE.finditer(text):
        if match.end() == match.start():
            continue
        g = match.groupdict()
        if not (g["rel"] or g["year"] or g["era"] or g["month"] or g["day"]):
            continue
        if g["relm"] and not g["day"]:
            continue  # 今月 alone is not a date we mark
        if g["fiscal"] and not (g["rel"] or g["year"] or g["era"]):
            continue
        start, end = match.start(), match.end()
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] in "第約同毎"):
            continue
        after = text[end : end + 4]
        if not g["part"] and after.startswith(_DURATION_AFTER):
            continue
        if after.startswith(("前", "後")) and not after.startswith(_HALVES) and not g["month"] and not g["fiscal"]:
            continue  # 3年前, 10日後: a relative offset (below)
        if g["year"] and not (g["month"] or g["fiscal"] or g["rel"] or g["ad"]) and len(str(_number(g["year"]))) < 4:
            continue  # 3年, 人生100年: a length of time or a school year, not a year
        found.append(DateMention(start, end, _iso(g, article_date)))
        taken[start:end] = b"\x01" * (end - start)
    for match in _OFFSET.finditer(text):
        start, end = match.start(), match.end()
        if any(taken[start:end]) or (start > 0 and (text[start - 1].isdigit() or text[start - 1] in "第約同毎")):
            continue
        now = text[max(0, start - 4) : start].endswith(_NOW)
        found.append(DateMention(start, end, _offset_iso(match, article_date) if now else ""))
    return sorted(found, key=lambda d: d.start)


def _offset_iso(match: re.Match[str], article_date: datetime.date | None) -> str:
    """今から3年前 → the article's year − 3; 10日後 → the day; ``""`` without the article's date."""
    if article_date is None:
        return ""
    n = _number(match.group("n")) * (-1 if match.group("dir") == "前" else 1)
    unit = match.group("unit")
    if unit == "年":
        return f"{article_date.year + n:04d}" if article_date.year + n > 0 else ""
    if unit == "日":
        try:
            return (article_date + datetime.timedelta(days=n)).isoformat()
        except OverflowError:
            return ""
    shifted = article_date.month - 1 + n
    year = article_date.year + shifted // 12
    return f"{year:04d}-{shifted % 12 + 1:02d}" if year > 0 else ""


def _fiscal_iso(year: int) -> str:
    """A Japanese fiscal year (April to March) as an ISO 8601 interval of months."""
    return f"{year:04d}-04/{year + 1:04d}-03"


def _iso(g: dict[str, str | None], article_date: datetime.date | None) -> str:
    if g["era"]:
        era_year = _era_year(g["era"], g["eyear"] or "")
        if era_year is None:
            return ""
        year: int = era_year
    elif g["year"]:
        year = _number(g["year"])
    elif g["rel"] and g["fiscal"]:
        if article_date is None:
            return ""
        current = article_date.year if article_date.month >= 4 else article_date.year - 1
        return _fiscal_iso(current + _RELATIVE_YEARS[g["rel"]])
    elif article_date is not None:
        year = article_date.year + _RELATIVE_YEARS.get(g["rel"] or "", 0)
    else:
        return ""
    if g["fiscal"]:
        return _fiscal_iso(year) if year > 0 else ""
    month = _number(g["month"]) if g["month"] else None
    if month is None and g["relm"] and article_date is not None:
        shifted = article_date.month - 1 + _RELATIVE_MONTHS[g["relm"]]
        year = article_date.year + shifted // 12
        month = shifted % 12 + 1
    if month is None and g["day"] and not (g["year"] or g["era"] or g["rel"]):
        if article_date is None:
            return ""
        month = article_date.month
    day = _number(g["day"]) if g["day"] else None
    if year <= 0:
        return ""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return ""
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_article_date(text: str) -> datetime.date | None:
    """The article's date when the text states a full one (2024年6月17日, 2024-06-17):
    the first such date in the first lines, else the first anywhere; None when none."""
    head = "\n".join(text.splitlines()[:5])
    for part in (head, text):
        for match in _FULL_DATE.finditer(part):
            try:
                return datetime.date(_number(match.group(1)), _number(match.group(2)), _number(match.group(3)))
            except ValueError:
                continue
    return None
