"""Dates: era years, fiscal years, relative dates, and lengths of time that are not dates."""

from __future__ import annotations

import datetime

import pytest

from reader.core.analysis import analyse
from reader.core.analysis.dates import find_dates, kanji_number
from reader.core.analysis.entities import extract_entities

DAY = datetime.date(2025, 3, 10)
"""The article's date in these tests (a day in March: still fiscal year 2024)."""


def dates(text: str, day: datetime.date | None = DAY) -> list[tuple[str, str]]:
    return [(text[d.start : d.end], d.iso) for d in find_dates(text, day)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("制度は平成25年12月に始まった。", [("平成25年12月", "2013-12")]),
        ("令和元年5月1日に改元された。", [("令和元年5月1日", "2019-05-01")]),
        ("昭和二十年8月15日の記録", [("昭和二十年8月15日", "1945-08-15")]),
        ("大正12年9月1日に起きた地震", [("大正12年9月1日", "1923-09-01")]),
        ("明治元年の出来事", [("明治元年", "1868")]),
        ("令和6年に改正された。", [("令和6年", "2024")]),
    ],
)
def test_era_years_become_gregorian(text, found):
    assert dates(text) == found
    assert dates(text, None) == found  # an era year needs no article date


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("昨年度の決算を発表した。", [("昨年度", "2023-04/2024-03")]),
        ("今年度末までに完成する。", [("今年度末", "2024-04/2025-03")]),
        ("来年度から導入する。", [("来年度", "2025-04/2026-03")]),
        ("2023年度の予算", [("2023年度", "2023-04/2024-03")]),
        ("令和5年度の税収", [("令和5年度", "2023-04/2024-03")]),
    ],
)
def test_fiscal_years_run_from_april(text, found):
    assert dates(text) == found


def test_fiscal_year_follows_the_article_date_across_april():
    assert dates("来年度から導入する。", datetime.date(2025, 4, 1)) == [("来年度", "2026-04/2027-03")]


def test_relative_fiscal_year_without_article_date_is_shown_as_written():
    assert dates("昨年度の決算", None) == [("昨年度", "")]


@pytest.mark.parametrize(
    "text",
    ["人生100年時代を迎えた。", "創業100年の歴史がある。", "24年ぶりの訪問", "3年越しの計画", "30年にわたり続いた。"],
)
def test_lengths_of_time_are_not_dates(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Relative offsets are dates, resolved only when measured from the article's day.
        ("今から100年前に建てられた。", [("100年前", "1925")]),
        ("今から10日前に届いた。", [("10日前", "2025-02-28")]),
        ("100年前に建てられた。", [("100年前", "")]),
        ("その3日後に発表された。", [("3日後", "")]),
    ],
)
def test_relative_offsets_are_not_the_year_they_count(text, found):
    assert dates(text) == found


def test_first_half_of_a_year_is_that_year():
    assert dates("2023年前半の売り上げ") == [("2023年", "2023")]


def test_a_bare_year_needs_four_digits_or_an_era():
    assert dates("794年に都が移った。") == []
    assert dates("西暦794年に都が移った。") == [("西暦794年", "0794")]
    assert dates("1990年に統一された。") == [("1990年", "1990")]


def test_relative_dates_without_article_date_are_shown_as_written():
    assert dates("去年9月に会談した。", None) == [("去年9月", "")]
    assert dates("18日に会談した。", None) == [("18日", "")]


@pytest.mark.parametrize(
    ("text", "number"), [("一", 1), ("十二", 12), ("二十五", 25), ("百三", 103), ("二〇一三", 2013)]
)
def test_kanji_numbers(text, number):
    assert kanji_number(text) == number


def test_era_dates_are_date_entities_with_gregorian_values():
    text = "制度は平成25年12月に始まり、令和元年に改められた。"
    index = extract_entities(text, analyse(text), article_date=DAY)
    assert {e.canonical for e in index.entities if e.type == "DATE"} == {"2013-12", "2019"}
    assert not any(e.type == "PLACE" for e in index.entities)  # an era is not a place
