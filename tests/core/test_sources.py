"""Decoding article files and finding their structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources import SourceError, decode_bytes, load_document, parse_text
from reader.core.sources.text import is_heading_line, split_sentences
from tests.conftest import SEED

SAMPLE = "北朝鮮を訪問\n\nプーチン大統領が18日から北朝鮮を訪問すると発表しました。\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("cp932", b"", "cp932"),
        ("shift_jis", b"", "cp932"),
        ("euc_jp", b"", "euc_jp"),
    ],
)
def test_each_encoding_is_detected_from_the_bytes(encoding: str, prefix: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "article.dat"  # the name says nothing about the encoding
    path.write_bytes(prefix + SAMPLE.encode(encoding))
    document = load_document(str(path))
    assert document.encoding == expected
    assert document.text == SAMPLE
    assert document.title_text == "北朝鮮を訪問"


def test_the_whole_seed_round_trips_through_every_encoding(seed_text: str) -> None:
    for encoding in ("cp932", "euc_jp"):
        text, found = decode_bytes(seed_text.encode(encoding))
        assert text == seed_text
        assert found == encoding


def test_crlf_and_cr_are_read_as_lf() -> None:
    text, _ = decode_bytes("題名\r\n\r\n本文です。\r次の行。\r\n".encode())
    assert text == "題名\n\n本文です。\n次の行。\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(0x80, 0x100)) * 8, "cannot decode"),
    ],
)
def test_bad_content_gets_one_clear_message(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_document(str(path))
    text = str(caught.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(SourceError, match="is a directory"):
        load_document(str(tmp_path))


def test_seed_structure_title_lead_and_ten_headed_sections() -> None:
    document = load_document(str(SEED))
    assert document.title_text == "プーチン大統領が18日から北朝鮮訪問 軍事的連携強める狙いか"
    sections = document.sections
    assert len(sections) == 11
    assert sections[0].heading is None
    headings = [document.heading_text(section) for section in sections[1:]]
    assert headings[0] == "ロシア大統領府高官 “首脳会談は19日に行われる見通し”"
    assert headings[-1] == "北朝鮮が求める見返りは"
    assert "林官房長官「地域の安保環境 一層厳しさ増している」" in headings
    # Every paragraph is a line of the source, every sentence lies inside it.
    for paragraph in document.paragraphs:
        assert "\n" not in document.text[paragraph.start : paragraph.end]
        for sentence in paragraph.sentences:
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def test_sentences_split_after_end_marks_but_keep_quoted_speech_whole() -> None:
    text = "北朝鮮は発表しました。彼は「準備している。期待している」と述べました。本当か？はい"
    spans = split_sentences(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == [
        "北朝鮮は発表しました。",
        "彼は「準備している。期待している」と述べました。",
        "本当か？",
        "はい",
    ]


def test_a_closing_quote_that_ends_the_paragraph_ends_a_sentence() -> None:
    text = "「訪問の準備は十分だ」「期待している」"
    spans = split_sentences(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == ["「訪問の準備は十分だ」", "「期待している」"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("北朝鮮が求める見返りは", True),
        ("林官房長官「地域の安保環境 一層厳しさ増している」", True),
        ("専門家 “北朝鮮と新たな条約締結に向け話し合う可能性”", True),
        ("ロシアは拒否権を行使しました。", False),
        ("「期待している。」", False),
        ("あ" * 80, False),
    ],
)
def test_heading_rule(line: str, heading: bool) -> None:
    assert is_heading_line(line) is heading


def test_a_short_last_line_is_a_paragraph_not_a_heading() -> None:
    document = parse_text("題名\n\n本文です。\n\n以上\n")
    assert len(document.sections) == 1
    assert document.sections[0].heading is None
    assert len(document.sections[0].paragraphs) == 2


def test_text_with_brackets_and_escapes_is_kept_literally() -> None:
    raw = "[bold]題名[/]\n\n本文 [b 未閉じ \x1b[31m赤\x1b[0m です。\n"
    document = parse_text(raw)
    assert document.title_text == "[bold]題名[/]"
    paragraph = next(document.paragraphs)
    assert "\x1b[31m" in document.text[paragraph.start : paragraph.end]
