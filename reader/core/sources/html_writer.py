"""HTML elements written into a document: white space, ruby, name marks, emphasis.

The third step of reading a page (:mod:`reader.core.sources.html`, also used
for EPUB chapters by :mod:`reader.core.sources.epub`): headings open sections,
paragraphs and ``<br>`` end lines; ``<ruby>`` anywhere is the author's ruby
(``<rp>`` dropped, several ``<rb>``/``<rt>`` pairs kept apart); NHK NEWS WEB
EASY's name colours (``colorN`` person, ``colorL`` place, ``colorC``
organisation) become name marks; ``<em>``/``<strong>`` become emphasis;
scripts, styles, images, forms, navigation and figures are left out.  White
space follows HTML's rules, and a line break between two wide characters is
no space.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.core.sources.build import DocumentBuilder
from reader.core.sources.htmldom import BLOCK, Element

NAME_CLASSES = {"colorN": "PERSON", "colorL": "PLACE", "colorC": "ORG"}
"""NHK NEWS WEB EASY's name colours and the entity type each marks."""
SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "img",
        "picture",
        "video",
        "audio",
        "iframe",
        "object",
        "embed",
        "canvas",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "label",
        "nav",
        "figure",
        "map",
        "area",
        "head",
        "title",
        "meta",
        "link",
        "rp",
    ]
)
"""Elements whose content is never article text."""
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")
"""HTML's white space: ASCII only (an ideographic space U+3000 is text)."""


def _wide(ch: str) -> bool:
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


class Writer:
    """Writes elements into a builder with HTML's white-space rules and the author's layers."""

    def __init__(self, out: DocumentBuilder) -> None:
        self.out = out
        self.space = ""
        """White space waiting to be written: ``" "``, or ``"\\n"`` when it held a line break."""
        self.last = ""
        """The last character written in the current block."""

    def text(self, data: str) -> None:
        """Write character data: each run of white space is one space, kept until the next word shows it is needed."""
        if not data:
            return
        lead = data[0] in " \t\n\r\f"
        if lead:
            self.space = "\n" if "\n" in data[: len(data) - len(data.lstrip())] else (self.space or " ")
        words = WHITE_SPACE.split(data.strip(" \t\n\r\f"))
        inner = re.findall(r"[ \t\n\r\f]+", data.strip(" \t\n\r\f"))
        for k, word in enumerate(words):
            if not word:
                continue
            self._flush_space(word[0])
            self.out.write(word)
            self.last = word[-1]
            if k < len(inner):
                self.space = "\n" if "\n" in inner[k] else " "
        if data[-1] in " \t\n\r\f" and data.strip(" \t\n\r\f"):
            trail = data[len(data.rstrip(" \t\n\r\f")) :]
            self.space = "\n" if "\n" in trail else " "

    def _flush_space(self, following: str) -> None:
        # A line break between two wide characters is no space (CSS Text's segment-break rule).
        wide_break = self.space == "\n" and _wide(self.last) and _wide(following)
        if self.space and self.last and not self.out.block_empty and not wide_break:
            self.out.write(" ")
        self.space = ""

    def end_block(self, kind: str = "paragraph") -> None:
        """End the block being written as a ``kind`` (paragraph, heading, title); white space waiting is dropped."""
        self.out.end_block(kind)
        self.space, self.last = "", ""

    def ruby(self, element: Element) -> None:
        """``<ruby>`` as the author's ruby: each base (a text run or an ``<rb>``) with the next ``<rt>``."""
        pending: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if "".join(run).strip():
                pending.append("".join(run))
            run.clear()

        for child in element.children:
            if isinstance(child, str):
                run.append(child)
            elif child.tag == "rb":
                flush()
                pending.append(child.text())
            elif child.tag == "rt":
                flush()
                if pending:
                    self._ruby_pair(pending.pop(0), child.text())
            elif child.tag not in ("rp", "rtc"):
                run.append(child.text())
        flush()
        for base in pending:
            self.text(base)

    def _ruby_pair(self, base: str, reading: str) -> None:
        base = WHITE_SPACE.sub(" ", base).strip()
        if not base:
            return
        self._flush_space(base[0])
        self.out.write_ruby(base, reading.strip())
        self.last = base[-1]


def write_element(writer: Writer, element: Element, headings: Callable[[Element], bool] | None = None) -> None:
    """Write ``element``'s content: blocks end lines, headings open sections, inline layers are marked."""
    is_heading = headings or (lambda node: node.tag in HEADINGS)
    stack: list[tuple[Element | str, bool]] = [(element, False)]
    # (node, closing): a closing entry ends what its element opened.
    open_marks: dict[int, tuple[int, str, str]] = {}
    while stack:
        node, closing = stack.pop()
        if isinstance(node, str):
            writer.text(node)
            continue
        if closing:
            mark = open_marks.pop(id(node), None)
            if mark is not None:
                start, layer, kind = mark
                if layer == "name":
                    writer.out.mark_name(start, writer.out.offset, kind)
                else:
                    writer.out.mark_emphasis(start, writer.out.offset, kind)
            if node is element:
                continue  # the caller ends the block it asked for (a title, a lead)
            if is_heading(node):
                writer.end_block("heading")
            elif node.tag in BLOCK:
                writer.end_block()
            continue
        tag = node.tag
        if tag in SKIP or node.attrs.get("hidden") is not None or node.attrs.get("aria-hidden") == "true":
            continue
        if tag == "br":
            writer.end_block()
            continue
        if tag == "rt":
            continue  # a reading outside <ruby> has no base
        if tag in BLOCK or (is_heading(node) and node is not element):
            writer.end_block()
        if tag == "ruby":
            writer.ruby(node)
            continue
        kind = next((NAME_CLASSES[c] for c in node.classes if c in NAME_CLASSES), "")
        if kind:
            open_marks[id(node)] = (writer.out.offset, "name", kind)
        elif tag in ("em", "strong", "b", "i", "u"):
            open_marks[id(node)] = (writer.out.offset, "emphasis", _emphasis_kind(node))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.children))


def _emphasis_kind(node: Element) -> str:
    classes = " ".join(node.classes).lower()
    if any(word in classes for word in ("dot", "bouten", "sesame", "goma")):
        return "dots"
    if "line" in classes or node.tag == "u":
        return "line"
    if node.tag in ("strong", "b"):
        return "bold"
    return "italic"
