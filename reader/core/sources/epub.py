"""EPUB 2 and 3 books: the spine's documents in order, sections from the table of contents.

Read with ``zipfile`` and the standard library's XML and HTML parsers (ebooklib
is AGPL).  ``META-INF/container.xml`` names the package document; its
metadata gives title, author and date, its spine the reading order.  The table
of contents is EPUB 3's navigation document (``<nav epub:type="toc">``) or
EPUB 2's NCX; each entry opens a section at the heading (or the file) it points
to.  Without a table of contents, each ``h1``–``h3`` opens one.  Ruby is kept
as the author's; images and styles are ignored.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag

from reader.core.document import Document, SourceInfo
from reader.core.sources.archive import read_member
from reader.core.sources.build import DocumentBuilder
from reader.core.sources.decode import SourceError
from reader.core.sources.html import MIN_BODY_CHARS, decode_html
from reader.core.sources.html_writer import HEADINGS, Writer, write_element
from reader.core.sources.htmldom import Element, parse_html_tree

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of the table of contents: its label and the file (and fragment) it points to."""

    label: str
    path: str
    fragment: str


def _xml(archive: zipfile.ZipFile, member: str, label: str) -> ET.Element:
    data = read_member(archive, member, label)
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise SourceError(f"{label}: {member} in the EPUB is not well-formed XML ({error})") from None


def _package_path(archive: zipfile.ZipFile, label: str) -> str:
    names = archive.namelist()
    if "META-INF/container.xml" in names:
        root = _xml(archive, "META-INF/container.xml", label)
        for rootfile in root.iter(f"{{{_NS['c']}}}rootfile"):
            path = rootfile.get("full-path", "")
            if path in names:
                return path
    packages = [n for n in names if n.lower().endswith(".opf")]
    if not packages:
        raise SourceError(f"{label}: the EPUB has no package document (no .opf file)")
    return packages[0]


def _resolve(base: str, href: str) -> tuple[str, str]:
    """``(path in the archive, fragment)`` of ``href`` relative to the file ``base``."""
    target, fragment = urldefrag(unquote(href))
    if not target:
        return base, fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target)), fragment


