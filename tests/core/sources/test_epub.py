"""EPUB 2 and 3: spine order, sections from the table of contents, ruby, bad books."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources import SourceError, load_document
from tests.core.sources.epubs import build_epub


@pytest.mark.parametrize("version", ["3.0", "2.0"])
def test_chapters_in_spine_order_become_the_table_of_contents(version: str, tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(build_epub(version))
    doc = load_document(str(path))
    assert doc.source.kind == "epub"
    assert (doc.source.title, doc.source.author, doc.source.date) == ("四季の本", "山川花子", "2021-04-01")
    assert doc.title_text == "四季の本"
    assert [doc.heading_text(s) for s in doc.sections] == ["第一章　春", "第二章　夏"]
    first, second = doc.sections
    assert [doc.text[p.start : p.end] for p in first.paragraphs] == [
        "桜の花が咲きました。",
        "子どもたちは毎日公園で遊びました。",
        "春の話の続きです。",  # the next file, before its own entry in the contents
    ]
    # A heading the table of contents does not list stays a line of its chapter.
    assert [doc.text[p.start : p.end] for p in second.paragraphs] == [
        "海へ行きました。",
        "小さな見出し",
        "波が高い日でした。",
    ]


def test_ruby_and_emphasis_are_kept_images_and_styles_ignored(tmp_path: Path) -> None:
    doc = load_document(build_epub(), "book.epub")
    assert [(doc.text[sp.start : sp.end], sp.reading) for sp in doc.ruby] == [
        ("桜", "さくら"),
        ("咲", "さ"),
        ("海", "うみ"),
    ]
    assert [(doc.text[e.start : e.end], e.kind) for e in doc.emphasis] == [("毎日", "dots")]
    for absent in ("表紙", "color", "margin", "(", "PNG"):
        assert absent not in doc.text, absent


def test_the_format_is_the_content_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "book.zip"
    path.write_bytes(build_epub())
    assert load_document(str(path)).source.kind == "epub"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (build_epub(spine=False), "no spine"),
        (build_epub()[: len(build_epub()) // 2], "truncated"),
        (b"PK\x03\x04" + b"\x00" * 40, "truncated"),
    ],
    ids=["no-spine", "truncated", "header-only"],
)
def test_a_bad_book_is_one_clear_error(data: bytes, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.epub"
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        load_document(str(path))
    message = str(caught.value)
    assert problem in message and str(path) in message and "\n" not in message
