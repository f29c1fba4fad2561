"""The glossary of an article: curated terms plus automatic ones.

Automatic terms are of two kinds, each with the reason it was chosen:

- compound nouns — runs of two or more nouns (with prefixes such as 総 and
  noun suffixes such as 庁) written together, e.g. 軍事偵察衛星.  A compound
  JMdict holds takes its gloss; one it lacks is explained by its parts (each
  with reading and gloss) when it joins three words or more — a pair of words
  JMdict does not hold (兵器不足, 挑発行為) is read word by word, and its hard
  word is a term of its own.  A compound made only of words at or below the
  learner's level is left out: its parts already say what it means.
- hard words — content words with kanji at JLPT N1 or in no JLPT list
  (for a learner at N1: in no list), glossed from JMdict; not words the
  learner can read from a word they know (軍事的, 長期化, 国々, 厳しさ).

Proper nouns, numbers and words covered by a longer term are not terms, so the
glossary stays a list of what a learner would stop at.  Curated terms
(``seeds/<article>.glossary.toml``) come first where they overlap.
"""

from __future__ import annotations

import functools
import threading
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.analysis.kana import has_kanji, is_kana
from reader.core.layers import Analysis, Token
from reader.core.lexicon.dictionary import WordEntry, find_word, prefetch_words
from reader.core.lexicon.levels import is_above, level_rank, word_level

SOURCES = ("curated", "jmdict", "parts")


MAX_CURATED_BYTES = 4 * 1024 * 1024
"""A curated glossary is a few kilobytes; a larger file is refused with a message."""


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
    from reader.core.sources.decode import SourceError, read_regular_file

    path = Path(path)
    try:
        # A regular file of bounded size only: a FIFO or /dev/zero here would hang or fill memory.
        data = tomllib.loads(read_regular_file(path, MAX_CURATED_BYTES, "a glossary file").decode("utf-8"))
    except SourceError as error:
        raise GlossaryError(str(error)) from None
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise GlossaryError(f"{path}: nested too deeply to be a glossary") from None
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


@functools.lru_cache(maxsize=16384)
def _split(surface: str) -> tuple[tuple[str, str], ...]:
    """(surface, reading) of the middle-length words of ``surface`` (SudachiPy mode B)."""
    global _part_splitter
    from reader.core.analysis.tokens import Sudachi

    with _part_lock:
        if _part_splitter is None:
            _part_splitter = Sudachi("B")
    return tuple((m.surface, m.reading) for m in _part_splitter.tokenize(surface))


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
    prefetch_words((piece, piece, reading, ()) for piece, reading in pieces)
    return tuple(
        GlossaryPart(piece, _display_reading(piece, reading), _gloss(find_word(piece, piece, reading), 2))
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
    return (len(token.pos) > 1 and token.pos[1] == "数詞") or any(map(str.isdigit, token.surface))


def _noun_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of nouns written together; a counter after a number (24年, 5期) starts none."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    previous_number = False
    previous_end = -1
    for token in tokens:
        number = _is_number(token)
        member = _is_compound_member(token) and not number and not (previous_number and previous_end == token.start)
        joined = bool(run) and run[-1].end == token.start
        if member and (joined or not run):
            run.append(token)
        else:
            runs.append(run)
            run = [token] if member else []
        previous_number, previous_end = number, token.end
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
    return find_word(token.surface, token.lemma, token.reading, token.pos)


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


def _hard_compound(run: Sequence[Token], learner: str) -> bool:
    """True when a noun of the run is above the learner's level (else its parts say what it means)."""
    return any(
        is_above(word_level(t.lemma, t.reading), learner) for t in run if t.pos[0] == "名詞" and has_kanji(t.surface)
    )


def _whole_of(run: Sequence[Token]) -> tuple[str, str, str, tuple[str, ...]]:
    """The look-up key of a compound as one word."""
    surface = "".join(t.surface for t in run)
    return surface, surface, "".join(t.reading for t in run), ("名詞",)


MIN_PARTS_UNLISTED = 3
"""A compound JMdict lacks is a term only when it joins at least this many words
(軍事技術協力): a pair such as 兵器不足 or 挑発行為 is read word by word, and its
hard word is a term of its own."""


def _compound(run: list[Token], learner: str) -> _Draft | None:
    if not _hard_compound(run, learner):
        return None  # every word of it is at or below the learner's level: its parts say what it means
    surface = "".join(t.surface for t in run)
    reading = _reading_of(run)
    whole = find_word(*_whole_of(run))
    parts = parts_of(surface)
    if whole is not None and whole.source == "jmdict" and whole.senses:
        reason = f"compound noun of {len(run)} words; JMdict has it whole"
        return _Draft(surface, reading, whole.short_meaning(), "", "jmdict", reason, parts, [])
    if len(parts) < MIN_PARTS_UNLISTED or any(not p.meaning for p in parts):
        return None  # two words read one by one, or a part no dictionary knows (often a name)
    meaning = " · ".join(f"{p.surface} {p.meaning.split('; ')[0]}" for p in parts)
    reason = f"compound noun of {len(parts)} words, not in JMdict: explained by its parts"
    return _Draft(surface, reading, meaning, "", "parts", reason, parts, [])


VERY_COMMON_NEWS_RANK = 2
"""Words in JMdict's first news-frequency band (the ~500 commonest) are never terms."""
TRANSPARENT_SUFFIXES = ("的", "化", "性")
"""軍事的, 長期化, 可能性: a listed base word the learner knows plus one of these is not a term."""


def _transparent(token: Token, learner: str) -> bool:
    """A word the learner can read from a word they know: 軍事的, 長期化 (base + 的/化/性),
    国々 (a repeated known word), 厳しさ (a known adjective made a noun with さ)."""
    surface = token.surface
    base = None
    if surface.endswith("々") and len(surface) >= 2:
        base = word_level(surface[:-1])
    elif surface.endswith("さ") and len(surface) >= 2 and token.pos[0] == "名詞":
        base = word_level(surface[:-1] + "い")
    elif len(surface) >= 3 and surface.endswith(TRANSPARENT_SUFFIXES):
        base = word_level(surface[:-1])
    return base is not None and not is_above(base, learner)


def _single_candidate(token: Token, learner: str) -> bool:
    """The tests of :func:`_single` that need no dictionary."""
    if not _is_content_word(token) or _is_number(token):
        return False
    listed = word_level(token.lemma)
    if listed is not None and not is_above(listed, _hard_word_threshold(learner)):
        return False
    return not _transparent(token, learner)


def _single(token: Token, learner: str) -> _Draft | None:
    if not _single_candidate(token, learner):
        return None
    threshold = _hard_word_threshold(learner)
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


class _Coverage:
    """Which characters of the text a term already covers (one byte each), so a
    span's overlap test costs its own length, not the number of terms."""

    def __init__(self, size: int) -> None:
        self.taken = bytearray(size)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return any(self.taken[span[0] : span[1]])

    def take(self, span: tuple[int, int]) -> None:
        self.taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])


