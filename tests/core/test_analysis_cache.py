"""The disk cache of analysis results (reader.core.analysis.cache)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.core.analysis.cache import AnalysisCache


def test_payloads_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "cache.sqlite"
    with AnalysisCache(path) as cache:
        cache.put_many([(b"a", b"one"), (b"b", b"two")])
        assert cache.get_many([b"a", b"b", b"c"]) == {b"a": b"one", b"b": b"two"}
    with AnalysisCache(path) as cache:
        assert cache.get(b"b") == b"two"
        assert cache.get(b"c") is None


def test_the_least_recently_used_entries_go_past_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with AnalysisCache(path, max_bytes=10_000) as cache:
        for i in range(5):
            cache.put(f"old{i}".encode(), b"x" * 1000)
        cache.get_many([b"old0"])  # used again: kept
        for i in range(6):
            cache.put(f"new{i}".encode(), b"y" * 1000)
        assert cache.size_bytes() <= 10_000
        assert cache.get(b"old0") is not None
        assert cache.get(b"old1") is None
        assert cache.get(b"new5") is not None


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not SQLite" * 100)
    with AnalysisCache(path) as cache:
        assert cache.rebuilt
        assert cache.get(b"a") is None
        cache.put(b"a", b"payload")
        assert cache.get(b"a") == b"payload"
    assert (tmp_path / "cache.sqlite.broken").exists()


def test_a_cache_damaged_while_open_is_rebuilt_without_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with AnalysisCache(path) as cache:
        cache.put_many([(f"k{i}".encode(), os.urandom(3000)) for i in range(50)])
    with AnalysisCache(path) as cache:
        # Another program overwrites the middle of the file (a disk error, a bad copy).
        with path.open("r+b") as handle:
            handle.seek(4096)
            handle.write(b"\xff" * 40_000)
        found = cache.get_many([f"k{i}".encode() for i in range(50)])  # no exception, whatever it finds
        assert isinstance(found, dict)
        cache.put(b"fresh", b"data")
    with AnalysisCache(path) as cache:
        assert cache.get(b"fresh") in (b"data", None)
        cache.put(b"again", b"data")
        assert cache.get(b"again") == b"data"


def test_an_unwritable_place_leaves_the_cache_empty(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with AnalysisCache(blocker / "cache.sqlite") as cache:
        cache.put(b"a", b"b")
        assert cache.get(b"a") is None
    fifo = tmp_path / "fifo.sqlite"
    os.mkfifo(fifo)
    with AnalysisCache(fifo) as cache:  # never opened: it would hang
        assert cache.get(b"a") is None


def test_a_write_killed_midway_loses_only_that_write(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with AnalysisCache(path) as cache:
        cache.put(b"kept", b"before")
    code = (
        "import os, sys; from pathlib import Path\n"
        "from reader.core.analysis.cache import AnalysisCache\n"
        "c = AnalysisCache(Path(sys.argv[1]))\n"
        "c._db.execute('BEGIN IMMEDIATE')\n"
        "c._db.execute(\"INSERT INTO entries VALUES (x'01', x'02', 2, 0)\")\n"
        "os._exit(9)\n"  # dies inside the transaction
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], check=False)
    assert result.returncode == 9
    with AnalysisCache(path) as cache:
        assert cache.get(b"kept") == b"before"
        assert cache.get(b"\x01") is None
        assert not cache.rebuilt
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
