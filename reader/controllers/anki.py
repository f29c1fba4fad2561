"""The reader's link to the learner's Anki (AnkiConnect): cards out, known words in.

:class:`AnkiLink` owns an :class:`~reader.integrations.anki.AnkiSync` and runs
every call in a worker, so Anki (closed, slow, refusing) never holds a key:

- a word marked ``L`` (its card already saved in yomu's store) is sent at once
  with its accent and audio (:meth:`AnkiLink.add_card`); the notice says whether
  it was added, was already there, waits for Anki, or was refused;
- on start, the cards that wait are sent, then the known words are read back
  from Anki at most once a day (:meth:`AnkiLink.start`); when marks changed,
  :class:`AnkiLink.KnownWordsChanged` asks the study marks to read them again;
- the palette's ``anki: deck …`` lists Anki's decks (:meth:`AnkiLink.list_decks`)
  and :meth:`AnkiLink.choose_deck` keeps the choice in the settings.

A learner who never used Anki is not told at every start that it is closed:
notices about a closed Anki come once Anki has answered yomu at least once
(a note pushed, known words read) or once Anki settings were chosen; known
words are read on start only then too (before, there is no deck to read them
from), and nothing is asked of the network unless a card waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.worker import Worker

from reader.data.config import Settings
from reader.messages import Notice, failure_of

if TYPE_CHECKING:
    from reader.core.study.store import StudyStore
    from reader.integrations.anki import AnkiSync

__all__ = ["AnkiLink"]


class AnkiLink(Widget):
    """Sends cards to Anki and reads known words from it, in workers."""

    DEFAULT_CSS = "AnkiLink { display: none; }"

    @dataclass
    class KnownWordsChanged(Message):
        """Known words were read from Anki and marks changed: statuses, colours and totals are stale."""

    @dataclass
    class DecksListed(Message):
        """Anki's decks, for choosing the one new notes go to."""

        decks: list[str]
        current: str

    @dataclass
    class SettingsChanged(Message):
        """The learner chose another deck: save the settings."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._sync: AnkiSync | None = None

    @property
    def sync(self) -> AnkiSync:
        """The sync for the settings as they are (made again when the deck changes)."""
        if self._sync is None:
            from reader.core.study.words import meaning_of
            from reader.data.paths import cache_dir
            from reader.integrations.anki import AnkiConfig, AnkiSync
            from reader.integrations.anki.media import card_media

            audio = cache_dir() / "audio"
            self._sync = AnkiSync(
                AnkiConfig.from_settings(self.settings),
                meaning_of=meaning_of,
                media_of=lambda card: card_media(card, audio),
            )
        return self._sync

    # ------------------------------------------------------------ start

    def start(self) -> None:
        """Send the cards that wait, then read known words if the last read is a day old."""
        self._start(self.sync)

    @work(thread=True, group="anki-start", exit_on_error=False, description="talk to Anki")
    def _start(self, sync: AnkiSync) -> None:
        from reader.core.study.store import StudyStore
        from reader.integrations.anki import AnkiError, AnkiUnavailable
        from reader.integrations.anki.known import last_import

        with StudyStore.open(sync.store_path) as store:
            in_use = self._in_use(store)
            imported = last_import(store)
        report = sync.push_pending()
        if report.results or (report.problem is not None and in_use):
            failed = report.problem is not None or report.count("failed")
            self.post_message(Notice(report.message, "warning" if failed else "information", timeout=6))
        if not (in_use or report.count("added") or report.count("duplicate")):
            return  # Anki was never used with yomu: no deck of ours to read known words from
        try:
            sync.client.version()
        except (AnkiUnavailable, AnkiError):
            return  # Anki is closed: known words are read on a later start
        message = sync.refresh_known()
        if message is None:
            return  # read less than a day ago
        with StudyStore.open(sync.store_path) as store:
            read_now = last_import(store) != imported
        if read_now:
            self.post_message(Notice(f"Known words from Anki: {message}", timeout=6))
            self.post_message(self.KnownWordsChanged())
        elif in_use:
            self.post_message(Notice(f"Known words not read from Anki: {message}", "warning", timeout=8))

    def _in_use(self, store: StudyStore) -> bool:
        """Has the learner used Anki with yomu (chosen settings, a note pushed, known words read)?"""
        settings, default = self.settings, Settings()
        if (settings.anki_deck, settings.anki_note_type, settings.anki_known_decks) != (
            default.anki_deck,
            default.anki_note_type,
            default.anki_known_decks,
        ):
            return True
        row = store.connection.execute(
            "SELECT EXISTS (SELECT 1 FROM anki_notes WHERE note_id IS NOT NULL) "
            "OR EXISTS (SELECT 1 FROM anki_state WHERE key = 'known_imported')"
        ).fetchone()
        return bool(row[0])

    # ------------------------------------------------------------ L

    def add_card(self, lemma: str, reading: str) -> None:
        """The word was just marked learning (its card is saved): send the card to Anki now."""
        self._add(self.sync, lemma, reading)

    @work(thread=True, group="anki", exit_on_error=False, description="send the card to Anki")
    def _add(self, sync: AnkiSync, lemma: str, reading: str) -> None:
        from reader.core.study.store import StudyStore

        with StudyStore.open(sync.store_path) as store:
            card = store.card_for(lemma, reading)
            in_use = self._in_use(store)
        if card is None:
            return
        result = sync.add_card(card)
        if result.outcome == "queued" and not in_use:
            return  # Anki was never used with yomu: the card waits quietly for the day it is
        severity: SeverityLevel = "information" if result.outcome == "added" else "warning"
        if result.outcome == "failed":
            severity = "error"
        self.post_message(Notice(result.message, severity, timeout=6 if result.outcome == "added" else 8))

    # ------------------------------------------------------------ palette

    def push_now(self) -> None:
        """Palette: send the waiting cards now, and say what happened even when nothing did."""
        self._push_now(self.sync)

    @work(thread=True, group="anki-start", exit_on_error=False, description="send cards to Anki")
    def _push_now(self, sync: AnkiSync) -> None:
        report = sync.push_pending()
        failed = report.problem is not None or report.count("failed")
        self.post_message(Notice(report.message, "warning" if failed else "information", timeout=6))

    def read_known_now(self) -> None:
        """Palette: read the known words from Anki now, however recent the last read."""
        self._read_known_now(self.sync)

    @work(thread=True, group="anki-start", exit_on_error=False, description="read known words")
    def _read_known_now(self, sync: AnkiSync) -> None:
        from reader.core.study.store import StudyStore
        from reader.integrations.anki.known import last_import

        with StudyStore.open(sync.store_path) as store:
            before = last_import(store)
        message = sync.refresh_known(max_age=None) or ""
        with StudyStore.open(sync.store_path) as store:
            read_now = last_import(store) != before
        if read_now:
            self.post_message(Notice(f"Known words from Anki: {message}", timeout=6))
            self.post_message(self.KnownWordsChanged())
        else:
            self.post_message(Notice(f"Known words not read from Anki: {message}", "warning", timeout=8))

    def list_decks(self) -> None:
        """Palette ``anki: deck …``: ask Anki for its decks; ``DecksListed`` follows (or a notice)."""
        self._list_decks(self.sync)

    @work(thread=True, group="anki-decks", exit_on_error=False, description="list Anki's decks")
    def _list_decks(self, sync: AnkiSync) -> None:
        from reader.integrations.anki import AnkiError, AnkiUnavailable

        try:
            decks = sync.deck_names()
        except AnkiUnavailable as error:
            self.post_message(Notice(f"Cannot list Anki's decks: {error}", "warning", timeout=6))
            return
        except AnkiError as error:
            self.post_message(Notice(f"Cannot list Anki's decks: Anki said: {error}", "warning", timeout=6))
            return
        self.post_message(self.DecksListed(sorted(decks, key=str.casefold), sync.config.deck))

    def choose_deck(self, deck: str) -> None:
        """New notes go to ``deck`` from now on (remembered in the settings)."""
        self.settings.anki_deck = deck
        self._sync = None
        self.post_message(self.SettingsChanged())
        self.post_message(Notice(f"New Anki notes go to the deck {deck}", timeout=4))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.post_message(failure)
