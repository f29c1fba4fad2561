"""Cards into the learner's Anki through AnkiConnect, never losing one.

A card is made in yomu's store first (``L`` marks the word learning); it is
*pushed* only once Anki answered with a note id, which is kept in the store's
``anki_notes`` table.  Until then it waits: every card of a word being learned
without a note id is pending, whether Anki was closed, refused it, or yomu was
killed in between.  :meth:`AnkiSync.push_pending` (``yomu anki sync``, the
reader's start) sends what waits; :meth:`AnkiSync.add_card` (the reader's ``L``)
sends one card at once.

Before a note is added, Anki is asked whether it already has the word
(``findNotes`` on the word and reading fields, then ``canAddNotes``): a
duplicate is linked to the note Anki has and reported, never added twice.
A note carries the word's accent and the audio of the word and its sentence
when ``media_of`` gives them (:func:`reader.integrations.anki.media.card_media`):
the files are stored in Anki's media folder (``storeMediaFile``) just before
the note that names them is added.  A note Anki takes without its audio (the
extra missing, the media refused) is still added; the message says so.

Every method answers with a result whose ``message`` says what happened in
one line; none raises for a failure of Anki.  Each call opens its own
connection to the store, so a worker thread may call it.

What the learner chose (:class:`AnkiConfig`) and the check that Anki can take
notes that way are :mod:`reader.integrations.anki.config`; the ``anki_notes``
table (which cards wait, which are in Anki) is read and written by
:mod:`reader.integrations.anki.pending`.  Their public names are imported
here too, where they were first defined.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from reader.core.study import anki_model
from reader.core.study.store import StudyCard, StudyStore
from reader.integrations.anki.client import AnkiConnect, AnkiError, AnkiUnavailable, search_term
from reader.integrations.anki.config import DEFAULT_DECK, AnkiConfig, SetupProblem, Target, check_setup, field_mapping
from reader.integrations.anki.pending import note_id_of, pending_card_ids, record_failure, record_push

CHECK_TTL = 60.0
"""Seconds a successful check of deck and note type is trusted by :meth:`AnkiSync.add_card`.

Each check is four round trips; a learner marking words one after another
needs only the three of the add itself (findNotes, canAddNotes, addNote)."""

Outcome = Literal["added", "duplicate", "queued", "failed"]


@dataclass(frozen=True, slots=True)
class PushResult:
    """What happened to one card."""

    card_id: int
    word: str
    outcome: Outcome
    """added · duplicate (Anki had it: linked, not added) · queued (Anki not reachable) · failed (Anki refused)."""
    message: str
    """One line for a notice."""
    note_id: int | None = None

    @property
    def pushed(self) -> bool:
        """The card has its note in Anki (added now or found there)."""
        return self.outcome in ("added", "duplicate")


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a push of the waiting cards did."""

    results: tuple[PushResult, ...]
    waiting: int
    """Cards still waiting afterwards."""
    problem: str | None = None
    """Why nothing could be pushed (Anki closed, no such deck …), when that is so."""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def message(self) -> str:
        """One line: what was added, found, refused, and what still waits."""
        if self.problem is not None:
            return f"{self.problem}; {_cards(self.waiting)} wait{'s' if self.waiting == 1 else ''} in yomu"
        if not self.results:
            return "Anki is up to date: no card waits"
        parts = [f"{self.count('added')} added"]
        if self.count("duplicate"):
            parts.append(f"{self.count('duplicate')} already in Anki (not added again)")
        failed = [r for r in self.results if r.outcome == "failed"]
        if failed:
            parts.append(f"{len(failed)} refused ({failed[0].message})")
        if self.waiting:
            parts.append(f"{_cards(self.waiting)} still wait{'s' if self.waiting == 1 else ''}")
        return "Anki: " + ", ".join(parts)


def _cards(count: int) -> str:
    return f"{count} card{'s' if count != 1 else ''}"


_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(path: Path) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(path.resolve(), threading.Lock())


