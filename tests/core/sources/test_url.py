"""URLs against a real HTTP server on 127.0.0.1: a page opens like a file; 404, wrong type, offline fail clearly."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.core.sources import SourceError, load_document
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "pages"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {".html": "text/html; charset=utf-8", ".png": "image/png", ".txt": "text/plain"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real HTTP server on a free port of 127.0.0.1 serving the fixture pages (and a picture)."""
    root = tmp_path_factory.mktemp("site")
    for page in PAGES.glob("*.html"):
        (root / page.name).write_bytes(page.read_bytes())
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_from_a_server_opens_like_the_file(server: str) -> None:
    url = f"{server}/nhk-easy.html"
    fetched = load_document(url)
    local = load_document(str(PAGES / "nhk-easy.html"))
    assert fetched.text == local.text
    assert fetched.ruby == local.ruby and fetched.names == local.names
    assert fetched.source.url == url
    assert fetched.source.date == "2024-05-20"  # the article's own date, from the page
    assert url in fetched.source.citation()


def test_a_missing_page_is_one_line(server: str) -> None:
    with pytest.raises(SourceError) as caught:
        load_document(f"{server}/no-such-page.html")
    assert "404" in str(caught.value) and "\n" not in str(caught.value)


def test_a_picture_is_refused_by_its_type(server: str) -> None:
    with pytest.raises(SourceError, match="image/png"):
        load_document(f"{server}/picture.png")


def test_offline_is_one_line() -> None:
    # A port on 127.0.0.1 that nothing listens on: the connection is refused, as offline.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError) as caught:
        load_document(f"http://127.0.0.1:{port}/article.html", timeout=5)
    assert "cannot be fetched" in str(caught.value) and "refused" in str(caught.value)


def test_a_server_that_never_answers_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        with pytest.raises(SourceError, match=r"no answer|timed out"):
            load_document(f"http://127.0.0.1:{listener.getsockname()[1]}/slow.html", timeout=0.5)
    finally:
        listener.close()


def test_a_saved_page_still_reads_offline(tmp_path: Path, server: str) -> None:
    from reader.data.library import Library, open_entry, open_source

    opened = open_source(f"{server}/nhk-news.html")
    assert opened.copy and Path(opened.copy).is_file()
    with Library.open() as library:
        library.remember(opened.key, opened.document, source=opened.source, kind=opened.kind, copy=opened.copy)
        entry = library.entry(opened.key)
    assert entry is not None
    again = open_entry(entry)  # from the kept copy: no request is made
    assert again.document.text == opened.document.text
    assert again.document.source.url == f"{server}/nhk-news.html"
