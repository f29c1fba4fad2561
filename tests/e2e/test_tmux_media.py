"""End to end in a real terminal (tmux): L sends the word to Anki, a speaks, A draws the accents.

Anki is the test AnkiConnect (a real HTTP server on 127.0.0.1 answering from a
real ``anki`` collection) running in this test's process; the player is a fake
``paplay`` first on the reader's PATH that writes down what it was asked to
play.  Without the sound extra (hidden from the reader's Python), the same
keys say what to install.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.e2e.conftest import Start, Terminal
from tests.sound.conftest import FakePlayers

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make test installs it as root)"),
]

HAVE_SOUND = importlib.util.find_spec("pyopenjtalk") is not None


def started(yomu: Start, extra_env: dict[str, str] | None = None) -> Terminal:
    term = yomu(str(SEED), extra_env=extra_env)
    term.wait_for("だいとうりょう")
    return term


def to_president(term: Terminal) -> None:
    """The word cursor onto 大統領 in the title: w twice, each press seen through before the next."""
    term.press("w")
    term.wait_for("プーチン  ぷーちん")
    term.press("w")
    term.wait_for("大統領  だいとうりょう")


def quit_reader(term: Terminal) -> None:
    term.press("q")
    term.wait_for("exit status 0")


@pytest.mark.anki
@pytest.mark.skipif(importlib.util.find_spec("anki") is None, reason="the anki package is missing")
def test_L_puts_the_word_with_its_sentence_into_anki(yomu: Start, tmp_path: Path) -> None:
    from tests.support.ankiconnect_server import AnkiConnectServer

    (tmp_path / "anki").mkdir()
    with AnkiConnectServer(tmp_path / "anki" / "collection.anki2") as server:
        config = tmp_path / "config"
        config.mkdir()
        (config / "settings.toml").write_text(f'[reader]\nanki_url = "{server.url}"\n', encoding="utf-8")
        term = started(yomu)
        to_president(term)
        term.press("L")
        term.wait_for("added to Anki (yomu)", timeout=30)
        with server.lock:
            (note_id,) = server.col.find_notes("deck:yomu")
            note = server.col.get_note(note_id)
            assert (note["Word"], note["Reading"]) == ("大統領", "だいとうりょう")
            assert note["Sentence"] == "プーチン<b>大統領</b>が18日から北朝鮮訪問 軍事的連携強める狙いか"
            assert note["Meaning"].startswith("president")
        quit_reader(term)


@pytest.mark.skipif(not HAVE_SOUND, reason="the sound extra (pyopenjtalk-plus) is not installed")
def test_a_plays_the_word_then_its_sentence_through_the_player_on_path(yomu: Start, tmp_path: Path) -> None:
    players = FakePlayers(bin=tmp_path / "fakebin", log=tmp_path / "played.log")
    players.bin.mkdir()
    players.add("paplay")
    term = started(yomu, {"PATH": players.path()})
    to_president(term)
    term.press("a")
    calls = _wait_for_calls(players, 1)
    assert calls[0][0] == "paplay"
    word = Path(calls[0][-1])
    assert word.parent.parent == tmp_path / "cache" / "audio"  # the reader's audio cache
    term.press("a")
    calls = _wait_for_calls(players, 2)
    sentence = Path(calls[1][-1])
    assert _seconds(sentence) > 2 * _seconds(word) > 0.5, "the word, then the (longer) sentence"
    quit_reader(term)


@pytest.mark.skipif(not HAVE_SOUND, reason="the sound extra (pyopenjtalk-plus) is not installed")
def test_A_draws_accent_marks_over_the_text(yomu: Start) -> None:
    term = started(yomu)
    term.press("A")
    screen = term.wait_for("ꜜ")
    assert "Accent marks on" in screen
    assert "だいとうりょう" not in screen
    quit_reader(term)


def test_without_the_sound_extra_a_and_A_say_what_is_missing(yomu: Start, tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    for name in ("pyopenjtalk", "fugashi", "unidic_lite"):
        (shadow / f"{name}.py").write_text(f'raise ImportError("No module named {name}")\n', encoding="utf-8")
    players = FakePlayers(bin=tmp_path / "fakebin", log=tmp_path / "played.log")
    players.bin.mkdir()
    players.add("paplay")
    env = {"PYTHONPATH": os.pathsep.join([str(shadow), str(ROOT)]), "PATH": players.path()}
    term = started(yomu, env)
    term.press("w")
    term.wait_for("プーチン  ぷーちん")
    term.wait_for("pitch accent: speech and pitch accent need pyopenjtalk-plus")  # said once, in the panel
    term.press("a")
    term.wait_for("Cannot speak: speech and pitch accent need")
    term.press("A")
    screen = term.wait_for("Accent marks are off: speech and pitch accent")
    assert "pip install 'yomu[sound]'" in screen.replace("\n", "")
    assert players.calls() == []
    quit_reader(term)


def _wait_for_calls(players: FakePlayers, count: int, timeout: float = 30.0) -> list[list[str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = players.calls()
        if len(calls) >= count:
            return calls
        time.sleep(0.05)
    raise AssertionError(f"the player was asked to play {players.calls()}, not {count} files")


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
