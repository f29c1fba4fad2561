"""Shared fixtures: the seed article, and settings/data isolated per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
SHARED = ROOT.parent / "shared"


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
