"""The accent and audio of a card, for its Anki note (both the ``.apkg`` and AnkiConnect).

A card's note carries the word's pitch accent (``はꜜし`` in the Accent field)
and two audio files, the word and the sentence it was met in, said by the
offline voice (:mod:`reader.integrations.sound`) and named in the Audio field
as ``[sound:yomu-….wav]``.  Files are named by their content's hash, so the
same audio always has the same name and Anki keeps one copy.  Without the
sound extra the note simply has neither, and :attr:`NoteMedia.problem` says
what to install.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.study.anki_model import NoteMedia
from reader.core.study.store import StudyCard

__all__ = ["card_media", "media_name"]


def media_name(path: Path) -> str:
    """The name an audio file gets in Anki's media folder: ``yomu-`` and part of its cache hash."""
    return f"yomu-{path.stem[:24]}{path.suffix}"


def card_media(card: StudyCard, cache_dir: Path, *, audio: bool = True) -> NoteMedia:
    """The accent of the card's word and (unless ``audio`` is False) the audio of the word and its sentence.

    ``cache_dir`` is the audio cache (the reader's ``cache/audio``); files are
    made there once and reused.  Never raises for a missing extra: the result's
    ``problem`` says what is missing.  Safe from worker threads.
    """
    from reader.integrations.sound import SoundUnavailable, accent_of, spoken_form, synthesize

    try:
        accent = accent_of(card.lemma, card.lemma, card.reading)
        sounds: dict[str, Path] = {}
        if audio:
            for text in (spoken_form(card.lemma, card.reading), card.sentence.text.strip()):
                try:
                    path = synthesize(text, cache_dir)
                except ValueError:
                    continue  # nothing to say (a sentence of symbols): no file, not a failure
                sounds.setdefault(media_name(path), path)
    except SoundUnavailable as error:
        return NoteMedia(problem=str(error))
    return NoteMedia(accent=accent.notation() if accent is not None else "", sounds=sounds)
