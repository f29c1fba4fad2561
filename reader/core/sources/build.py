"""Assemble a :class:`Document` from blocks written one piece at a time.

The Aozora, HTML and EPUB readers walk their source and write the text a
reader sees — title, headings, paragraphs — into a :class:`DocumentBuilder`,
marking the author's ruby, names, emphasis and gaiji as they go.  The builder
keeps the offsets, so every layer points into the one ``text`` it returns.
Blocks are separated by ``\\n`` (a blank line before a heading), never hold a
newline themselves, and carry no leading or trailing white space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.document import Document, Emphasis, GaijiNote, NameMark, SourceInfo, Span
from reader.core.layers import RubySpan
from reader.core.sources.text import sections_of

_SPACE = " \t\u3000\n\r\f\v\u00a0"
"""White space trimmed at the ends of a block (U+3000 is the paragraph indent of Japanese prose)."""


@dataclass(slots=True)
class _Block:
    kind: str
    start: int
    end: int


@dataclass(slots=True)
class DocumentBuilder:
    """Text written block by block, with the author's layers over it."""

    _done: list[str] = field(default_factory=list)
    """Closed blocks and their separators."""
    _done_length: int = 0
    _current: list[str] = field(default_factory=list)
    """The block being written."""
    _current_length: int = 0
    _blank_line: bool = True
    """True when the text so far ends in a blank line (or is empty): no separator needed before a heading."""
    _blocks: list[_Block] = field(default_factory=list)
    ruby: list[RubySpan] = field(default_factory=list)
    names: list[NameMark] = field(default_factory=list)
    emphasis: list[Emphasis] = field(default_factory=list)
    gaiji: list[GaijiNote] = field(default_factory=list)

    @property
    def offset(self) -> int:
        """Where the next character written will be."""
        return self._done_length + self._current_length

    @property
    def block_empty(self) -> bool:
        """True when nothing but white space was written since the last block ended."""
        return self._current_length == 0

    def write(self, text: str) -> None:
        """Add text to the current block; newlines become spaces, leading white space is dropped."""
        if not text:
            return
        if "\n" in text or "\r" in text:
            text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        if self.block_empty:
            text = text.lstrip(_SPACE)
            if not text:
                return
        self._current.append(text)
        self._current_length += len(text)

    def write_ruby(self, base: str, reading: str) -> None:
        """Write ``base`` with the author's ``reading`` over it (kept only when both are non-empty)."""
        start = self.offset
        self.write(base)
        reading = "".join(reading.split())
        if reading and self.offset > start:
            self.ruby.append(RubySpan(start, self.offset, reading, "author"))

    def mark_name(self, start: int, end: int, kind: str) -> None:
        """``[start, end)`` of the current block is a name of type ``kind``."""
        start, end = self._trimmed(start, end)
        if start < end:
            self.names.append(NameMark(start, end, kind))

    def mark_emphasis(self, start: int, end: int, kind: str = "dots") -> None:
        """``[start, end)`` of the current block is emphasised."""
        start, end = self._trimmed(start, end)
        if start < end:
            self.emphasis.append(Emphasis(start, end, kind))

    def write_gaiji(self, character: str, description: str, code: str) -> None:
        """Write a character described in words: ``character`` when found, else 〓."""
        start = self.offset
        self.write(character or "〓")
        self.gaiji.append(GaijiNote(start, self.offset, description, code if character else ""))

    def block_text(self) -> str:
        """The current block as written so far (it starts at ``offset - len(block_text())``)."""
        if len(self._current) > 1:
            self._current = ["".join(self._current)]
        return self._current[0] if self._current else ""

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        base = self._done_length
        start, end = max(start, base), min(end, self.offset)
        text = self.block_text()
        while start < end and text[start - base] in _SPACE:
            start += 1
        while end > start and text[end - 1 - base] in _SPACE:
            end -= 1
        return start, end

    def end_block(self, kind: str = "paragraph") -> None:
        """Close the current block as a ``title``, ``heading`` or ``paragraph`` (nothing if it is empty).

        A heading gets a blank line before it and a title one after it; the
        layers of the block move with the inserted line.
        """
        text = self.block_text().rstrip(_SPACE)
        if not text:
            self.discard_block()
            return
        cut = self._done_length + len(text)
        if cut < self.offset:  # trailing white space goes; a layer reaching into it is cut back
            self._clip(cut)
        if kind == "heading" and not self._blank_line:
            self._done.append("\n")
            self._done_length += 1
            self._shift_block_layers(1)
        start = self._done_length
        self._done.append(text)
        self._done.append("\n\n" if kind in ("title", "heading") else "\n")
        self._blocks.append(_Block(kind, start, start + len(text)))
        self._done_length += len(text) + len(self._done[-1])
        self._blank_line = kind in ("title", "heading")
        self._current, self._current_length = [], 0

    def _shift_block_layers(self, by: int) -> None:
        lo = self._done_length - by
        self.ruby = [RubySpan(s.start + by, s.end + by, s.reading, s.source) if s.start >= lo else s for s in self.ruby]
        self.names = [NameMark(m.start + by, m.end + by, m.type) if m.start >= lo else m for m in self.names]
        self.emphasis = [Emphasis(e.start + by, e.end + by, e.kind) if e.start >= lo else e for e in self.emphasis]
        self.gaiji = [
            GaijiNote(g.start + by, g.end + by, g.description, g.code) if g.start >= lo else g for g in self.gaiji
        ]

    def _clip(self, end: int) -> None:
        self.ruby = [sp for sp in self.ruby if sp.end <= end]
        self.names = [NameMark(m.start, min(m.end, end), m.type) for m in self.names if m.start < end]
        self.emphasis = [Emphasis(e.start, min(e.end, end), e.kind) for e in self.emphasis if e.start < end]
        self.gaiji = [g for g in self.gaiji if g.start < end]

    def discard_block(self) -> None:
        """Forget what was written since the last block ended (and the layers over it)."""
        cut = self._done_length
        self._current, self._current_length = [], 0
        self.ruby = [sp for sp in self.ruby if sp.start < cut]
        self.names = [m for m in self.names if m.start < cut]
        self.emphasis = [e for e in self.emphasis if e.start < cut]
        self.gaiji = [g for g in self.gaiji if g.start < cut]

    @property
    def block_count(self) -> int:
        """How many blocks were closed so far."""
        return len(self._blocks)

    def body_length(self) -> int:
        """Characters written in headings and paragraphs (not the title)."""
        return sum(block.end - block.start for block in self._blocks if block.kind != "title")

    def has_body(self) -> bool:
        """True when a heading or paragraph was written (not only a title)."""
        return any(block.kind != "title" for block in self._blocks)

    def build(self, *, name: str = "", encoding: str = "utf-8", source: SourceInfo | None = None) -> Document:
        """The document: the first title block is its title, each heading opens a section.

        Paragraphs before the first heading make a lead section without a
        heading (an Aozora book's front matter, a news article's lead).  With
        no title block, the first block is the title.  Raises ``ValueError``
        when nothing was written.
        """
        self.end_block()
        if not self._blocks:
            raise ValueError("no text")
        blocks = list(self._blocks)
        index = next((i for i, b in enumerate(blocks) if b.kind == "title"), 0)
        title_block = blocks.pop(index)
        text = "".join(self._done).rstrip("\n") + "\n"
        title = Span(title_block.start, title_block.end)
        sections = sections_of(text, title, ((b.kind == "heading", Span(b.start, b.end)) for b in blocks))
        return Document(
            text=text,
            title=title,
            sections=sections,
            name=name,
            encoding=encoding,
            ruby=tuple(sorted(self.ruby, key=lambda sp: sp.start)),
            names=tuple(sorted(self.names, key=lambda m: m.start)),
            emphasis=tuple(sorted(self.emphasis, key=lambda e: e.start)),
            gaiji=tuple(sorted(self.gaiji, key=lambda g: g.start)),
            source=source or SourceInfo(),
        )
