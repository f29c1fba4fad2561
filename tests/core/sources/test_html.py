"""HTML pages: NHK NEWS WEB EASY's ruby and name colours, NHK NEWS WEB's parts, other pages' articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.document import Document
from reader.core.sources import SourceError, load_document
from reader.core.sources.html import clean_title, iso_date
from reader.core.sources.htmldom import parse_html_tree
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "pages"


def page(name: str) -> Document:
    return load_document(str(PAGES / name))


def ruby_in_markup(markup: str) -> list[tuple[str, str]]:
    """Every <ruby> of the markup with its reading, counted by a regular expression, not by the reader."""
    pairs = []
    for inner in re.findall(r"<ruby>(.*?)</ruby>", markup, re.S):
        inner = re.sub(r"<rp>.*?</rp>", "", inner)
        base, reading = re.match(r"(.*?)<rt>(.*?)</rt>", inner, re.S).groups()  # type: ignore[union-attr]
        pairs.append((re.sub(r"<[^>]+>", "", base), reading))
    return pairs


def test_nhk_easy_keeps_every_ruby_with_its_reading() -> None:
    markup = (PAGES / "nhk-easy.html").read_text(encoding="utf-8")
    doc = page("nhk-easy.html")
    expected = ruby_in_markup(markup)
    assert len(expected) == 27
    assert [(doc.text[sp.start : sp.end], sp.reading) for sp in doc.ruby] == expected
    assert all(sp.source == "author" for sp in doc.ruby)
    assert "（" not in doc.text  # <rp> dropped


def test_nhk_easy_name_colours_are_typed_marks() -> None:
    doc = page("nhk-easy.html")
    marks = [(doc.text[m.start : m.end], m.type) for m in doc.names]
    assert marks == [
        ("青葉市", "PLACE"),
        ("緑川", "PLACE"),
        ("青葉市役所", "ORG"),
        ("森田春子", "PERSON"),
        ("森田", "PERSON"),
        ("グリーンリバー会", "ORG"),
    ]


def test_nhk_easy_title_date_and_no_page_furniture() -> None:
    doc = page("nhk-easy.html")
    assert doc.title_text == "川の水がきれいになった"
    assert doc.source.kind == "html" and doc.source.date == "2024-05-20"
    for furniture in ("ニュース一覧", "ニュースを聞く", "よく読まれている", "Copyright", "dataLayer"):
        assert furniture not in doc.text, furniture
    assert (
        next(doc.text[p.start : p.end] for p in doc.paragraphs)
        == "青葉市を流れる緑川の水が、前よりきれいになりました。"
    )


def test_nhk_news_title_date_lead_and_headed_sections() -> None:
    doc = page("nhk-news.html")
    assert doc.title_text == "港に新しい灯台が完成 100年ぶりの建て替え"
    assert doc.source.date == "2024-03-12"
    assert doc.source.url.startswith("https://www3.nhk.or.jp/news/html/")
    assert [doc.heading_text(s) for s in doc.sections] == ["", "地元の人たちが見守る", "古い灯台は資料館に"]
    lead = [doc.text[p.start : p.end] for p in doc.sections[0].paragraphs]
    assert lead[0].startswith("海沿いの町で、明治時代に建てられた灯台")
    assert len(doc.sections[1].paragraphs) == 2  # <br><br> ends a paragraph
    for furniture in (
        "関連ニュース",
        "別の記事",
        "ポスト",
        "シェア",
        "天気",
        "特集",
        "NHK（日本放送協会）",
        "font-size",
    ):
        assert furniture not in doc.text, furniture


def test_another_site_gives_its_article_without_menus_ads_or_comments() -> None:
    doc = page("general-news.html")  # Shift_JIS, declared in <meta charset>
    assert doc.encoding == "cp932"
    assert doc.title_text == "駅前に図書館がオープン"
    assert doc.source.date == "2023-11-02"
    assert doc.source.author == "みなと新聞 編集部"
    assert [doc.heading_text(s) for s in doc.sections] == ["", "子ども向けの部屋も"]
    assert len(list(doc.paragraphs)) == 4
    assert [(doc.text[sp.start : sp.end], sp.reading) for sp in doc.ruby] == [("閲覧", "えつらん")]
    for furniture in (
        "スポーツ",
        "読み放題",
        "トップ",
        "シェアする",
        "関連記事",
        "コメント",
        "素晴らしい",
        "ランキング",
        "プライバシー",
    ):
        assert furniture not in doc.text, furniture


def test_a_page_with_no_body_text_is_one_clear_error() -> None:
    with pytest.raises(SourceError) as caught:
        page("no-body.html")
    assert "no body text" in str(caught.value) and "\n" not in str(caught.value)


def test_ruby_anywhere_with_several_bases_and_rp() -> None:
    markup = (
        "<html><body><article><h1>題</h1><p>"
        "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>と<ruby><rb>東</rb><rb>京</rb><rp>(</rp><rt>とう</rt><rt>きょう</rt>"
        "<rp>)</rp></ruby>と<ruby>明日<rp>（</rp><rt>あした</rt><rp>）</rp></ruby>の話をする。これは本文です。"
        "</p></article></body></html>"
    ).encode()
    doc = load_document(markup, "page.html")
    assert [(doc.text[sp.start : sp.end], sp.reading) for sp in doc.ruby] == [
        ("漢", "かん"), ("字", "じ"), ("東", "とう"), ("京", "きょう"), ("明日", "あした"),
    ]  # fmt: skip
    assert "漢字と東京と明日の話をする。" in doc.text


def test_white_space_follows_html_rules() -> None:
    markup = (
        "<html><body><article><h1>題</h1>"
        "<p>日本語の\n文章は  改行で\n切れない。 English  words\nstay apart.</p></article></body></html>"
    )
    doc = load_document(markup.encode(), "page.html")
    assert "日本語の文章は 改行で切れない。 English words stay apart." in doc.text


def test_format_is_told_from_content_not_name(tmp_path: Path) -> None:
    html = tmp_path / "article.txt"
    html.write_bytes((PAGES / "nhk-easy.html").read_bytes())
    assert load_document(str(html)).source.kind == "html"
    text = tmp_path / "article.html"
    text.write_text("題名\n\n本文です。<これは記号>と書きます。\n", encoding="utf-8")
    assert load_document(str(text)).source.kind == "text"


def test_helpers() -> None:
    assert iso_date("2024-06-18T16:30:00+09:00") == "2024-06-18"
    assert iso_date("[2024年06月18日 16時30分]") == "2024-06-18"
    assert iso_date("no date") == ""
    assert clean_title("記事の見出し｜NHKニュース") == "記事の見出し"
    assert clean_title("港に新しい灯台 | NHK | 地域") == "港に新しい灯台"
    tree = parse_html_tree("<div><p>one<p>two</div><ul><li>a<li>b</ul>")
    assert [p.text() for p in tree.select("p")] == ["one", "two"]
    assert [li.text() for li in tree.select("ul li")] == ["a", "b"]
