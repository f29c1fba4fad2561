"""The study database: marks keyed on the dictionary form, restarts, migrations, recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.layers import Token
from reader.core.study import SourceSentence, StoreError, StudyStore, word_key
from reader.core.study.store import SCHEMA_VERSION
from reader.core.study.words import anki_furigana, lemma_reading
from reader.data import pins
from reader.data.paths import database_path


def _token(surface: str, lemma: str, reading: str) -> Token:
    return Token(0, len(surface), surface, lemma, ("動詞", "一般"), reading)


def test_inflections_share_one_key() -> None:
    assert word_key(_token("強め", "強める", "つよめ")) == ("強める", "つよめる")
    assert word_key(_token("強める", "強める", "つよめる")) == ("強める", "つよめる")
    assert lemma_reading("行っ", "行く", "いっ") == "いく"
    assert lemma_reading("行わ", "行う", "おこなわ") == "おこなう"
    assert lemma_reading("来", "来る", "き") == "くる"
    assert lemma_reading("し", "する", "し") == "する"


def test_marks_survive_a_restart() -> None:
    sentence = SourceSentence("連携を強めたい", 3, 5, offset=40, ruby=((0, 2, "れんけい"), (3, 4, "つよ")))
    with StudyStore.open(database_path()) as store:
        assert store.status_of("強める", "つよめる") == "new"
        store.mark_word("強める", "つよめる", "learning", sentence, "NHK")
        store.mark_word("条約", "じょうやく", "known")
        store.mark_word("プーチン", "ぷーちん", "ignored")
    with StudyStore.open(database_path()) as store:
        assert store.statuses() == {
            ("強める", "つよめる"): "learning",
            ("条約", "じょうやく"): "known",
            ("プーチン", "ぷーちん"): "ignored",
        }
        card = store.card_for("強める", "つよめる")
        assert card is not None and card.is_new
        assert card.sentence == sentence and card.source == "NHK"
        assert card.sentence.word == "強め"
        assert store.card_for("条約", "じょうやく") is None


def test_new_removes_the_mark_and_learning_keeps_the_first_sentence() -> None:
    first = SourceSentence("一つ目の文", 0, 2)
    with StudyStore.open(database_path()) as store:
        store.mark_word("一つ", "ひとつ", "learning", first, "a")
        store.mark_word("一つ", "ひとつ", "learning", SourceSentence("別の文の一つ", 4, 6), "b")
        card = store.card_for("一つ", "ひとつ")
        assert card is not None and card.sentence == first and card.source == "a"
        store.mark_word("一つ", "ひとつ", "new")
        assert store.status_of("一つ", "ひとつ") == "new"
        assert store.statuses() == {}
        with pytest.raises(ValueError):
            store.mark_word("一つ", "ひとつ", "maybe")


def test_garbage_database_is_moved_aside_and_a_new_one_started() -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    garbage = b"this is not sqlite \x00\xff" * 200
    path.write_bytes(garbage)
    with StudyStore.open(database_path()) as store:
        assert store.warning is not None
        assert "could not be read" in store.warning and "moved aside" in store.warning
        store.mark_word("条約", "じょうやく", "known")
    asides = sorted(path.parent.glob("yomu.db.broken-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == garbage
    assert asides[0].name in (store.warning or "")
    with StudyStore.open(database_path()) as store:
        assert store.warning is None
        assert store.status_of("条約", "じょうやく") == "known"


def test_database_from_a_newer_yomu_is_left_alone() -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer yomu"):
        StudyStore.open(database_path())
    assert path.read_bytes() == before
    assert not list(path.parent.glob("yomu.db.broken-*"))


def test_version_1_database_of_pins_is_migrated(tmp_path: Path) -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE pins (surface TEXT PRIMARY KEY, reading TEXT NOT NULL, created REAL NOT NULL)")
    connection.execute("INSERT INTO pins VALUES ('金正恩', 'きむじょんうん', 0)")
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    with StudyStore.open(database_path()) as store:
        assert store.pins() == {"金正恩": "きむじょんうん"}
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.mark_word("訪問", "ほうもん", "learning")
        assert store.card_for("訪問", "ほうもん") is not None


def test_pins_module_uses_the_same_database() -> None:
    assert pins.load_pins() == {}
    assert pins.pin_reading("両国", "りょうこく") is None
    assert pins.load_pins() == {"両国": "りょうこく"}
    with StudyStore.open(database_path()) as store:
        assert store.pins() == {"両国": "りょうこく"}
    assert pins.unpin_reading("両国") is True
    assert pins.unpin_reading("両国") is False
    connection, warning = pins.connect()
    assert warning is None
    connection.close()


def test_two_connections_share_the_file() -> None:
    with StudyStore.open(database_path()) as first, StudyStore.open(database_path()) as second:
        first.mark_word("会談", "かいだん", "known")
        assert second.status_of("会談", "かいだん") == "known"
        assert first.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_anki_furigana_puts_a_space_before_each_annotated_word() -> None:
    sentence = SourceSentence("連携を強めたい", 3, 5, ruby=((0, 2, "れんけい"), (3, 4, "つよ")))
    assert anki_furigana(sentence) == "連携[れんけい]を 強[つよ]めたい"
    assert anki_furigana(sentence, bold_word=True) == "連携[れんけい]を<b>強[つよ]め</b>たい"
    adjacent = SourceSentence("総書記", 0, 3, ruby=((0, 1, "そう"), (1, 3, "しょき")))
    assert anki_furigana(adjacent) == "総[そう] 書記[しょき]"


def test_two_connections_opening_a_new_database_at_once_both_succeed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two readers (or a reader's two threads) that open an old database together migrate it once."""
    import threading

    path = tmp_path / "yomu.db"
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_it() -> None:
        try:
            barrier.wait()
            StudyStore.open(path).close()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with StudyStore.open(path) as store:
        assert store.statuses() == {}
