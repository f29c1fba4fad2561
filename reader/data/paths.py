"""One place for paths: user directories (platformdirs) and bundled files.

``YOMU_CONFIG_DIR``, ``YOMU_DATA_DIR`` and ``YOMU_CACHE_DIR`` point the
settings, the reader's own data and the caches elsewhere (tests and portable
use rely on them).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "yomu"
SEED_NAME = "nhk-putin-north-korea-visit.txt"
"""The bundled article opened when ``yomu`` is started without a file."""

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent


def _user_dir(variable: str, kind: str) -> Path:
    override = os.environ.get(variable)
    if override:
        return Path(override)
    import platformdirs

    getter = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(getter(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings live here (``settings.toml``)."""
    return _user_dir("YOMU_CONFIG_DIR", "config")


def data_dir() -> Path:
    """The reader's own data: marks, pinned readings, study database."""
    return _user_dir("YOMU_DATA_DIR", "data")


DATABASE_NAME = "yomu.db"
"""The reader's own database (marks, cards, reviews, pins, the library) in the data directory."""


def database_path() -> Path:
    """``yomu.db`` in the data directory."""
    return data_dir() / DATABASE_NAME


def cache_dir() -> Path:
    """Analysis caches; safe to delete."""
    return _user_dir("YOMU_CACHE_DIR", "cache")


def analysis_cache_path() -> Path:
    """The analysis cache of the reader and of ``yomu annotate`` (one file, shared; safe to delete)."""
    from reader.core.analysis.cache import CACHE_FILE

    return cache_dir() / CACHE_FILE


def _shipped(folder: str) -> Path:
    """A top-level folder of the checkout, or its copy inside the installed package."""
    in_checkout = _CHECKOUT / folder
    if in_checkout.is_dir():
        return in_checkout
    return _PACKAGE / folder


def styles_dir() -> Path:
    """The ``.tcss`` files."""
    return _shipped("styles")


def seeds_dir() -> Path:
    """Bundled articles and their curated glossaries."""
    return _shipped("seeds")


def bundled_seed() -> Path:
    """The article ``yomu`` opens when given no file."""
    return seeds_dir() / SEED_NAME
