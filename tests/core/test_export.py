"""Export: an .apkg (a zip holding an Anki SQLite collection) and a CSV."""

from __future__ import annotations

import csv
import importlib.util
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.study import SourceSentence, StudyStore
from reader.core.study.anki_model import FIELDS
from reader.core.study.export import export_rows, write_apkg, write_csv
from reader.data.paths import database_path

HAVE_SOUND = importlib.util.find_spec("pyopenjtalk") is not None
SENTENCE = SourceSentence("連携を強めたい", 3, 5, offset=12, ruby=((0, 2, "れんけい"), (3, 4, "つよ")))


@pytest.fixture
def marked() -> None:
    with StudyStore.open(database_path()) as store:
        card = store.mark_word("強める", "つよめる", "learning", SENTENCE, "NHK <2024-06-17>")
        assert card is not None
        store.set_meaning(card.id, "to strengthen; to intensify")
        sentence = SourceSentence("会談を行う", 0, 2, ruby=((0, 2, "かいだん"),))
        store.mark_word("会談", "かいだん", "learning", sentence, "NHK")
        store.mark_word("会談", "かいだん", "known")  # learned since: left out unless --all


def _notes(apkg: Path) -> list[list[str]]:
    with zipfile.ZipFile(apkg) as archive:
        names = archive.namelist()
        collection = next(n for n in names if n.startswith("collection.anki2"))
        data = archive.read(collection)
    database = apkg.with_suffix(".anki2")
    database.write_bytes(data)
    connection = sqlite3.connect(database)
    rows = [flds.split("\x1f") for (flds,) in connection.execute("SELECT flds FROM notes ORDER BY id")]
    decks = connection.execute("SELECT decks FROM col").fetchone()[0]
    connection.close()
    return [*rows, [decks]]


def test_apkg_holds_the_notes(marked: None, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    # Audio files are tested with real Anki in tests/anki/test_media.py.
    assert main(["export", "anki", "--deck", "Japanese::News", "--no-audio", str(out)]) == 0
    *notes, (decks,) = _notes(out)
    assert len(notes) == 1
    fields = dict(zip(FIELDS, notes[0], strict=True))
    source = fields.pop("Source")
    assert fields == {
        "Word": "強める",
        "Reading": "つよめる",
        "Furigana": "強[つよ]める",
        "Meaning": "to strengthen; to intensify",
        "Sentence": "連携を<b>強め</b>たい",
        "Sentence furigana": "連携[れんけい]を<b>強[つよ]め</b>たい",
        "Sentence meaning": "",
        "Audio": "",
        "Accent": "つよめꜜる" if HAVE_SOUND else "",  # the pitch accent comes with the sound extra
    }
    assert source.startswith("NHK &lt;2024-06-17&gt; · 20")  # the title, then the day the word was marked
    assert "Japanese::News" in decks
    assert not list(tmp_path.glob(".deck.apkg.*"))  # no temporary file left behind


def test_apkg_all_includes_words_known_since(marked: None, tmp_path: Path) -> None:
    out = tmp_path / "all.apkg"
    rows = export_rows(StudyStore.open(database_path()).cards(), lookup=lambda lemma, reading: f"meaning of {lemma}")
    assert write_apkg(rows, out) == 2
    *notes, _ = _notes(out)
    assert [n[0] for n in notes] == ["強める", "会談"]
    second = dict(zip(FIELDS, notes[1], strict=True))
    assert second["Meaning"] == "meaning of 会談" and second["Sentence furigana"] == "<b>会談[かいだん]</b>を行う"


def test_csv_has_a_header_and_one_row_per_card(marked: None, tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    assert main(["export", "csv", "--all", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["Word"] for r in rows] == ["強める", "会談"]
    assert rows[0]["Furigana"] == "連携(れんけい)を強(つよ)めたい"
    assert rows[0]["Sentence"] == "連携を強めたい" and rows[0]["Meaning"] == "to strengthen; to intensify"


def test_write_csv_replaces_atomically(tmp_path: Path) -> None:
    out = tmp_path / "cards.csv"
    out.write_text("old", encoding="utf-8")
    assert write_csv([], out) == 0
    assert out.read_text(encoding="utf-8").strip() == "Word,Reading,Meaning,Sentence,Furigana,Source,Due"


def test_bad_targets_and_an_empty_deck_fail_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "csv", str(tmp_path / "missing" / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "anki", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["export", "anki", str(tmp_path / "x.apkg")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no study cards" in err
    assert not (tmp_path / "x.apkg").exists()
