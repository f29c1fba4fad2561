"""HTML pages as documents: NHK NEWS WEB EASY, NHK NEWS WEB, and other article pages.

A page is read in three steps:

1. **Decode**: the charset of the HTTP content type, a BOM, or ``<meta charset>``;
   else the bytes are detected as a text file's are (UTF-8, Shift_JIS, EUC-JP).
2. **Find the article**: a rule for the pages we know (NHK NEWS WEB EASY and NHK
   NEWS WEB, by their markup, not their address) names the title, date, lead
   and body; any other page goes to :func:`find_article`, a readability-style
   scorer (paragraph text, sentence ends, link density, and class names such
   as ``nav``/``footer``/``ad`` against ``article``/``content``) that picks the
   element holding the article.
3. **Write the text**: headings open sections, paragraphs and ``<br>`` end
   lines; ``<ruby>`` anywhere is the author's ruby (``<rp>`` dropped, several
   ``<rb>``/``<rt>`` pairs kept apart); NHK NEWS WEB EASY's name colours
   (``colorN`` person, ``colorL`` place, ``colorC`` organisation) become name
   marks; ``<em>``/``<strong>`` become emphasis; scripts, styles, images,
   forms, navigation and figures are left out.

A page with no body text is a :class:`SourceError`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.core.document import Document, SourceInfo
from reader.core.sources.build import DocumentBuilder
from reader.core.sources.decode import SourceError, decode_bytes, normalise_newlines
from reader.core.sources.htmldom import BLOCK, Element, parse_html_tree

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
MIN_BODY_CHARS = 20
"""A page with less text than this in its article has no body text."""


# ------------------------------------------------------------------ decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode_html(data: bytes, label: str, content_type: str = "") -> tuple[str, str]:
    """``(markup, encoding)``: the declared charset when it decodes the bytes, else detection."""
    declared = ""
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    if found:
        declared = found[1]
    elif data.startswith(b"\xef\xbb\xbf"):
        declared = "utf-8-sig"
    else:
        meta = _META_CHARSET.search(data[:8192])
        if meta:
            declared = meta[1].decode("ascii", "replace")
    if declared:
        try:
            encoding = codecs.lookup(declared).name
            if encoding in ("shift_jis", "cp932", "ms932"):
                encoding = "cp932"  # pages labelled Shift_JIS are written in Windows' superset
            return normalise_newlines(data.decode(encoding)), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: the bytes decide
    return decode_bytes(data, label)


# --------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class PageRule:
    """Where a kind of page keeps its article: selectors for each part (the first match wins)."""

    name: str
    detect: str
    """The page is of this kind when an element matches this selector."""
    title: str
    body: str
    date: str = ""
    lead: str = ""
    headings: str = "h2, h3, h4"


RULES: tuple[PageRule, ...] = (
    PageRule(
        name="nhk-easy",
        detect="#js-article-body, .article-main__body, div.article-body",
        title="h1.article-title, h1.article-main__title, .article-main__title, h1",
        date="p.article-date, .article-main__date, #js-article-date, time",
        body="#js-article-body, .article-main__body, div.article-body",
    ),
    PageRule(
        name="nhk-news",
        detect=".content--detail-body, .content--detail-main, section.content--body",
        title="h1.content--title, .content--title, .content--header-title, h1",
        date=".content--date time, .content--date, time",
        lead=".content--summary, .content--summary-more",
        body=".content--body, .content--detail-more",
        headings=".body-title, h2, h3",
    ),
)
"""Pages yomu knows by their markup."""


# ----------------------------------------------------------------- writing


_WS = re.compile(r"[ \t\n\r\f]+")


def _wide(ch: str) -> bool:
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


class _Writer:
    """Writes elements into a builder with HTML's white-space rules and the author's layers."""

    def __init__(self, out: DocumentBuilder) -> None:
        self.out = out
        self.space = ""
        """White space waiting to be written: ``" "``, or ``"\\n"`` when it held a line break."""
        self.last = ""
        """The last character written in the current block."""

    def text(self, data: str) -> None:
        if not data:
            return
        lead = data[0] in " \t\n\r\f"
        if lead:
            self.space = "\n" if "\n" in data[: len(data) - len(data.lstrip())] else (self.space or " ")
        words = _WS.split(data.strip(" \t\n\r\f"))
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
        base = _WS.sub(" ", base).strip()
        if not base:
            return
        self._flush_space(base[0])
        self.out.write_ruby(base, reading.strip())
        self.last = base[-1]


def write_element(writer: _Writer, element: Element, headings: Callable[[Element], bool] | None = None) -> None:
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


# ---------------------------------------------------------------- the page


@dataclass(slots=True)
class _Page:
    """What was found on a page before it is written."""

    title: Element | str | None
    date: str
    lead: list[Element]
    body: list[Element]
    headings: Callable[[Element], bool]
    rule: str


def _meta(root: Element, *names: str) -> str:
    for node in root.select("meta"):
        key = node.attrs.get("property") or node.attrs.get("name") or node.attrs.get("itemprop") or ""
        if key.lower() in names and node.attrs.get("content", "").strip():
            return node.attrs["content"].strip()
    return ""


_DATE_TEXT = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")


def iso_date(value: str) -> str:
    """``2024-06-18`` from an ISO timestamp or a written date (2024年6月18日); ``""`` if none."""
    found = _DATE_TEXT.search(value)
    if not found:
        return ""
    year, month, day = int(found[1]), int(found[2]), int(found[3])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_of(root: Element, node: Element | None) -> str:
    if node is not None:
        stamp = node.attrs.get("datetime") or next((t.attrs.get("datetime", "") for t in node.select("time")), "")
        return iso_date(stamp) or iso_date(node.text())
    return iso_date(_meta(root, "article:published_time", "date", "pubdate", "datepublished", "dc.date"))


def _page_title(root: Element) -> str:
    title = _meta(root, "og:title", "twitter:title")
    if not title:
        node = root.first("title")
        title = node.text() if node is not None else ""
    return _WS.sub(" ", title).strip()


def _by_rule(root: Element, rule: PageRule) -> _Page | None:
    if root.first(rule.detect) is None:
        return None
    body = _outermost(root.select(rule.body))
    if not body:
        return None
    title = root.first(rule.title)
    date = root.first(rule.date) if rule.date else None
    lead = [n for n in _outermost(root.select(rule.lead)) if not any(_inside(n, b) for b in body)] if rule.lead else []
    heading_test = _selector_test(root, rule.headings)
    return _Page(title, _date_of(root, date), lead, body, heading_test, rule.name)


def _selector_test(root: Element, selector: str) -> Callable[[Element], bool]:
    matches = {id(n) for n in root.select(selector)}
    return lambda node: id(node) in matches


def _inside(node: Element, ancestor: Element) -> bool:
    walk: Element | None = node
    while walk is not None:
        if walk is ancestor:
            return True
        walk = walk.parent
    return False


def _outermost(nodes: Iterable[Element]) -> list[Element]:
    """``nodes`` without those inside another of them."""
    chosen: list[Element] = []
    for node in nodes:
        if not any(_inside(node, other) for other in chosen):
            chosen = [c for c in chosen if not _inside(c, node)]
            chosen.append(node)
    return chosen


# ------------------------------------------------- the general extractor

_NEGATIVE = re.compile(
    r"(?:^|[-_ ])(?:nav|navi|navigation|menu|footer|foot|header|sidebar|side|aside|breadcrumbs?|share|sns|social|"
    r"comments?|related|recommend\w*|ranking|banner|ads?|advert\w*|promo\w*|pagination|pager|cookie|modal|popup|"
    r"login|subscribe|widget|tags?|sponsor\w*|outbrain|taboola|toolbar|skip)(?:$|[-_ ])",
    re.I,
)
_POSITIVE = re.compile(r"article|content|main|body|entry|post|story|text|honbun|detail", re.I)
_SENTENCE_END = re.compile(r"[。！？!?.]")


def _is_boilerplate(node: Element) -> bool:
    if node.tag in ("nav", "footer", "aside", "header", "form") and node.tag != "body":
        return True
    names = " ".join(node.classes) + " " + node.id
    return bool(names.strip()) and bool(_NEGATIVE.search(names)) and not _POSITIVE.search(node.id)


def _link_density(node: Element) -> float:
    text = len(node.text().strip())
    if not text:
        return 1.0
    linked = sum(len(a.text().strip()) for a in node.select("a"))
    return linked / text


def find_article(root: Element) -> Element | None:
    """The element holding the page's article, scored as readability does.

    Every paragraph-like element with enough text scores by its length and its
    sentence ends; the score goes to its parent and half of it to the
    grandparent; boilerplate (by tag and class names) is never a candidate and
    a container's score shrinks with the share of its text inside links.
    """
    body = root.first("body") or root
    scores: dict[int, float] = {}
    nodes: dict[int, Element] = {}
    for node in body.iter():
        if node.tag not in ("p", "div", "td", "pre", "li", "dd", "section", "article"):
            continue
        if any(_is_boilerplate(a) for a in _ancestors(node, body)) or node.tag in SKIP:
            continue
        own = "".join(c for c in node.children if isinstance(c, str)) if node.tag != "p" else node.text()
        if node.tag != "p":
            own += "".join(c.text() for c in node.children if isinstance(c, Element) and c.tag not in BLOCK)
        length = len(own.strip())
        if length < 25:
            continue
        score = 1.0 + len(_SENTENCE_END.findall(own)) + min(length / 50, 6.0)
        parent = node.parent
        for share, target in ((1.0, parent), (0.5, parent.parent if parent else None)):
            if target is None or target is root:
                continue
            scores[id(target)] = scores.get(id(target), 0.0) + score * share
            nodes[id(target)] = target
    best: Element | None = None
    best_score = 0.0
    for key, score in scores.items():
        node = nodes[key]
        names = " ".join(node.classes) + " " + node.id
        bonus = 1.25 if _POSITIVE.search(names) or node.tag in ("article", "main") else 1.0
        final = score * bonus * (1.0 - min(_link_density(node), 0.9))
        if final > best_score:
            best, best_score = node, final
    return best


def _ancestors(node: Element, stop: Element) -> Iterable[Element]:
    walk: Element | None = node
    while walk is not None and walk is not stop:
        yield walk
        walk = walk.parent


def _general(root: Element) -> _Page:
    # A page too short for the scorer is read whole (its boilerplate still left out).
    article = find_article(root) or root.first("body") or root
    body = [article]
    heading = article.first("h1") or root.first("h1")
    title: Element | str | None = heading if heading is not None and heading.text().strip() else _page_title(root)
    time = root.first("time[datetime]")
    date = _date_of(root, time) if time is not None else _date_of(root, None)
    return _Page(title, date, [], body, lambda n: n.tag in HEADINGS, "general")


def _strip_boilerplate(element: Element) -> None:
    """Leave out boilerplate inside the article (share buttons, related links, captions' furniture)."""
    for node in list(element.iter()):
        if node is not element and _is_boilerplate(node):
            _detach(node)


def _detach(node: Element) -> None:
    if node.parent is not None:
        node.parent.children = [c for c in node.parent.children if c is not node]


_TITLE_SEPARATORS = re.compile(r"\s*(?:[|｜]|\s[-–—]\s|：\s*NHK|\s+-\s+)\s*")


def clean_title(title: str) -> str:
    """A page title without the site's name after it (``記事｜NHKニュース`` → ``記事``)."""
    parts = [p for p in _TITLE_SEPARATORS.split(_WS.sub(" ", title).strip()) if p]
    if len(parts) > 1 and all(len(p) <= 25 for p in parts[1:]):
        return parts[0]
    return " ".join(parts)


def parse_html(data: bytes, name: str, *, label: str = "", url: str = "", content_type: str = "") -> Document:
    """The article of the HTML page in ``data`` as a :class:`Document`."""
    label = label or name or "<page>"
    markup, encoding = decode_html(data, label, content_type)
    root = parse_html_tree(markup)
    page = next((p for p in (_by_rule(root, rule) for rule in RULES) if p is not None), None) or _general(root)
    out = DocumentBuilder()
    writer = _Writer(out)
    if isinstance(page.title, Element):
        _detach(page.title)  # written once, as the title, even where it sits inside the body
        write_element(writer, page.title, lambda n: False)
        writer.end_block("title")
    elif page.title:
        writer.text(clean_title(page.title))
        writer.end_block("title")
    for part in [*page.lead, *page.body]:
        if page.rule == "general":
            _strip_boilerplate(part)
        write_element(writer, part, page.headings)
        writer.end_block()
    if out.body_length() < MIN_BODY_CHARS:
        raise SourceError(f"{label}: no body text found in the page (no article, only navigation or markup)")
    title_text = page.title.text() if isinstance(page.title, Element) else clean_title(page.title or "")
    author = _meta(root, "author", "article:author")
    canonical = next((n.attrs.get("href", "") for n in root.select("link[rel=canonical]")), "") or _meta(root, "og:url")
    source = SourceInfo(
        kind="html",
        title=_WS.sub(" ", title_text).strip(),
        author="" if author.startswith("http") else author,
        url=url or canonical,
        date=page.date,
    )
    return out.build(name=name, encoding=encoding, source=source)
