"""The study database and the files around it: special files, foreign files, locks, read-only files.

Commands answer with one line and exit 1 (or carry on, saying what was moved
aside); nothing already in the database is lost.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.study import SourceSentence, StoreError, StudyStore
from reader.core.study import store as store_module
from reader.data.paths import database_path
from tests.conftest import ROOT
from tests.hardening.cli import assert_rule, run_cli


@pytest.fixture
def data(isolated_dirs: Path) -> Path:
    folder = Path(os.environ["YOMU_DATA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


COMMANDS = (("pin", "東京", "とうきょう"), ("pin", "--list"), ("export", "csv", "OUT"), ("study",))


def _commands(out: Path) -> list[tuple[str, ...]]:
    return [tuple(str(out) if part == "OUT" else part for part in command) for command in COMMANDS]


@pytest.mark.parametrize("kind", ["fifo", "directory", "link-to-dev-zero", "fifo-wal"])
def test_a_special_file_where_the_database_goes_is_refused(kind: str, data: Path, tmp_path: Path) -> None:
    db = data / "yomu.db"
    if kind == "fifo":
        os.mkfifo(db)
    elif kind == "directory":
        db.mkdir()
    elif kind == "link-to-dev-zero":
        db.symlink_to("/dev/zero")
    else:
        StudyStore.open(database_path()).close()
        os.mkfifo(data / "yomu.db-wal")
    words = {"fifo": "named pipe", "fifo-wal": "named pipe", "directory": "directory"}.get(kind, "character device")
    for command in _commands(tmp_path / "out.csv"):
        if command == ("pin", "--list") and kind == "fifo-wal":
            continue
        run = run_cli(*command)
        assert_rule(run, expect=(words,), ok=False)
    # The reading commands carry on without pins (the store reports the problem where it is used).
    article = tmp_path / "a.txt"
    article.write_text("題名\n\n東京に行った。\n", encoding="utf-8")
    assert_rule(run_cli("annotate", str(article)), ok=True)


def _card(store: StudyStore, sentence: str = "首脳会談を行う", meaning: str | None = None) -> None:
    card = store.mark_word("会談", "かいだん", "learning", SourceSentence(sentence, 2, 4), "NHK")
    assert card is not None
    if meaning is not None:
        store.set_meaning(card.id, meaning)


def test_a_database_missing_our_tables_is_moved_aside_and_reported(data: Path, tmp_path: Path) -> None:
    db = data / "yomu.db"
    with sqlite3.connect(db) as old:
        old.execute("CREATE TABLE pins (surface TEXT PRIMARY KEY, reading TEXT NOT NULL, created REAL NOT NULL)")
        old.execute("INSERT INTO pins VALUES ('東京', 'とうきょう', 0)")
        old.execute("PRAGMA user_version = 2")  # says 'study tables made' but has none
    original = db.read_bytes()
    run = run_cli("study")
    assert run.status == 0, run.err
    assert "lacks tables yomu keeps (words" in run.err and "moved aside" in run.err
    aside = [
        p for p in data.iterdir() if p.name.startswith("yomu.db.broken-") and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and aside[0].read_bytes() == original  # kept whole
    with StudyStore.open(database_path()) as fresh:
        assert fresh.cards() == [] and fresh.warning is None


def test_a_foreign_sqlite_file_is_moved_aside_untouched(data: Path) -> None:
    db = data / "yomu.db"
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE cards (front TEXT, back TEXT)")  # another program's 'cards'
        other.execute("INSERT INTO cards VALUES ('a', 'b')")
    original = db.read_bytes()
    run = run_cli("pin", "東京", "とうきょう")
    assert run.status == 0 and "another program" in run.err and "moved aside" in run.err
    aside = next(p for p in data.iterdir() if p.name.startswith("yomu.db.broken-"))
    assert aside.read_bytes() == original
    assert run_cli("pin", "--list").out == "東京\tとうきょう\n"


def test_a_newer_database_is_left_as_it_is(data: Path) -> None:
    db = data / "yomu.db"
    with sqlite3.connect(db) as newer:
        newer.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    run = run_cli("pin", "東京", "とうきょう")
    assert_rule(run, expect=("newer yomu",), ok=False)
    assert db.read_bytes() == before


def _hold_exclusive_lock(db: Path) -> subprocess.Popen[str]:
    """Another program holding the database in exclusive locking mode, with a write open."""
    script = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "c.execute(\"INSERT INTO pins VALUES ('x', 'y', 0)\")\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


@pytest.fixture
def locked(data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with StudyStore.open(database_path()) as store:
        store.pin("大阪", "おおさか")
        _card(store)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)  # the bounded wait, shortened for the test
    holder = _hold_exclusive_lock(data / "yomu.db")
    yield data / "yomu.db"
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=10)


def test_a_database_locked_by_another_program_is_one_line_after_a_bounded_wait(locked: Path, tmp_path: Path) -> None:
    for command in _commands(tmp_path / "out.csv"):
        run = run_cli(*command)
        assert_rule(run, expect=("locked by another program",), ok=False)


def test_after_the_lock_goes_everything_is_still_there(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with StudyStore.open(database_path()) as store:
        store.pin("大阪", "おおさか")
        _card(store)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_exclusive_lock(data / "yomu.db")
    assert run_cli("pin", "東京", "とうきょう").status == 1
    assert holder.stdin is not None
    holder.stdin.close()  # the other program ends without committing
    holder.wait(timeout=10)
    assert run_cli("pin", "東京", "とうきょう").status == 0
    assert run_cli("pin", "--list").out == "大阪\tおおさか\n東京\tとうきょう\n"
    with StudyStore.open(database_path()) as store:
        assert [card.lemma for card in store.cards()] == ["会談"]


async def test_the_reader_carries_on_with_study_marks_off_when_the_database_is_locked(locked: Path) -> None:
    from tests.app.conftest import app_for_text, ready

    app = app_for_text("題名\n\n首脳会談を行った。\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.pause(0.5)
        notices = [n.message for n in app._notifications]
        assert any("Study marks are off" in n and "locked by another program" in n for n in notices), notices
        await pilot.press("w", "L")
        assert any("Study marks are off" in n.message for n in app._notifications)
        await pilot.press("j")
        assert app.is_running


def test_study_new_beyond_what_sqlite_counts_is_an_argument_error(data: Path) -> None:
    for value in ("99999999999999999999", "-1", "ten", "1001"):
        run = run_cli("study", "--new", value)
        assert_rule(run, expect=("--new",), ok=False)
        assert "see yomu study --help" in run.err


# --- read-only files: root ignores file modes, so the command runs without CAP_DAC_OVERRIDE -------


def _unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores read-only files and setpriv is missing")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def _run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_unprivileged(), sys.executable, "-m", "reader", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


@pytest.fixture
def read_only(data: Path) -> Path:
    with StudyStore.open(database_path()) as store:
        store.pin("大阪", "おおさか")
        _card(store, '=HYPERLINK("http://x")の会談')  # meaning left to look up
    db = data / "yomu.db"
    for path in data.iterdir():
        path.chmod(0o444)
    yield db
    for path in data.iterdir():
        path.chmod(0o644)


def test_a_read_only_database_refuses_writes_in_one_line_and_still_reads(read_only: Path, tmp_path: Path) -> None:
    before = read_only.read_bytes()
    pin = _run_unprivileged("pin", "東京", "とうきょう")
    assert pin.returncode == 1 and pin.stderr.count("\n") == 1 and "Traceback" not in pin.stderr, pin.stderr
    assert "read-only" in pin.stderr
    listed = _run_unprivileged("pin", "--list")
    assert listed.returncode == 0 and listed.stdout == "大阪\tおおさか\n"
    out = tmp_path / "cards.csv"
    exported = _run_unprivileged("export", "csv", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr and "1 card written" in exported.stderr
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1][3].startswith("'=HYPERLINK")  # and the formula is text in a spreadsheet
    assert read_only.read_bytes() == before


def test_store_writes_raise_store_error_not_sqlite_errors(data: Path) -> None:
    with StudyStore.open(database_path()) as store:
        store.connection.execute("PRAGMA query_only = ON")  # SQLite refuses every write from here
        with pytest.raises(StoreError, match="not saved"):
            store.pin("東京", "とうきょう")
        with pytest.raises(StoreError, match="not saved"):
            _card(store)
        assert store.pins() == {}
