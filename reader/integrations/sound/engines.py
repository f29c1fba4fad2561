"""The optional engines behind sound: pyopenjtalk-plus (OpenJTalk) and UniDic (fugashi + unidic-lite).

Both are imported on first use, never at start-up.  pyopenjtalk-plus is needed
for speech and is the main accent source; UniDic only adds the other accents of
words that have several (昨日 きꜜのう and きのう).  A missing package is reported
by :class:`SoundUnavailable` whose text says what to install.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import threading
from typing import Any

INSTALL_HINT = "pip install 'yomu[sound]'"
"""How to get every sound package (the checkout's ``make run`` / ``make test`` install them)."""

_lock = threading.Lock()
_openjtalk: Any = None
_local = threading.local()


class SoundUnavailable(Exception):
    """A package that sound or pitch accent needs is not installed; ``str(error)`` says which and how to get it."""


def has_openjtalk() -> bool:
    """True when pyopenjtalk-plus can be imported (checked without importing it)."""
    return importlib.util.find_spec("pyopenjtalk") is not None


def has_unidic() -> bool:
    """True when fugashi and unidic-lite can be imported."""
    return importlib.util.find_spec("fugashi") is not None and importlib.util.find_spec("unidic_lite") is not None


def missing_packages() -> list[str]:
    """The sound packages that are not installed, by their PyPI names."""
    missing = [] if has_openjtalk() else ["pyopenjtalk-plus"]
    if importlib.util.find_spec("fugashi") is None:
        missing.append("fugashi")
    if importlib.util.find_spec("unidic_lite") is None:
        missing.append("unidic-lite")
    return missing


def openjtalk() -> Any:
    """The ``pyopenjtalk`` module (pyopenjtalk-plus), imported once; thread-safe.

    Raises :class:`SoundUnavailable` when it is not installed.
    """
    global _openjtalk
    if _openjtalk is not None:
        return _openjtalk
    with _lock:
        if _openjtalk is None:
            try:
                # pyopenjtalk-plus prints a notice on standard output when onnxruntime (only used to
                # guess how 何 is read) is missing; standard output belongs to our commands' results.
                with contextlib.redirect_stdout(io.StringIO()):
                    import pyopenjtalk
            except ImportError as error:
                raise SoundUnavailable(f"speech and pitch accent need pyopenjtalk-plus ({INSTALL_HINT})") from error
            _openjtalk = pyopenjtalk
    return _openjtalk


def unidic_tagger() -> Any | None:
    """The calling thread's fugashi tagger over unidic-lite, or ``None`` when they are not installed.

    MeCab taggers must not be shared between threads, so each thread makes its
    own (about 1 ms; the dictionary file is memory-mapped once by the system).
    """
    tagger = getattr(_local, "tagger", None)
    if tagger is not None or getattr(_local, "no_unidic", False):
        return tagger
    try:
        import fugashi
        import unidic_lite
    except ImportError:
        _local.no_unidic = True
        return None
    dicdir = unidic_lite.DICDIR
    tagger = fugashi.Tagger(f'-r "{dicdir}/mecabrc" -d "{dicdir}"')
    _local.tagger = tagger
    return tagger
