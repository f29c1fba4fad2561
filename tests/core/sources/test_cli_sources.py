"""Every format through the command line as a person runs it: annotate, entities, glossary, library, bad input."""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.core.sources import load_document
from tests.conftest import ROOT
from tests.conftest import run_yomu as run
from tests.core.sources.epubs import build_epub

NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def annotated_spans(out: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text under ``｜base《reading》`` marks and each mark as (start, end, reading) in it."""
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    pos = 0
    for found in re.finditer(r"｜([^《]*)《([^》]*)》", out):
        plain.append(out[pos : found.start()])
        length += found.start() - pos
        plain.append(found[1])
        spans.append((length, length + len(found[1]), found[2]))
        length += len(found[1])
        pos = found.end()
    plain.append(out[pos:])
    return "".join(plain), spans


def test_annotate_gives_back_every_author_ruby_of_the_novel_in_order() -> None:
    document = load_document(str(NOVEL))
    result = run("annotate", str(NOVEL), "--format", "aozora")
    assert result.returncode == 0, result.stderr.decode()
    text, spans = annotated_spans(result.stdout.decode("utf-8"))
    assert text == document.text
    author = [(sp.start, sp.end, sp.reading) for sp in document.ruby]
    position = {span[:2]: k for k, span in enumerate(spans)}
    found = [spans[position[(s, e)]] for s, e, _ in author if (s, e) in position]
    assert found == author  # every author span, with the author's own reading (イタリー stays katakana)
    order = [position[(s, e)] for s, e, _ in author]
    assert order == sorted(order)
    assert len(author) == 9214


def test_entities_of_an_nhk_easy_page_include_every_colour_name_with_its_type() -> None:
    page = PAGES / "nhk-easy.html"
    document = load_document(str(page))
    result = run("entities", str(page), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    mentions = {(m["start"], m["end"]): m for m in map(json.loads, result.stdout.decode().splitlines())}
    for mark in document.names:
        mention = mentions[(mark.start, mark.end)]
        assert mention["type"] == mark.type, mention
        assert mention["text"] == document.text[mark.start : mark.end]
    person = mentions[(document.names[3].start, document.names[3].end)]
    assert (person["text"], person["reading"]) == ("森田春子", "もりたはるこ")  # read from the author's ruby


@pytest.mark.parametrize("fmt", ["html", "anki"])
def test_author_ruby_wins_in_exports(fmt: str) -> None:
    # 去年 is read きょねん by the page; 2倍 and the rest follow the author too.
    result = run("annotate", str(PAGES / "nhk-easy.html"), "--format", fmt)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert (
        "<ruby>青葉市役所<rt>あおばしやくしょ</rt></ruby>" if fmt == "html" else "青葉市役所[あおばしやくしょ]"
    ) in out


def test_glossary_reads_an_epub(tmp_path: Path) -> None:
    book = tmp_path / "book.epub"
    book.write_bytes(build_epub())
    result = run("glossary", str(book), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    plain = run("annotate", str(book), "--format", "plain")
    assert plain.stdout.decode().startswith("四季の本\n\n第一章　春\n\n桜の花が咲きました。")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    (root / "article.html").write_bytes((PAGES / "nhk-news.html").read_bytes())

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_prints_like_a_file(server: str) -> None:
    result = run("annotate", f"{server}/article.html", "--format", "plain")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == load_document(str(PAGES / "nhk-news.html")).text


def bad_inputs(tmp: Path, server: str) -> dict[str, tuple[str, str]]:
    """Bad input of every format: (argument, words the one line must hold)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(NOVEL, "neko.txt")
    (tmp / "truncated.zip").write_bytes(buffer.getvalue()[:20000])
    (tmp / "nospine.epub").write_bytes(build_epub(spine=False))
    (tmp / "nobody.html").write_bytes((PAGES / "no-body.html").read_bytes())
    header = "題\n作者\n\n"
    (tmp / "open.txt").write_bytes((header + "　吾輩《わがはい》は猫《ねこである。\n").encode("cp932"))
    return {
        "truncated zip": (str(tmp / "truncated.zip"), "truncated"),
        "epub without spine": (str(tmp / "nospine.epub"), "no spine"),
        "html without body": (str(tmp / "nobody.html"), "no body text"),
        "aozora left open": (str(tmp / "open.txt"), "line 4: 《 is not closed"),
        "url 404": (f"{server}/missing.html", "404"),
    }


@pytest.mark.parametrize("command", [(), ("annotate",), ("entities",), ("glossary",)])
def test_bad_input_of_every_format_is_one_line_and_status_1(
    command: tuple[str, ...], tmp_path: Path, server: str
) -> None:
    for problem, (argument, words) in bad_inputs(tmp_path, server).items():
        result = run(*command, argument)
        err = result.stderr.decode()
        assert result.returncode == 1, (problem, err)
        assert "Traceback" not in err, problem
        assert err.count("\n") == 1, (problem, err)
        assert words in err and argument in err, (problem, err)
        assert result.stdout == b""


def test_stdin_is_read_as_any_file() -> None:
    data = ("題\n作者\n\n" + "　吾輩《わがはい》は猫である。\n").encode("cp932")
    result = run("annotate", "-", "--format", "plain", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == "題\n\n作者\n吾輩は猫である。\n"


def test_library_lists_what_was_opened(tmp_path: Path) -> None:
    from reader.data.library import Library, open_source

    opened = [open_source(str(PAGES / "nhk-easy.html")), open_source(str(NOVEL))]
    with Library.open() as library:
        for text in opened:
            library.remember(text.key, text.document, source=text.source, kind=text.kind)
        library.record_position(opened[1].key, 3, 51122, 0.16, 0.42)
    result = run("library", "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["title"] for row in rows] == ["吾輩は猫である", "川の水がきれいになった"]  # last read first
    assert (rows[0]["section"], rows[0]["read_share"], rows[0]["known_share"]) == (4, 0.16, 0.42)
    assert rows[1]["source"] == str((PAGES / "nhk-easy.html").resolve())
    tsv = run("library", "--format", "tsv").stdout.decode().splitlines()
    assert tsv[0].split("\t")[:3] == ["title", "source", "kind"] and len(tsv) == 3
