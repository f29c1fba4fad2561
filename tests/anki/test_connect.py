"""yomu against AnkiConnect: the test server answers from a real Anki collection.

Each test marks words as ``L`` does (cards in yomu's store), pushes them with
:class:`AnkiSync` or ``yomu anki …`` and then looks in the collection itself.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.study import StudyStore
from reader.core.study.anki_model import MODEL_NAME
from reader.data.config import load_settings, save_settings
from reader.integrations.anki import AnkiConfig, AnkiConnect, AnkiSync, AnkiUnavailable
from reader.integrations.anki.sync import pending_card_ids
from tests.anki.conftest import learn, needs_anki

pytestmark = [pytest.mark.anki, needs_anki]

STRENGTHEN = ("強める", "つよめる", "連携を強めたい", (3, 5), ((0, 2, "れんけい"), (3, 4, "つよ")))


def _notes(server: Any, query: str = "") -> list[dict[str, str]]:
    with server.lock:
        return [dict(server.col.get_note(n).items()) for n in server.col.find_notes(query)]


def _sync(server: Any, store: StudyStore, **config: Any) -> AnkiSync:
    return AnkiSync(AnkiConfig(url=server.url, **config), store.path)


def test_a_card_becomes_a_note_in_the_collection(server: Any, store: StudyStore) -> None:
    card = learn(store, *STRENGTHEN)
    result = _sync(server, store).add_card(card)
    assert result.outcome == "added" and result.message == "「強める」 added to Anki (yomu)"
    with server.lock:
        col = server.col
        note = col.get_note(result.note_id)
        assert note.note_type()["name"] == MODEL_NAME
        assert note["Word"] == "強める" and note["Reading"] == "つよめる"
        assert note["Furigana"] == "強[つよ]める"
        assert note["Sentence"] == "連携を<b>強め</b>たい"
        assert note["Sentence furigana"] == "連携[れんけい]を<b>強[つよ]め</b>たい"
        assert note["Sentence meaning"] == "" and note["Audio"] == ""
        assert note["Source"].startswith("NHK ニュース 2024 · 20")
        assert sorted(note.tags) == ["NHK_ニュース_2024", "yomu"]
        (card_id,) = note.card_ids()
        anki_card = col.get_card(card_id)
        assert col.decks.name(anki_card.did) == "yomu"
        # Anki renders the furigana as ruby on the back of the card.
        assert "<ruby><rb>強</rb><rt>つよ</rt></ruby>め" in anki_card.answer()
    assert pending_card_ids(store) == []


def test_a_word_already_in_anki_is_never_added_twice(server: Any, store: StudyStore, tmp_path: Path) -> None:
    card = learn(store, *STRENGTHEN)
    sync = _sync(server, store)
    first = sync.add_card(card)
    again = sync.add_card(card)
    assert again.outcome == "duplicate" and again.note_id == first.note_id
    assert "already in Anki" in again.message
    # Another yomu (a second machine, a new database) with the same word: linked to the note, not added.
    with StudyStore.open(tmp_path / "other.db") as other:
        twin = learn(other, *STRENGTHEN)
        result = AnkiSync(AnkiConfig(url=server.url), other.path).add_card(twin)
        assert result.outcome == "duplicate" and result.note_id == first.note_id
        assert pending_card_ids(other) == []
    assert len(_notes(server)) == 1


def test_the_same_spelling_with_another_reading_is_another_word(server: Any, store: StudyStore) -> None:
    sync = _sync(server, store)
    raw = sync.add_card(learn(store, "生", "なま", "生の魚", (0, 1), ((0, 1, "なま"),)))
    life = sync.add_card(learn(store, "生", "せい", "生と死", (0, 1), ((0, 1, "せい"),)))
    assert (raw.outcome, life.outcome) == ("added", "added")
    assert sorted(n["Reading"] for n in _notes(server)) == ["せい", "なま"]


def test_cards_wait_while_anki_is_closed_and_sync_pushes_them(server: Any, store: StudyStore) -> None:
    sync = _sync(server, store)
    server.stop()  # Anki closed
    first = sync.add_card(learn(store, *STRENGTHEN))
    assert first.outcome == "queued" and "Anki is not running" in first.message and "waits in yomu" in first.message
    learn(store, "会談", "かいだん", "会談を行う", (0, 2), ((0, 2, "かいだん"),))
    report = sync.push_pending()
    assert report.problem is not None and report.waiting == 2
    assert report.message.endswith("2 cards wait in yomu")
    assert _notes(server) == []
    server.start()  # Anki open again, same port
    report = sync.push_pending()
    assert report.count("added") == 2 and report.waiting == 0
    assert report.message == "Anki: 2 added"
    assert sorted(n["Word"] for n in _notes(server)) == ["会談", "強める"]
    assert sync.push_pending().message == "Anki is up to date: no card waits"


def test_a_crash_after_anki_answered_does_not_make_a_second_note(server: Any, store: StudyStore) -> None:
    """Anki added the note but yomu died before writing its id: the next sync finds it."""
    card = learn(store, *STRENGTHEN)
    sync = _sync(server, store)
    sync.add_card(card)
    with StudyStore.open(store.path) as fresh:
        fresh.connection.execute("DELETE FROM anki_notes")  # the id was never written
        assert pending_card_ids(fresh) == [card.id]
    report = sync.push_pending()
    assert report.count("duplicate") == 1 and report.count("added") == 0
    assert len(_notes(server)) == 1


def test_a_chosen_deck_that_anki_lacks_is_one_clear_line_and_nothing_is_lost(server: Any, store: StudyStore) -> None:
    card = learn(store, *STRENGTHEN)
    result = _sync(server, store, deck="Japanse").add_card(card)
    assert result.outcome == "failed"
    assert result.message.startswith("Anki has no deck 'Japanse' (it has ")
    assert "\n" not in result.message
    assert pending_card_ids(store) == [card.id]
    assert _notes(server) == []
    with server.lock:
        server.col.decks.id("Japanese::News", create=True)
    fixed = _sync(server, store, deck="Japanese::News").push_pending()
    assert fixed.count("added") == 1
    with server.lock:
        (card_id,) = server.col.find_cards("")
        assert server.col.decks.name(server.col.get_card(card_id).did) == "Japanese::News"


def test_a_note_type_without_the_fields_is_refused_until_they_are_mapped(server: Any, store: StudyStore) -> None:
    card = learn(store, *STRENGTHEN)
    result = _sync(server, store, note_type="Basic").add_card(card)
    assert result.outcome == "failed"
    assert "note type 'Basic' has no field Word, Reading, Meaning, Sentence" in result.message
    assert pending_card_ids(store) == [card.id]
    with server.lock:
        models = server.col.models
        model = models.new("Japanese vocab")
        for name in ("Expression", "Reading", "Meaning", "Sentence"):
            models.add_field(model, models.new_field(name))
        template = models.new_template("Card 1")
        template["qfmt"], template["afmt"] = "{{Expression}}", "{{Reading}} {{Meaning}}"
        models.add_template(model, template)
        models.add(model)
    mapped = _sync(server, store, note_type="Japanese vocab", fields={"Word": "Expression"})
    assert mapped.push_pending().count("added") == 1
    (note,) = _notes(server)
    assert note == {
        "Expression": "強める",
        "Reading": "つよめる",
        "Meaning": "",
        "Sentence": "連携を<b>強め</b>たい",
    }


def test_an_ankiconnect_error_is_shown_as_anki_said_it(tmp_path: Path, store: StudyStore) -> None:
    from tests.support.ankiconnect_server import AnkiConnectServer

    (tmp_path / "keyed").mkdir()
    with AnkiConnectServer(tmp_path / "keyed" / "collection.anki2", api_key="secret") as keyed:
        card = learn(store, *STRENGTHEN)
        result = AnkiSync(AnkiConfig(url=keyed.url), store.path).add_card(card)
        assert result.outcome == "failed"
        assert result.message == "Anki said: valid api key must be provided: 「強める」 waits in yomu"
        assert pending_card_ids(store) == [card.id]
        assert AnkiSync(AnkiConfig(url=keyed.url, key="secret"), store.path).push_pending().count("added") == 1


def test_a_silent_port_times_out_instead_of_hanging() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    try:
        client = AnkiConnect(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.3)
        started = time.monotonic()
        with pytest.raises(AnkiUnavailable, match=r"did not answer within 0\.3 s"):
            client.version()
        assert time.monotonic() - started < 5
    finally:
        listener.close()
    assert AnkiConnect(timeout=30).timeout == 2.0  # never longer than 2 s


def _settings_for(server: Any, **values: Any) -> None:
    settings, _ = load_settings()
    settings.anki_url = server.url
    for key, value in values.items():
        setattr(settings, key, value)
    save_settings(settings)


def test_the_command_line_syncs_and_says_so_in_one_line(
    server: Any, store: StudyStore, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings_for(server)
    learn(store, *STRENGTHEN)
    server.stop()
    assert main(["anki", "sync"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Anki is not running" in err and "1 card waits in yomu" in err
    assert main(["anki", "status"]) == 0
    out = capsys.readouterr().out
    assert "AnkiConnect: Anki is not running" in out and "waiting in yomu: 1 card" in out
    server.start()
    assert main(["anki", "sync"]) == 0
    assert capsys.readouterr().out.strip() == "Anki: 1 added"
    assert main(["anki", "status"]) == 0
    assert "waiting in yomu: 0 cards" in capsys.readouterr().out
    assert [n["Word"] for n in _notes(server)] == ["強める"]


def test_the_command_line_chooses_a_deck(server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _settings_for(server)
    assert main(["anki", "deck", "Nowhere"]) == 1
    assert "Anki has no deck 'Nowhere'" in capsys.readouterr().err
    with server.lock:
        server.col.decks.id("Japanese", create=True)
    assert main(["anki", "deck", "Japanese"]) == 0
    assert load_settings()[0].anki_deck == "Japanese"
    assert main(["anki", "deck"]) == 0
    assert "* Japanese" in capsys.readouterr().out.splitlines()


def test_known_words_come_back_from_ankiconnect(server: Any, store: StudyStore) -> None:
    from tests.anki.test_collection import add_vocab

    with server.lock:
        add_vocab(server.col, "Japanese", [("条約", "じょうやく", 40), ("会談", "かいだん", 3), ("生", "なま", None)])
        add_vocab(server.col, "Japanese", [("首脳", "しゅのう", "suspended")])
        add_vocab(server.col, "Other", [("猫", "ねこ", 100)])
    _settings_for(server, anki_known_decks=["Japanese"])
    assert main(["anki", "import-known"]) == 0
    assert store.statuses() == {
        ("条約", "じょうやく"): "known",
        ("会談", "かいだん"): "learning",
        ("首脳", "しゅのう"): "ignored",
    }


def test_known_words_refresh_at_most_daily(server: Any, store: StudyStore) -> None:
    from tests.anki.test_collection import add_vocab

    with server.lock:
        add_vocab(server.col, "yomu", [("条約", "じょうやく", 40)])
    sync = _sync(server, store)
    assert (sync.refresh_known() or "").startswith("1 word from 1 note: 1 known")
    assert store.status_of("条約", "じょうやく") == "known"
    assert sync.refresh_known() is None  # imported less than a day ago
    server.stop()
    assert "Anki is not running" in (sync.refresh_known(max_age=None) or "")


def test_media_and_card_details_come_from_the_collection(server: Any, store: StudyStore) -> None:
    client = AnkiConnect(server.url)
    name = client.store_media_file("yomu_強める.wav", b"RIFF....WAVE")
    assert (Path(server.col.media.dir()) / name).read_bytes() == b"RIFF....WAVE"
    result = _sync(server, store).add_card(learn(store, *STRENGTHEN))
    (info,) = client.notes_info([result.note_id])
    (card,) = client.cards_info(info["cards"])
    assert card["deckName"] == "yomu" and card["interval"] == 0 and card["note"] == result.note_id
    assert card["fields"]["Word"]["value"] == "強める" and "強める" in card["question"]
