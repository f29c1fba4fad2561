"""Zip archives: an EPUB book, or an Aozora Bunko ``.zip`` holding its ``.txt``.

A damaged or truncated archive, one with nothing readable in it, or one that
would unpack to more than :data:`reader.core.sources.decode.MAX_BYTES` is a
:class:`SourceError` with one line.
"""

from __future__ import annotations

import io
import zipfile

from reader.core.document import Document
from reader.core.sources.decode import MAX_BYTES, SourceError, decode_bytes

TEXT_SUFFIXES = (".txt",)
"""Members read as the text of an Aozora Bunko (or plain-text) archive."""


def open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """The archive in ``data``; :class:`SourceError` when it is damaged or truncated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise SourceError(f"{label}: not a readable zip archive (damaged or truncated: {error})") from None
    return archive


def read_member(archive: zipfile.ZipFile, member: str, label: str) -> bytes:
    """One member's bytes, checked against its size limit and its checksum."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise SourceError(f"{label}: the archive has no {member}") from None
    if info.file_size > MAX_BYTES:
        raise SourceError(f"{label}: {member} is too large ({info.file_size // 1024 // 1024} MB unpacked)")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as error:
        raise SourceError(f"{label}: {member} cannot be unpacked (damaged or truncated archive: {error})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"{label}: {member} is too large unpacked")
    return data


def is_epub(archive: zipfile.ZipFile) -> bool:
    """True for an EPUB: its ``mimetype`` member says so, or it has ``META-INF/container.xml``."""
    names = set(archive.namelist())
    if "META-INF/container.xml" in names:
        return True
    if "mimetype" in names:
        try:
            return archive.read("mimetype").strip() == b"application/epub+zip"
        except Exception:
            return False
    return False


def document_from_zip(data: bytes, name: str, label: str, path: str = "") -> Document:
    """The document in a zip archive: an EPUB, or the (largest) ``.txt`` inside it."""
    archive = open_zip(data, label)
    with archive:
        if is_epub(archive):
            from reader.core.sources.epub import parse_epub

            return parse_epub(archive, name, label=label, path=path)
        texts = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(TEXT_SUFFIXES) and "__MACOSX" not in info.filename
        ]
        if not texts:
            raise SourceError(f"{label}: the zip archive holds no .txt text and is not an EPUB")
        member = max(texts, key=lambda info: info.file_size).filename
        raw = read_member(archive, member, label)
    member_label = f"{label}:{member}"
    text, encoding = decode_bytes(raw, member_label)
    from reader.core.sources.load import document_from_text

    return document_from_text(text, name, encoding=encoding, label=member_label, path=path)
