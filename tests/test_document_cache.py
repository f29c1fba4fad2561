"""Reopening a text does not parse it again: the document cache of the library (reader.data.library)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.app import YomuApp
from reader.core.analysis.cache import AnalysisCache
from reader.core.document import Document
from reader.data.config import Settings
from reader.data.documents import DOCUMENT_KEY, load_cached
from reader.data.library import Library, keep_parsed, open_entry, open_source, source_key
from reader.data.paths import analysis_cache_path
from reader.widgets import ArticleView
from tests.conftest import ROOT, SEED

NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
PAGE = ROOT / "tests" / "fixtures" / "pages" / "nhk-easy.html"
FIRST_LINE = "吾輩は猫である。名前はまだ無い。"


@pytest.fixture(scope="module")
def parsed_novel() -> Document:
    from reader.core.sources import load_document

    return load_document(str(NOVEL))


@pytest.fixture
def novel(tmp_path: Path) -> Path:
    """The novel (Aozora Bunko, Shift_JIS) as a file of the reader's own."""
    path = tmp_path / "neko.txt"
    shutil.copyfile(NOVEL, path)
    return path


def opened_once(path: Path) -> Document:
    """Open ``path`` as ``yomu PATH`` does, and keep the parsed document as the reader does after its first paint."""
    opened = open_source(str(path))
    assert opened.unkept  # parsed now
    keep_parsed(opened)
    return opened.document


def document_entries() -> int:
    with sqlite3.connect(analysis_cache_path()) as db:
        count = db.execute("SELECT COUNT(*) FROM entries WHERE substr(key, 1, 9) = ?", (DOCUMENT_KEY,)).fetchone()[0]
    return int(count)


def test_a_reopened_novel_comes_from_the_cache_not_the_parser(
    novel: Path, parsed_novel: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = opened_once(novel)
    assert first.text == parsed_novel.text
    monkeypatch.setattr("reader.core.sources.aozora.parse_aozora", lambda *a, **k: pytest.fail("parsed again"))
    again = open_source(str(novel))
    assert again.document == first
    assert not again.unkept  # nothing left to keep
    assert again.document.text[again.document.sections[1].paragraphs[0].start :].startswith(FIRST_LINE)
    assert again.document.author_ruby(0, 2000) == first.author_ruby(0, 2000)
    assert document_entries() == 1


def test_a_library_entry_reopens_from_the_cache(novel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry_key = source_key(str(novel))
    with Library.open() as library:
        opened = open_source(str(novel))
        library.remember(opened.key, opened.document, source=opened.source, kind=opened.kind)
        entry = library.entry(entry_key)
    assert entry is not None
    first = open_entry(entry)  # the library opens the absolute path: a document of its own
    assert first.unkept
    keep_parsed(first)
    monkeypatch.setattr("reader.core.sources.aozora.parse_aozora", lambda *a, **k: pytest.fail("parsed again"))
    again = open_entry(entry)
    assert again.document == first.document and not again.unkept


def test_a_changed_file_shows_its_new_content(novel: Path) -> None:
    opened_once(novel)
    text = novel.read_bytes().decode("cp932").replace("名前はまだ無い。", "名前はもう有る。", 1)
    novel.write_bytes(text.encode("cp932"))
    changed = open_source(str(novel))
    assert changed.unkept  # parsed, not the old document
    assert "名前はもう有る。" in changed.document.text and "名前はまだ無い。" not in changed.document.text


def test_a_damaged_entry_is_parsed_again_and_replaced(novel: Path, parsed_novel: Document) -> None:
    opened_once(novel)
    with sqlite3.connect(analysis_cache_path()) as db:
        db.execute("UPDATE entries SET payload = substr(payload, 1, 5000) WHERE substr(key, 1, 9) = ?", (DOCUMENT_KEY,))
    reopened = open_source(str(novel))
    assert reopened.document.text == parsed_novel.text and reopened.document.ruby == parsed_novel.ruby
    assert reopened.unkept  # the damaged entry was dropped: parsed, to be kept again
    keep_parsed(reopened)
    assert not open_source(str(novel)).unkept


def test_a_broken_cache_file_does_not_stop_a_text_from_opening(novel: Path, parsed_novel: Document) -> None:
    cache_file = analysis_cache_path()
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(b"this is not a database" * 100)
    first = open_source(str(novel))
    assert first.document.text == parsed_novel.text
    keep_parsed(first)  # the broken file is moved aside and a new one started
    assert not open_source(str(novel)).unkept


def test_a_cache_folder_that_cannot_be_made_does_not_stop_a_text_from_opening(
    novel: Path, parsed_novel: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("YOMU_CACHE_DIR", str(blocker / "cache"))
    first = open_source(str(novel))
    keep_parsed(first)  # nowhere to keep it: no error
    again = open_source(str(novel))
    assert again.document.text == parsed_novel.text and again.unkept


def test_an_old_parser_versions_documents_are_not_used(novel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened_once(novel)
    monkeypatch.setattr("reader.core.sources.load.PARSER_VERSION", 999)
    monkeypatch.setattr("reader.core.sources.stored.PARSER_VERSION", 999)
    assert open_source(str(novel)).unkept  # parsed again


def test_a_short_page_is_kept_too_and_a_short_plain_text_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "easy.html"
    shutil.copyfile(PAGE, page)
    first = opened_once(page)
    assert first.names  # the page's own name marks come back from the cache
    monkeypatch.setattr("reader.core.sources.html.parse_html", lambda *a, **k: pytest.fail("parsed again"))
    assert open_source(str(page)).document == first
    seed = open_source(str(SEED))
    assert not seed.unkept  # parsed in a fraction of a millisecond: not worth a cache entry
    keep_parsed(seed)
    assert document_entries() == 1


async def test_the_reader_keeps_a_parsed_text_after_its_first_paint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "easy.html"
    shutil.copyfile(PAGE, page)
    opened = open_source(str(page))
    assert opened.unkept
    app = YomuApp(opened, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ArticleView).row_text(0)  # painted
        await app.workers.wait_for_complete()
        await pilot.pause()
    monkeypatch.setattr("reader.core.sources.html.parse_html", lambda *a, **k: pytest.fail("parsed again"))
    reopened = open_source(str(page))
    assert reopened.document == opened.document and not reopened.unkept


def test_yomu_annotate_and_the_other_commands_read_through_the_cache(
    novel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_cached(str(novel))  # kept at once: a command has no first paint to wait for
    monkeypatch.setattr("reader.core.sources.aozora.parse_aozora", lambda *a, **k: pytest.fail("parsed again"))
    assert load_cached(str(novel)) == first


def test_the_cache_is_where_yomu_cache_dir_says(novel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOMU_CACHE_DIR", str(tmp_path / "elsewhere"))
    opened_once(novel)
    assert (tmp_path / "elsewhere" / "analysis.sqlite").is_file()
    with AnalysisCache(tmp_path / "elsewhere" / "analysis.sqlite") as cache:
        assert cache.size_bytes() > 500_000


async def test_a_long_texts_tokens_are_left_out_of_collections_while_it_is_open_and_no_longer(novel: Path) -> None:
    """Python's full collections walked every token of a novel (stalls of up to 275 ms while it was
    read); the reader freezes them out of the collector while the text is open, and thaws them when
    it closes, so a closed text's objects can be freed."""
    import gc

    app = YomuApp(open_source(str(novel)), Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if gc.get_freeze_count():
                break
        assert gc.get_freeze_count() > 0  # the first readings came in, and were frozen
        await pilot.press("q")
    assert gc.get_freeze_count() == 0
