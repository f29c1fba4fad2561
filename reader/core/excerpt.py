"""Text formats of an excerpt (a range of the text) with its readings.

* :func:`format_aozora` — ruby as ｜BASE《よみ》 (stripping the markup gives the text back);
* :func:`format_inline` — ruby in brackets: 大統領(だいとうりょう);
* :func:`format_romaji` — romaji words separated by spaces, lines kept;
* :func:`format_excerpt` — what a copy holds, in the format the destination
  wants (Anki, HTML, Markdown, plain, Aozora, romaji, text), with the readings the
  furigana filter keeps, and optionally the pitch accent of each phrase, notes and
  a citation (``excerpt_format``);
* :func:`excerpt_range` — the sentence, paragraph or section around an offset.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from reader.core.accent import AccentPhrase, downstep_notation
from reader.core.analysis.kana import to_hiragana
from reader.core.analysis.romaji import STYLES, RomajiStyle, romanize
from reader.core.document import Document, Span
from reader.core.layers import Analysis, RomajiWord, RubySpan

_NO_SPACE_BEFORE = tuple(",.!?)]}”’»:;…%")
_NO_SPACE_AFTER = tuple("([{“‘«")


def _range(text: str, start: int, end: int | None) -> tuple[int, int]:
    end = len(text) if end is None else end
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return start, end


def _with_ruby(text: str, ruby: Sequence[RubySpan], start: int, end: int | None, aozora: bool) -> str:
    start, end = _range(text, start, end)
    out: list[str] = []
    pos = start
    for sp in sorted(ruby, key=lambda s: s.start):
        if sp.start < pos or sp.end > end or sp.start >= sp.end:
            continue  # outside the range, cut by it, or overlapping an earlier span
        out.append(_plain(text[pos : sp.start], aozora))
        base = text[sp.start : sp.end]
        out.append(f"｜{base}《{sp.reading}》" if aozora else f"{base}({sp.reading})")
        pos = sp.end
    out.append(_plain(text[pos:end], aozora))
    return "".join(out)


def _plain(chunk: str, aozora: bool) -> str:
    """Text outside ruby, as it is.

    A literal 《 right after a kanji would read as ruby shorthand, but every
    kanji carries a span, so such a 《 always follows a span's 》 and stays text.
    """
    _ = aozora
    return chunk


def format_aozora(text: str, ruby: Sequence[RubySpan], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every ruby span written ｜BASE《よみ》."""
    return _with_ruby(text, ruby, start, end, aozora=True)


