"""What the caller of the analysis service hears: the :data:`AnalysisEvent` s.

``on_event`` of :class:`~reader.core.analysis.service.background.BackgroundAnalysis`
receives them from a thread of the calling process, in small batches.
:func:`one_line` makes the message of an :class:`AnalysisFailed` from an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.analysis.blocks import BlockAnalysis
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm
    from reader.core.layers import Analysis


@dataclass(frozen=True, slots=True)
class BlocksAnalysed:
    """Some blocks are analysed (``indices`` into the spans given, in the same order as ``blocks``)."""

    indices: tuple[int, ...]
    blocks: tuple[BlockAnalysis, ...]
    cached: bool
    """True when they came from the disk cache."""


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    """How far the analysis is."""

    blocks_done: int
    blocks_total: int
    chars_done: int
    chars_total: int

    @property
    def share(self) -> float:
        """The share of characters analysed, 0.0 to 1.0."""
        return self.chars_done / self.chars_total if self.chars_total else 1.0


@dataclass(frozen=True, slots=True)
class TextResults:
    """Every block is in: the whole-text analysis, and the entities and glossary if they were asked for."""

    analysis: Analysis
    entities: EntityIndex | None
    glossary: tuple[GlossaryTerm, ...] | None
    cached: bool
    """True when the entities and glossary came from the disk cache."""


@dataclass(frozen=True, slots=True)
class AnalysisFailed:
    """The analysis stopped: ``message`` is one line for the user."""

    message: str


AnalysisEvent = BlocksAnalysed | AnalysisProgress | TextResults | AnalysisFailed


def one_line(error: BaseException) -> str:
    """``error`` as one short line for the user (the message of an :class:`AnalysisFailed`)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
