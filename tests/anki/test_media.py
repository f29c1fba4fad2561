"""Cards carry the word's pitch accent and the audio of the word and its sentence, so Anki plays them.

Both ways a card reaches Anki are checked in a real collection (Anki's own
``anki`` package): the ``.apkg`` imported by Anki's importer, and AnkiConnect
(the test server storing media and adding notes in its collection).  The audio
is real speech from the offline voice; the files Anki keeps are compared with
what yomu made, byte for byte.
"""

from __future__ import annotations

import re
import wave
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.study import StudyStore
from reader.data.paths import cache_dir, database_path
from reader.integrations.anki import AnkiConfig, AnkiSync
from reader.integrations.anki.media import card_media
from reader.integrations.anki.sync import pending_card_ids
from tests.anki.conftest import learn, needs_anki

pytest.importorskip("pyopenjtalk", reason="the sound extra (pyopenjtalk-plus) is not installed")
pytestmark = [pytest.mark.anki, needs_anki]

CHOPSTICKS = ("箸", "はし", "箸で食べる。", (0, 1), ((0, 1, "はし"), (2, 3, "た")))
SOUND = re.compile(r"\[sound:([^\]]+)\]")


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def _check_note_media(note: Any, media_dir: Path) -> None:
    """The note's accent, and two sound files in Anki's media folder: the word, then the longer sentence."""
    assert note["Accent"] == "はꜜし"
    names = SOUND.findall(note["Audio"])
    assert len(names) == 2 and all(name.startswith("yomu-") and name.endswith(".wav") for name in names)
    word, sentence = (media_dir / name for name in names)
    assert word.is_file() and sentence.is_file()
    assert 0.2 < _seconds(word) < _seconds(sentence), "the word, then its sentence"
    made = card_media(learn_again(note), cache_dir() / "audio")
    assert [path.read_bytes() for path in made.sounds.values()] == [word.read_bytes(), sentence.read_bytes()]


def learn_again(note: Any) -> Any:
    """The card yomu keeps for the note's word (to compare the files Anki got with yomu's)."""
    with StudyStore.open(database_path()) as store:
        return store.card_for(note["Word"], note["Reading"])


def test_the_apkg_carries_accent_and_audio_into_anki(store: StudyStore, tmp_path: Path) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    learn(store, *CHOPSTICKS)
    out = tmp_path / "yomu.apkg"
    assert main(["export", "anki", str(out)]) == 0
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions(with_scheduling=True))
        )
        (note_id,) = col.find_notes("")
        note = col.get_note(note_id)
        _check_note_media(note, Path(col.media.dir()))
        # The back of the card shows the accent and plays both files.
        answer = note.cards()[0].answer()
        assert "はꜜし" in answer
        assert answer.count("[anki:play:a:") == 2
    finally:
        col.close()


def test_the_apkg_without_audio_still_has_the_accent(store: StudyStore, tmp_path: Path) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    learn(store, *CHOPSTICKS)
    out = tmp_path / "yomu.apkg"
    assert main(["export", "anki", "--no-audio", str(out)]) == 0
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions(with_scheduling=True))
        )
        (note_id,) = col.find_notes("")
        note = col.get_note(note_id)
        assert note["Accent"] == "はꜜし" and note["Audio"] == ""
        assert not list(Path(col.media.dir()).iterdir())
    finally:
        col.close()


def test_ankiconnect_notes_carry_accent_and_audio(server: Any, store: StudyStore) -> None:
    card = learn(store, *CHOPSTICKS)
    audio = cache_dir() / "audio"
    sync = AnkiSync(AnkiConfig(url=server.url), store.path, media_of=lambda c: card_media(c, audio))
    result = sync.add_card(card)
    assert result.outcome == "added" and result.message == "「箸」 added to Anki (yomu)"
    with server.lock:
        note = server.col.get_note(result.note_id)
        _check_note_media(note, Path(server.col.media.dir()))
    assert pending_card_ids(store) == []


def test_a_duplicate_makes_no_audio(server: Any, store: StudyStore) -> None:
    card = learn(store, *CHOPSTICKS)
    made: list[str] = []

    def media(c: Any) -> Any:
        made.append(c.lemma)
        return card_media(c, cache_dir() / "audio")

    first = AnkiSync(AnkiConfig(url=server.url), store.path, media_of=media).add_card(card)
    with StudyStore.open(store.path) as other:
        other.connection.execute("DELETE FROM anki_notes")  # yomu forgot it pushed the card
    again = AnkiSync(AnkiConfig(url=server.url), store.path, media_of=media).add_card(card)
    assert again.outcome == "duplicate" and again.note_id == first.note_id
    assert made == ["箸"], "audio is made only for a note that is added"


def test_without_the_sound_extra_the_note_is_added_without_audio(server: Any, store: StudyStore) -> None:
    from reader.core.study.anki_model import NoteMedia

    card = learn(store, *CHOPSTICKS)
    missing = NoteMedia(problem="speech and pitch accent need pyopenjtalk-plus (pip install 'yomu[sound]')")
    result = AnkiSync(AnkiConfig(url=server.url), store.path, media_of=lambda c: missing).add_card(card)
    assert result.outcome == "added"
    assert result.message == (
        "「箸」 added to Anki (yomu) without audio: speech and pitch accent need pyopenjtalk-plus "
        "(pip install 'yomu[sound]')"
    )
    with server.lock:
        note = server.col.get_note(result.note_id)
        assert note["Audio"] == "" and note["Accent"] == ""