def format_inline(text: str, ruby: Sequence[RubySpan], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with readings in brackets after their kanji: 大統領(だいとうりょう)."""
    return _with_ruby(text, ruby, start, end, aozora=False)


def format_romaji(text: str, words: Sequence[RomajiWord], start: int = 0, end: int | None = None) -> str:
    """Romaji of the words in ``text[start:end]``, separated by spaces; newlines of the text are kept."""
    start, end = _range(text, start, end)
    lines: list[list[str]] = [[]]
    pos = start
    for w in sorted(words, key=lambda w: w.start):
        if w.start < start or w.end > end or w.start < pos:
            continue
        for _ in range(text.count("\n", pos, w.start)):
            lines.append([])
        lines[-1].append(w.romaji)
        pos = w.end
    for _ in range(text.count("\n", pos, end)):
        lines.append([])
    return "\n".join(_join_words(line) for line in lines)


def _join_words(words: Sequence[str]) -> str:
    out = ""
    for w in words:
        if out and not w.startswith(_NO_SPACE_BEFORE) and not out.endswith(_NO_SPACE_AFTER):
            out += " "
        out += w
    return out


# ---------------------------------------------------------------------------
# Excerpts as a copy holds them
# ---------------------------------------------------------------------------

EXCERPT_FORMATS = ("anki", "html", "markdown", "plain", "aozora", "romaji", "text")
"""Formats of :func:`format_excerpt`: ``plain`` writes readings in brackets
(大統領(だいとうりょう)); ``text`` is the excerpt without readings."""
_ALIASES = {"inline": "plain"}
ACCENT_FORMATS = ("anki", "html", "markdown")
"""Formats that can carry the pitch accent of the excerpt's phrases (``accents`` of :func:`format_excerpt`)."""
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_UNITS = ("sentence", "paragraph", "section")


@dataclass(frozen=True, slots=True)
class ExcerptNotes:
    """What to list under an excerpt: glossary entries and entities met in it.

    ``glossary`` holds ``(surface, reading, meaning)``; ``entities`` holds
    ``(name, type, reading, english_or_role)`` with type PERSON, PLACE, ORG …
    Entries are listed in the order given; :func:`notes_in_range` picks and
    orders them from mentions with offsets.
    """

    glossary: Sequence[tuple[str, str, str]] = ()
    entities: Sequence[tuple[str, str, str, str]] = ()

    def __bool__(self) -> bool:
        return bool(self.glossary or self.entities)


def notes_in_range(
    start: int,
    end: int,
    glossary_hits: Iterable[tuple[int, int, str, str, str]] = (),
    entity_mentions: Iterable[tuple[int, int, str, str, str, str]] = (),
) -> ExcerptNotes:
    """The notes of an excerpt ``[start, end)`` from occurrences with offsets.

    ``glossary_hits`` are ``(start, end, surface, reading, meaning)``,
    ``entity_mentions`` are ``(start, end, name, type, reading, english_or_role)``
    (``name`` the canonical one).  Only occurrences wholly inside the excerpt
    count; each term or entity is listed once, in order of first occurrence.
    """
    glossary: dict[str, tuple[str, str, str]] = {}
    for s, e, surface, reading, meaning in sorted(glossary_hits, key=lambda h: h[0]):
        if start <= s and e <= end:
            glossary.setdefault(surface, (surface, reading, meaning))
    entities: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for s, e, name, kind, reading, english in sorted(entity_mentions, key=lambda m: m[0]):
        if start <= s and e <= end:
            entities.setdefault((name, kind), (name, kind, reading, english))
    return ExcerptNotes(tuple(glossary.values()), tuple(entities.values()))


def excerpt_range(document: Document, offset: int, unit: str) -> tuple[int, int]:
    """``(start, end)`` of the sentence, paragraph or section holding ``offset``.

    An offset between paragraphs belongs to the next one; a title or heading is
    its own sentence and paragraph.  A section runs from its heading to the end
    of its last paragraph; on the title, the first section with the title.
    """
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of {', '.join(_UNITS)}, not {unit!r}")
    offset = max(0, min(offset, len(document.text)))
    if unit == "section":
        section = document.section_at(offset)
        start = min(section.start, document.title.start) if offset < section.start else section.start
        last = section.paragraphs[-1].end if section.paragraphs else section.end
        return start, max(start, last)
    blocks = [(span, kind) for kind, span, _ in document.blocks() if span.end > span.start]
    if not blocks:
        return offset, offset
    block, kind = next(((b, k) for b, k in blocks if offset < b.end), blocks[-1])
    if unit == "paragraph" or kind != "paragraph":
        return block.start, block.end
    sentences = [s for s in document.sentences if block.start <= s.start and s.end <= block.end]
    found = next((s for s in sentences if offset < s.end), None)
    return (found.start, found.end) if found else (block.start, block.end)


def format_excerpt(
    document: Document,
    analysis: Analysis,
    start: int,
    end: int,
    fmt: str,
    *,
    ruby_filter: Callable[[RubySpan], bool] | None = None,
    notes: ExcerptNotes | None = None,
    cite: bool = False,
    romaji_style: str = "hepburn",
    accents: Sequence[AccentPhrase] | None = None,
) -> str:
    """``document.text[start:end]`` as a copy holds it in format ``fmt``.

    * ``anki`` — ``プーチン 大統領[だいとうりょう]が``: a space before each annotated
      word (Anki's furigana filter takes the base from the last space and hides
      that space); okurigana follow the bracket (``強[つよ]める``); ASCII ``[ ]``
      of the text become ``［ ］`` so Anki does not read them as readings, and
      ``& < >`` are HTML-escaped (Anki fields are HTML);
    * ``html`` — ``<ruby>大統領<rt>だいとうりょう</rt></ruby>``, text escaped; an
      excerpt of several lines puts each in a ``<p>``;
    * ``markdown`` — ``大統領(だいとうりょう)``, Markdown's special characters
      escaped, lines as paragraphs; ``plain`` (alias ``inline``) — the same, unescaped;
    * ``aozora`` — ``｜大統領《だいとうりょう》``;
    * ``romaji`` — each sentence, then its romaji (``romaji_style``) on the next line;
    * ``text`` — the excerpt as it is.

    Only readings inside the range that ``ruby_filter`` keeps are written (all
    when it is ``None``).  ``cite`` adds a line with the article title and the
    heading of the section holding ``start``; ``notes`` adds a list of glossary
    entries and entities, both in the format's own style.  ``accents`` (the
    accent phrases of the range, offsets into the text) adds, in the formats of
    :data:`ACCENT_FORMATS`, a line per sentence saying each phrase with a ꜜ
    where its pitch falls (``ぷーちんだいとーりょーが じゅーはちにちꜜから …``; a
    flat phrase has no mark), after the excerpt and before the citation.
    """
    fmt = _ALIASES.get(fmt, fmt)
    if fmt not in EXCERPT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXCERPT_FORMATS)}, not {fmt!r}")
    if romaji_style not in STYLES:
        raise ValueError(f"romaji style must be one of {', '.join(STYLES)}, not {romaji_style!r}")
    text = document.text
    start, end = _range(text, start, end)
    if fmt == "romaji":
        body = _romaji_body(document, analysis, start, end, cast(RomajiStyle, romaji_style))
    elif fmt == "text":
        body = text[start:end]
    else:
        ruby = [sp for sp in analysis.ruby if ruby_filter is None or ruby_filter(sp)]
        body = _body(_pieces(text, ruby, start, end), fmt)
    extras: list[str] = []
    if accents and fmt in ACCENT_FORMATS:
        block = _accent_block(document, start, end, accents, fmt)
        if block:
            extras.append(block)
    if cite:
        extras.append(_citation(document, start, fmt))
    if notes:
        extras.append(_notes(notes, fmt))
    if not extras:
        return body
    joiner = "\n" if fmt == "html" else "\n\n"
    return joiner.join([body.rstrip("\n"), *extras])


