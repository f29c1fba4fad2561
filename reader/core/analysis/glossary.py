"""The glossary of an article: curated terms plus automatic ones.

Automatic terms are of two kinds, each with the reason it was chosen:

- compound nouns — runs of two or more nouns (with prefixes such as 総 and
  noun suffixes such as 庁) written together, e.g. 軍事偵察衛星.  A compound
  JMdict holds takes its gloss; one it lacks is explained by its parts (each
  with reading and gloss).  A compound made only of words at or below the
  learner's level is left out: its parts already say what it means.
- hard words — content words with kanji at JLPT N1 or in no JLPT list
  (for a learner at N1: in no list), glossed from JMdict.

Proper nouns, numbers and words covered by a longer term are not terms, so the
glossary stays a list of what a learner would stop at.  Curated terms
(``seeds/<article>.glossary.toml``) come first where they overlap.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.analysis.kana import has_kanji, is_kana
from reader.core.layers import Analysis, Token
from reader.core.lexicon.dictionary import WordEntry, lookup_word
from reader.core.lexicon.levels import is_above, level_rank, word_level

SOURCES = ("curated", "jmdict", "parts")


class GlossaryError(Exception):
    """A curated glossary file cannot be read; ``str(error)`` is one line naming the file."""


@dataclass(frozen=True, slots=True)
class CuratedTerm:
    """A term written for one article: surface, reading, meaning and a note of context."""

    surface: str
    reading: str
    meaning: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryPart:
    """One word of a compound term, with its reading and gloss."""

    surface: str
    reading: str
    meaning: str


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A term of the glossary and every place the article uses it."""

    surface: str
    reading: str
    meaning: str
    note: str
    source: str
    """Where the meaning comes from: ``curated``, ``jmdict`` or ``parts``."""
    reason: str
    """Why the term is in the glossary, in words (shown to the reader)."""
    parts: tuple[GlossaryPart, ...]
    occurrences: tuple[tuple[int, int], ...]
    """(start, end) offsets into the text, in order."""

    @property
    def first(self) -> int:
        """Offset of the first occurrence."""
        return self.occurrences[0][0]


# ---------------------------------------------------------------- curated file


def curated_path_for(article_path: str | Path) -> Path:
    """``seeds/foo.txt`` → ``seeds/foo.glossary.toml`` (next to the article)."""
    path = Path(article_path)
    return path.with_name(f"{path.stem}.glossary.toml")