def _text(node: ET.Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _nav_toc(archive: zipfile.ZipFile, path: str, label: str) -> list[TocEntry]:
    """EPUB 3: the ``toc`` navigation of the navigation document."""
    markup, _ = decode_html(read_member(archive, path, label), label, "application/xhtml+xml")
    root = parse_html_tree(markup)
    navs = root.select("nav")
    toc = next((n for n in navs if "toc" in (n.attrs.get("epub:type", "") + " " + n.attrs.get("role", ""))), None)
    toc = toc or (navs[0] if navs else None)
    if toc is None:
        return []
    entries = []
    for link in toc.select("a[href]"):
        target, fragment = _resolve(path, link.attrs["href"])
        text = " ".join(link.text().split())
        if text:
            entries.append(TocEntry(text, target, fragment))
    return entries


def _ncx_toc(archive: zipfile.ZipFile, path: str, label: str) -> list[TocEntry]:
    """EPUB 2: the NCX's navigation points, in play order."""
    root = _xml(archive, path, label)
    entries = []
    for point in root.iter(f"{{{_NS['ncx']}}}navPoint"):
        text = _text(point.find("ncx:navLabel/ncx:text", _NS))
        content = point.find("ncx:content", _NS)
        if content is None or not text:
            continue
        target, fragment = _resolve(path, content.get("src", ""))
        entries.append(TocEntry(text, target, fragment))
    return entries


def _chapter_headings(root: Element, entries: list[TocEntry]) -> tuple[set[int], TocEntry | None]:
    """Headings of one spine document that open sections; and a file-level entry with no heading to show."""
    by_id = {node.id: node for node in root.iter() if node.id}
    chosen: set[int] = set()
    for entry in entries:
        if not entry.fragment:
            continue
        node = by_id.get(entry.fragment)
        heading = _heading_near(node) if node is not None else None
        if heading is not None:
            chosen.add(id(heading))
    whole = next((e for e in entries if not e.fragment), None)
    if whole is not None:
        first = _first_heading_before_text(root)
        if first is not None:
            chosen.add(id(first))
            whole = None
    return chosen, whole


def _heading_near(node: Element) -> Element | None:
    """The heading ``node`` is, is inside, or holds."""
    walk: Element | None = node
    while walk is not None:
        if walk.tag in HEADINGS:
            return walk
        walk = walk.parent
    return next((n for n in node.iter() if n.tag in HEADINGS), None)


def _first_heading_before_text(root: Element) -> Element | None:
    """The document's first heading, when no paragraph text comes before it."""
    body = root.first("body") or root
    for node in body.iter():
        if node.tag in HEADINGS:
            return node if node.text().strip() else None
        if node.tag in ("p", "li", "td", "pre", "blockquote") and node.text().strip():
            return None
    return None


def parse_epub(archive: zipfile.ZipFile, name: str, *, label: str = "", path: str = "") -> Document:
    """The book in the EPUB ``archive`` as a :class:`Document`."""
    label = label or name or "<epub>"
    package_path = _package_path(archive, label)
    package = _xml(archive, package_path, label)
    metadata = package.find("opf:metadata", _NS)
    title = _text(metadata.find("dc:title", _NS)) if metadata is not None else ""
    author = _text(metadata.find("dc:creator", _NS)) if metadata is not None else ""
    date = _text(metadata.find("dc:date", _NS)) if metadata is not None else ""
    manifest: dict[str, tuple[str, str, str]] = {}
    for item in package.iterfind("opf:manifest/opf:item", _NS):
        href = item.get("href", "")
        if item.get("id") and href:
            target, _ = _resolve(package_path, href)
            manifest[item.get("id", "")] = (target, item.get("media-type", ""), item.get("properties", ""))
    spine = package.find("opf:spine", _NS)
    order = [ref.get("idref", "") for ref in spine.iterfind("opf:itemref", _NS)] if spine is not None else []
    documents = [manifest[i][0] for i in order if i in manifest and "html" in manifest[i][1] + manifest[i][0]]
    if spine is None or not documents:
        raise SourceError(f"{label}: the EPUB has no spine (no reading order of its chapters)")
    toc: list[TocEntry] = []
    nav = next((p for p, kind, props in manifest.values() if "nav" in props.split()), None)
    ncx_id = spine.get("toc", "")
    ncx = manifest.get(ncx_id, ("", "", ""))[0] or next(
        (p for p, kind, _ in manifest.values() if kind == "application/x-dtbncx+xml"), ""
    )
    if nav:
        toc = _nav_toc(archive, nav, label)
    if not toc and ncx:
        toc = _ncx_toc(archive, ncx, label)

    out = DocumentBuilder()
    writer = Writer(out)
    if title:
        writer.text(title)
        writer.end_block("title")
    names = set(archive.namelist())
    for member in documents:
        if member not in names:
            continue
        markup, _ = decode_html(read_member(archive, member, label), f"{label}:{member}", "application/xhtml+xml")
        root = parse_html_tree(markup)
        entries = [e for e in toc if e.path == member]
        if toc:
            chosen, whole = _chapter_headings(root, entries)

            def is_heading(node: Element, chosen: set[int] = chosen) -> bool:
                return id(node) in chosen
        else:
            whole = None

            def is_heading(node: Element, chosen: set[int] = set()) -> bool:  # noqa: B006 - never mutated
                return node.tag in ("h1", "h2", "h3")

        if whole is not None:
            writer.text(whole.label)
            writer.end_block("heading")
        write_element(writer, root.first("body") or root, is_heading)
        writer.end_block()
    if out.body_length() < MIN_BODY_CHARS:
        raise SourceError(f"{label}: the EPUB has no body text")
    source = SourceInfo(kind="epub", title=title, author=author, date=date[:10], path=path)
    return out.build(name=name, encoding="utf-8", source=source)
