"""A small, forgiving HTML tree on the standard library's ``html.parser``.

Enough of HTML's rules for article pages: void elements, end tags closing what
they match (stray ones ignored), ``<p>`` and ``<li>`` closed by the next block,
``<rt>``/``<rp>`` closed by the next one or by ``</ruby>``, script and style
text kept out of the text.  No dependency: the parser is in the standard
library, and pages are small (a news page parses in a few milliseconds).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
    ]
)
"""Elements that never have content or an end tag."""
RAW_TEXT = frozenset(("script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe"))
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "center",
    ]
)
"""Elements that start a new line of text."""
_CLOSES_P = BLOCK - {"body"}
_AUTO_CLOSE = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "rt": {"rt", "rp", "rb"},
    "rp": {"rt", "rp", "rb"},
    "rb": {"rt", "rp", "rb"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
"""A start tag that implicitly ends an open element of these kinds (its sibling)."""


@dataclass(eq=False, slots=True)
class Element:
    """An element: its tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    def iter(self) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        stack: list[Element] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Element)]))

    def text(self, skip: frozenset[str] = frozenset(("rt", "rp", "script", "style"))) -> str:
        """The text under this element (ruby readings and scripts left out)."""
        out: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                out.append(node)
            elif node.tag not in skip or node is self:
                stack.extend(reversed(node.children))
        return "".join(out)

    def select(self, selector: str) -> list[Element]:
        """Elements under (or at) this one matching a simple selector list (``h1.title, #body, .lead``)."""
        tests = [_compile(part.strip()) for part in selector.split(",") if part.strip()]
        return [node for node in self.iter() if any(test(node) for test in tests)]

    def first(self, selector: str) -> Element | None:
        """The first element matching ``selector``, or None."""
        found = self.select(selector)
        return found[0] if found else None


_SIMPLE = re.compile(r"^(?P<tag>[a-z0-9*]+)?(?P<rest>(?:[.#][\w-]+|\[[\w-]+(?:[*^$]?=[^\]]*)?\])*)$", re.I)


def _compile(selector: str) -> Callable[[Element], bool]:
    """A test for one selector: compounds (``tag.class#id[attr=value]``) joined by descendant spaces."""
    *outer, last = selector.split()
    test_last = _compound(last)
    tests_outer = [_compound(part) for part in outer]
    if not tests_outer:
        return test_last

    def test(node: Element) -> bool:
        if not test_last(node):
            return False
        pending = len(tests_outer) - 1
        walk = node.parent
        while walk is not None and pending >= 0:
            if tests_outer[pending](walk):
                pending -= 1
            walk = walk.parent
        return pending < 0

    return test


def _compound(selector: str) -> Callable[[Element], bool]:
    """A test for one compound selector: ``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=value]``, ``[attr*=…]``."""
    found = _SIMPLE.match(selector)
    if not found:
        raise ValueError(f"unsupported selector {selector!r}")
    tag = (found["tag"] or "*").lower()
    parts = re.findall(r"([.#])([\w-]+)|\[([\w-]+)(?:([*^$]?=)([^\]]*))?\]", found["rest"])

    def test(node: Element) -> bool:
        if tag != "*" and node.tag != tag:
            return False
        for kind, name, attr, op, value in parts:
            if kind == "." and name not in node.classes:
                return False
            if kind == "#" and node.id != name:
                return False
            if attr:
                if attr not in node.attrs:
                    return False
                have, value = node.attrs[attr], value.strip("\"'")
                if op == "=" and have != value:
                    return False
                if op == "*=" and value not in have:
                    return False
                if op == "^=" and not have.startswith(value):
                    return False
                if op == "$=" and not have.endswith(value):
                    return False
        return True

    return test


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack: list[Element] = [self.root]

    @property
    def current(self) -> Element:
        return self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _CLOSES_P:
            self._close_open("p", stop_at={"div", "section", "article", "td", "li", "blockquote", "body"})
        siblings = _AUTO_CLOSE.get(tag)
        if siblings:
            stop = {"ruby"} if tag in ("rt", "rp", "rb") else {"ul", "ol", "dl", "table", "tbody", "select"}
            for name in siblings:
                self._close_open(name, stop_at=stop)
        element = Element(tag, {k.lower(): (v or "") for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.current.tag == tag.lower():
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag closes nothing (as browsers do).

    def _close_open(self, tag: str, stop_at: set[str]) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            name = self.stack[depth].tag
            if name == tag:
                del self.stack[depth:]
                return
            if name in stop_at:
                return

    def handle_data(self, data: str) -> None:
        if data:
            children = self.current.children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)


def parse_html_tree(markup: str) -> Element:
    """The document tree of ``markup`` (never raises on bad markup)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root
