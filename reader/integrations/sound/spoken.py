"""What to give the voice for a word: its written form when the voice reads it as the text does.

OpenJTalk reads a word on its own with its most likely reading, which is not
always the one the text uses (生 なま / せい, 行った いった / おこなった, a name).
Given kana, it says exactly those kana but has to guess the accent.  So a word
is said from its written form when OpenJTalk reads that form with the reading
the analyser chose (the accent then comes from OpenJTalk's dictionary), and
from its reading, in katakana, otherwise.
"""

from __future__ import annotations

import functools

from reader.core.analysis.kana import to_hiragana, to_katakana
from reader.integrations.sound.engines import openjtalk

__all__ = ["spoken_form"]


@functools.lru_cache(maxsize=4096)
def spoken_form(written: str, reading: str) -> str:
    """The text to synthesise for the word ``written`` read ``reading`` (kana).

    Raises :class:`~reader.integrations.sound.engines.SoundUnavailable` without pyopenjtalk-plus.
    """
    if not reading or not written.strip():
        return written
    features = openjtalk().run_frontend(written)
    said = to_hiragana("".join(f["read"] for f in features if f["pos"] != "記号"))
    if said == to_hiragana(reading):
        return written
    return to_katakana(reading)
