"""Aozora Bunko (青空文庫) ruby texts: the notation read into text plus layers.

The notation, as the Aozora Bunko input manual and aozora2html define it:

- ruby ``漢字《かんじ》``: the base is the run of characters of one class
  (kanji, hiragana, katakana, full-width or half-width letters) just before
  ``《``; ``｜`` marks where the base starts when the run would be wrong
  (``一番｜獰悪《どうあく》``).  Ruby becomes :attr:`Document.ruby` with
  ``source="author"``;
- editor notes ``［＃…］``: headings (``［＃「一」は中見出し］``, the
  ``［＃ここから大見出し］`` form) open sections; 傍点 and 傍線 (over a named
  target or a ``［＃傍点］…［＃傍点終わり］`` range) become emphasis; ``［＃「X」に「Y」のルビ］``
  is ruby; every other note (indentation, page breaks, 底本では…, 下付き小文字,
  返り点) is dropped;
- gaiji ``※［＃「言＋虚」、第4水準2-88-74］``: the JIS X 0213 plane-row-cell (or
  ``U+XXXX``) becomes the Unicode character through Python's ``euc_jisx0213``
  codec; a gaiji without a code is 〓 with its description kept as a note;
- accent decomposition ``〔cafe'〕`` → ``café`` (the brackets go where an
  accent was found), くの字点 ``／＼`` → 〳〵;
- the header (title, author), the 【テキスト中に現れる記号について】 block and the
  colophon from ``底本：`` on are not body text: the title and author go to the
  title and front matter, the colophon to :attr:`Document.source`.

Notation left open on its line (``《`` without ``》``, ``［＃`` without ``］``)
raises :class:`SourceError` naming the line.

The characters of the notation (the classes that decide a ruby base, gaiji
codes, accent decomposition) are :mod:`reader.core.sources.aozora_chars`;
their public names are imported here too, where they were first defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.document import Document, SourceInfo
from reader.core.layers import RubySpan
from reader.core.sources.aozora_chars import char_class, compose_accents, jis_x0213, resolve_gaiji
from reader.core.sources.build import DocumentBuilder
from reader.core.sources.decode import SourceError

_DASHES = re.compile(r"^-{10,}\s*$")
_SYMBOLS_BLOCK = "【テキスト中に現れる記号について】"
_BODY_END = "［＃本文終わり］"

_KANJI_RUBY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]《[ぁ-ゖァ-ヺー・ 　]{2,}")
"""Implicit ruby as Aozora texts write it: a kanji, then a reading in kana (closed or left open)."""


def is_aozora(text: str) -> bool:
    """True when ``text`` is written in Aozora Bunko notation (told by its content, not its name).

    Evidence: the explanatory block, an editor note ``［＃``, a ``｜…《`` ruby,
    or a kanji followed by a kana reading in ``《`` (even left open: it is still
    notation, and reading it as plain text would show the marks).  Quotation
    marks ``《労働新聞》`` after a particle or around kanji are not ruby.
    """
    head = text[:4000]
    if _SYMBOLS_BLOCK in head or "［＃" in text:
        return True
    if re.search(r"｜[^《\n]{1,40}《[^》\n]+》", text):
        return True
    return _KANJI_RUBY.search(text) is not None


_NOTATION = re.compile("[｜《※［〔〕／]")
"""Where plain text stops: ruby, notes, gaiji, accent decomposition, くの字点."""


# ----------------------------------------------------------------- notes

_HEADING = re.compile(r"^「(?P<target>.+)」は(?:同行|窓)?(?P<level>大|中|小)見出し$")
_HEADING_OPEN = re.compile(r"^(?:同行|窓)?(大|中|小)見出し$")
_HEADING_CLOSE = re.compile(r"^(?:同行|窓)?(大|中|小)見出し終わり$")
_HEADING_BLOCK_OPEN = re.compile(r"^ここから(?:同行|窓)?(大|中|小)見出し$")
_HEADING_BLOCK_CLOSE = re.compile(r"^ここで(?:同行|窓)?(大|中|小)見出し終わり$")
_DOTS = "(?:白ゴマ|丸|白丸|黒三角|白三角|二重丸|蛇の目|ばつ)?傍点"
_LINES = "(?:二重)?傍線|鎖線|破線|波線"
_EMPHASIS_TARGET = re.compile(rf"^「(?P<target>.+)」(?:に|の左に)(?P<kind>{_DOTS}|{_LINES})$")
_STYLE_TARGET = re.compile(r"^「(?P<target>.+)」は(?P<kind>太字|斜体)$")
_EMPHASIS_OPEN = re.compile(rf"^(?:左に)?(?P<kind>{_DOTS}|{_LINES}|太字|斜体)$|^ここから(?P<block>太字|斜体)$")
_EMPHASIS_CLOSE = re.compile(
    rf"^(?:左に)?(?P<kind>{_DOTS}|{_LINES}|太字|斜体)終わり$|^ここで(?P<block>太字|斜体)終わり$"
)
_RUBY_TARGET = re.compile(r"^「(?P<target>.+)」に「(?P<reading>.+)」のルビ$")


def _emphasis_kind(name: str) -> str:
    if name.endswith("傍点"):
        return "dots"
    if name == "太字":
        return "bold"
    if name == "斜体":
        return "italic"
    return "line"


@dataclass(slots=True)
class _Line:
    """State while one source line is read into the builder."""

    number: int
    heading: bool = False
    ruby_start: int | None = None
    run_start: int = 0
    run_class: str = ""
    accents: bool = False
    """Inside 〔〕 holding accent decomposition."""


class _Reader:
    """Reads body lines of Aozora notation into a :class:`DocumentBuilder`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.out = DocumentBuilder()
        self.heading_block = False
        self.open_emphasis: list[tuple[str, int]] = []

    def fail(self, line: int, problem: str) -> SourceError:
        return SourceError(f"{self.name}: line {line}: {problem}")

    # ---------------------------------------------------------- a line

    def line(self, raw: str, number: int, kind: str = "paragraph") -> None:
        """Read one source line as one block (or as part of a heading block)."""
        state = _Line(number, run_start=self.out.offset)
        self._inline(raw, state)
        if self.heading_block:
            if not self.out.block_empty:
                self.out.write(" ")  # the lines of a multi-line heading make one heading
            return
        self.out.end_block("heading" if state.heading and kind == "paragraph" else kind)

    def _inline(self, raw: str, state: _Line) -> None:
        out = self.out
        i, n = 0, len(raw)
        while i < n:
            ch = raw[i]
            if ch == "｜" and "《" in raw[i + 1 :]:
                state.ruby_start = out.offset
                i += 1
            elif ch == "《":
                close = raw.find("》", i + 1)
                if close < 0:
                    raise self.fail(state.number, "《 is not closed by 》 (Aozora ruby notation left open)")
                self._ruby(raw[i + 1 : close], state)
                i = close + 1
            elif ch == "※" and raw.startswith("［＃", i + 1):
                close = self._note_end(raw, i + 1, state)
                character, description, code = resolve_gaiji(raw[i + 3 : close])
                out.write_gaiji(character, description, code)
                self._advance_run(state, "kanji", len(character or "〓"))
                i = close + 1
            elif ch == "［" and raw.startswith("［＃", i):
                close = self._note_end(raw, i, state)
                self._note(raw[i + 2 : close], state)
                i = close + 1
            elif ch == "〔" and not state.accents and "〕" in raw[i:]:
                # Accent decomposition: the brackets go only where an accent is found in them.
                inner = re.sub(r"［＃[^］]*］", "", raw[i + 1 : raw.index("〕", i)])
                state.accents = compose_accents(inner)[1]
                if not state.accents:
                    self._text(ch, state)
                i += 1
            elif ch == "〕" and state.accents:
                state.accents = False
                i += 1
            elif raw.startswith("／″＼", i):
                self._text("〴〵", state)
                i += 3
            elif raw.startswith("／＼", i):
                self._text("〳〵", state)
                i += 2
            else:
                special = _NOTATION.search(raw, i + 1)
                j = n if special is None else special.start()
                chunk = raw[i:j]
                self._text(compose_accents(chunk)[0] if state.accents else chunk, state)
                i = j

    def _text(self, text: str, state: _Line) -> None:
        """Write plain text and track the run of same-class characters ending it (the implicit ruby base)."""
        before = self.out.offset
        self.out.write(text)
        written = self.out.offset - before
        if not written:
            return  # leading white space of a block, dropped
        text = text[-written:]
        last = char_class(text[-1])
        k = len(text) - 1
        while k > 0 and char_class(text[k - 1]) == last:
            k -= 1
        if k > 0 or last != state.run_class or last == "other":
            state.run_start = before + k
        state.run_class = last

    def _advance_run(self, state: _Line, cls: str, length: int) -> None:
        """Continue (or start) the run with ``length`` characters of class ``cls`` just written."""
        if cls != state.run_class or cls == "other":
            state.run_start = self.out.offset - length
        state.run_class = cls

    def _ruby(self, reading_source: str, state: _Line) -> None:
        out = self.out
        if state.ruby_start is not None:
            start = state.ruby_start
        elif state.run_class and state.run_class != "other":
            start = state.run_start
        else:
            start = out.offset
        state.ruby_start = None
        reading = self._plain(reading_source)
        if start >= out.offset:
            # 《》 after punctuation: no base, so the brackets are the author's own.
            self._text("《" + reading + "》", state)
            return
        if reading.strip():
            out.ruby.append(RubySpan(start, out.offset, "".join(reading.split()), "author"))
        state.run_start, state.run_class = out.offset, ""

    def _plain(self, source: str) -> str:
        """Notation inside a reading or a note's target, as plain text (gaiji resolved, notes and ｜ dropped)."""
        if not _NOTATION.search(source):
            return source  # almost every reading: nothing to resolve
        text = re.sub(r"※［＃([^］]*)］", lambda m: resolve_gaiji(m[1])[0] or "〓", source)
        text = re.sub(r"［＃[^］]*］", "", text)
        text = re.sub(r"《[^》]*》", "", text)
        return text.replace("｜", "")

    def _note_end(self, raw: str, start: int, state: _Line) -> int:
        """Index of the ］ closing the note opened at ``start`` (nested ［］ counted)."""
        depth = 0
        for i in range(start, len(raw)):
            if raw[i] == "［":
                depth += 1
            elif raw[i] == "］":
                depth -= 1
                if depth == 0:
                    return i
        raise self.fail(state.number, "［＃ is not closed by ］ (Aozora editor's note left open)")

    def _note(self, note: str, state: _Line) -> None:
        out = self.out
        note = note.strip()
        if _HEADING.match(note) or _HEADING_OPEN.match(note) or _HEADING_CLOSE.match(note):
            state.heading = True
            return
        if _HEADING_BLOCK_OPEN.match(note):
            self.heading_block = True
            return
        if _HEADING_BLOCK_CLOSE.match(note):
            if self.heading_block:
                self.heading_block = False
                out.end_block("heading")
            return
        found = _EMPHASIS_TARGET.match(note) or _STYLE_TARGET.match(note)
        if found:
            span = self._target(found["target"])
            if span:
                out.mark_emphasis(*span, _emphasis_kind(found["kind"]))
            return
        found = _RUBY_TARGET.match(note)
        if found:
            span = self._target(found["target"])
            reading = "".join(self._plain(found["reading"]).split())
            if span and reading:
                from reader.core.layers import RubySpan

                out.ruby = [r for r in out.ruby if r.end <= span[0] or r.start >= span[1]]
                out.ruby.append(RubySpan(span[0], span[1], reading, "author"))
            return
        found = _EMPHASIS_OPEN.match(note)
        if found:
            self.open_emphasis.append((found["kind"] or found["block"], out.offset))
            return
        found = _EMPHASIS_CLOSE.match(note)
        if found:
            kind = found["kind"] or found["block"]
            for k in range(len(self.open_emphasis) - 1, -1, -1):
                if self.open_emphasis[k][0] == kind:
                    _, start = self.open_emphasis.pop(k)
                    out.mark_emphasis(max(start, out.offset - len(out.block_text())), out.offset, _emphasis_kind(kind))
                    break
            return
        # Indentation, page breaks, 底本では…, 下付き小文字, 返り点 and the rest: layout or
        # notes about the printed book, not text.

    def _target(self, target_source: str) -> tuple[int, int] | None:
        """The offsets of the note's target: the last occurrence of it in the block so far."""
        target = self._plain(target_source)
        if not target:
            return None
        block = self.out.block_text()
        where = block.rfind(target)
        if where < 0:
            return None
        base = self.out.offset - len(block)
        return base + where, base + where + len(target)


