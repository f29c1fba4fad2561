"""The document cache: a text parsed once is not parsed again when it is reopened.

Parsed documents are kept, encoded by :mod:`reader.core.sources.stored`, in the
analysis cache (``analysis.sqlite`` in the cache folder, :func:`reader.data.paths.analysis_cache_path`)
under keys starting with :data:`DOCUMENT_KEY`: a hash of the source's bytes, of
every argument that changes what the parsers make of them, and of the parser
and format versions.  A changed file has other bytes, so another key; an entry
that does not decode is dropped and the text parsed again; a cache that cannot
be opened or written only means parsing every time.  The novel (749 KB of
Shift_JIS Aozora Bunko) takes about 10 ms from the cache against 65 ms parsed.

:func:`parsed` reads and never writes: the reader keeps a document parsed now
after its first paint, in a thread (:func:`keep_document`), so the first paint
waits for none of it.
"""

from __future__ import annotations

import hashlib
import sqlite3

from reader.core.document import Document
from reader.data.paths import analysis_cache_path

DOCUMENT_KEY = b"document\x00"
"""Prefix of the parsed documents' keys in the analysis cache (its other keys are analysis results)."""
KEPT_TEXT_BYTES = 16 * 1024
"""Texts (plain or Aozora) shorter than this are parsed every time: a plain text that short parses in
0.3 ms, less than asking the cache takes.  Pages and zip archives go through the cache at any size:
their parsers cost more (an NHK page of 3 KB: 1.5 ms, against 0.4 ms from the cache)."""


def document_key(data: bytes, name: str, **origin: str) -> bytes:
    """The cache key of what :func:`~reader.core.sources.document_from_bytes` makes of ``data``.

    It hashes the bytes, every argument that changes the document (``name`` and
    ``origin``: kind, path, url, date, content type) and the versions of the
    parsers and of the stored format, so a changed file or parser is parsed again.
    """
    from reader.core.sources.load import PARSER_VERSION
    from reader.core.sources.stored import DOCUMENT_FORMAT

    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((DOCUMENT_FORMAT, PARSER_VERSION, name, sorted(origin.items()))).encode("utf-8", "replace"))
    digest.update(b"\x00")
    digest.update(data)
    return DOCUMENT_KEY + digest.digest()


def cached_document(key: bytes) -> Document | None:
    """The document kept under ``key``, or None (an entry that does not decode is dropped)."""
    from reader.core.analysis.cache import AnalysisCache
    from reader.core.sources.stored import decode_document

    path = analysis_cache_path()
    if not path.exists():
        return None  # nothing kept yet (and a first open does not make the cache's file before its first paint)
    try:
        with AnalysisCache(path) as cache:
            # Not marked used: that rewrites the row (7-20 ms for the novel); the size limit
            # drops a document by when it was kept, and a dropped one is parsed and kept again.
            payload = cache.get(key, touch=False)
            if payload is None:
                return None
            try:
                return decode_document(payload)
            except ValueError:
                cache.discard([key])
                return None
    except (sqlite3.Error, OSError):
        return None


def keep_document(key: bytes, document: Document) -> None:
    """Keep ``document`` under ``key`` (about 5 ms to encode the novel, a few more to write it).

    An error only means the text is parsed again next time.
    """
    from reader.core.analysis.cache import AnalysisCache
    from reader.core.sources.stored import encode_document

    try:
        payload = encode_document(document)
        with AnalysisCache(analysis_cache_path()) as cache:
            cache.put(key, payload)
    except (sqlite3.Error, OSError, ValueError):
        pass  # not kept: parsed again next time


def worth_keeping(data: bytes, name: str = "", content_type: str = "") -> bool:
    """True when parsing ``data`` costs more than reading its document back from the cache."""
    from reader.core.sources.load import is_zip_archive, looks_like_html

    return len(data) >= KEPT_TEXT_BYTES or is_zip_archive(data) or looks_like_html(data, name, content_type)


def parsed(data: bytes, name: str, *, label: str = "", **origin: str) -> tuple[Document, bytes]:
    """The document in ``data`` as :func:`~reader.core.sources.document_from_bytes` makes it, from the
    cache when it was parsed before; and the key to keep it under (``b""``: it came from the cache,
    or is not worth keeping).  :class:`~reader.core.sources.SourceError` as the parsers raise it."""
    from reader.core.sources import document_from_bytes

    key = b""
    if worth_keeping(data, name, origin.get("content_type", "")):
        key = document_key(data, name, **origin)
        found = cached_document(key)
        if found is not None:
            return found, b""
    return document_from_bytes(data, name, label=label, **origin), key


def load_cached(source: str, *, timeout: float | None = None) -> Document:
    """What :func:`~reader.core.sources.load_document` reads, a file through the document cache.

    For the commands (``yomu annotate``, ``entities``, ``glossary``): a document
    parsed now is kept at once, as they have no first paint to wait for.
    Standard input and addresses are read as before.
    """
    from reader.core.sources import is_url, load_document
    from reader.core.sources.decode import read_bytes

    if source == "-" or is_url(source):
        return load_document(source, timeout=timeout)
    document, key = parsed(read_bytes(source), source, path=source)
    if key:
        keep_document(key, document)
    return document


__all__ = [
    "DOCUMENT_KEY",
    "KEPT_TEXT_BYTES",
    "cached_document",
    "document_key",
    "keep_document",
    "load_cached",
    "parsed",
    "worth_keeping",
]
