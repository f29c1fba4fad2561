"""Shared fixtures: the seed article, and settings/data isolated per test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
SHARED = ROOT.parent / "shared"
_STARTED = pytest.StashKey[float]()


def run_yomu(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """``yomu ARGS`` as a person runs it: a process of its own, in the checkout, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        input=stdin,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=timeout,
    )


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, data and caches go to a temporary folder, never the user's."""
    for name in ("YOMU_CONFIG_DIR", "YOMU_DATA_DIR", "YOMU_CACHE_DIR"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(name, str(folder))
    return tmp_path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


BROWSER_ARTIFACTS = ROOT / "build" / "browser-artifacts"
"""Where the browser tests (tests/browser) keep their screenshots."""


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Name the folder of the screenshots the browser tests took in this run."""
    started = config.stash.get(_STARTED, 0.0)
    shots = [path for path in BROWSER_ARTIFACTS.glob("*.png") if path.stat().st_mtime >= started]
    if shots:
        terminalreporter.write_line(f"browser screenshots ({len(shots)}): {BROWSER_ARTIFACTS}")
