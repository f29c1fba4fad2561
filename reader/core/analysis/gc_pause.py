"""Pausing the cyclic garbage collector around bursts of short-lived objects (analysis, decoding)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many short-lived, acyclic objects are made.

    An analysis makes about four objects a character (morphs, tuples, strings)
    and no reference cycles; the collector's passes over them were a third of
    the analysis time of a novel (3.3 s → 2.1 s without).  Reference counting
    still frees everything; the collector runs again afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
