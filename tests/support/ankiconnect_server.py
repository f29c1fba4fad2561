"""A test AnkiConnect: a real HTTP server on 127.0.0.1 backed by a real Anki collection.

It speaks AnkiConnect's protocol (POST ``{"action", "version", "params", "key"}``,
answer ``{"result", "error"}``) and each action does the real thing on an Anki
collection opened with Anki's own Python library (the ``anki`` package): notes
are added by Anki, duplicates found by Anki's duplicate check, searches run by
Anki's search engine.  Error messages are the add-on's wording, so a client
shows what a learner would see.  Nothing here is a canned reply.

As in the add-on, requests are served one at a time (Anki's collection is used
from one thread).  ``stop()`` is "Anki closed"; ``start()`` again on the same
port is "Anki opened again".

Run by hand::

    python -m tests.support.ankiconnect_server --collection /tmp/c/collection.anki2 --port 8765
"""

from __future__ import annotations

import argparse
import base64
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from anki.collection import Collection
from anki.errors import NotFoundError
from anki.models import NotetypeDict
from anki.notes import Note, NoteFieldsCheckResult

API_VERSION = 6


class ActionError(Exception):
    """An action failed; the message goes back in ``error`` as the add-on would word it."""


class Actions:
    """The AnkiConnect actions yomu uses, each doing the real thing on ``col``."""

    def __init__(self, col: Collection) -> None:
        self.col = col

    # ----------------------------------------------------------- helpers

    def _model(self, name: str) -> NotetypeDict:
        model = self.col.models.by_name(name)
        if model is None:
            raise ActionError(f"model was not found: {name}")
        return model

    def _create_note(self, note: dict[str, Any]) -> tuple[Note, int]:
        """The add-on's createNote: a note of the model for the deck, checked for emptiness and duplicates."""
        model = self.col.models.by_name(note["modelName"])
        if model is None:
            raise ActionError(f"model was not found: {note['modelName']}")
        deck = self.col.decks.by_name(note["deckName"])
        if deck is None:
            raise ActionError(f"deck was not found: {note['deckName']}")
        anki_note = self.col.new_note(model)
        for name, value in note.get("fields", {}).items():
            for anki_name in anki_note.keys():  # noqa: SIM118 - a Note is not a dict
                if name.lower() == anki_name.lower():
                    anki_note[anki_name] = value
                    break
        if "tags" in note:
            anki_note.tags = list(note["tags"])
        options = note.get("options") or {}
        allow_duplicate = options.get("allowDuplicate", False)
        if not isinstance(allow_duplicate, bool):
            raise ActionError('option parameter "allowDuplicate" must be boolean')
        check = anki_note.fields_check()
        if check == NoteFieldsCheckResult.EMPTY:
            raise ActionError("cannot create note because it is empty")
        if check == NoteFieldsCheckResult.DUPLICATE and not allow_duplicate:
            raise ActionError("cannot create note because it is a duplicate")
        return anki_note, int(deck["id"])

    def _fields(self, note: Note) -> dict[str, dict[str, Any]]:
        model = note.note_type()
        assert model is not None
        return {f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]} for f in model["flds"]}

    # ----------------------------------------------------------- actions

    def version(self) -> int:
        return API_VERSION

    def deckNames(self) -> list[str]:
        return [d.name for d in self.col.decks.all_names_and_ids()]

    def modelNames(self) -> list[str]:
        return [m.name for m in self.col.models.all_names_and_ids()]

    def modelFieldNames(self, modelName: str) -> list[str]:
        return [f["name"] for f in self._model(modelName)["flds"]]

    def createDeck(self, deck: str) -> int:
        deck_id = self.col.decks.id(deck, create=True)
        assert deck_id is not None
        return int(deck_id)

    def createModel(
        self,
        modelName: str,
        inOrderFields: list[str],
        cardTemplates: list[dict[str, str]],
        css: str | None = None,
        isCloze: bool = False,
    ) -> dict[str, Any]:
        if not inOrderFields:
            raise ActionError("Must provide at least one field for inOrderFields")
        if not cardTemplates:
            raise ActionError("Must provide at least one card for cardTemplates")
        if self.col.models.by_name(modelName) is not None:
            raise ActionError("Model name already exists")
        models = self.col.models
        model = models.new(modelName)
        if isCloze:
            model["type"] = 1
        for name in inOrderFields:
            models.add_field(model, models.new_field(name))
        if css is not None:
            model["css"] = css
        for number, card in enumerate(cardTemplates, 1):
            template = models.new_template(card.get("Name", f"Card {number}"))
            template["qfmt"] = card["Front"]
            template["afmt"] = card["Back"]
            models.add_template(model, template)
        models.add(model)
        created = models.by_name(modelName)
        assert created is not None
        return dict(created)

    def canAddNotes(self, notes: list[dict[str, Any]]) -> list[bool]:
        results = []
        for note in notes:
            try:
                results.append(bool(self._create_note(note)))
            except Exception:
                results.append(False)
        return results

    def addNote(self, note: dict[str, Any]) -> int:
        anki_note, deck_id = self._create_note(note)
        changes = self.col.add_note(anki_note, deck_id)  # type: ignore[arg-type]
        if changes.count < 1:
            raise ActionError("The field values you have provided would make an empty question on all cards.")
        return int(anki_note.id)

    def findNotes(self, query: str | None = None) -> list[int]:
        return [] if query is None else [int(n) for n in self.col.find_notes(query)]

    def findCards(self, query: str | None = None) -> list[int]:
        return [] if query is None else [int(c) for c in self.col.find_cards(query)]

    def notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for note_id in notes:
            try:
                note = self.col.get_note(note_id)  # type: ignore[arg-type]
            except NotFoundError:
                result.append({})
                continue
            model = note.note_type()
            assert model is not None
            result.append(
                {
                    "noteId": int(note.id),
                    "tags": list(note.tags),
                    "fields": self._fields(note),
                    "modelName": model["name"],
                    "cards": [int(c) for c in note.card_ids()],
                }
            )
        return result

    def cardsInfo(self, cards: list[int]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for card_id in cards:
            try:
                card = self.col.get_card(card_id)  # type: ignore[arg-type]
            except NotFoundError:
                result.append({})
                continue
            note = card.note()
            model = card.note_type()
            result.append(
                {
                    "cardId": int(card.id),
                    "fields": self._fields(note),
                    "fieldOrder": card.ord,
                    "question": card.question(),
                    "answer": card.answer(),
                    "modelName": model["name"],
                    "ord": card.ord,
                    "deckName": self.col.decks.name(card.did),
                    "css": model["css"],
                    "factor": card.factor,
                    "interval": card.ivl,
                    "note": int(card.nid),
                    "type": int(card.type),
                    "queue": int(card.queue),
                    "due": card.due,
                    "reps": card.reps,
                    "lapses": card.lapses,
                    "left": card.left,
                    "mod": card.mod,
                }
            )
        return result

    def storeMediaFile(
        self, filename: str, data: str | None = None, path: str | None = None, deleteExisting: bool = True, **_: Any
    ) -> str:
        if data:
            content = base64.b64decode(data)
        elif path:
            content = Path(path).read_bytes()
        else:
            raise ActionError('You must provide a "data", "path", or "url" field.')
        if deleteExisting:
            self.col.media.trash_files([filename])
        return self.col.media.write_data(filename, content)


class AnkiConnectServer:
    """The server: ``start()`` listens on a free (or given) port of 127.0.0.1; ``stop()`` closes it.

    ``api_key`` makes it demand a key, as the add-on does when one is set.
    ``lock`` guards the collection: hold it to look at ``col`` while the server runs.
    """

    def __init__(self, collection_path: Path, port: int = 0, api_key: str | None = None) -> None:
        self.collection_path = Path(collection_path)
        self.col = Collection(str(self.collection_path))
        self.actions = Actions(self.col)
        self.api_key = api_key
        self.lock = threading.Lock()
        self.port = port
        self.requests = 0
        self._httpd: HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        """One request → one reply, as the add-on's handler does."""
        name = request.get("action", "")
        params = request.get("params", {}) or {}
        try:
            if self.api_key and request.get("key") != self.api_key:
                raise ActionError("valid api key must be provided")
            method: Callable[..., Any] | None = getattr(self.actions, name, None) if not name.startswith("_") else None
            if method is None:
                raise ActionError("unsupported action")
            with self.lock:
                result = method(**params)
            return {"result": result, "error": None}
        except Exception as error:  # the add-on answers every failure in "error"
            return {"result": None, "error": str(error)}

    def start(self) -> AnkiConnectServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length).decode("utf-8"))
                except ValueError:
                    reply: Any = {"result": None, "error": "invalid request"}
                else:
                    reply = server.handle(request if isinstance(request, dict) else {})
                server.requests += 1
                body = json.dumps(reply).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                body = f"AnkiConnect v.{API_VERSION}".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = HTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="ankiconnect", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering (Anki closed); the collection stays open for the test to inspect."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def close(self) -> None:
        """Stop and close the collection."""
        self.stop()
        self.col.close()

    def __enter__(self) -> AnkiConnectServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="A test AnkiConnect backed by a real Anki collection.")
    parser.add_argument("--collection", required=True, help="collection.anki2 to open (created when missing)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", default=None, help="demand this API key")
    args = parser.parse_args()
    server = AnkiConnectServer(Path(args.collection), args.port, args.key).start()
    print(f"AnkiConnect test server on {server.url} with {args.collection}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":
    main()
