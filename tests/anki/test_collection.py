"""yomu's .apkg in real Anki, and known words from real collections and packages.

Collections are made and read with Anki's own library (the ``anki`` package).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.study import StudyStore
from reader.core.study.anki_model import FIELDS, MODEL_NAME
from reader.integrations.anki.known import KnownImportError
from reader.integrations.anki.sources import notes_from_apkg, notes_from_collection
from tests.anki.conftest import learn, needs_anki

pytestmark = [pytest.mark.anki, needs_anki]


def new_collection(folder: Path) -> Any:
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def _vocab_model(col: Any) -> Any:
    models = col.models
    model = models.by_name("Japanese vocab")
    if model is None:
        model = models.new("Japanese vocab")
        for name in ("Expression", "Reading", "Meaning"):
            models.add_field(model, models.new_field(name))
        template = models.new_template("Recognition")
        template["qfmt"], template["afmt"] = "{{Expression}}", "{{furigana:Reading}}<br>{{Meaning}}"
        models.add_template(model, template)
        models.add(model)
        model = models.by_name("Japanese vocab")
    return model


def add_vocab(col: Any, deck: str, words: Sequence[tuple[str, str, int | str | None]]) -> list[int]:
    """Notes (Expression, Reading) in ``deck``; a card's state: interval in days, ``"suspended"``, ``None`` (new)."""
    from anki.consts import CARD_TYPE_REV, QUEUE_TYPE_REV, QUEUE_TYPE_SUSPENDED

    model = _vocab_model(col)
    deck_id = col.decks.id(deck, create=True)
    ids = []
    for word, reading, state in words:
        note = col.new_note(model)
        note["Expression"], note["Reading"], note["Meaning"] = word, reading, "…"
        col.add_note(note, deck_id)
        ids.append(note.id)
        card = note.cards()[0]
        if state == "suspended":
            card.type, card.queue, card.ivl = CARD_TYPE_REV, QUEUE_TYPE_SUSPENDED, 50
        elif isinstance(state, int):
            card.type, card.queue, card.ivl, card.due = CARD_TYPE_REV, QUEUE_TYPE_REV, state, 10
        col.update_card(card)
    return ids


# ------------------------------------------------------------------ export


def test_yomus_apkg_imports_cleanly_into_anki(store: StudyStore, tmp_path: Path) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    learn(store, "強める", "つよめる", "連携を強めたい", (3, 5), ((0, 2, "れんけい"), (3, 4, "つよ")), "NHK <news>")
    learn(store, "取り巻く", "とりまく", "状況を取り巻く", (3, 7), ((0, 2, "じょうきょう"), (3, 4, "と"), (5, 6, "ま")))
    out = tmp_path / "yomu.apkg"
    assert main(["export", "anki", "--deck", "Japanese::News", str(out)]) == 0
    col = new_collection(tmp_path / "anki")
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(out), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        col.import_anki_package(request)
        notes = {col.get_note(n)["Word"]: col.get_note(n) for n in col.find_notes("")}
        assert sorted(notes) == ["取り巻く", "強める"]
        strengthen = notes["強める"]
        assert strengthen.note_type()["name"] == MODEL_NAME
        assert [f["name"] for f in strengthen.note_type()["flds"]] == list(FIELDS)
        assert strengthen["Furigana"] == "強[つよ]める"
        assert strengthen["Sentence"] == "連携を<b>強め</b>たい"
        assert strengthen["Sentence furigana"] == "連携[れんけい]を<b>強[つよ]め</b>たい"
        assert strengthen["Source"].startswith("NHK &lt;news&gt; · ")
        assert sorted(strengthen.tags) == ["NHK_<news>", "yomu"]
        assert notes["取り巻く"]["Furigana"] == "取[と]り 巻[ま]く"
        card = strengthen.cards()[0]
        assert col.decks.name(card.did) == "Japanese::News"
        assert "<ruby><rb>強</rb><rt>つよ</rt></ruby>める" in card.answer()
        # Importing the same package again updates the notes; it adds none.
        col.import_anki_package(request)
        assert len(col.find_notes("")) == 2
    finally:
        col.close()


# ------------------------------------------------------------ known words


