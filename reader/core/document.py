"""The article as text plus structure layers over character offsets.

A :class:`Document` holds one ``str`` (newlines normalised to ``\\n``) and the
structure found in it: the title, sections, paragraphs and sentences, each a
range of offsets into that string.  Nothing here copies the text into another
shape; every view (screen rows, exports, evaluation output) reads ``text`` and
these spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        """True when ``offset`` lies inside the span."""
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (one source line) and the sentences it splits into."""

    start: int
    end: int
    sentences: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A section: an optional heading line and the paragraphs under it.

    The lead section (the paragraphs between the title and the first heading)
    has no heading.
    """

    index: int
    """Position among the document's sections, from 0."""
    heading: Span | None
    start: int
    """Offset of the heading, or of the first paragraph for the lead."""
    end: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its text and its structure layers."""

    text: str
    title: Span
    sections: tuple[Section, ...]
    name: str = ""
    """Where the text came from (a file name), for messages and citations."""
    encoding: str = "utf-8"
    """The encoding the source was decoded from."""
    _sentences: tuple[Span, ...] = field(default=(), repr=False, compare=False)

    @property
    def title_text(self) -> str:
        return self.text[self.title.start : self.title.end]

    def heading_text(self, section: Section) -> str:
        """The heading of ``section``, or ``""`` for the lead section."""
        if section.heading is None:
            return ""
        return self.text[section.heading.start : section.heading.end]

    def section_label(self, section: Section) -> str:
        """A label for lists: the heading, or the start of the lead."""
        if section.heading is not None:
            return self.heading_text(section)
        return "Lead"

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            yield from section.paragraphs

    @property
    def sentences(self) -> Iterator[Span]:
        for paragraph in self.paragraphs:
            yield from paragraph.sentences

    def section_at(self, offset: int) -> Section:
        """The section holding ``offset`` (the first one for the title)."""
        found = self.sections[0]
        for section in self.sections:
            if section.start <= offset:
                found = section
            else:
                break
        return found

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, if any; the title and a heading count as one sentence."""
        if self.title.contains(offset):
            return self.title
        for section in self.sections:
            if section.heading is not None and section.heading.contains(offset):
                return section.heading
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def blocks(self) -> Iterator[tuple[str, Span, Section | None]]:
        """The blocks shown one after another: title, headings and paragraphs.

        Yields ``(kind, span, section)`` where ``kind`` is ``"title"``,
        ``"heading"`` or ``"paragraph"``.
        """
        yield "title", self.title, None
        for section in self.sections:
            if section.heading is not None:
                yield "heading", section.heading, section
            for paragraph in section.paragraphs:
                yield "paragraph", Span(paragraph.start, paragraph.end), section
