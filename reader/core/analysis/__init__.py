"""Readings and romaji for Japanese text: the layered pipeline of DESIGN.md.

``Analyzer().analyse(text)`` gives tokens and ruby (a hiragana reading over
every kanji run); :func:`romanize` makes romaji from the tokens where it is
shown; :func:`analyse` uses a shared default analyser.  SudachiPy loads on
first use (or :meth:`Analyzer.load`); pykakasi only when a kanji is left
unread.  Long texts are analysed block by block (:mod:`.blocks`), cached on
disk (:mod:`.cache`) and in a worker process (:mod:`.service`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.lazy import lazy_names

if TYPE_CHECKING:
    from reader.core.analysis.readings import Analyzer, analyse, default_analyzer
    from reader.core.analysis.romaji import RomajiStyle, kana_to_romaji, romanize

__all__ = ["Analyzer", "RomajiStyle", "analyse", "default_analyzer", "kana_to_romaji", "romanize"]

_HOMES = {
    "Analyzer": "readings",
    "analyse": "readings",
    "default_analyzer": "readings",
    "RomajiStyle": "romaji",
    "kana_to_romaji": "romaji",
    "romanize": "romaji",
}


# Imported on first use: the layout and the screen need only reader.core.analysis.kana,
# and importing the package must not load the reading pipeline on the way to the first paint.
__getattr__ = lazy_names(__name__, _HOMES)
