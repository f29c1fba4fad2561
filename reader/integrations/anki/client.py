"""A client of AnkiConnect, the Anki add-on that answers JSON over HTTP (API version 6).

Every call is one POST of ``{"action", "version": 6, "params", "key"}`` to
``127.0.0.1:8765`` (configurable) with a timeout of at most 2 s, so a caller in
a worker thread never waits long.  Two kinds of failure, each one line:

- :class:`AnkiUnavailable`: nothing answered (Anki closed, the add-on missing,
  a timeout, something else on the port);
- :class:`AnkiError`: AnkiConnect answered with an error; ``str(error)`` is
  what Anki said, word for word.

Proxies from the environment are ignored: the request goes to the learner's
own machine.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
MAX_TIMEOUT = 2.0
"""No call waits longer than this for Anki."""


class AnkiUnavailable(Exception):
    """Nothing (or something other than AnkiConnect) answered; ``str(error)`` is one line."""


class AnkiError(Exception):
    """AnkiConnect answered with an error; ``str(error)`` is Anki's message as it said it."""

    def __init__(self, action: str, message: str) -> None:
        super().__init__(message)
        self.action = action
        self.message = message


def _where(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


class AnkiConnect:
    """AnkiConnect's actions as methods; thread-safe (each call is its own HTTP request)."""

    def __init__(self, url: str = DEFAULT_URL, key: str = "", timeout: float = MAX_TIMEOUT) -> None:
        self.url = url
        self.key = key
        self.timeout = min(timeout, MAX_TIMEOUT)
        # No proxies: an http_proxy in the environment must not send the learner's cards elsewhere.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    # -------------------------------------------------------------- transport

    def invoke(self, action: str, **params: Any) -> Any:
        """Run one action; return its result.  Raises :class:`AnkiUnavailable` or :class:`AnkiError`."""
        payload: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            payload["key"] = self.key
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise AnkiUnavailable(f"{self.url!r} is not an http:// address (set anki_url to AnkiConnect's)")
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        where = _where(self.url)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise AnkiUnavailable(f"{where} answered HTTP {error.code}: is it AnkiConnect?") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, ConnectionRefusedError):
                raise AnkiUnavailable(f"Anki is not running (nothing answers at {where})") from None
            if isinstance(reason, TimeoutError):
                raise AnkiUnavailable(f"Anki did not answer within {self.timeout:g} s at {where}") from None
            raise AnkiUnavailable(f"cannot reach AnkiConnect at {where} ({reason})") from None
        except TimeoutError:
            raise AnkiUnavailable(f"Anki did not answer within {self.timeout:g} s at {where}") from None
        except (ConnectionError, OSError) as error:
            raise AnkiUnavailable(f"cannot reach AnkiConnect at {where} ({error})") from None
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise AnkiUnavailable(f"{where} did not answer in JSON: is it AnkiConnect?") from None
        if not isinstance(reply, dict) or "result" not in reply or "error" not in reply:
            raise AnkiUnavailable(f"{where} answered something other than AnkiConnect version {API_VERSION}")
        if reply["error"] is not None:
            raise AnkiError(action, str(reply["error"]))
        return reply["result"]

    # ---------------------------------------------------------------- actions

    def version(self) -> int:
        """AnkiConnect's API version (6 today)."""
        return int(self.invoke("version"))

    def deck_names(self) -> list[str]:
        """Every deck's full name (``Japanese::News``)."""
        return list(self.invoke("deckNames"))

    def model_names(self) -> list[str]:
        """Every note type's name."""
        return list(self.invoke("modelNames"))

    def model_field_names(self, model: str) -> list[str]:
        """The fields of the note type ``model``, in order."""
        return list(self.invoke("modelFieldNames", modelName=model))

    def create_deck(self, deck: str) -> int:
        """Create ``deck`` (and its parents) if missing; return its id."""
        return int(self.invoke("createDeck", deck=deck))

    def create_model(
        self, name: str, fields: Sequence[str], templates: Sequence[dict[str, str]], css: str = ""
    ) -> dict[str, Any]:
        """Create a note type; ``templates`` are ``{"Name", "Front", "Back"}``."""
        params: dict[str, Any] = {"modelName": name, "inOrderFields": list(fields), "cardTemplates": list(templates)}
        if css:
            params["css"] = css
        return dict(self.invoke("createModel", **params))

    def can_add_notes(self, notes: Sequence[dict[str, Any]]) -> list[bool]:
        """For each note: would Anki add it (not empty, not a duplicate of its first field)?"""
        return [bool(x) for x in self.invoke("canAddNotes", notes=list(notes))]

    def find_notes(self, query: str) -> list[int]:
        """Ids of the notes matching an Anki search."""
        return [int(x) for x in self.invoke("findNotes", query=query)]

    def find_cards(self, query: str) -> list[int]:
        """Ids of the cards matching an Anki search."""
        return [int(x) for x in self.invoke("findCards", query=query)]

    def add_note(self, note: dict[str, Any]) -> int:
        """Add ``{"deckName", "modelName", "fields", "tags", "options"}``; return the new note's id."""
        result = self.invoke("addNote", note=note)
        if result is None:
            raise AnkiError("addNote", "Anki added no note")
        return int(result)

    def notes_info(self, notes: Sequence[int]) -> list[dict[str, Any]]:
        """Fields (``{name: {"value", "order"}}``), tags, note type and card ids of each note."""
        return list(self.invoke("notesInfo", notes=list(notes)))

    def cards_info(self, cards: Sequence[int]) -> list[dict[str, Any]]:
        """Deck, interval, queue, fields … of each card."""
        return list(self.invoke("cardsInfo", cards=list(cards)))

    def store_media_file(self, filename: str, data: bytes) -> str:
        """Save a media file in Anki's media folder; return the name Anki gave it."""
        encoded = base64.b64encode(data).decode("ascii")
        return str(self.invoke("storeMediaFile", filename=filename, data=encoded))


def search_term(field: str, value: str) -> str:
    """An Anki search term matching ``field`` exactly equal to ``value``, quoted and escaped.

    Anki's search treats ``*`` and ``_`` as wildcards and ``"`` ends the term;
    each is escaped with a backslash.
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*").replace("_", "\\_")
    prefix = f"{field}:" if field else ""
    field_escaped = prefix.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{field_escaped}{escaped}"'


__all__ = ["API_VERSION", "DEFAULT_URL", "MAX_TIMEOUT", "AnkiConnect", "AnkiError", "AnkiUnavailable", "search_term"]