class AnkiSync:
    """Push yomu's cards into Anki and keep track of which are there.

    ``store_path`` is yomu's database (default: the user's); ``meaning_of``
    looks up a meaning for cards that have none yet (a JMdict look-up);
    ``media_of`` gives a card's accent and audio files.
    """

    def __init__(
        self,
        config: AnkiConfig,
        store_path: Path | None = None,
        client: AnkiConnect | None = None,
        meaning_of: Callable[[str, str], str] | None = None,
        media_of: Callable[[StudyCard], anki_model.NoteMedia] | None = None,
    ) -> None:
        from reader.data.paths import database_path

        self.config = config
        self.store_path = store_path or database_path()
        self.client = client or AnkiConnect(config.url, config.key)
        self.meaning_of = meaning_of
        self.media_of = media_of
        self._checked: tuple[float, Target] | None = None

    # ----------------------------------------------------------- the queue

    def pending_count(self) -> int:
        """Cards of words being learned that are not in Anki yet."""
        with StudyStore.open(self.store_path) as store:
            return len(pending_card_ids(store))

    def last_error(self) -> str | None:
        """Why the most recent failed push failed, if a card still waits because of it."""
        with StudyStore.open(self.store_path) as store:
            row = store.connection.execute(
                "SELECT error FROM anki_notes WHERE note_id IS NULL AND error IS NOT NULL ORDER BY tried DESC LIMIT 1"
            ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------- pushing

    def add_card(self, card: StudyCard) -> PushResult:
        """Send one card to Anki now (the reader's ``L``); it waits in yomu if Anki cannot take it.

        A card already in Anki is reported as a duplicate, never added again.
        """
        with _lock_for(self.store_path), StudyStore.open(self.store_path) as store:
            known = note_id_of(store, card.id)
            if known is not None:
                return PushResult(card.id, card.lemma, "duplicate", _already(card.lemma, known), known)
            try:
                target = self._target(reuse=True)
            except AnkiUnavailable as error:
                return PushResult(card.id, card.lemma, "queued", _waits(card.lemma, str(error)))
            except (AnkiError, SetupProblem) as error:
                message = _setup_message(error)
                record_failure(store, card.id, message)
                return PushResult(card.id, card.lemma, "failed", f"{message}: 「{card.lemma}」 waits in yomu")
            return self._push(store, card, target)

    def push_pending(self, limit: int | None = None) -> SyncReport:
        """Send every waiting card (oldest first, at most ``limit``); stop at the first sign Anki went away."""
        with _lock_for(self.store_path), StudyStore.open(self.store_path) as store:
            ids = pending_card_ids(store)
            if not ids:
                return SyncReport((), 0)
            try:
                target = self._target()
            except AnkiUnavailable as error:
                return SyncReport((), len(ids), str(error))
            except (AnkiError, SetupProblem) as error:
                message = _setup_message(error)
                for card_id in ids:
                    record_failure(store, card_id, message)
                return SyncReport((), len(ids), message)
            results: list[PushResult] = []
            for card_id in ids[:limit] if limit is not None else ids:
                card = store.card(card_id)
                if card is None:
                    continue
                result = self._push(store, card, target)
                results.append(result)
                if result.outcome == "queued":
                    break  # Anki went away: the rest waits for the next sync
            return SyncReport(tuple(results), len(pending_card_ids(store)))

    def _push(self, store: StudyStore, card: StudyCard, target: Target) -> PushResult:
        meaning = card.meaning or ""
        if not meaning and self.meaning_of is not None:
            try:
                meaning = self.meaning_of(card.lemma, card.reading)
            except Exception:  # a missing dictionary leaves the meaning empty, never the card behind
                meaning = ""
            if meaning:
                store.set_meaning(card.id, meaning)
        from reader.core.study.export import card_note

        note = card_note(card, meaning)
        payload = _payload(note, target)
        media_problem: str | None = None
        try:
            existing = self.client.find_notes(_duplicate_query(note, target))
            if existing:
                record_push(store, card.id, existing[0], "duplicate")
                return PushResult(card.id, card.lemma, "duplicate", _already(card.lemma, existing[0]), existing[0])
            allow_duplicate = not self.client.can_add_notes([payload])[0]
            if self.media_of is not None:
                # Made only now: a duplicate needs no audio.
                note, media_problem = self._with_media(card, meaning, target)
                payload = _payload(note, target)
            if allow_duplicate:
                # Anki checks only the first field: the same spelling with another
                # reading (生 なま / 生 せい) is a different word for yomu, and
                # findNotes above found no note with this reading.
                payload["options"] = {"allowDuplicate": True}
            note_id = self.client.add_note(payload)
        except AnkiUnavailable as error:
            self._checked = None
            return PushResult(card.id, card.lemma, "queued", _waits(card.lemma, str(error)))
        except AnkiError as error:
            self._checked = None  # the deck or note type may have gone: check again next time
            message = f"Anki refused 「{card.lemma}」: {error}"
            record_failure(store, card.id, message)
            return PushResult(card.id, card.lemma, "failed", f"{message} (it waits in yomu)")
        record_push(store, card.id, note_id, "added")
        added = f"「{card.lemma}」 added to Anki ({target.deck})"
        if media_problem:
            added += f" without audio: {media_problem}"
        return PushResult(card.id, card.lemma, "added", added, note_id)

    def _with_media(self, card: StudyCard, meaning: str, target: Target) -> tuple[anki_model.WordNote, str | None]:
        """The note with its accent and audio, the audio stored in Anki's media folder.

        Returns the note and why it lacks audio, if it does.  Raises
        :class:`AnkiUnavailable` when Anki went away meanwhile (the card waits).
        """
        from reader.core.study.export import card_note

        assert self.media_of is not None
        try:
            media = self.media_of(card)
        except Exception as error:  # no audio is never a reason to lose the card
            media = anki_model.NoteMedia(problem=f"{type(error).__name__}: {error}")
        problem = media.problem
        if media.sounds and "Audio" in target.field_names:
            try:
                stored: dict[str, Path] = {}
                for name, path in media.sounds.items():
                    # Anki answers with the name it kept the file under; the field must use that one.
                    stored[self.client.store_media_file(name, path.read_bytes())] = path
                media = anki_model.NoteMedia(accent=media.accent, sounds=stored, problem=media.problem)
            except AnkiError as error:
                problem = f"Anki did not take the audio ({error})"
                media = anki_model.NoteMedia(accent=media.accent)
            except OSError as error:
                problem = f"the audio cannot be read ({error.strerror or error})"
                media = anki_model.NoteMedia(accent=media.accent)
        return card_note(card, meaning, media), problem

    # ------------------------------------------------------------- set-up

    def _target(self, reuse: bool = False) -> Target:
        """Where notes go, as :func:`~reader.integrations.anki.config.check_setup` finds it (or raises).

        ``reuse``: trust a check made less than :data:`CHECK_TTL` seconds ago.
        """
        if reuse and self._checked is not None and time.monotonic() - self._checked[0] < CHECK_TTL:
            return self._checked[1]
        self._checked = None
        target = check_setup(self.client, self.config)
        self._checked = (time.monotonic(), target)
        return target

    def deck_names(self) -> list[str]:
        """Anki's decks, for choosing one (raises :class:`AnkiUnavailable` / :class:`AnkiError`)."""
        return self.client.deck_names()

    def refresh_known(self, max_age: float | None = 86400.0) -> str | None:
        """Import known words through AnkiConnect if the last import is older than ``max_age`` seconds.

        For the reader's start: at most daily, quietly.  Returns the import's
        one-line report, ``None`` when no import was due, or the one line saying
        why it failed (Anki closed, no such deck …); never raises for Anki.
        """
        from reader.integrations.anki import known, sources

        with _lock_for(self.store_path), StudyStore.open(self.store_path) as store:
            last = known.last_import(store)
            if max_age is not None and last is not None and time.time() - last < max_age:
                return None
            config = self.config
            try:
                report = known.import_known(
                    store,
                    lambda: sources.notes_from_connect(self.client, config.decks_for_known, config.known_interval),
                    config.fields,
                )
            except (AnkiUnavailable, known.KnownImportError) as error:
                return str(error)
            except AnkiError as error:
                return f"Anki said: {error}"
            return report.message


def _payload(note: anki_model.WordNote, target: Target) -> dict[str, Any]:
    fields = {target.field_names[name]: value for name, value in note.fields.items() if name in target.field_names}
    return {"deckName": target.deck, "modelName": target.model, "fields": fields, "tags": list(note.tags)}


def _duplicate_query(note: anki_model.WordNote, target: Target) -> str:
    terms = [search_term("note", target.model), search_term(target.field_names["Word"], note.fields["Word"])]
    terms.append(search_term(target.field_names["Reading"], note.fields["Reading"]))
    return " ".join(terms)


def _already(word: str, note_id: int) -> str:
    return f"「{word}」 is already in Anki (note {note_id}): not added again"


def _waits(word: str, why: str) -> str:
    return f"{why}: 「{word}」 waits in yomu (yomu anki sync, or the next start)"


def _setup_message(error: Exception) -> str:
    if isinstance(error, AnkiError):
        return f"Anki said: {error}"
    return str(error)


__all__ = [
    "DEFAULT_DECK",
    "AnkiConfig",
    "AnkiSync",
    "PushResult",
    "SetupProblem",
    "SyncReport",
    "field_mapping",
    "note_id_of",
    "pending_card_ids",
]
