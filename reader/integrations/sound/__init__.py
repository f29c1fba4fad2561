"""Pitch accent and offline speech (the optional ``sound`` extra: pyopenjtalk-plus, fugashi, unidic-lite).

What the reader calls:

- :func:`accent_of` — the accent of a word for the look-up panel and cards
  (an :class:`~reader.core.accent.Accent`; draw it with its ``notation()``);
- :func:`phrase_accents` — the accent phrases of a screenful, for the accent
  row over the text (draw each with :func:`reader.core.accent.pitch_cells`);
- :func:`synthesize` — a cached WAV file of a word or sentence (cards' media);
- :func:`spoken_form` — what to synthesise for a word so it is said with the text's reading;
- :class:`Speaker` — says a word, or sentences one after another, without
  blocking; :func:`find_player` and :class:`Player` underneath.

Nothing heavy is imported until first use; a missing package raises
:class:`SoundUnavailable` (:class:`NoPlayer` for a missing player), whose text
says what to install.
"""

from __future__ import annotations

from reader.integrations.sound.accents import accent_of, phrase_accents
from reader.integrations.sound.engines import INSTALL_HINT, SoundUnavailable, missing_packages
from reader.integrations.sound.players import PLAYERS, NoPlayer, Player, find_player
from reader.integrations.sound.speaker import Speaker
from reader.integrations.sound.spoken import spoken_form
from reader.integrations.sound.synth import audio_path, join_wavs, synthesize

__all__ = [
    "INSTALL_HINT",
    "PLAYERS",
    "NoPlayer",
    "Player",
    "SoundUnavailable",
    "Speaker",
    "accent_of",
    "audio_path",
    "find_player",
    "join_wavs",
    "missing_packages",
    "phrase_accents",
    "spoken_form",
    "synthesize",
]
