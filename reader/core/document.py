"""The article as text plus structure layers over character offsets.

A :class:`Document` holds one ``str`` (newlines normalised to ``\\n``) and the
structure found in it: the title, sections, paragraphs and sentences, each a
range of offsets into that string.  Nothing here copies the text into another
shape; every view (screen rows, exports, evaluation output) reads ``text`` and
these spans.

Sources richer than plain text (Aozora Bunko, HTML, EPUB) add the author's own
layers over the same offsets: ruby (:attr:`Document.ruby`), name marks
(:attr:`Document.names`), emphasis (:attr:`Document.emphasis`) and gaiji notes
(:attr:`Document.gaiji`), and what a citation needs (:attr:`Document.source`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.core.layers import RubySpan


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


NAME_TYPES = ("PERSON", "PLACE", "ORG")
"""The kinds of name an author can mark (NHK NEWS WEB EASY colours people, places, organisations)."""


@dataclass(frozen=True, slots=True)
class NameMark:
    """A name the source itself marks: ``text[start:end]`` is a ``type`` (PERSON, PLACE, ORG)."""

    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasis the author gave ``text[start:end]``: ``dots`` (傍点), ``line`` (傍線), ``bold``, ``italic``."""

    start: int
    end: int
    kind: str = "dots"


@dataclass(frozen=True, slots=True)
class GaijiNote:
    """A character the source could not encode, described in words (Aozora ``※［＃…］``).

    ``text[start:end]`` is the Unicode character when one exists, else 〓;
    ``description`` is the source's own (「言＋虚」), ``code`` the JIS X 0213
    plane-row-cell or ``U+XXXX`` it gave (``""`` when none).
    """

    start: int
    end: int
    description: str
    code: str = ""

    @property
    def resolved(self) -> bool:
        """True when the character was found (not shown as 〓)."""
        return self.code != "" and self.start < self.end


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a text came from, for citations and the library."""

    kind: str = "text"
    """The format: ``text``, ``aozora``, ``html`` or ``epub`` (plain text from standard input or the
    clipboard says ``stdin`` or ``paste``; the library records every text's origin)."""
    title: str = ""
    author: str = ""
    url: str = ""
    """The page's address (a fetched or saved page), else ``""``."""
    date: str = ""
    """The text's date as the source gives it (ISO ``YYYY-MM-DD`` where known)."""
    base: str = ""
    """The printed book the text was taken from (Aozora's 底本), on one line."""
    path: str = ""
    """The file it was read from (``""`` for standard input, the clipboard or a URL)."""
    notes: str = ""
    """The source's colophon or other text kept out of the body (Aozora's 入力/校正 lines)."""

    def citation(self) -> str:
        """One line naming the work: author, title, book or site, date, address."""
        parts = [p for p in (self.author, f"「{self.title}」" if self.title else "", self.base, self.date) if p]
        if self.url:
            parts.append(self.url)
        return "、".join(parts)


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
    ruby: tuple[RubySpan, ...] = ()
    """The author's ruby (``source="author"``), sorted by start: it wins over every computed reading."""
    names: tuple[NameMark, ...] = ()
    """Names the source marks (NHK NEWS WEB EASY colours), sorted by start."""
    emphasis: tuple[Emphasis, ...] = ()
    """Emphasis (傍点, 傍線) the source gives, sorted by start."""
    gaiji: tuple[GaijiNote, ...] = ()
    """Characters the source described in words, sorted by start."""
    source: SourceInfo = field(default_factory=SourceInfo)
    """Where the text came from: kind, title, author, URL, date, 底本."""
    _index: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Sorted starts of the layers, built on first use: a look-up by offset costs log n, not n."""

    def _starts(self, name: str) -> list[int]:
        found = self._index.get(name)
        if found is None:
            spans: Iterable[Any] = {
                "ruby": self.ruby,
                "gaiji": self.gaiji,
                "sections": self.sections,
                "sentences": self._sentence_list(),
            }[name]
            found = self._index[name] = [span.start for span in spans]
        return found

    def _sentence_list(self) -> list[Span]:
        found = self._index.get("sentence_spans")
        if found is None:
            found = self._index["sentence_spans"] = list(self.sentences)
        return found

    def author_ruby(self, start: int = 0, end: int | None = None) -> tuple[RubySpan, ...]:
        """The author's ruby inside ``[start, end)`` (offsets unchanged), for the reading pipeline."""
        stop = len(self.text) if end is None else end
        starts = self._starts("ruby")
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, stop)
        return tuple(sp for sp in self.ruby[lo:hi] if sp.end <= stop)

    def gaiji_at(self, offset: int) -> GaijiNote | None:
        """The gaiji note over ``offset``, if any (for look-up)."""
        index = bisect.bisect_right(self._starts("gaiji"), offset) - 1
        if index >= 0:
            note = self.gaiji[index]
            if note.start <= offset < max(note.end, note.start + 1):
                return note
        return None

    def gaiji_in(self, start: int, end: int) -> list[GaijiNote]:
        """The gaiji notes inside ``[start, end)`` (a word under the cursor)."""
        starts = self._starts("gaiji")
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, max(end, start + 1))
        return list(self.gaiji[lo:hi])

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
        index = bisect.bisect_right(self._starts("sections"), offset) - 1
        return self.sections[max(0, index)]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, if any; the title and a heading count as one sentence."""
        if self.title.contains(offset):
            return self.title
        heading = self.section_at(offset).heading
        if heading is not None and heading.contains(offset):
            return heading
        sentences = self._sentence_list()
        index = bisect.bisect_right(self._starts("sentences"), offset) - 1
        if index >= 0 and sentences[index].start <= offset < sentences[index].end:
            return sentences[index]
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