_TokenKey = tuple[str, str, str, tuple[str, ...]]


def _prefetch(runs: dict[tuple, list[Token]], words: dict[_TokenKey, Token], level: str) -> None:
    """Read every dictionary entry the glossary may need in a few batched queries:
    compounds as wholes and by their parts, single words that pass the cheap tests."""
    hard = [run for run in runs.values() if _hard_compound(run, level)]
    keys = [_whole_of(run) for run in hard]
    keys += [(p, p, r, ()) for run in hard for p, r in _split("".join(t.surface for t in run))]
    keys += [key for key, token in words.items() if _single_candidate(token, level)]
    prefetch_words(keys)


def build_glossary(
    text: str, analysis: Analysis, curated: Sequence[CuratedTerm] = (), level: str = "N3"
) -> tuple[GlossaryTerm, ...]:
    """The article's glossary, in order of first occurrence (see the module docstring).

    ``level`` is the learner's JLPT level (N5–N1).  Curated terms that the
    text never uses are left out.  Dictionary entries are read in batches
    before the terms are chosen, and each distinct word or compound is judged
    once, so the cost grows with the text's length, not with its square.
    """
    drafts: dict[str, _Draft] = {}
    taken = _Coverage(len(text))
    for term in sorted(curated, key=lambda t: -len(t.surface)):
        spans = []
        at = text.find(term.surface)
        while at >= 0:
            span = (at, at + len(term.surface))
            if not taken.overlaps(span):
                spans.append(span)
            at = text.find(term.surface, at + len(term.surface))
        if spans and term.surface not in drafts:
            for span in spans:
                taken.take(span)
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
        if draft is None or taken.overlaps(span):
            return
        known = drafts.setdefault(draft.surface, draft)
        known.occurrences.append(span)
        taken.take(span)

    tokens = analysis.tokens
    runs = _noun_runs(tokens)
    run_keys = [tuple((t.surface, t.lemma, t.reading, t.pos[0]) for t in run) for run in runs]
    singles = [
        token
        for previous, token in zip((None, *tokens), tokens, strict=False)
        if not is_kana_word(token.surface)
        and not (previous is not None and previous.end == token.start and _is_number(previous))  # a counter (2機)
    ]
    words: dict[_TokenKey, Token] = {}
    for token in singles:
        words.setdefault((token.surface, token.lemma, token.reading, token.pos), token)
    _prefetch(dict(zip(run_keys, runs, strict=True)), words, level)

    compounds: dict[tuple, _Draft | None] = {}
    for key, run in zip(run_keys, runs, strict=True):
        if key not in compounds:
            compounds[key] = _compound(run, level)
        add(drafts.get("".join(t.surface for t in run)) or compounds[key], (run[0].start, run[-1].end))
    judged: dict[_TokenKey, _Draft | None] = {key: _single(token, level) for key, token in words.items()}
    for token in singles:
        draft = judged[(token.surface, token.lemma, token.reading, token.pos)]
        if draft is not None:
            add(drafts.get(draft.surface) or draft, (token.start, token.end))

    terms = [
        GlossaryTerm(d.surface, d.reading, d.meaning, d.note, d.source, d.reason, d.parts, tuple(sorted(d.occurrences)))
        for d in drafts.values()
        if d.occurrences
    ]
    return tuple(sorted(terms, key=lambda t: t.first))


def is_kana_word(surface: str) -> bool:
    """True when every character of ``surface`` is kana (no term is written in kana alone)."""
    return all(is_kana(ch) for ch in surface)
