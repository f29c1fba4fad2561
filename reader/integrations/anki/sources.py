"""Where known words come from: AnkiConnect, a collection file, an exported deck.

Each source gives a list of :class:`~reader.integrations.anki.known.AnkiNoteState`
(a note's fields and what its cards say); :mod:`~reader.integrations.anki.known`
makes word marks of them.

- AnkiConnect, when Anki runs: Anki's own search (``prop:ivl>=N``,
  ``is:suspended``, ``is:new``) and ``notesInfo`` in slices;
- the learner's collection file (``collection.anki2``), read from a copy (with
  its WAL) so Anki's file is never touched, even while Anki has it open; both
  the current schema (``notetypes``, ``fields``, ``decks`` tables) and the old
  one (JSON in ``col``) are read;
- an exported deck (``.apkg``): the newest collection inside it
  (``collection.anki21b`` is zstd-compressed; a new package's
  ``collection.anki2`` is a stub).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from reader.integrations.anki.client import AnkiConnect, search_term
from reader.integrations.anki.known import KNOWN_INTERVAL, AnkiNoteState, KnownImportError, status_of_cards

NOTES_PER_REQUEST = 250
"""notesInfo is asked in slices so each answer comes well within the timeout."""


def notes_from_connect(
    client: AnkiConnect, decks: Sequence[str], known_interval: int = KNOWN_INTERVAL
) -> list[AnkiNoteState]:
    """The notes of ``decks`` (and their subdecks) through AnkiConnect, with their status from Anki's search."""
    names = client.deck_names()
    folded = {n.casefold() for n in names}
    missing = [d for d in decks if d.casefold() not in folded]
    if missing:
        raise KnownImportError(f"Anki has no deck {missing[0]!r} (it has {', '.join(names[:6]) or 'none'})")
    scope = "(" + " OR ".join(search_term("deck", d) for d in decks) + ")"
    known = set(client.find_notes(f"{scope} -is:suspended -is:new prop:ivl>={int(known_interval)}"))
    studied = set(client.find_notes(f"{scope} -is:suspended -is:new"))
    suspended = set(client.find_notes(f"{scope} is:suspended"))
    new = set(client.find_notes(f"{scope} is:new -is:suspended"))
    ids = sorted(studied | suspended | new)
    out: list[AnkiNoteState] = []
    for start in range(0, len(ids), NOTES_PER_REQUEST):
        for info in client.notes_info(ids[start : start + NOTES_PER_REQUEST]):
            if not info:
                continue
            note_id = int(info["noteId"])
            if note_id in known:
                status: str | None = "known"
            elif note_id in studied:
                status = "learning"
            elif note_id in suspended and note_id not in new:
                status = "ignored"
            else:
                status = None
            ordered = sorted(info["fields"].items(), key=lambda item: item[1]["order"])
            out.append(
                AnkiNoteState(
                    model=str(info.get("modelName", "")),
                    fields={name: str(value["value"]) for name, value in ordered},
                    field_order=tuple(name for name, _ in ordered),
                    status=status,
                )
            )
    return out


def _unicase(a: str, b: str) -> int:
    fa, fb = a.casefold(), b.casefold()
    return (fa > fb) - (fa < fb)


@contextmanager
def _collection_copy(path: Path) -> Iterator[sqlite3.Connection]:
    """A private copy of a collection (and its WAL), opened; Anki's own file is only read."""
    with tempfile.TemporaryDirectory(prefix="yomu-anki-") as folder:
        copy = Path(folder) / "collection.anki2"
        shutil.copyfile(path, copy)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        connection = sqlite3.connect(copy)
        try:
            connection.create_collation("unicase", _unicase)
            yield connection
        finally:
            connection.close()


def _deck_names(connection: sqlite3.Connection, tables: set[str]) -> dict[int, str]:
    if "decks" in tables:
        return {int(i): str(name).replace("\x1f", "::") for i, name in connection.execute("SELECT id, name FROM decks")}
    raw = connection.execute("SELECT decks FROM col").fetchone()[0]
    return {int(i): str(deck["name"]) for i, deck in json.loads(raw or "{}").items()}


def _note_types(connection: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, tuple[str, ...]]]:
    if "notetypes" in tables:
        names = {int(i): str(n) for i, n in connection.execute("SELECT id, name FROM notetypes")}
        fields: dict[int, list[str]] = {}
        for ntid, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(int(ntid), []).append(str(name))
        return {i: (names[i], tuple(fields.get(i, []))) for i in names}
    raw = connection.execute("SELECT models FROM col").fetchone()[0]
    return {
        int(i): (str(m["name"]), tuple(f["name"] for f in sorted(m["flds"], key=lambda f: f["ord"])))
        for i, m in json.loads(raw or "{}").items()
    }


