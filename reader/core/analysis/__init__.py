"""Readings and romaji for Japanese text: the layered pipeline of DESIGN.md.

``Analyzer().analyse(text)`` gives tokens, ruby (a hiragana reading over every
kanji run) and romaji words; :func:`analyse` uses a shared default analyser.
SudachiPy loads on first use (or :meth:`Analyzer.load`); pykakasi only when a
kanji is left unread.
"""

from __future__ import annotations

from reader.core.analysis.readings import Analyzer, analyse, default_analyzer
from reader.core.analysis.romaji import RomajiStyle, kana_to_romaji, romanize

__all__ = ["Analyzer", "RomajiStyle", "analyse", "default_analyzer", "kana_to_romaji", "romanize"]
