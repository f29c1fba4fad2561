"""How long loading takes per format, next to a baseline measured in the same run.

- the novel (Aozora Bunko, Shift_JIS, 749 KB): ``load_document`` against the
  same bytes decoded and split as plain text (what yomu did before it knew the
  notation);
- pages (NHK NEWS WEB EASY, NHK NEWS WEB, another site): ``load_document``
  against the standard library's ``html.parser`` alone reading the same markup;
- an EPUB built here: ``load_document``;
- the novel reopened: parsed (``load_document``) against read from the document
  cache (``reader.data.documents``: the file read, hashed, looked up in a
  temporary ``analysis.sqlite`` and decoded), medians of the same run, and the
  size of the cache entry.

Best of several runs (medians for the cache), in milliseconds.  Run: ``python bench/bench_sources.py``.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.sources import decode_bytes, load_document, parse_text  # noqa: E402
from tests.core.sources.epubs import build_epub  # noqa: E402

NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def best(action: Callable[[], object], runs: int = 5) -> float:
    """The fastest of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def median(action: Callable[[], object], runs: int = 15) -> float:
    """The median of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cache_figures() -> None:
    """The novel parsed against the novel from the document cache, in one run."""
    from reader.core.sources.decode import read_bytes
    from reader.core.sources.stored import encode_document
    from reader.data.documents import keep_document, parsed

    path = str(NOVEL)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["YOMU_CACHE_DIR"] = folder
        document, key = parsed(read_bytes(path), path, path=path)
        assert key, "parsed, not from a cache"
        keep_document(key, document)

        def from_cache() -> None:
            _, missed = parsed(read_bytes(path), path, path=path)
            assert not missed

        from_cache()  # the cache file opened once before timing, as the parser's imports were
        parse_ms = median(lambda: load_document(path))
        cache_ms = median(from_cache)
        size = len(encode_document(document))
    print("novel reopened (medians of 15):")
    print(f"  parsed (load_document)                    {parse_ms:8.1f} ms")
    print(f"  from the document cache                   {cache_ms:8.1f} ms  (read, hash, SQLite, decode)")
    print(f"  the cache entry                           {size / 1e6:8.2f} MB")


def main() -> None:
    data = NOVEL.read_bytes()
    load_document(str(NOVEL))  # imports and regular expressions compiled before timing

    def plain() -> None:
        text, encoding = decode_bytes(data)
        parse_text(text, encoding=encoding)

    print(f"novel ({len(data) // 1024} KB Shift_JIS, Aozora Bunko):")
    print(f"  baseline: decode + plain-text structure  {best(plain):8.1f} ms")
    print(f"  load_document (Aozora notation)           {best(lambda: load_document(str(NOVEL))):8.1f} ms")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(NOVEL, "neko.txt")
    zipped = buffer.getvalue()
    print(f"  load_document (the same in a .zip)        {best(lambda: load_document(zipped, 'neko.zip')):8.1f} ms")
    for page in sorted(PAGES.glob("*.html")):
        if page.name == "no-body.html":
            continue
        markup = page.read_bytes()
        text = markup.decode("cp932" if page.name == "general-news.html" else "utf-8")

        def feed(text: str = text) -> None:
            parser = HTMLParser()
            parser.feed(text)
            parser.close()

        print(f"{page.name} ({len(markup) / 1024:.1f} KB):")
        print(f"  baseline: html.parser alone               {best(feed, 20):8.2f} ms")
        name = page.name
        took = best(lambda m=markup, n=name: load_document(m, n), 20)  # type: ignore[misc]
        print(f"  load_document                             {took:8.2f} ms")
    epub = build_epub()
    print(
        f"EPUB ({len(epub)} bytes, 3 chapters): load_document {best(lambda: load_document(epub, 'b.epub'), 20):8.2f} ms"
    )
    cache_figures()


if __name__ == "__main__":
    main()
