"""Study cards out to Anki (``.apkg`` through genanki) and CSV.

The package's notes use yomu's note type (:mod:`reader.core.study.anki_model`):
Word, Reading, Furigana, Meaning, Sentence (the word in bold), Sentence
furigana, Sentence meaning, Source, Audio, Accent, tagged ``yomu`` and the
article; AnkiConnect adds notes with the same fields.  The audio files a note's
Audio field names (``[sound:yomu-….wav]``) go into the package as its media.  Model and deck ids are stable,
and each note's guid comes from the word, so importing again updates notes
instead of duplicating them.  Files are written to a temporary name in the
same folder and renamed over the target: a crash never leaves half a file.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.core.study import anki_model
from reader.core.study.store import StudyCard
from reader.core.study.words import SourceSentence, anki_furigana, inline_furigana

DEFAULT_DECK = "yomu"
CSV_FIELDS = ("Word", "Reading", "Meaning", "Sentence", "Furigana", "Source", "Due")


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One card as it is exported."""

    word: str
    reading: str
    meaning: str
    sentence: str
    """Plain sentence text."""
    anki_sentence: str
    """HTML with Anki furigana, the word in bold."""
    inline_sentence: str
    """The sentence with readings in brackets: 大統領(だいとうりょう)."""
    source: str
    due: str
    note: anki_model.WordNote | None = None
    """The card as a note of yomu's Anki note type (what ``write_apkg`` writes)."""


def export_rows(
    cards: Sequence[StudyCard],
    lookup: Callable[[str, str], str] | None = None,
    media_of: Callable[[StudyCard], anki_model.NoteMedia] | None = None,
) -> list[ExportRow]:
    """Rows for ``cards``; a card without a stored meaning gets ``lookup(lemma, reading)``.

    ``media_of`` gives a card's accent and audio files (the sound extra), for the notes' Accent and Audio.
    """
    rows = []
    for card in cards:
        meaning = card.meaning
        if not meaning and lookup is not None:
            meaning = lookup(card.lemma, card.reading)
        rows.append(
            ExportRow(
                word=card.lemma,
                reading=card.reading,
                meaning=meaning or "",
                sentence=card.sentence.text,
                anki_sentence=anki_furigana(card.sentence, bold_word=True),
                inline_sentence=inline_furigana(card.sentence),
                source=card.source,
                due="" if card.is_new else card.due.astimezone().strftime("%Y-%m-%d %H:%M"),
                note=card_note(card, meaning or "", media_of(card) if media_of is not None else None),
            )
        )
    return rows


def card_note(card: StudyCard, meaning: str = "", media: anki_model.NoteMedia | None = None) -> anki_model.WordNote:
    """The Anki note of a study card (the date in Source is the day the word was marked)."""
    return anki_model.word_note(
        card.lemma,
        card.reading,
        card.sentence,
        source=card.source,
        meaning=meaning or card.meaning or "",
        date=card.created.astimezone().strftime("%Y-%m-%d"),
        media=media,
    )


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target``, renamed over it when the block succeeds."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def deck_id(name: str) -> int:
    """A stable Anki deck id for ``name`` (within Anki's 31-bit-safe range)."""
    return int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:4], "big") >> 1 | 1 << 30


def write_apkg(rows: Sequence[ExportRow], target: Path, deck: str = DEFAULT_DECK) -> int:
    """Write an Anki package with one note of yomu's note type per row; return the number of notes.

    The audio files of the notes go in as the package's media, under the names
    their Audio fields use (genanki names a media file by its file name, so each
    is copied under that name into a temporary folder first).
    """
    import genanki

    model = genanki.Model(
        anki_model.MODEL_ID,
        anki_model.MODEL_NAME,
        fields=[{"name": name} for name in anki_model.FIELDS],
        templates=[{"name": anki_model.TEMPLATE_NAME, "qfmt": anki_model.FRONT, "afmt": anki_model.BACK}],
        css=anki_model.CSS,
    )
    anki_deck = genanki.Deck(deck_id(deck), deck)
    sounds: dict[str, Path] = {}
    for row in rows:
        note = row.note or anki_model.word_note(
            row.word, row.reading, _plain_sentence(row.sentence), source=row.source, meaning=row.meaning
        )
        guid = genanki.guid_for(row.word, row.reading)
        fields = [note.fields[name] for name in anki_model.FIELDS]
        anki_deck.add_note(genanki.Note(model=model, fields=fields, guid=guid, tags=list(note.tags)))
        sounds.update(note.media.sounds)
    with tempfile.TemporaryDirectory(prefix="yomu-media-") as folder, atomic_path(target) as temporary:
        media_files = []
        for name, path in sounds.items():
            named = Path(folder) / name
            shutil.copyfile(path, named)
            media_files.append(str(named))
        genanki.Package(anki_deck, media_files=media_files).write_to_file(str(temporary))
    return len(rows)


def _plain_sentence(text: str) -> SourceSentence:
    """A row made without its card: the sentence without readings or a marked word."""
    return SourceSentence(text, 0, 0)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula (``=HYPERLINK(…)``)."""


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: a formula start gets a leading ``'``.

    The OWASP rule for CSV injection, as spreadsheet-safe CSV writers apply it;
    the apostrophe is what a spreadsheet itself puts before text that looks
    like a formula.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_csv(rows: Sequence[ExportRow], target: Path) -> int:
    """Write a UTF-8 CSV with a header row; return the number of rows.

    Cells that a spreadsheet would take for a formula are neutralised
    (:func:`spreadsheet_safe`): the sentence and meaning come from articles.
    """
    with atomic_path(target) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_FIELDS)
        for row in rows:
            cells = (row.word, row.reading, row.meaning, row.sentence, row.inline_sentence, row.source, row.due)
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return len(rows)