Piece = tuple[str, str | None]
"""A run of the excerpt: ``(text, None)`` or ``(base, reading)``."""


def _pieces(text: str, ruby: Sequence[RubySpan], start: int, end: int) -> list[Piece]:
    pieces: list[Piece] = []
    pos = start
    for sp in sorted(ruby, key=lambda s: s.start):
        if sp.start < pos or sp.end > end or sp.start >= sp.end or not sp.reading:
            continue  # outside the range, cut by it, or overlapping an earlier span
        if sp.start > pos:
            pieces.append((text[pos : sp.start], None))
        pieces.append((text[sp.start : sp.end], sp.reading))
        pos = sp.end
    if pos < end:
        pieces.append((text[pos:end], None))
    return pieces


def _annotate(base: str, reading: str, fmt: str, first: bool) -> str:
    if fmt == "anki":
        return ("" if first else " ") + f"{_escape(base, fmt)}[{_escape(reading, fmt)}]"
    if fmt == "html":
        return f"<ruby>{html.escape(base)}<rt>{html.escape(reading)}</rt></ruby>"
    if fmt == "aozora":
        return f"｜{base}《{reading}》"
    return f"{_escape(base, fmt)}({reading})"


def _escape(chunk: str, fmt: str) -> str:
    if fmt == "html":
        return html.escape(chunk)
    if fmt == "markdown":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", chunk)
    if fmt == "anki":
        # Anki fields are HTML: the article's <script> or <img onerror=…> is text, never markup.
        return html.escape(chunk, quote=False).replace("[", "［").replace("]", "］")
    return chunk


def _body(pieces: Sequence[Piece], fmt: str) -> str:
    out: list[str] = []
    for chunk, reading in pieces:
        if reading is None:
            out.append(_escape(chunk, fmt))
        else:
            out.append(_annotate(chunk, reading, fmt, first=not out))
    body = "".join(out)
    if fmt not in ("html", "markdown"):
        return body
    lines = [line for line in body.split("\n") if line.strip()]
    if fmt == "markdown":
        return "\n\n".join(lines)  # one paragraph per line, as the article has them
    if len(lines) <= 1:
        return "".join(lines)
    return "\n".join(f"<p>{line}</p>" for line in lines)


def _sentence_spans(document: Document, start: int, end: int) -> list[Span]:
    """Sentences (titles and headings count as one) clipped to the range; text outside any fills in."""
    candidates = [document.title]
    for section in document.sections:
        if section.heading is not None:
            candidates.append(section.heading)
        for paragraph in section.paragraphs:
            candidates.extend(paragraph.sentences or (Span(paragraph.start, paragraph.end),))
    spans = sorted(
        (Span(max(s.start, start), min(s.end, end)) for s in candidates if s.start < end and s.end > start),
        key=lambda s: s.start,
    )
    filled: list[Span] = []
    pos = start
    text = document.text
    for span in [*spans, Span(end, end)]:
        line_start = pos
        for line in text[pos : max(pos, span.start)].split("\n"):
            if line.strip():
                filled.append(Span(line_start, line_start + len(line)))
            line_start += len(line) + 1
        if span.end > span.start:
            filled.append(span)
        pos = max(pos, span.end)
    return filled