def load_curated(path: str | Path) -> tuple[CuratedTerm, ...]:
    """Terms of a curated glossary file (``[[term]]`` tables with surface, reading, meaning, note).

    Raises :class:`GlossaryError` with one line naming the file and the problem.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(f"{path}: not valid TOML ({error})") from None
    except OSError as error:
        raise GlossaryError(f"{path}: {error.strerror or error}") from None
    rows = data.get("term", [])
    if not isinstance(rows, list):
        raise GlossaryError(f"{path}: 'term' must be an array of tables ([[term]])")
    terms: list[CuratedTerm] = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise GlossaryError(f"{path}: term {number} is not a table")
        fields = {}
        for key in ("surface", "reading", "meaning", "note"):
            value = row.get(key, "")
            if not isinstance(value, str):
                raise GlossaryError(f"{path}: term {number}: '{key}' must be a string")
            fields[key] = value.strip()
        for key in ("surface", "reading", "meaning"):
            if not fields[key]:
                raise GlossaryError(f"{path}: term {number}: '{key}' is missing")
        terms.append(CuratedTerm(**fields))
    return tuple(terms)


# ---------------------------------------------------------------- parts

_part_splitter = None
_part_lock = threading.Lock()


def _split(surface: str) -> list[tuple[str, str]]:
    """(surface, reading) of the middle-length words of ``surface`` (SudachiPy mode B)."""
    global _part_splitter
    from reader.core.analysis.tokens import Sudachi

    with _part_lock:
        if _part_splitter is None:
            _part_splitter = Sudachi("B")
    return [(m.surface, m.reading) for m in _part_splitter.tokenize(surface)]


def _display_reading(surface: str, reading: str) -> str:
    """Keep kana written in the surface as written (パネル, not ぱねる)."""
    return surface if not has_kanji(surface) else reading


def _gloss(entry: WordEntry | None, glosses: int = 3) -> str:
    return entry.short_meaning(glosses) if entry is not None else ""


def parts_of(surface: str) -> tuple[GlossaryPart, ...]:
    """The words a compound is made of, each with its reading and JMdict gloss."""
    pieces = _split(surface)
    if len(pieces) < 2:
        return ()
    return tuple(
        GlossaryPart(piece, _display_reading(piece, reading), _gloss(lookup_word(piece, piece, reading), 2))
        for piece, reading in pieces
    )


# ---------------------------------------------------------------- automatic terms


def _is_compound_member(token: Token) -> bool:
    pos = token.pos
    if not pos or token.surface.isspace():
        return False
    if pos[0] == "名詞":
        return pos[1] not in ("数詞", "代名詞") and not (pos[1] == "固有名詞" and pos[2] in ("人名", "地名"))
    if pos[0] == "接頭辞":
        return True
    return pos[0] == "接尾辞" and pos[1] == "名詞的" and pos[2] == "一般"


def _is_content_word(token: Token) -> bool:
    pos = token.pos
    if not pos or not has_kanji(token.surface) or token.is_proper_noun:
        return False
    if pos[0] == "名詞":
        return pos[1] not in ("数詞", "代名詞")
    return pos[0] in ("動詞", "形容詞", "形状詞", "副詞") and pos[1] != "非自立可能"


def _is_number(token: Token) -> bool:
    return (bool(token.pos) and token.pos[1] == "数詞") or any(ch.isdigit() for ch in token.surface)


def _noun_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of nouns written together; a counter after a number (24年, 5期) starts none."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    previous: Token | None = None
    for token in tokens:
        member = (
            _is_compound_member(token)
            and not _is_number(token)
            and not (previous is not None and previous.end == token.start and _is_number(previous))
        )
        joined = bool(run) and run[-1].end == token.start
        if member and (joined or not run):
            run.append(token)
        else:
            runs.append(run)
            run = [token] if member else []
        previous = token
    runs.append(run)
    out = []
    for run in runs:
        # A run may not end on a prefix or a kana suffix (ら, ぶり), nor start on a suffix.
        while run and (run[-1].pos[0] == "接頭辞" or (run[-1].pos[0] == "接尾辞" and not has_kanji(run[-1].surface))):
            run = run[:-1]
        while run and run[0].pos[0] == "接尾辞":
            run = run[1:]
        if len(run) >= 2 and has_kanji("".join(t.surface for t in run)):
            out.append(run)
    return out


def _reading_of(tokens: Sequence[Token]) -> str:
    return "".join(_display_reading(t.surface, t.reading) for t in tokens)


def _word_of(token: Token) -> WordEntry | None:
    return lookup_word(token.surface, token.lemma, token.reading, token.pos)


def _hard_word_threshold(level: str) -> str:
    """Single words are terms above N2 — or, for a learner at N1, above N1 (in no list)."""
    return "N1" if level_rank(level) >= level_rank("N1") else "N2"


@dataclass(slots=True)
class _Draft:
    surface: str
    reading: str
    meaning: str
    note: str
    source: str
    reason: str
    parts: tuple[GlossaryPart, ...]
    occurrences: list[tuple[int, int]]


def _compound(run: list[Token], learner: str) -> _Draft | None:
    surface = "".join(t.surface for t in run)
    reading = _reading_of(run)
    levels = [word_level(t.lemma, t.reading) for t in run if has_kanji(t.surface) and t.pos[0] == "名詞"]
    if not any(is_above(lv, learner) for lv in levels):
        return None  # every word of it is at or below the learner's level: its parts say what it means
    whole = lookup_word(surface, surface, "".join(t.reading for t in run), ("名詞",))
    parts = parts_of(surface)
    if whole is not None and whole.source == "jmdict" and whole.senses:
        reason = f"compound noun of {len(run)} words; JMdict has it whole"
        return _Draft(surface, reading, whole.short_meaning(), "", "jmdict", reason, parts, [])
    if not parts or any(not p.meaning for p in parts):
        return None  # a part no dictionary knows (often a name): nothing to explain it with
    meaning = " · ".join(f"{p.surface} {p.meaning.split('; ')[0]}" for p in parts)
    reason = f"compound noun of {len(parts)} words, not in JMdict: explained by its parts"
    return _Draft(surface, reading, meaning, "", "parts", reason, parts, [])


VERY_COMMON_NEWS_RANK = 2
"""Words in JMdict's first news-frequency band (the ~500 commonest) are never terms."""
TRANSPARENT_SUFFIXES = ("的", "化", "性")
"""軍事的, 長期化, 可能性: a listed base word the learner knows plus one of these is not a term."""