def _notes_from_database(
    connection: sqlite3.Connection, label: str, decks: Sequence[str] | None, known_interval: int
) -> list[AnkiNoteState]:
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        raise KnownImportError(f"{label}: not an Anki collection (not an SQLite database)") from None
    if not {"col", "notes", "cards"} <= tables:
        raise KnownImportError(f"{label}: not an Anki collection (no notes and cards tables)")
    deck_names = _deck_names(connection, tables)
    if decks:
        wanted = [d.casefold() for d in decks]
        chosen = {
            i
            for i, name in deck_names.items()
            if any(name.casefold() == w or name.casefold().startswith(w + "::") for w in wanted)
        }
        found = {name.casefold() for name in deck_names.values()}
        missing = [d for d in decks if d.casefold() not in found]
        if missing:
            listing = ", ".join(sorted(deck_names.values())[:6]) or "none"
            raise KnownImportError(f"{label}: no deck {missing[0]!r} (it has {listing})")
        ids = ",".join(str(i) for i in sorted(chosen))
        where = f"WHERE c.did IN ({ids}) OR c.odid IN ({ids})"
    else:
        where = ""
    note_types = _note_types(connection, tables)
    cards: dict[int, list[tuple[int, int, int]]] = {}
    fields: dict[int, tuple[int, str]] = {}
    rows = connection.execute(
        f"SELECT n.id, n.mid, n.flds, c.ivl, c.queue, c.type FROM cards c JOIN notes n ON n.id = c.nid {where}"
    )
    for note_id, mid, flds, ivl, queue, kind in rows:
        cards.setdefault(note_id, []).append((int(ivl), int(queue), int(kind)))
        fields[note_id] = (int(mid), flds)
    out = []
    for note_id, (mid, flds) in fields.items():
        model, order = note_types.get(mid, ("", ()))
        values = flds.split("\x1f")
        names = order if len(order) == len(values) else tuple(f"Field {i + 1}" for i in range(len(values)))
        out.append(
            AnkiNoteState(
                model, dict(zip(names, values, strict=True)), names, status_of_cards(cards[note_id], known_interval)
            )
        )
    return out


def notes_from_collection(
    path: Path, decks: Sequence[str] | None, known_interval: int = KNOWN_INTERVAL
) -> list[AnkiNoteState]:
    """The notes of ``decks`` (all decks when ``None``) in a collection file, read from a copy."""
    if not path.is_file():
        raise KnownImportError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        with _collection_copy(path) as connection:
            return _notes_from_database(connection, str(path), decks, known_interval)
    except sqlite3.DatabaseError as error:
        raise KnownImportError(f"{path}: not a readable Anki collection ({error})") from None
    except OSError as error:
        raise KnownImportError(f"{path}: cannot be read ({error.strerror or error})") from None


PACKAGE_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""Collections inside an ``.apkg``, newest format first (a new package's ``collection.anki2`` is a stub)."""


def notes_from_apkg(
    path: Path, decks: Sequence[str] | None, known_interval: int = KNOWN_INTERVAL
) -> list[AnkiNoteState]:
    """The notes of an exported deck (``.apkg``), all its decks unless ``decks`` are named."""
    if not path.is_file():
        raise KnownImportError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise KnownImportError(f"{path}: not an Anki package (.apkg is a zip file)") from None
    with archive, tempfile.TemporaryDirectory(prefix="yomu-apkg-") as folder:
        member = next((m for m in PACKAGE_MEMBERS if m in archive.namelist()), None)
        if member is None:
            raise KnownImportError(f"{path}: an Anki package holds a collection; this one has none")
        target = Path(folder) / "collection.anki2"
        try:
            with archive.open(member) as source, target.open("wb") as sink:
                if member.endswith("b"):
                    import zstandard

                    zstandard.ZstdDecompressor().copy_stream(source, sink)
                else:
                    shutil.copyfileobj(source, sink)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise KnownImportError(f"{path}: the package is damaged ({error})") from None
        except Exception as error:  # zstandard.ZstdError: a broken compressed collection
            raise KnownImportError(f"{path}: the package is damaged ({error})") from None
        return notes_from_collection_file(target, str(path), decks, known_interval)


def notes_from_collection_file(
    path: Path, label: str, decks: Sequence[str] | None, known_interval: int
) -> list[AnkiNoteState]:
    """Read an unpacked collection that is ours to open (no copy needed)."""
    connection = sqlite3.connect(path)
    try:
        connection.create_collation("unicase", _unicase)
        return _notes_from_database(connection, label, decks, known_interval)
    except sqlite3.DatabaseError as error:
        raise KnownImportError(f"{label}: not a readable Anki collection ({error})") from None
    finally:
        connection.close()


__all__ = [
    "NOTES_PER_REQUEST",
    "PACKAGE_MEMBERS",
    "notes_from_apkg",
    "notes_from_collection",
    "notes_from_collection_file",
    "notes_from_connect",
]