WORDS: list[tuple[str, str, int | str | None]] = [
    ("条約", "じょうやく", 40),  # mature: known
    ("会談", "かいだん", 3),  # young: learning
    ("首脳", "しゅのう", "suspended"),  # ignored
    ("生", "なま", None),  # never studied: no mark
    ("テレビ", "", 30),  # kana word: its reading is itself
    ("<b>食[た]べる</b>", "", 21),  # furigana in the word field, HTML around it
]
EXPECTED = {
    ("条約", "じょうやく"): "known",
    ("会談", "かいだん"): "learning",
    ("首脳", "しゅのう"): "ignored",
    ("テレビ", "てれび"): "known",
    ("食べる", "たべる"): "known",
}


def _built(tmp_path: Path) -> Path:
    col = new_collection(tmp_path / "profile")
    try:
        add_vocab(col, "Japanese::Core", WORDS)
        add_vocab(col, "Spanish", [("gato", "", 100)])
    finally:
        col.close()
    return tmp_path / "profile" / "collection.anki2"


def test_known_words_from_a_collection_file(
    store: StudyStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _built(tmp_path)
    before = path.read_bytes()
    assert main(["anki", "import-known", "--collection", str(path), "--deck", "Japanese"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 words from 6 notes: 3 known, 1 learning, 1 ignored (1 never studied)")
    assert store.statuses() == EXPECTED
    assert path.read_bytes() == before  # Anki's file is only read


def test_known_words_while_anki_has_the_collection_open(store: StudyStore, tmp_path: Path) -> None:
    col = new_collection(tmp_path / "open")
    try:
        add_vocab(col, "Japanese", WORDS[:3])
        notes = notes_from_collection(tmp_path / "open" / "collection.anki2", ["japanese"], 21)
        assert sorted(n.status or "" for n in notes) == ["ignored", "known", "learning"]
    finally:
        col.close()


def test_the_learners_own_marks_win_save_learning_becoming_known(store: StudyStore, tmp_path: Path) -> None:
    path = _built(tmp_path)
    store.mark_word("首脳", "しゅのう", "known")  # the learner says known; Anki has it suspended
    store.mark_word("条約", "じょうやく", "learning")  # learning in yomu, mature in Anki
    store.mark_word("会談", "かいだん", "ignored")
    assert main(["anki", "import-known", "--collection", str(path), "--deck", "Japanese"]) == 0
    statuses = store.statuses()
    assert statuses[("首脳", "しゅのう")] == "known"
    assert statuses[("条約", "じょうやく")] == "known"
    assert statuses[("会談", "かいだん")] == "ignored"


def test_a_later_import_follows_anki_for_the_marks_it_made(store: StudyStore, tmp_path: Path) -> None:
    from anki.consts import CARD_TYPE_RELEARNING, QUEUE_TYPE_LRN

    path = _built(tmp_path)
    assert main(["anki", "import-known", "--collection", str(path), "--deck", "Japanese", "--days", "21"]) == 0
    assert store.statuses()[("条約", "じょうやく")] == "known"
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        (card_id,) = col.find_cards("Expression:条約")
        card = col.get_card(card_id)
        card.type, card.queue, card.ivl = CARD_TYPE_RELEARNING, QUEUE_TYPE_LRN, 1  # a lapse
        col.update_card(card)
    finally:
        col.close()
    assert main(["anki", "import-known", "--collection", str(path), "--deck", "Japanese"]) == 0
    assert store.statuses()[("条約", "じょうやく")] == "learning"


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_known_words_from_an_exported_deck(legacy: bool, store: StudyStore, tmp_path: Path) -> None:
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    col = new_collection(tmp_path / "profile")
    try:
        add_vocab(col, "Japanese", WORDS)
        out = tmp_path / "japanese.apkg"
        deck_id = col.decks.id("Japanese", create=False)
        options = ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=legacy
        )
        col.export_anki_package(out_path=str(out), options=options, limit=DeckIdLimit(deck_id))
    finally:
        col.close()
    assert main(["anki", "import-known", "--apkg", str(out)]) == 0
    assert store.statuses() == EXPECTED


def test_bad_files_and_decks_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _built(tmp_path)
    assert main(["anki", "import-known", "--collection", str(path), "--deck", "Japanse"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no deck 'Japanse'" in err
    text = tmp_path / "notes.txt"
    text.write_text("not a collection", encoding="utf-8")
    assert main(["anki", "import-known", "--collection", str(text)]) == 1
    assert "not an Anki collection" in capsys.readouterr().err
    assert main(["anki", "import-known", "--apkg", str(text)]) == 1
    assert "not an Anki package" in capsys.readouterr().err
    assert main(["anki", "import-known", "--apkg", str(tmp_path / "missing.apkg")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(KnownImportError):
        notes_from_apkg(tmp_path, None)
