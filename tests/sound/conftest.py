"""Sound fixtures: fake audio players on PATH that record what they were asked to play, and WAV measures."""

from __future__ import annotations

import array
import math
import os
import stat
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest

FAKE_PLAYER = """#!{python}
import os, sys, time
with open({log!r}, "a", encoding="utf-8") as log:
    log.write("\\t".join([os.path.basename(sys.argv[0]), *sys.argv[1:]]) + "\\n")
time.sleep(float(os.environ.get("FAKE_PLAYER_SECONDS", "0")))
"""
"""A player that writes its name and arguments to a log, then 'plays' for FAKE_PLAYER_SECONDS."""


@dataclass
class FakePlayers:
    """A folder of fake players to put on PATH, and the log they write."""

    bin: Path
    log: Path

    def add(self, name: str) -> Path:
        path = self.bin / name
        path.write_text(FAKE_PLAYER.format(python=sys.executable, log=str(self.log)), encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    def calls(self) -> list[list[str]]:
        """Each call: the player's name, then its arguments."""
        if not self.log.exists():
            return []
        return [line.split("\t") for line in self.log.read_text(encoding="utf-8").splitlines()]

    def path(self) -> str:
        """A PATH with only the fake players and the basics (no real player can be found)."""
        return os.pathsep.join([str(self.bin), "/usr/bin", "/bin"])


@pytest.fixture
def fake_players(tmp_path: Path) -> FakePlayers:
    folder = tmp_path / "fakebin"
    folder.mkdir()
    return FakePlayers(bin=folder, log=tmp_path / "played.log")


@dataclass(frozen=True)
class Measured:
    """What a WAV file holds: its length and how loud it is."""

    seconds: float
    rms: float
    """Root mean square of the samples, on the 16-bit scale (silence is 0; speech is in the thousands)."""
    rate: int
    voiced_share: float
    """Share of 20 ms windows louder than -40 dBFS: speech has pauses, but far fewer than silence."""


def measure(path: Path) -> Measured:
    with wave.open(str(path), "rb") as audio:
        assert audio.getsampwidth() == 2 and audio.getnchannels() == 1
        rate = audio.getframerate()
        samples = array.array("h", audio.readframes(audio.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    window = max(1, rate // 50)
    loud = 0
    windows = 0
    for begin in range(0, len(samples), window):
        chunk = samples[begin : begin + window]
        windows += 1
        if math.sqrt(sum(s * s for s in chunk) / len(chunk)) > 32768 * 0.01:
            loud += 1
    return Measured(len(samples) / rate, rms, rate, loud / windows if windows else 0.0)
