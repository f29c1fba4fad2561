"""What the learner chose for Anki, and the check that Anki can take yomu's notes so.

:class:`AnkiConfig` is read from the reader's settings; :func:`check_setup`
asks Anki (through :class:`~reader.integrations.anki.client.AnkiConnect`)
for the deck, the note type and its fields, creates yomu's own when missing,
and answers with the :class:`Target` notes are added to, or raises
:class:`SetupProblem` in one line.  :class:`~reader.integrations.anki.sync.AnkiSync`
calls it before it pushes, and trusts the answer for a minute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.core.study import anki_model
from reader.integrations.anki.client import AnkiConnect

DEFAULT_DECK = "yomu"
"""The deck yomu creates by itself; any other chosen deck must exist in Anki."""


@dataclass(frozen=True, slots=True)
class AnkiConfig:
    """What the learner chose for Anki (from settings; see ``reader.data.config``)."""

    url: str = "http://127.0.0.1:8765"
    key: str = ""
    deck: str = DEFAULT_DECK
    note_type: str = ""
    """Empty: yomu's own note type (:data:`reader.core.study.anki_model.MODEL_NAME`)."""
    fields: Mapping[str, str] = field(default_factory=dict)
    """yomu field name → the note type's field name, where they differ."""
    known_decks: tuple[str, ...] = ()
    known_interval: int = 21

    @classmethod
    def from_settings(cls, settings: Any) -> AnkiConfig:
        """Read the ``anki_*`` fields of the reader's settings."""
        return cls(
            url=settings.anki_url,
            key=settings.anki_key,
            deck=settings.anki_deck,
            note_type=settings.anki_note_type,
            fields=dict(settings.anki_fields),
            known_decks=tuple(settings.anki_known_decks),
            known_interval=settings.anki_known_interval,
        )

    @property
    def model(self) -> str:
        """The note type new notes use."""
        return self.note_type or anki_model.MODEL_NAME

    @property
    def decks_for_known(self) -> tuple[str, ...]:
        """The decks known words are read from."""
        return self.known_decks or (self.deck,)


class SetupProblem(Exception):
    """Anki answers but cannot take yomu's notes as chosen (no such deck, note type without the fields)."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where notes go, as checked: the deck, the note type, and the fields it has."""

    deck: str
    model: str
    field_names: dict[str, str]
    """yomu field → the note type's field, for the fields it has."""


def check_setup(client: AnkiConnect, config: AnkiConfig) -> Target:
    """Check that Anki can take notes as ``config`` chooses: version, deck, note type and its fields.

    yomu's own deck and note type are created when missing; a deck or note
    type the learner chose must exist.  Raises :class:`SetupProblem` with one line.
    """
    version = client.version()
    if version < 6:
        raise SetupProblem(f"AnkiConnect speaks version {version}; yomu needs 6: update the add-on")
    decks = client.deck_names()
    if config.deck not in decks:
        folded = {d.casefold(): d for d in decks}
        if config.deck.casefold() in folded:
            deck = folded[config.deck.casefold()]
        elif config.deck == DEFAULT_DECK:
            client.create_deck(config.deck)
            deck = config.deck
        else:
            raise SetupProblem(f"Anki has no deck {config.deck!r} (it has {_listing(decks)}); choose one")
    else:
        deck = config.deck
    model = config.model
    models = client.model_names()
    if model not in models:
        if config.note_type:
            raise SetupProblem(f"Anki has no note type {model!r} (it has {_listing(models)})")
        client.create_model(
            anki_model.MODEL_NAME,
            anki_model.FIELDS,
            [{"Name": anki_model.TEMPLATE_NAME, "Front": anki_model.FRONT, "Back": anki_model.BACK}],
            anki_model.CSS,
        )
    their_fields = client.model_field_names(model)
    mapping = field_mapping(their_fields, config.fields)
    missing = [name for name in anki_model.REQUIRED_FIELDS if name not in mapping]
    if missing:
        wanted = ", ".join(
            f"{name} (as {config.fields[name]!r})" if name in config.fields else name for name in missing
        )
        raise SetupProblem(
            f"note type {model!r} has no field {wanted}; add them in Anki or map them in settings (anki_fields)"
        )
    return Target(deck, model, mapping)


def field_mapping(their_fields: Iterable[str], chosen: Mapping[str, str]) -> dict[str, str]:
    """yomu field → the note type's field, for each yomu field the note type has.

    A field is matched under the name the learner mapped it to, else under its
    own name; case does not matter (as in AnkiConnect).
    """
    folded = {name.casefold(): name for name in their_fields}
    mapping: dict[str, str] = {}
    for name in anki_model.FIELDS:
        wanted = chosen.get(name, name)
        if wanted.casefold() in folded:
            mapping[name] = folded[wanted.casefold()]
    return mapping


def _listing(names: list[str], most: int = 6) -> str:
    if not names:
        return "none"
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")