# ---------------------------------------------------------------- layout


@dataclass(slots=True)
class _Parts:
    header: list[str]
    body: list[tuple[int, str]]
    colophon: list[str]


def _split(lines: list[str]) -> _Parts:
    """Header (title, author), body lines with their numbers, colophon."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    header: list[str] = []
    j = i
    while j < len(lines) and lines[j].strip() and not _DASHES.match(lines[j]):
        j += 1
    candidate = [line.strip() for line in lines[i:j]]
    if 0 < len(candidate) <= 6 and all(len(line) <= 80 and "。" not in line for line in candidate):
        header, i = candidate, j
    # The explanatory block between two lines of dashes.
    k = i
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k < len(lines) and _DASHES.match(lines[k]):
        end = next((m for m in range(k + 1, len(lines)) if _DASHES.match(lines[m])), None)
        if end is not None and (_SYMBOLS_BLOCK in "".join(lines[k : end + 1]) or end - k < 40):
            i = end + 1
    end = len(lines)
    for m in range(len(lines) - 1, i - 1, -1):
        if lines[m].strip().startswith("底本："):
            end = m
            break
    for m in range(i, end):
        if lines[m].strip() == _BODY_END:
            end = m
            break
    colophon = lines[end:]
    body = [(number + 1, lines[number]) for number in range(i, end)]
    return _Parts(header, body, colophon)


def _citation(colophon: list[str]) -> tuple[str, str]:
    """(底本 on one line, the date the text was made public) from the colophon."""
    base: list[str] = []
    date = ""
    collecting = False
    for line in colophon:
        stripped = line.strip()
        if stripped.startswith("底本："):
            collecting = True
            base.append(stripped.removeprefix("底本："))
            continue
        if collecting and line.startswith(("　", " ")) and stripped:
            base.append(stripped)
            continue
        collecting = False
        found = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:初版)?公開", stripped)
        if found and not date:
            date = f"{int(found[1]):04d}-{int(found[2]):02d}-{int(found[3]):02d}"
    return " ".join(base), date


def parse_aozora(text: str, name: str = "", encoding: str = "cp932", path: str = "", label: str = "") -> Document:
    """The Aozora Bunko text ``text`` (decoded, newlines ``\\n``) as a :class:`Document`.

    The title and author come from the header; each heading note opens a
    section, the lines before the first heading (and the author line) make the
    front matter.  Raises :class:`SourceError` for notation left open, or when
    there is no body text.
    """
    label = label or name or "<aozora>"
    parts = _split(text.split("\n"))
    reader = _Reader(label)
    out = reader.out
    title = author = ""
    if parts.header:
        reader.line(parts.header[0], 1, "title")
        title = reader._plain(parts.header[0]).strip()
        for number, line in enumerate(parts.header[1:], start=2):
            reader.line(line, number)
        if len(parts.header) >= 2:
            author = reader._plain(parts.header[-1]).strip()
    for number, line in parts.body:
        reader.line(line, number)
    if reader.heading_block:
        out.end_block("heading")
    if not out.has_body():
        raise SourceError(f"{label}: no body text (only the header of an Aozora Bunko file)")
    base, date = _citation(parts.colophon)
    source = SourceInfo(
        kind="aozora",
        title=title,
        author=author,
        base=base,
        date=date,
        path=path,
        notes="\n".join(line.rstrip() for line in parts.colophon).strip(),
    )
    return out.build(name=name, encoding=encoding, source=source)


__all__ = ["char_class", "compose_accents", "is_aozora", "jis_x0213", "parse_aozora", "resolve_gaiji"]
