"""Without the sound extra: look-up prints everything but the accent, ``yomu say`` says what to install.

The packages are hidden from a child process by modules of the same names,
put first on PYTHONPATH, that fail to import as a missing package does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HIDDEN = ("pyopenjtalk", "fugashi", "unidic_lite")


@pytest.fixture
def without_sound(tmp_path: Path) -> dict[str, str]:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    for name in HIDDEN:
        (shadow / f"{name}.py").write_text(f'raise ImportError("No module named {name}")\n', encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow), str(ROOT)])}


def _yomu(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_lookup_without_the_extra_prints_all_but_the_accent(without_sound: dict[str, str]) -> None:
    result = _yomu(without_sound, "lookup", "箸", "--format", "json")
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout.splitlines()[0])
    assert row["word"] == "箸" and row["reading"] == "はし"
    assert row["senses"][0]["glosses"] == ["chopsticks"]
    assert row["accent"] is None and row["accent_source"] is None
    assert "jlpt" in row
    assert result.stderr.count("\n") == 1
    assert "pyopenjtalk-plus" in result.stderr and "pip install 'yomu[sound]'" in result.stderr


def test_lookup_text_without_the_extra_shows_the_plain_reading(without_sound: dict[str, str]) -> None:
    result = _yomu(without_sound, "lookup", "橋")
    assert result.returncode == 0
    assert result.stdout.startswith("橋  はし  (")
    assert "ꜜ" not in result.stdout


def test_say_without_the_extra_says_what_to_install(without_sound: dict[str, str], tmp_path: Path) -> None:
    result = _yomu(without_sound, "say", "--text", "箸", "-o", str(tmp_path / "x.wav"))
    assert result.returncode == 1
    assert result.stderr == "yomu: say: speech and pitch accent need pyopenjtalk-plus (pip install 'yomu[sound]')\n"
    assert not (tmp_path / "x.wav").exists()


def test_the_rest_of_yomu_runs_without_the_extra(without_sound: dict[str, str]) -> None:
    result = _yomu(without_sound, "annotate", str(ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"), "--section", "1")
    assert result.returncode == 0, result.stderr
    assert "｜" in result.stdout
