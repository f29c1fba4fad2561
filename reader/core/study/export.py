"""Study cards out to Anki (``.apkg`` through genanki) and CSV.

Notes have the fields Word, Reading, Meaning, Sentence (Anki furigana:
`` 漢字[かんじ]``, the word in bold) and Source.  Model and deck ids are
stable, and each note's guid comes from the word, so importing again updates
notes instead of duplicating them.  Files are written to a temporary name in
the same folder and renamed over the target: a crash never leaves half a file.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.core.study.store import StudyCard
from reader.core.study.words import anki_furigana, inline_furigana

DEFAULT_DECK = "yomu"
MODEL_ID = 1607392319
"""Fixed so that re-imports update the same note type."""
CSV_FIELDS = ("Word", "Reading", "Meaning", "Sentence", "Furigana", "Source", "Due")

CARD_CSS = """.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.sentence { font-size: 20px; margin-top: 1em; }
.source { font-size: 12px; color: #888; margin-top: 1em; }"""
FRONT = '<div class="word">{{Word}}</div><div class="sentence">{{kanji:Sentence}}</div>'
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="reading">{{Reading}}</div>'
    '<div class="meaning">{{Meaning}}</div><div class="sentence">{{furigana:Sentence}}</div>'
    '<div class="source">{{Source}}</div>'
)


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


def export_rows(cards: Sequence[StudyCard], lookup: Callable[[str, str], str] | None = None) -> list[ExportRow]:
    """Rows for ``cards``; a card without a stored meaning gets ``lookup(lemma, reading)``."""
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
            )
        )
    return rows


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
    """Write an Anki package with one note per row; return the number of notes."""
    import html

    import genanki

    model = genanki.Model(
        MODEL_ID,
        "yomu word",
        fields=[{"name": n} for n in ("Word", "Reading", "Meaning", "Sentence", "Source")],
        templates=[{"name": "Word in context", "qfmt": FRONT, "afmt": BACK}],
        css=CARD_CSS,
    )
    anki_deck = genanki.Deck(deck_id(deck), deck)
    for row in rows:
        fields = [
            html.escape(row.word, quote=False),
            html.escape(row.reading, quote=False),
            html.escape(row.meaning, quote=False),
            row.anki_sentence,
            html.escape(row.source, quote=False),
        ]
        guid = genanki.guid_for(row.word, row.reading)
        anki_deck.add_note(genanki.Note(model=model, fields=fields, guid=guid))
    with atomic_path(target) as temporary:
        genanki.Package(anki_deck).write_to_file(str(temporary))
    return len(rows)


def write_csv(rows: Sequence[ExportRow], target: Path) -> int:
    """Write a UTF-8 CSV with a header row; return the number of rows."""
    with atomic_path(target) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_FIELDS)
        for row in rows:
            writer.writerow(
                (row.word, row.reading, row.meaning, row.sentence, row.inline_sentence, row.source, row.due)
            )
    return len(rows)
