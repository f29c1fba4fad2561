"""The library: every text opened, where the reader was in it, and copies of texts with no file.

Rows live in the study database (``yomu.db``, table ``library``, migration 3
of :mod:`reader.core.study.store`).  A text is known by its key: the absolute
path of a file, the address of a page, or ``copy:`` and a hash for text read
from standard input or the clipboard.  Texts from a URL, standard input or the
clipboard are kept as a copy under ``library/`` in the data directory, so they
open again offline; removing an entry from the list never touches a file.
Every text is read through the document cache (:mod:`reader.data.documents`),
so one parsed before is not parsed again.

The reader calls :func:`record_position` when the section at the top changes
and when it quits, and :func:`saved_position` when it opens a text.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.core.document import Document
from reader.core.study.database import StoreError, connect
from reader.data.documents import keep_document, parsed
from reader.data.paths import data_dir, database_path

KEPT_KINDS = ("url", "stdin", "paste")
"""Sources with no file of their own to open again: a copy is kept."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader was: the section at the top of the screen and the text offset there."""

    section: int
    offset: int


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One text of the library."""

    key: str
    title: str
    source: str
    """What the list shows as the origin: a path, an address, ``(pasted)`` or ``(standard input)``."""
    kind: str
    """``file``, ``url``, ``stdin`` or ``paste``."""
    copy: str
    """The kept copy (a path in the data directory), or ``""``."""
    added: datetime
    last_read: datetime
    section: int
    offset: int
    read_share: float
    """Share of the text above the reading position, 0–1."""
    known_share: float | None
    """Share of its words marked known when last read (None before the readings were ready)."""

    @property
    def open_path(self) -> str:
        """What to load to open the text again: the kept copy, else the file or address."""
        return self.copy or self.source


def library_dir() -> Path:
    """Where copies of fetched and pasted texts are kept."""
    return data_dir() / "library"


def source_key(source: str, kind: str = "file", data: bytes | None = None) -> str:
    """The library key of a source: a file's absolute path, a page's address, or a hash of the text."""
    if kind == "url":
        return source
    if kind in ("stdin", "paste"):
        digest = hashlib.sha256(data or b"").hexdigest()[:20]
        return f"copy:{digest}"
    return str(Path(source).expanduser().resolve())


def keep_copy(data: bytes, suffix: str = ".txt") -> Path:
    """Write ``data`` under :func:`library_dir` (atomically, named by its hash) and return the path."""
    folder = library_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}"
    if target.exists() and target.read_bytes() == data:
        return target
    fd, tmp = tempfile.mkstemp(prefix=".copy-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _entry(row: tuple[object, ...]) -> LibraryEntry:
    key, title, source, kind, copy, added, last_read, section, offset, read_share, known = row
    return LibraryEntry(
        key=str(key),
        title=str(title),
        source=str(source),
        kind=str(kind),
        copy=str(copy),
        added=_moment(float(added)),  # type: ignore[arg-type]
        last_read=_moment(float(last_read)),  # type: ignore[arg-type]
        section=int(section),  # type: ignore[call-overload]
        offset=int(offset),  # type: ignore[call-overload]
        read_share=float(read_share),  # type: ignore[arg-type]
        known_share=None if known is None else float(known),  # type: ignore[arg-type]
    )


_COLUMNS = "key, title, source, kind, copy, added, last_read, section, offset, read_share, known_share"


class Library:
    """The library table of the study database (open with :meth:`open`, close when done)."""

    def __init__(self, connection: sqlite3.Connection, warning: str | None = None) -> None:
        self.connection = connection
        self.warning = warning

    @classmethod
    def open(cls, path: Path | None = None) -> Library:
        """Open the database (creating or migrating it); :class:`StoreError` with one line on failure."""
        connection, warning = connect(path or database_path())
        return cls(connection, warning)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with self.connection:
                self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
        except sqlite3.Error as error:
            raise StoreError(f"the library could not be saved ({error})") from None

    def remember(self, key: str, document: Document, *, source: str, kind: str, copy: str = "") -> LibraryEntry:
        """Add the text (or refresh its title and last-read time); keep its saved position."""
        now = time.time()
        title = document.source.title or document.title_text
        with self._write() as db:
            db.execute(
                f"INSERT INTO library ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, NULL) "
                "ON CONFLICT (key) DO UPDATE SET title = excluded.title, source = excluded.source, "
                "kind = excluded.kind, copy = CASE WHEN excluded.copy != '' THEN excluded.copy ELSE copy END, "
                "last_read = excluded.last_read",
                (key, title.strip()[:200], source, kind, copy, now, now),
            )
        entry = self.entry(key)
        assert entry is not None
        return entry

    def entry(self, key: str) -> LibraryEntry | None:
        """The entry of ``key``, if the library has it."""
        row = self.connection.execute(f"SELECT {_COLUMNS} FROM library WHERE key = ?", (key,)).fetchone()
        return _entry(row) if row else None

    def entries(self) -> list[LibraryEntry]:
        """Every entry, the most recently read first."""
        rows = self.connection.execute(f"SELECT {_COLUMNS} FROM library ORDER BY last_read DESC, key").fetchall()
        return [_entry(row) for row in rows]

    def record_position(
        self, key: str, section: int, offset: int, read_share: float, known_share: float | None = None
    ) -> None:
        """Save where the reader is in the text ``key`` (a text not in the library is ignored)."""
        share = min(max(read_share, 0.0), 1.0)
        with self._write() as db:
            db.execute(
                "UPDATE library SET section = ?, offset = ?, read_share = ?, last_read = ?, "
                "known_share = COALESCE(?, known_share) WHERE key = ?",
                (max(section, 0), max(offset, 0), share, time.time(), known_share, key),
            )

    def saved_position(self, key: str) -> Position | None:
        """Where the reader was in ``key`` (None for a new text, or one never left past the top)."""
        row = self.connection.execute("SELECT section, offset FROM library WHERE key = ?", (key,)).fetchone()
        if row is None or (row[0] == 0 and row[1] == 0):
            return None
        return Position(int(row[0]), int(row[1]))

    def remove(self, key: str) -> bool:
        """Take ``key`` off the list (its file, and any kept copy, stay where they are)."""
        with self._write() as db:
            return db.execute("DELETE FROM library WHERE key = ?", (key,)).rowcount > 0


def record_position(key: str, section: int, offset: int, read_share: float, known_share: float | None = None) -> None:
    """Save the reading position of ``key`` in the user's library (see :meth:`Library.record_position`)."""
    with Library.open() as library:
        library.record_position(key, section, offset, read_share, known_share)


