"""``yomu anki status|sync|import-known|deck``: yomu and the learner's Anki.

- ``status``: does AnkiConnect answer, which deck and note type are chosen,
  how many cards wait, why the last one failed;
- ``sync``: push the cards waiting in yomu (made while Anki was closed);
- ``import-known``: mark the words of Anki's mature cards known (younger ones
  learning, suspended ones ignored) — through AnkiConnect, or from a
  collection file (``--collection``) or an exported deck (``--apkg``);
- ``deck [NAME]``: list Anki's decks, or choose the one new notes go to.

Every failure is one line on stderr and exit status 1; nothing is lost (a card
that could not be pushed waits in yomu).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cmd import CommandParser, fail, open_study_store

if TYPE_CHECKING:
    from reader.data.config import Settings
    from reader.integrations.anki.sync import AnkiConfig


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu anki", description="Cards into Anki, known words back from it.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{status,sync,import-known,deck}")
    commands.add_parser("status", help="AnkiConnect, the chosen deck and note type, cards waiting")
    sync = commands.add_parser("sync", help="push the cards waiting in yomu into Anki")
    sync.add_argument("--limit", type=int, default=None, metavar="N", help="push at most N cards")
    known = commands.add_parser("import-known", help="mark the words Anki knows (interval ≥ N days) as known")
    source = known.add_mutually_exclusive_group()
    source.add_argument("--collection", metavar="PATH", help="read collection.anki2 (a copy; Anki may be open)")
    source.add_argument("--apkg", metavar="PATH", help="read an exported deck (.apkg)")
    known.add_argument(
        "--deck", action="append", default=None, metavar="NAME", help="a deck to read (repeat; default: settings)"
    )
    known.add_argument("--days", type=int, default=None, metavar="N", help="interval that counts as known (21)")
    known.add_argument("--word-field", default=None, metavar="FIELD", help="the field holding the word")
    known.add_argument("--reading-field", default=None, metavar="FIELD", help="the field holding the reading")
    known.add_argument("--dry-run", action="store_true", help="count, but write no marks")
    deck = commands.add_parser("deck", help="list Anki's decks, or choose the deck new notes go to")
    deck.add_argument("name", nargs="?", help="the deck to use (created when it is 'yomu')")
    return parser


def _settings() -> Settings:
    from reader.data.config import load_settings

    settings, warning = load_settings()
    if warning:
        print(f"yomu: {warning}", file=sys.stderr)
    return settings


def _config(settings: Settings) -> AnkiConfig:
    from reader.integrations.anki.sync import AnkiConfig

    return AnkiConfig.from_settings(settings)


def _meaning_lookup() -> Callable[[str, str], str]:
    """JMdict meanings for cards pushed without one; no dictionary → empty meanings."""
    from reader.cmd.export import _lookup

    return _lookup()


def _status(config: AnkiConfig) -> int:
    from reader.integrations.anki import AnkiConnect, AnkiError, AnkiSync, AnkiUnavailable
    from reader.integrations.anki.known import last_import

    store = open_study_store()
    if store is None:
        return 1
    with store:
        sync = AnkiSync(config, store.path)
        waiting = sync.pending_count()
        problem = sync.last_error()
        imported = last_import(store)
    print(f"deck: {config.deck} · note type: {config.model} · known from {config.known_interval} days")
    client = AnkiConnect(config.url, config.key)
    try:
        version = client.version()
        decks = client.deck_names()
        models = client.model_names()
    except (AnkiUnavailable, AnkiError) as error:
        print(f"AnkiConnect: {error}")
    else:
        from reader.integrations.anki.sync import DEFAULT_DECK

        made = " (yomu makes it with the first card)"
        deck_note = "" if config.deck in decks else made if config.deck == DEFAULT_DECK else " (no such deck!)"
        model_note = "" if config.model in models else made if not config.note_type else " (no such note type!)"
        print(
            f"AnkiConnect {version} at {config.url}: "
            f"{len(decks)} decks{deck_note}, {len(models)} note types{model_note}"
        )
    print(
        f"waiting in yomu: {waiting} card{'s' if waiting != 1 else ''}"
        + (f" · last problem: {problem}" if problem else "")
    )
    if imported is not None:
        print(f"known words last imported {datetime.fromtimestamp(imported):%Y-%m-%d %H:%M}")
    return 0


def _sync(config: AnkiConfig, limit: int | None) -> int:
    from reader.integrations.anki import AnkiSync

    if limit is not None and limit < 1:
        return fail(f"--limit {limit}: must be 1 or more")
    store = open_study_store()
    if store is None:
        return 1
    with store:
        path = store.path
    from reader.data.paths import cache_dir
    from reader.integrations.anki.media import card_media

    audio = cache_dir() / "audio"
    sync = AnkiSync(config, path, meaning_of=_meaning_lookup(), media_of=lambda card: card_media(card, audio))
    report = sync.push_pending(limit)
    if report.problem is not None or report.count("failed"):
        return fail(report.message)
    print(report.message)
    return 0


def _import_known(args: argparse.Namespace, config: AnkiConfig) -> int:
    from reader.integrations.anki import AnkiConnect, AnkiError, AnkiUnavailable, sources
    from reader.integrations.anki import known as known_words

    days = args.days if args.days is not None else config.known_interval
    if days < 1:
        return fail(f"--days {days}: must be 1 or more")
    fields = dict(config.fields)
    if args.word_field:
        fields["Word"] = args.word_field
    if args.reading_field:
        fields["Reading"] = args.reading_field
    decks = args.deck or None
    notes: Callable[[], list[known_words.AnkiNoteState]]
    if args.collection:
        path = Path(args.collection)
        if path.is_dir():
            path = path / "collection.anki2"
        notes = lambda: sources.notes_from_collection(path, decks or list(config.decks_for_known), days)  # noqa: E731
    elif args.apkg:
        notes = lambda: sources.notes_from_apkg(Path(args.apkg), decks, days)  # noqa: E731
    else:
        client = AnkiConnect(config.url, config.key)
        notes = lambda: sources.notes_from_connect(client, decks or list(config.decks_for_known), days)  # noqa: E731
    store = open_study_store()
    if store is None:
        return 1
    with store:
        try:
            report = known_words.import_known(store, notes, fields, dry_run=args.dry_run)
        except known_words.KnownImportError as error:
            return fail(str(error))
        except AnkiUnavailable as error:
            return fail(f"{error}: start Anki, or read a file with --collection PATH or --apkg PATH")
        except AnkiError as error:
            return fail(f"Anki said: {error}")
    print(report.message)
    return 0


def _deck(config: AnkiConfig, name: str | None) -> int:
    from reader.integrations.anki import AnkiConnect, AnkiError, AnkiUnavailable
    from reader.integrations.anki.sync import DEFAULT_DECK

    client = AnkiConnect(config.url, config.key)
    try:
        decks = client.deck_names()
    except AnkiError as error:
        return fail(f"Anki said: {error}")
    except AnkiUnavailable as error:
        if name is None:
            return fail(str(error))
        decks = None
    if name is None:
        for deck in decks or []:
            print(("* " if deck == config.deck else "  ") + deck)
        return 0
    name = name.strip()
    if not name:
        return fail("give a deck name")
    if decks is not None and name not in decks and name != DEFAULT_DECK:
        return fail(f"Anki has no deck {name!r} (it has {', '.join(decks[:6]) or 'none'}); create it in Anki first")
    from reader.data.config import save_settings

    settings = _settings()
    settings.anki_deck = name
    try:
        save_settings(settings)
    except OSError as error:
        return fail(f"settings cannot be written ({error.strerror or error})")
    checked = "" if decks is not None else " (Anki is not running: not checked)"
    print(f"new notes go to the deck {name!r}{checked}")
    return 0


def main(argv: Sequence[str]) -> int:
    """Run ``yomu anki``."""
    args = _parser().parse_args(list(argv))
    config = _config(_settings())
    if args.command == "status":
        return _status(config)
    if args.command == "sync":
        return _sync(config, args.limit)
    if args.command == "import-known":
        return _import_known(args, config)
    return _deck(config, args.name)
