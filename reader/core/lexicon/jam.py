"""Access to jamdict's SQLite dictionaries, one connection per thread.

jamdict (with the jamdict-data package) ships JMdict, JMnedict and KANJIDIC2
in one SQLite file.  Its connection must not be shared across threads, so
each thread gets its own :class:`jamdict.Jamdict`, made on first use (about
60 ms) and kept for that thread's life.
"""

from __future__ import annotations

import threading
from typing import Any

_local = threading.local()


class DictionaryUnavailable(Exception):
    """jamdict or its data is not installed; ``str(error)`` says what to do."""


def jamdict_for_thread() -> Any:
    """The calling thread's ``Jamdict`` (created on first use).

    Raises :class:`DictionaryUnavailable` when jamdict or jamdict-data is missing.
    """
    jam = getattr(_local, "jam", None)
    if jam is not None:
        return jam
    try:
        from jamdict import Jamdict
    except ImportError as error:
        raise DictionaryUnavailable(
            "the dictionary needs the jamdict package (pip install jamdict jamdict-data)"
        ) from error
    jam = Jamdict(reuse_ctx=True)
    if not jam.ready:
        raise DictionaryUnavailable("jamdict found no dictionary data (pip install jamdict-data)")
    _local.jam = jam
    return jam
