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
   lines, ``<ruby>`` is the author's ruby, name colours become name marks
   (:mod:`reader.core.sources.html_writer`, shared with EPUB; its names are
   imported here too, where they were first defined).

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
from reader.core.sources.html_writer import HEADINGS, NAME_CLASSES, SKIP, WHITE_SPACE, Writer, write_element
from reader.core.sources.htmldom import BLOCK, Element, parse_html_tree

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
    return WHITE_SPACE.sub(" ", title).strip()


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
    parts = [p for p in _TITLE_SEPARATORS.split(WHITE_SPACE.sub(" ", title).strip()) if p]
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
    writer = Writer(out)
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
        title=WHITE_SPACE.sub(" ", title_text).strip(),
        author="" if author.startswith("http") else author,
        url=url or canonical,
        date=page.date,
    )
    return out.build(name=name, encoding=encoding, source=source)


__all__ = [
    "HEADINGS",
    "MIN_BODY_CHARS",
    "NAME_CLASSES",
    "RULES",
    "SKIP",
    "PageRule",
    "clean_title",
    "decode_html",
    "find_article",
    "iso_date",
    "parse_html",
    "write_element",
]