def _romaji_body(document: Document, analysis: Analysis, start: int, end: int, style: RomajiStyle) -> str:
    text = document.text
    words = romanize([t for t in analysis.tokens if start <= t.start and t.end <= end], style)
    blocks = []
    for span in _sentence_spans(document, start, end):
        sentence = text[span.start : span.end].strip()
        if not sentence:
            continue
        romaji = format_romaji(text, words, span.start, span.end).strip()
        blocks.append(f"{sentence}\n{romaji}" if romaji else sentence)
    return "\n\n".join(blocks)


def _accent_block(document: Document, start: int, end: int, phrases: Sequence[AccentPhrase], fmt: str) -> str:
    """One line per sentence of the excerpt: its phrases as said, with the downstep marked."""
    lines = []
    ordered = sorted((p for p in phrases if start <= p.start < end), key=lambda p: p.start)
    for span in _sentence_spans(document, start, end):
        said = [downstep_notation(p.reading, p.accent) for p in ordered if span.start <= p.start < span.end]
        if said:
            lines.append(" ".join(said))
    if fmt == "html":
        return "\n".join(f'<p class="accent">{html.escape(line)}</p>' for line in lines)
    if fmt == "markdown":
        return "\n\n".join(_escape(line, fmt) for line in lines)
    return "\n".join(lines)


def _citation(document: Document, start: int, fmt: str) -> str:
    title = document.title_text.strip()
    section = document.section_at(start)
    heading = document.heading_text(section).strip() if start >= section.start else ""
    # Where the text came from, when the source says: author, 底本, date, address.
    origin = document.source
    extra = "、".join(p for p in (origin.author, origin.base, origin.date, origin.url) if p)
    if fmt == "html":
        line = f"— <cite>{html.escape(title)}</cite>" + (f" · {html.escape(heading)}" if heading else "")
        return f'<p class="cite">{line}{f" · {html.escape(extra)}" if extra else ""}</p>'
    if fmt == "markdown":
        line = f"— *{_escape(title, fmt)}*" + (f" · {_escape(heading, fmt)}" if heading else "")
        return line + (f" · {_escape(extra, fmt)}" if extra else "")
    line = f"— {_escape(title, fmt)}" + (f" · {_escape(heading, fmt)}" if heading else "")
    return line + (f" · {_escape(extra, fmt)}" if extra else "")


def _with_reading(word: str, reading: str, fmt: str) -> str:
    """A note's headword, with its reading unless the word is written in kana already."""
    if not reading or to_hiragana(word) == to_hiragana(reading):
        return _escape(word, fmt)
    return _annotate(word, reading, fmt, first=False)


def _notes(notes: ExcerptNotes, fmt: str) -> str:
    rows: list[str] = []
    for surface, reading, meaning in notes.glossary:
        head = _with_reading(surface, reading, fmt)
        rows.append(head + (f": {_escape(meaning, fmt)}" if meaning else ""))
    for name, kind, reading, english in notes.entities:
        head = _with_reading(name, reading, fmt) + f" ({_escape(kind.lower(), fmt)})"
        rows.append(head + (f": {_escape(english, fmt)}" if english else ""))
    if fmt == "html":
        return '<ul class="notes">' + "".join(f"<li>{row}</li>" for row in rows) + "</ul>"
    bullet = "・" if fmt == "anki" else "- "
    return "\n".join(bullet + row for row in rows)


def notes_from_layers(
    start: int, end: int, glossary: Iterable[object] = (), entities: object | None = None
) -> ExcerptNotes:
    """Notes of ``[start, end)`` from the glossary terms and the entity index of an article.

    ``glossary`` holds :class:`~reader.core.analysis.glossary.GlossaryTerm` s and
    ``entities`` an :class:`~reader.core.analysis.entities.EntityIndex`; both
    are read by attribute so this module needs neither.
    """
    hits = [
        (s, e, term.surface, term.reading, term.meaning)  # type: ignore[attr-defined]
        for term in glossary
        for s, e in term.occurrences  # type: ignore[attr-defined]
    ]
    mentions = []
    if entities is not None:
        by_id = {entity.id: entity for entity in entities.entities}  # type: ignore[attr-defined]
        for mention in entities.mentions:  # type: ignore[attr-defined]
            entity = by_id[mention.entity_id]
            mentions.append(
                (
                    mention.start,
                    mention.end,
                    entity.canonical,
                    entity.type,
                    entity.reading,
                    entity.english or entity.role,
                )
            )
    return notes_in_range(start, end, hits, mentions)
