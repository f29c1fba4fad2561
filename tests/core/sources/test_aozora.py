"""Aozora Bunko notation: ruby bases, editor notes, gaiji, header and colophon, the whole novel."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from reader.core.document import Document
from reader.core.sources import SourceError, load_document
from reader.core.sources.aozora import char_class, compose_accents, is_aozora, jis_x0213, parse_aozora, resolve_gaiji
from tests.conftest import ROOT

NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"

HEADER = """テスト作品
青空太郎

-------------------------------------------------------
【テキスト中に現れる記号について】

《》：ルビ
（例）吾輩《わがはい》は猫である

｜：ルビの付く文字列の始まりを特定する記号
（例）一番｜獰悪《どうあく》な種族であった
-------------------------------------------------------

"""
COLOPHON = """


底本：「テスト全集1」青空書房
　　　1990（平成2）年1月1日第1刷発行
入力：入力者
校正：校正者
2000年4月5日公開
青空文庫作成ファイル：
"""


def aozora(body: str) -> Document:
    return parse_aozora(HEADER + body + COLOPHON, "test.txt")


def ruby_of(document: Document) -> list[tuple[str, str]]:
    return [(document.text[sp.start : sp.end], sp.reading) for sp in document.ruby]


def test_implicit_base_is_the_run_of_one_class_before_the_bracket() -> None:
    doc = aozora(
        "　吾輩《わがはい》は猫である。ここはカタカナ《かたかな》とＡＢＣ《えーびーしー》とabc《エービーシー》。\n"
    )
    assert ruby_of(doc) == [
        ("吾輩", "わがはい"),
        ("カタカナ", "かたかな"),
        ("ＡＢＣ", "えーびーしー"),
        ("abc", "エービーシー"),
    ]
    assert "《" not in doc.text and "》" not in doc.text
    assert all(sp.source == "author" for sp in doc.ruby)


def test_bar_marks_where_the_base_starts() -> None:
    doc = aozora("　それは一番｜獰悪《どうあく》な種族で、その上｜今《いま》までの所とは違う。\n")
    assert ruby_of(doc) == [("獰悪", "どうあく"), ("今", "いま")]
    assert "｜" not in doc.text
    assert "一番獰悪な種族" in doc.text


def test_a_gaiji_in_the_base_belongs_to_the_kanji_run() -> None:
    # As aozora2html: ※ counts as a kanji, so the base is 大気燄, not 燄 alone.
    doc = aozora(
        "　そのような大気※［＃「陷のつくり＋炎」、第3水準1-87-64］《だいきえん》を揚げた。"
        "一日｜御※［＃「飲のへん＋善」、第4水準2-92-71］《ごぜん》\n"
    )
    assert ruby_of(doc) == [("大気燄", "だいきえん"), ("御饍", "ごぜん")]


def test_gaiji_become_unicode_through_jis_x0213_or_a_note() -> None:
    doc = aozora(
        "　※［＃「言＋虚」、第4水準2-88-74］とフ※［＃小書き片仮名ヒ、1-6-84］と"
        "※［＃「木＋ほげ」、12-3］と※［＃「さんずい＋徒」、U+6D8B、123-4］。\n"
    )
    assert "譃とフㇶと〓と涋。" in doc.text
    notes = [(doc.text[g.start : g.end], g.description, g.code) for g in doc.gaiji]
    assert notes == [
        ("譃", "言＋虚", "第4水準2-88-74"),
        ("ㇶ", "小書き片仮名ヒ", "1-6-84"),
        ("〓", "木＋ほげ", ""),
        ("涋", "さんずい＋徒", "U+6D8B"),
    ]
    unresolved = doc.gaiji_at(doc.text.index("〓"))
    assert unresolved is not None and unresolved.description == "木＋ほげ" and not unresolved.resolved


def test_jis_x0213_plane_row_cell() -> None:
    assert jis_x0213(1, 87, 64) == "燄"
    assert jis_x0213(2, 88, 74) == "譃"
    assert jis_x0213(1, 4, 87) == "か\u309a"  # a base and a combining mark
    assert jis_x0213(1, 95, 1) == ""
    assert resolve_gaiji("「口＋據のつくり」、第3水準1-15-24") == ("噱", "口＋據のつくり", "第3水準1-15-24")


def test_headings_open_sections_and_page_notes_are_dropped() -> None:
    body = (
        "　前書きの一文。\n"
        "［＃８字下げ］一［＃「一」は中見出し］\n\n"
        "［＃ここから２字下げ］\n　本文その一。\n［＃ここで字下げ終わり］\n［＃改ページ］\n"
        "［＃５字下げ］第二章［＃「第二章」は大見出し］\n　本文その二。\n"
        "［＃ここから小見出し］\n三の\n見出し\n［＃ここで小見出し終わり］\n　本文その三。\n"
    )
    doc = aozora(body)
    assert doc.title_text == "テスト作品"
    assert [doc.heading_text(s) for s in doc.sections] == ["", "一", "第二章", "三の 見出し"]
    assert [doc.text[p.start : p.end] for p in doc.sections[0].paragraphs] == ["青空太郎", "前書きの一文。"]
    assert doc.text[doc.sections[1].paragraphs[0].start : doc.sections[1].paragraphs[0].end] == "本文その一。"
    assert "［" not in doc.text and "字下げ" not in doc.text and "改ページ" not in doc.text


def test_emphasis_notes() -> None:
    doc = aozora(
        "　へっつい［＃「へっつい」に傍点］の中と主人［＃「主人」に白ゴマ傍点］と"
        "［＃傍線］線の語［＃傍線終わり］と太く［＃「太く」は太字］。\n"
    )
    marks = [(doc.text[e.start : e.end], e.kind) for e in doc.emphasis]
    assert marks == [("へっつい", "dots"), ("主人", "dots"), ("線の語", "line"), ("太く", "bold")]
    assert "へっついの中と主人と線の語と太く。" in doc.text


def test_a_target_after_ruby_is_found_without_its_reading() -> None:
    doc = aozora("　彼は｜吾輩《わがはい》［＃「吾輩」に傍点］と言う。\n")
    assert [(doc.text[e.start : e.end]) for e in doc.emphasis] == ["吾輩"]
    assert ruby_of(doc) == [("吾輩", "わがはい")]


def test_ruby_given_as_a_note() -> None:
    doc = aozora("　青空［＃「青空」に「あおぞら」のルビ］の下。\n")
    assert ruby_of(doc) == [("青空", "あおぞら")]


def test_editor_notes_about_the_printed_book_are_not_text() -> None:
    doc = aozora(
        "　曾呂崎［＃「曾呂崎」は底本では「曾兄崎」］よりＴ１［＃「１」は下付き小文字］"
        "が懸《か》［＃ルビの「か」は底本では「け」］ける。\n"
    )
    assert "曾呂崎よりＴ１が懸ける。" in doc.text
    assert ruby_of(doc) == [("懸", "か")]


def test_accent_decomposition_and_kunoji() -> None:
    assert compose_accents("cafe' amicitiae& Franc,ais") == ("café amicitiæ Français", True)
    doc = aozora("　〔cafe'〕と〔abc〕と見る／＼。\n")
    assert "caféと〔abc〕と見る〳〵。" in doc.text


def test_header_symbols_block_and_colophon_are_not_body_text() -> None:
    doc = aozora("　本文。\n")
    assert "テキスト中に現れる記号" not in doc.text
    assert "底本" not in doc.text and "入力者" not in doc.text
    assert doc.source.kind == "aozora"
    assert doc.source.title == "テスト作品"
    assert doc.source.author == "青空太郎"
    assert doc.source.base == "「テスト全集1」青空書房 1990（平成2）年1月1日第1刷発行"
    assert doc.source.date == "2000-04-05"
    assert "校正：校正者" in doc.source.notes
    assert "青空太郎" in doc.source.citation() and "テスト全集1" in doc.source.citation()


@pytest.mark.parametrize(
    ("line", "problem"),
    [("　吾輩《わがはい》は猫《ねこ。\n", "《 is not closed"), ("　傍点［＃「傍点」に傍点。\n", "［＃ is not closed")],
)
def test_notation_left_open_is_one_clear_error_naming_the_line(line: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        aozora("　一行目。\n" + line)
    message = str(caught.value)
    assert problem in message
    assert "test.txt: line 15:" in message
    assert "\n" not in message


def test_char_classes() -> None:
    assert [char_class(c) for c in "漢々※ひカーＡa、"] == [
        "kanji", "kanji", "kanji", "hiragana", "katakana", "katakana", "zenkaku", "hankaku", "other",
    ]  # fmt: skip


def test_detection_is_by_content() -> None:
    assert is_aozora("題\n\n吾輩《わがはい》は猫《ねこ》である。\n")
    assert is_aozora("題\n\n本文［＃改ページ］\n")
    assert not is_aozora("題\n\n北朝鮮の《労働新聞》によりますと、発表しました。\n")  # 《》 as quotation marks


def test_the_file_name_does_not_decide_the_format(tmp_path: Path) -> None:
    text = HEADER + "　吾輩《わがはい》は猫である。\n" + COLOPHON
    path = tmp_path / "article.dat"
    path.write_bytes(text.encode("cp932"))
    doc = load_document(str(path))
    assert doc.source.kind == "aozora" and ruby_of(doc) == [("吾輩", "わがはい")]
    plain = tmp_path / "news.txt"
    plain.write_text("題名\n\n北朝鮮の《労働新聞》によりますと。\n", encoding="utf-8")
    assert load_document(str(plain)).source.kind == "text"


# ------------------------------------------------------------ the novel


@pytest.fixture(scope="module")
def novel() -> Document:
    return load_document(str(NOVEL))


def source_ruby(path: Path) -> list[str]:
    """The readings of every ruby in the novel's body, in order, counted straight from the file."""
    text = path.read_bytes().decode("cp932")
    body = text.split("-------------------------------------------------------")[2]
    body = body.split("底本：")[0]
    return re.findall(r"《([^》]*)》", body)


