"""Structure of an NHK-style plain-text article.

The first non-empty line is the title.  Each further non-empty line is a
paragraph, unless it reads as a section heading: a short line, followed by more
text, that does not end a sentence (it may end in a closing quote when it is a
headline quote such as ``林官房長官「…増している」``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reader.core.document import Document, Paragraph, Section, Span

SENTENCE_END = "。！？!?．"
"""Characters that end a sentence."""
CLOSING = "」』）)】〕〉》”’\"'"
"""Closing brackets and quotes that stay with the sentence before them."""
OPENING = "「『（(【〔〈《“‘"
MAX_HEADING = 50
"""A heading is at most this many characters long."""


def is_heading_line(line: str) -> bool:
    """True when ``line`` reads as a section heading by its form alone."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING:
        return False
    body = stripped.rstrip(CLOSING)
    if not body:
        return False
    if body[-1] in SENTENCE_END or body[-1] in "、,":
        return False
    # A sentence end inside the line means it is prose, not a headline.
    return not any(ch in "。" for ch in body)


_MARKS = re.compile("[" + re.escape(SENTENCE_END + CLOSING + OPENING) + "]")
"""The characters sentence splitting looks at."""


def split_sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Sentences of ``text[start:end]``.

    A sentence ends after a run of 。！？ (with the closing brackets that follow
    it) outside any brackets, or after a closing bracket that brings the depth
    back to zero and is followed by the end of the paragraph, a space or a new
    opening bracket.  Quoted speech ``「…。…」と述べました。`` stays one sentence.
    """
    spans: list[Span] = []
    depth = 0
    sentence_start = start
    i = start
    while True:
        # Only brackets and sentence ends matter: jump from one to the next (a novel is a million characters).
        found = _MARKS.search(text, i, end)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING and ch not in "\"'" and depth > 0:
            depth -= 1
            if depth == 0:
                nxt = text[i + 1] if i + 1 < end else ""
                if nxt == "" or nxt.isspace() or nxt in OPENING:
                    spans.append(Span(sentence_start, i + 1))
                    sentence_start = i + 1
        elif ch in SENTENCE_END and depth == 0:
            j = i + 1
            while j < end and (text[j] in SENTENCE_END or text[j] in CLOSING):
                j += 1
            spans.append(Span(sentence_start, j))
            sentence_start = j
            i = j
            continue
        i += 1
    if sentence_start < end:
        spans.append(Span(sentence_start, end))
    # Leading spaces belong to no sentence.
    cleaned: list[Span] = []
    for span in spans:
        s = span.start
        while s < span.end and text[s].isspace():
            s += 1
        if s < span.end:
            cleaned.append(Span(s, span.end))
    return tuple(cleaned)


def _lines(text: str) -> list[Span]:
    """Non-empty lines as spans, surrounding white space trimmed."""
    spans: list[Span] = []
    offset = 0
    for raw in text.split("\n"):
        s, e = offset, offset + len(raw)
        offset = e + 1
        while s < e and text[s] in " \t\u3000":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if s < e:
            spans.append(Span(s, e))
    return spans


def sections_of(text: str, title: Span, blocks: Iterable[tuple[bool, Span]]) -> tuple[Section, ...]:
    """Group blocks, each ``(is_heading, span)`` in text order, into sections.

    A heading opens a section; paragraphs before the first heading make a lead
    section without one.  With no block at all, one empty section follows the
    title.  Each paragraph's sentences are found here.
    """
    sections: list[Section] = []
    heading: Span | None = None
    paragraphs: list[Paragraph] = []

    def close(end: int) -> None:
        if heading is None and not paragraphs:
            return
        first = heading.start if heading is not None else paragraphs[0].start
        sections.append(Section(len(sections), heading, first, end, tuple(paragraphs)))

    for is_heading, span in blocks:
        if is_heading:
            close(span.start)
            heading, paragraphs = span, []
        else:
            paragraphs.append(Paragraph(span.start, span.end, split_sentences(text, span.start, span.end)))
    close(len(text))
    if not sections:
        sections.append(Section(0, None, title.end, len(text), ()))
    return tuple(sections)


def parse_text(text: str, name: str = "", encoding: str = "utf-8") -> Document:
    """Find the title, sections, paragraphs and sentences of ``text``."""
    lines = _lines(text)
    if not lines:
        raise ValueError("no text")
    title, body = lines[0], lines[1:]

    def blocks() -> Iterator[tuple[bool, Span]]:
        for index, line in enumerate(body):
            following = body[index + 1] if index + 1 < len(body) else None
            yield (
                (
                    following is not None
                    and is_heading_line(text[line.start : line.end])
                    and not is_heading_line(text[following.start : following.end])
                ),
                line,
            )

    sections = sections_of(text, title, blocks())
    return Document(text=text, title=title, sections=sections, name=name, encoding=encoding)
