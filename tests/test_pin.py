"""Pinned readings: set once with `yomu pin`, used by `annotate` (and the screen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=120,
    )


def test_a_pinned_reading_wins_in_annotate_and_survives_until_removed() -> None:
    article = "題名\n\n日本の首相が会見した。\n"
    before = run("annotate", "-", "--format", "inline", stdin=article).stdout
    assert "日本(にっぽん)" in before or "日本(にほん)" in before
    pinned = "にっぽん" if "日本(にほん)" in before else "にほん"
    result = run("pin", "日本", pinned)
    assert result.returncode == 0, result.stderr
    assert f"日本({pinned})" in run("annotate", "-", "--format", "inline", stdin=article).stdout
    assert f"日本\t{pinned}" in run("pin", "--list").stdout
    assert run("pin", "--remove", "日本").returncode == 0
    assert run("annotate", "-", "--format", "inline", stdin=article).stdout == before


def test_pin_rejects_bad_readings_in_one_line() -> None:
    for args in (("日本", "nihon"), ("にほん", "にほん"), ("日本",)):
        result = run("pin", *args)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_broken_database_is_moved_aside_not_overwritten(isolated_dirs: Path) -> None:
    data = Path(os.environ["YOMU_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    (data / "yomu.db").write_bytes(b"this is not a database" * 100)
    result = run("pin", "日本", "にっぽん")
    assert result.returncode == 0, result.stderr
    assert "moved aside" in result.stderr  # a warning, on stderr like every other
    aside = [p for p in data.iterdir() if p.name.startswith("yomu.db.broken-")]
    assert aside and aside[0].read_bytes().startswith(b"this is not a database")