def test_the_novel_opens_as_eleven_sections_and_its_front_matter(novel: Document) -> None:
    assert novel.title_text == "吾輩は猫である"
    assert novel.source.author == "夏目漱石"
    front, *chapters = novel.sections
    assert front.heading is None
    assert [novel.text[p.start : p.end] for p in front.paragraphs] == ["夏目漱石"]
    headings = [novel.heading_text(s) for s in chapters]
    assert headings == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    assert novel.text[chapters[0].paragraphs[0].start :].startswith("吾輩は猫である。名前はまだ無い。")
    assert novel.text.rstrip().endswith("ありがたいありがたい。")
    assert novel.source.base.startswith("「夏目漱石全集1」ちくま文庫、筑摩書房")


def test_the_novel_keeps_every_author_ruby_in_order(novel: Document) -> None:
    expected = source_ruby(NOVEL)
    assert len(expected) > 9000
    assert [sp.reading for sp in novel.ruby] == expected
    assert (novel.text[novel.ruby[0].start : novel.ruby[0].end], novel.ruby[0].reading) == ("吾輩", "わがはい")


def test_the_novel_shows_no_markup(novel: Document) -> None:
    for mark in ("《", "》", "［＃", "｜", "※"):
        assert mark not in novel.text, mark
    assert len(novel.gaiji) == 34 and all(g.resolved for g in novel.gaiji)
    assert len(novel.emphasis) > 300


def test_a_zipped_text_opens_like_the_text(tmp_path: Path, novel: Document) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "short")
        archive.write(NOVEL, "789_ruby_5639/wagahai_neko_dearu.txt")
    path = tmp_path / "789_ruby_5639.zip"
    path.write_bytes(buffer.getvalue())
    doc = load_document(str(path))
    assert doc.text == novel.text and doc.ruby == novel.ruby
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(SourceError, match="truncated"):
        load_document(str(truncated))
