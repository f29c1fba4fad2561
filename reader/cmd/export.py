"""``yomu export anki [--deck NAME] OUT.apkg`` and ``yomu export csv OUT.csv``: the study deck out.

Cards of words being learned are exported (``--all`` adds the ones marked
known or ignored since).  Meanings not yet looked up come from JMdict.  With
the sound extra, each note of the ``.apkg`` carries the word's pitch accent and
the audio of the word and its sentence (``--no-audio``: the accent only).  The
file is written to a temporary name and renamed: never half a file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cmd import CommandParser, fail, open_study_store, warn
from reader.core.printable import one_line

if TYPE_CHECKING:
    from reader.core.study.anki_model import NoteMedia
    from reader.core.study.store import StudyCard


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu export", description="Export the study cards.")
    formats = parser.add_subparsers(dest="format", required=True, metavar="{anki,csv}")
    anki = formats.add_parser("anki", help="an Anki package (.apkg): Word, Reading, Meaning, Sentence, Source")
    anki.add_argument("--deck", default=None, help="deck name in Anki (default: yomu)")
    anki.add_argument("--no-audio", action="store_true", help="leave out the audio of words and sentences")
    anki.add_argument("out", help="the .apkg file to write")
    csv = formats.add_parser("csv", help="a UTF-8 CSV file with a header row")
    csv.add_argument("out", help="the .csv file to write")
    for sub in (anki, csv):
        sub.add_argument("--all", action="store_true", help="also cards of words since marked known or ignored")
    return parser


def _lookup() -> Callable[[str, str], str]:
    """A meaning look-up that degrades to no meaning (with one warning) without a dictionary."""
    from reader.core.lexicon import DictionaryUnavailable
    from reader.core.study.words import meaning_of

    warned = False

    def lookup(lemma: str, reading: str) -> str:
        nonlocal warned
        try:
            return meaning_of(lemma, reading)
        except DictionaryUnavailable as error:
            if not warned:
                warn(f"meanings left empty: {error}")
                warned = True
            return ""

    return lookup


def _media(audio: bool) -> Callable[[StudyCard], NoteMedia]:
    """Each card's accent and audio (the sound extra); without the extra, nothing, with one warning."""
    from reader.data.paths import cache_dir
    from reader.integrations.anki.media import card_media

    warned = False

    def media(card: StudyCard) -> NoteMedia:
        nonlocal warned
        found = card_media(card, cache_dir() / "audio", audio=audio)
        if found.problem and not warned:
            print(f"yomu: accents and audio left out: {found.problem}", file=sys.stderr)
            warned = True
        return found

    return media


def main(argv: Sequence[str]) -> int:
    """Run ``yomu export``."""
    args = _parser().parse_args(list(argv))
    out = Path(args.out)
    if out.is_dir():
        return fail(f"{out}: is a folder; give a file name")
    if not out.parent.is_dir():
        return fail(f"{out}: the folder {out.parent} does not exist")
    from reader.core.study.export import DEFAULT_DECK, export_rows, write_apkg, write_csv
    from reader.core.study.store import StoreError

    store = open_study_store()
    if store is None:
        return 1
    with store:
        try:
            cards = store.cards(studied_only=not args.all)
        except StoreError as error:
            return fail(str(error))
        if not cards:
            return fail("no study cards yet: mark words with L while reading")
        media = _media(audio=not args.no_audio) if args.format == "anki" else None
        rows = export_rows(cards, _lookup(), media)
        for card, row in zip(cards, rows, strict=True):
            if row.meaning and not card.meaning:
                try:
                    store.set_meaning(card.id, row.meaning)
                except StoreError as error:
                    # Keeping meanings is a cache: the export goes on without it.
                    warn(f"meanings looked up but not kept: {error}")
                    break
    try:
        count = write_apkg(rows, out, args.deck or DEFAULT_DECK) if args.format == "anki" else write_csv(rows, out)
    except OSError as error:
        return fail(f"{out}: cannot be written ({error.strerror or error})")
    print(f"{count} card{'s' if count != 1 else ''} written to {one_line(out)}", file=sys.stderr)
    return 0