def _transparent(token: Token, learner: str) -> bool:
    surface = token.surface
    if len(surface) < 3 or not surface.endswith(TRANSPARENT_SUFFIXES):
        return False
    base = word_level(surface[:-1])
    return base is not None and not is_above(base, learner)


def _single(token: Token, learner: str) -> _Draft | None:
    if not _is_content_word(token) or _is_number(token):
        return None
    threshold = _hard_word_threshold(learner)
    listed = word_level(token.lemma)
    if listed is not None and not is_above(listed, threshold):
        return None  # cheap test before the dictionary
    if _transparent(token, learner):
        return None
    entry = _word_of(token)
    if entry is None or entry.source != "jmdict" or not entry.senses:
        return None
    if not is_above(entry.jlpt, threshold):
        return None
    if entry.news_rank is not None and entry.news_rank <= VERY_COMMON_NEWS_RANK:
        return None
    reason = "a JLPT N1 word" if entry.jlpt == "N1" else "in no JLPT list (N5–N1)"
    surface = entry.lemma if token.pos[0] in ("動詞", "形容詞") else token.surface
    return _Draft(
        surface,
        _display_reading(surface, to_reading(entry, token)),
        entry.short_meaning(),
        "",
        "jmdict",
        reason,
        (),
        [],
    )


def to_reading(entry: WordEntry, token: Token) -> str:
    """The dictionary form's reading for inflected words, the reading in context otherwise."""
    from reader.core.analysis.kana import to_hiragana

    return to_hiragana(entry.headword_reading) if entry.inflected else token.reading


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def build_glossary(
    text: str, analysis: Analysis, curated: Sequence[CuratedTerm] = (), level: str = "N3"
) -> tuple[GlossaryTerm, ...]:
    """The article's glossary, in order of first occurrence (see the module docstring).

    ``level`` is the learner's JLPT level (N5–N1).  Curated terms that the
    text never uses are left out.
    """
    drafts: dict[str, _Draft] = {}
    taken: list[tuple[int, int]] = []
    for term in sorted(curated, key=lambda t: -len(t.surface)):
        spans = []
        at = text.find(term.surface)
        while at >= 0:
            span = (at, at + len(term.surface))
            if not _overlaps(span, taken):
                spans.append(span)
            at = text.find(term.surface, at + len(term.surface))
        if spans and term.surface not in drafts:
            taken.extend(spans)
            drafts[term.surface] = _Draft(
                term.surface,
                term.reading,
                term.meaning,
                term.note,
                "curated",
                "curated for this article",
                parts_of(term.surface),
                spans,
            )

    def add(draft: _Draft | None, span: tuple[int, int]) -> None:
        if draft is None or _overlaps(span, taken):
            return
        known = drafts.setdefault(draft.surface, draft)
        known.occurrences.append(span)
        taken.append(span)

    tokens = analysis.tokens
    for run in _noun_runs(tokens):
        surface = "".join(t.surface for t in run)
        span = (run[0].start, run[-1].end)
        add(drafts.get(surface) or _compound(run, level), span)
    for previous, token in zip((None, *tokens), tokens, strict=False):
        if all(is_kana(ch) for ch in token.surface):
            continue
        if previous is not None and previous.end == token.start and _is_number(previous):
            continue  # a counter (2機, 5期目)
        draft = _single(token, level)
        if draft is not None:
            add(drafts.get(draft.surface) or draft, (token.start, token.end))

    terms = [
        GlossaryTerm(d.surface, d.reading, d.meaning, d.note, d.source, d.reason, d.parts, tuple(sorted(d.occurrences)))
        for d in drafts.values()
        if d.occurrences
    ]
    return tuple(sorted(terms, key=lambda t: t.first))
