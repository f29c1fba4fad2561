"""Offline speech: real WAV files of speech, the cache, players found on PATH, the Speaker and ``yomu say``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

pytest.importorskip("pyopenjtalk", reason="the sound extra (pyopenjtalk-plus) is not installed")

from reader.core.accent import split_morae
from reader.integrations.sound import (
    NoPlayer,
    Speaker,
    audio_path,
    find_player,
    join_wavs,
    synthesize,
)
from reader.integrations.sound.speaker import speech_pieces
from tests.conftest import ROOT, SEED
from tests.sound.conftest import FakePlayers, measure

SHORT = "箸"
SENTENCE = "プーチン大統領は、きょう北朝鮮の首都ピョンヤンに到着しました。"
SENTENCE_MORAE = len(split_morae("ぷーちんだいとーりょーわきょーきたちょーせんのしゅとぴょんやんにとーちゃくしました"))


def test_a_sentence_is_real_speech_as_long_as_its_text(tmp_path: Path) -> None:
    path = synthesize(SENTENCE, tmp_path)
    sound = measure(path)
    # Read news runs at about 7-8 morae a second; allow a wide band, plus the voice's lead-in and tail.
    assert 0.08 * SENTENCE_MORAE < sound.seconds < 0.25 * SENTENCE_MORAE + 1.0
    assert sound.rms > 1000, "speech, not silence"
    assert sound.voiced_share > 0.5
    word = measure(synthesize(SHORT, tmp_path))
    assert word.rms > 1000
    assert word.seconds < sound.seconds / 3, "a word is much shorter than a sentence"


def test_longer_text_gives_longer_audio_in_proportion(tmp_path: Path) -> None:
    one = measure(synthesize("今日は雨です。", tmp_path)).seconds
    three = measure(synthesize("今日は雨です。明日も雨です。明後日は晴れます。", tmp_path)).seconds
    assert 2.0 < three / one < 4.5


def test_audio_is_cached_by_text_and_speed(tmp_path: Path) -> None:
    first = synthesize(SHORT, tmp_path)
    made = first.stat().st_mtime_ns
    again = synthesize(SHORT, tmp_path)
    assert again == first and again.stat().st_mtime_ns == made, "the second request reads the cache"
    assert audio_path(SHORT, tmp_path) == first
    faster = synthesize(SHORT, tmp_path, speed=1.5)
    assert faster != first
    assert measure(faster).seconds < measure(first).seconds
    assert not list(tmp_path.rglob(".part-*")), "no half-written files left behind"


def test_nothing_to_say_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nothing to say"):
        synthesize("  ", tmp_path)


def test_joined_audio_is_the_parts_and_the_pauses(tmp_path: Path) -> None:
    parts = [synthesize(t, tmp_path) for t in ("箸です。", "橋です。")]
    out = join_wavs(parts, tmp_path / "both.wav", pause=0.5)
    lengths = [measure(p).seconds for p in parts]
    assert measure(out).seconds == pytest.approx(sum(lengths) + 0.5, abs=0.01)


def test_the_first_player_on_path_is_chosen(fake_players: FakePlayers) -> None:
    assert find_player(path=fake_players.path()) is None
    fake_players.add("pw-play")
    assert find_player(path=fake_players.path()).name == "pw-play"  # type: ignore[union-attr]
    fake_players.add("ffplay")
    fake_players.add("aplay")
    player = find_player(path=fake_players.path())
    assert player is not None and player.name == "aplay"  # paplay, then aplay, before ffplay and pw-play
    assert player.command(Path("x.wav"))[-1] == "x.wav"


def test_playing_does_not_block_and_stop_ends_it(
    fake_players: FakePlayers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "30")
    fake_players.add("paplay")
    player = find_player(path=fake_players.path())
    assert player is not None
    wav = synthesize(SHORT, tmp_path)
    began = time.monotonic()
    player.play(wav)
    assert time.monotonic() - began < 2.0, "play returns while the player runs"
    deadline = time.monotonic() + 10
    while not fake_players.calls() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake_players.calls() == [["paplay", str(wav)]]
    assert player.playing
    player.stop()
    assert not player.playing
    player.stop()  # stopping twice is harmless


def test_speaker_plays_each_sentence_in_order(
    fake_players: FakePlayers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "0")
    fake_players.add("aplay")
    sentences = ["箸を使います。", "橋を渡ります。", "端に座ります。"]
    errors: list[BaseException] = []
    speaker = Speaker(tmp_path / "audio", find_player(path=fake_players.path()), on_error=errors.append)
    speaker.speak(sentences)
    assert speaker.wait(30)
    assert not errors
    played = [call[-1] for call in fake_players.calls()]
    assert played == [str(audio_path(s, tmp_path / "audio")) for s in sentences]
    assert all(call[:2] == ["aplay", "-q"] for call in fake_players.calls())
    assert all(measure(Path(p)).rms > 1000 for p in played)


def test_a_new_request_stops_the_one_playing(
    fake_players: FakePlayers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "30")
    fake_players.add("paplay")
    speaker = Speaker(tmp_path, find_player(path=fake_players.path()))
    speaker.speak(["一つ目の文です。", "二つ目の文です。"])
    deadline = time.monotonic() + 10
    while not fake_players.calls() and time.monotonic() < deadline:
        time.sleep(0.02)
    speaker.speak([SHORT])
    deadline = time.monotonic() + 10
    while len(fake_players.calls()) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    speaker.stop()
    played = [call[-1] for call in fake_players.calls()]
    assert played == [str(audio_path("一つ目の文です。", tmp_path)), str(audio_path(SHORT, tmp_path))]
    assert not speaker.speaking


def test_speaker_without_a_player_says_so(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path, None)
    speaker.player = None
    with pytest.raises(NoPlayer, match="no audio player found"):
        speaker.speak([SHORT])


def _yomu(*args: str, path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_yomu_say_writes_a_section(tmp_path: Path) -> None:
    out = tmp_path / "section.wav"
    result = _yomu("say", str(SEED), "--section", "2", "-o", str(out), path=os.environ["PATH"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    sound = measure(out)
    assert sound.rms > 1000 and sound.seconds > 10
    assert result.stdout.startswith(f"{out}: ") and "sentences" in result.stdout
    with wave.open(str(out), "rb") as audio:
        assert audio.getnchannels() == 1 and audio.getsampwidth() == 2


def test_yomu_say_plays_through_the_player_found(fake_players: FakePlayers, tmp_path: Path) -> None:
    fake_players.add("ffplay")
    result = _yomu("say", "--text", "箸です。橋です。", path=fake_players.path(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    calls = fake_players.calls()
    assert [c[0] for c in calls] == ["ffplay", "ffplay"]
    assert calls[0][1:4] == ["-nodisp", "-autoexit", "-loglevel"]
    assert all(measure(Path(c[-1])).rms > 1000 for c in calls)


def test_yomu_say_without_a_player_says_so_and_still_writes(fake_players: FakePlayers, tmp_path: Path) -> None:
    result = _yomu("say", "--text", SHORT, path=fake_players.path(), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("yomu: say: no audio player found") and result.stderr.count("\n") == 1
    result = _yomu("say", "--text", SHORT, "-o", "hashi.wav", path=fake_players.path(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert measure(tmp_path / "hashi.wav").rms > 1000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "-o", "x.wav"], "yomu: missing.txt: no such file"),
        ([str(SEED), "--section", "99", "-o", "x.wav"], "no section '99'"),
        ([str(SEED), "--range", "5:2", "-o", "x.wav"], "outside the text or empty"),
        (["--text", "", "-o", "x.wav"], "nothing to say"),
        (["--text", SHORT, "-o", "no/such/folder/x.wav"], "no such folder"),
        (["--text", SHORT, "--speed", "9", "-o", "x.wav"], "outside 0.5–2.0"),
        ([], "nothing to say: give a FILE or --text"),
    ],
)
def test_yomu_say_bad_input_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = _yomu("say", *args, path=os.environ["PATH"], cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.wav").exists()


def test_a_long_first_sentence_starts_with_its_first_clause() -> None:
    long = "ロシアのプーチン大統領は、北朝鮮のキム・ジョンウン総書記と、首都ピョンヤンで首脳会談を行いました。"
    later = "会談は２時間に及びました、と伝えられています。これは長い二つ目の文ですが、切られません。"
    pieces = speech_pieces([long, later])
    assert pieces == ["ロシアのプーチン大統領は、", long[len("ロシアのプーチン大統領は、") :], later]
    assert "".join(pieces[:2]) == long
    assert speech_pieces(["箸を、使う。"]) == ["箸を、使う。"]  # short: said whole
    assert speech_pieces(["あ、" + "い" * 40]) == ["あ、" + "い" * 40]  # no clause end after 8 characters
    assert speech_pieces(["", "  "]) == []


def test_speaker_says_the_first_clause_then_the_rest(
    fake_players: FakePlayers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "0")
    fake_players.add("paplay")
    sentence = "ロシアのプーチン大統領は、北朝鮮の首都ピョンヤンに到着しました。"
    speaker = Speaker(tmp_path, find_player(path=fake_players.path()))
    speaker.speak([sentence])
    assert speaker.wait(30)
    played = [call[-1] for call in fake_players.calls()]
    head, rest = "ロシアのプーチン大統領は、", "北朝鮮の首都ピョンヤンに到着しました。"
    assert played == [str(audio_path(head, tmp_path)), str(audio_path(rest, tmp_path))]
    assert measure(Path(played[0])).seconds < measure(Path(played[1])).seconds


def test_punctuation_alone_is_skipped_not_fatal(
    fake_players: FakePlayers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="nothing to say"):
        synthesize("「」、", tmp_path)
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "0")
    fake_players.add("paplay")
    speaker = Speaker(tmp_path, find_player(path=fake_players.path()))
    speaker.speak(["」", "箸です。", "。"])
    assert speaker.wait(30)
    assert [call[-1] for call in fake_players.calls()] == [str(audio_path("箸です。", tmp_path))]
    result = _yomu("say", "--text", "。箸です。", "-o", "x.wav", path=os.environ["PATH"], cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "x.wav: 1 sentence, " + f"{measure(tmp_path / 'x.wav').seconds:.1f} s\n"
