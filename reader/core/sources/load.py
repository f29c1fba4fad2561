"""One loader for every source: a path, ``-`` (standard input), a URL, or bytes with a name.

The format is told from the content, the name's extension only breaking ties:

- a zip archive (``PK`` magic): an EPUB (``mimetype`` or ``META-INF/container.xml``)
  or an Aozora Bunko ``.zip`` holding the ``.txt``;
- HTML (a doctype, ``<html>``, ``<head>`` or ``<body>`` near the start, an HTTP
  content type saying so, or markup in a file named ``.html``);
- Aozora Bunko notation (:func:`reader.core.sources.aozora.is_aozora`);
- otherwise plain text, as NHK-style articles always were read.

Every failure is a :class:`SourceError` whose text is one line naming the
source and the problem.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePath

from reader.core.document import Document, SourceInfo
from reader.core.sources.decode import SourceError, decode_bytes, read_bytes
from reader.core.sources.text import parse_text

PARSER_VERSION = 1
"""What the parsers (plain text, Aozora, HTML, EPUB, zip: every module of this package) make of a source.

Bump it with any change to a parser's output (text, structure, layers, :class:`SourceInfo`):
documents kept by the library's cache (:mod:`reader.core.sources.stored`) under another
version are parsed again, never shown as they were."""
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
_URL = re.compile(r"^https?://", re.I)


def is_url(source: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return bool(_URL.match(source))


def load_document(source: str | bytes, name: str = "", *, timeout: float | None = None) -> Document:
    """Read ``source`` and return its :class:`Document`; raise :class:`SourceError` with one line.

    ``source`` is a file path, ``-`` for standard input, an ``http(s)://``
    address, or the bytes themselves (then ``name`` names them in messages and
    hints at the format by its extension).  ``timeout`` bounds a download (seconds).
    """
    if isinstance(source, bytes):
        return document_from_bytes(source, name or "<input>")
    if source == "-":
        return document_from_bytes(read_bytes("-"), "-", kind="stdin", label="<stdin>")
    if is_url(source):
        from reader.core.sources.url import DEFAULT_TIMEOUT, fetch

        page = fetch(source, timeout=timeout or DEFAULT_TIMEOUT)
        return document_from_bytes(
            page.data, source, content_type=page.content_type, url=page.url, date=page.date, kind="url"
        )
    return document_from_bytes(read_bytes(source), source, path=source)


def is_zip_archive(data: bytes) -> bool:
    """True when ``data`` starts as a zip archive does (an EPUB, an Aozora Bunko ``.zip``)."""
    return data.startswith(_ZIP_MAGIC)


def looks_like_html(data: bytes, name: str = "", content_type: str = "") -> bool:
    """True when ``data`` is an HTML page (content first; the type or the extension only for markup)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    if name.lower().endswith(_HTML_EXTENSIONS):
        return bool(re.search(rb"<(?:p|div|h[1-6]|ruby|article|span|br)\b[^>]*>", head, re.I))
    return False


def document_from_bytes(
    data: bytes,
    name: str,
    *,
    content_type: str = "",
    url: str = "",
    date: str = "",
    path: str = "",
    kind: str = "",
    label: str = "",
) -> Document:
    """The document in ``data``, its format told from the content.

    ``name`` is kept as :attr:`Document.name`; ``label`` (default ``name``)
    names the source in error messages.  ``kind`` overrides the source kind
    recorded for citations (``stdin``, ``paste``, ``url``).
    """
    label = label or name or "<input>"
    suffix = PurePath(name).suffix.lower() if name and not is_url(name) else ""
    if is_zip_archive(data):
        from reader.core.sources.archive import document_from_zip

        document = document_from_zip(data, name, label, path=path)
        return _with_source(document, url=url, date=date, kind=kind)
    if suffix in (".zip", ".epub") and data.strip():
        raise SourceError(f"{label}: is not a zip archive (named {suffix} but its bytes are not a zip)")
    if looks_like_html(data, name, content_type):
        from reader.core.sources.html import parse_html

        document = parse_html(data, name, label=label, url=url, content_type=content_type)
        return _with_source(document, url=url, date=date, kind=kind, path=path)
    text, encoding = decode_bytes(data, label)
    return document_from_text(text, name, encoding=encoding, label=label, kind=kind, path=path, url=url, date=date)


def document_from_text(
    text: str,
    name: str,
    *,
    encoding: str = "utf-8",
    label: str = "",
    kind: str = "",
    path: str = "",
    url: str = "",
    date: str = "",
) -> Document:
    """Decoded text (newlines ``\\n``) as a document: Aozora Bunko notation or plain text."""
    from reader.core.sources.aozora import is_aozora, parse_aozora

    label = label or name or "<input>"
    if not text.strip():
        raise SourceError(f"{label}: the file is empty")
    if is_aozora(text):
        document = parse_aozora(text, name, encoding, path=path, label=label)
    else:
        try:
            document = parse_text(text, name=name, encoding=encoding)
        except ValueError:
            raise SourceError(f"{label}: no text") from None
        document = dataclasses.replace(document, source=SourceInfo(kind="text", title=document.title_text))
    return _with_source(document, url=url, date=date, kind=kind, path=path)


def _with_source(document: Document, *, url: str = "", date: str = "", kind: str = "", path: str = "") -> Document:
    """The document with what the loader knows about its origin added to :attr:`Document.source`."""
    source = document.source
    changes = {}
    if url and not source.url:
        changes["url"] = url
    if date and not source.date:
        changes["date"] = date
    if kind and source.kind in ("text", ""):
        changes["kind"] = kind
    if path and not source.path:
        changes["path"] = path
    if not source.title:
        changes["title"] = document.title_text
    if not changes:
        return document
    return dataclasses.replace(document, source=dataclasses.replace(source, **changes))
