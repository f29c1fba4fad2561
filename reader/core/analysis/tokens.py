"""Morphological analysis with SudachiPy (sudachidict-core).

:class:`Morph` is the analyser's word before the reading layers run; the
public :class:`~reader.core.layers.Token` is built from it afterwards.
SudachiPy is imported only when :meth:`Sudachi.load` runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from reader.core.analysis.guard import for_sudachi, pieces
from reader.core.analysis.kana import has_kanji, to_hiragana


@dataclass(slots=True)
class Morph:
    """One word as SudachiPy split it, with offsets into the whole text."""

    start: int
    end: int
    surface: str
    pos: tuple[str, ...]
    reading: str
    """Hiragana reading from the dictionary (OOV words: the surface itself)."""
    lemma: str
    oov: bool

    @property
    def unread(self) -> bool:
        """True when the analyser gave no kana reading for the word's kanji."""
        return has_kanji(self.reading)

    def is_pos(self, *prefix: str) -> bool:
        """True when the part of speech starts with ``prefix`` (``"*"`` matches any field)."""
        return all(p == "*" or (i < len(self.pos) and self.pos[i] == p) for i, p in enumerate(prefix))


SPLIT_MODES = ("A", "B", "C")


class Sudachi:
    """A lazily loaded SudachiPy tokenizer, safe to share between threads."""

    def __init__(self, mode: str = "C") -> None:
        if mode not in SPLIT_MODES:
            raise ValueError(f"split mode must be one of {SPLIT_MODES}, not {mode!r}")
        self.mode = mode
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        # Parts of speech by SudachiPy's id: one shared tuple each (memory, and cheap to compare).
        self._pos: dict[int, tuple[str, ...]] = {}
        self._hiragana: dict[str, str] = {}

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def load(self) -> None:
        with self._lock:
            if self._tokenizer is None:
                from sudachipy import Dictionary, SplitMode

                mode = {"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}[self.mode]
                self._tokenizer = Dictionary(dict="core").tokenizer(mode=mode)

    def tokenize(self, text: str) -> list[Morph]:
        """Morphs of ``text``, line by line (offsets into ``text``; newlines are not morphs).

        Text passes :mod:`~reader.core.analysis.guard` first: a line too long
        for SudachiPy is tokenised in pieces cut at safe points.
        """
        self.load()
        morphs: list[Morph] = []
        offset = 0
        safe = for_sudachi(text)
        with self._lock:
            for line in safe.split("\n"):
                if line:
                    for start, end in pieces(line):
                        morphs.extend(self._line(line[start:end], offset + start))
                offset += len(line) + 1
        return morphs

    def _line(self, line: str, offset: int) -> list[Morph]:
        out: list[Morph] = []
        pos_of = self._pos
        hiragana = self._hiragana
        for m in self._tokenizer.tokenize(line):
            begin, end = m.begin(), m.end()
            if begin == end:
                continue
            pos_id = m.part_of_speech_id()
            pos = pos_of.get(pos_id)
            if pos is None:
                pos = pos_of[pos_id] = tuple(m.part_of_speech())
            reading_form = m.reading_form()
            reading = hiragana.get(reading_form)
            if reading is None:
                reading = to_hiragana(reading_form)
                if len(hiragana) < 200_000:
                    hiragana[reading_form] = reading
            out.append(
                Morph(
                    offset + begin,
                    offset + end,
                    line[begin:end],
                    pos,
                    reading,
                    m.dictionary_form(),
                    m.is_oov(),
                )
            )
        return out