def saved_position(key: str) -> Position | None:
    """The saved reading position of ``key`` in the user's library, if any."""
    with Library.open() as library:
        return library.saved_position(key)


# ------------------------------------------------------------------ opening

_SUFFIXES = {"text/html": ".html", "application/xhtml+xml": ".xhtml", "application/epub+zip": ".epub"}


@dataclass(frozen=True, slots=True)
class OpenedText:
    """A text loaded for reading, with what the library records about it."""

    document: Document
    key: str
    source: str
    kind: str
    copy: str = ""
    unkept: bytes = b""
    """The document cache's key when the document was parsed now and is worth keeping
    (:func:`keep_parsed` keeps it), ``b""`` when it came from the cache or is not worth keeping."""


def keep_parsed(opened: OpenedText) -> None:
    """Keep the document of ``opened`` in the document cache if it was parsed now (else do nothing).

    The reader calls it in a thread after the first paint (:mod:`reader.data.documents`).
    """
    if opened.unkept:
        keep_document(opened.unkept, opened.document)


def open_source(source: str, *, timeout: float | None = None) -> OpenedText:
    """Load a path, ``-`` (standard input) or a URL; keep a copy of what has no file of its own.

    A source parsed before comes from the document cache (:mod:`reader.data.documents`);
    one parsed now says under which key to keep it (:attr:`OpenedText.unkept`).
    Raises :class:`reader.core.sources.SourceError` with one line when the
    text cannot be read, :class:`OSError` when the copy cannot be written.
    """
    from reader.core.sources import is_url
    from reader.core.sources.decode import read_bytes

    if is_url(source):
        from reader.core.sources.url import DEFAULT_TIMEOUT, fetch

        page = fetch(source, timeout=timeout or DEFAULT_TIMEOUT)
        document, unkept = parsed(
            page.data, source, content_type=page.content_type, url=page.url, date=page.date, kind="url"
        )
        kind = page.content_type.split(";")[0].strip().lower()
        copy = keep_copy(page.data, _SUFFIXES.get(kind, ".txt"))
        return OpenedText(document, source_key(source, "url"), source, "url", str(copy), unkept)
    if source == "-":
        data = read_bytes("-")
        document, unkept = parsed(data, "-", kind="stdin", label="<stdin>")
        copy = keep_copy(data)
        return OpenedText(document, source_key("-", "stdin", data), "(standard input)", "stdin", str(copy), unkept)
    # As load_document reads a path, with the cache between the bytes and the parser.
    document, unkept = parsed(read_bytes(source), source, path=source)
    return OpenedText(document, source_key(source), str(Path(source).expanduser().resolve()), "file", unkept=unkept)


def open_pasted(text: str) -> OpenedText:
    """The clipboard's ``text`` as a new text of the library (kept as a copy)."""
    data = text.replace("\r\n", "\n").encode("utf-8")
    document, unkept = parsed(data, "(pasted)", kind="paste", label="the clipboard")
    copy = keep_copy(data)
    return OpenedText(document, source_key("", "paste", data), "(pasted)", "paste", str(copy), unkept)


def open_entry(entry: LibraryEntry) -> OpenedText:
    """Load a library entry again: its kept copy (offline) or its file (both through the document cache)."""
    from reader.core.sources import SourceError, is_url, load_document
    from reader.core.sources.decode import read_bytes

    if entry.copy:
        if not Path(entry.copy).is_file():
            raise SourceError(f"{entry.source}: the kept copy {entry.copy} is missing")
        data = read_bytes(entry.copy)
        url = entry.source if entry.kind == "url" else ""
        name = entry.source if entry.kind == "url" else entry.copy
        document, unkept = parsed(data, name, url=url, kind=entry.kind, path=entry.copy)
        return OpenedText(document, entry.key, entry.source, entry.kind, entry.copy, unkept)
    if is_url(entry.source):
        return OpenedText(load_document(entry.source), entry.key, entry.source, entry.kind)
    document, unkept = parsed(read_bytes(entry.source), entry.source, path=entry.source)
    return OpenedText(document, entry.key, entry.source, entry.kind, unkept=unkept)
