"""What the whole-text results (the entities and the glossary) depend on, and how they are found.

The same in the worker process and in a command analysing in this process.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import CuratedTerm, GlossaryTerm
    from reader.core.layers import Analysis


@dataclass(frozen=True, slots=True)
class WholeTextOptions:
    """What the whole-text results depend on besides the text."""

    entities: bool = True
    glossary_level: str | None = None
    """The learner's JLPT level for the glossary; ``None``: no glossary."""
    curated: tuple[CuratedTerm, ...] = ()
    article_date: datetime.date | None = None

    @property
    def wanted(self) -> bool:
        return self.entities or self.glossary_level is not None

    def fingerprint(self) -> str:
        curated = [(t.surface, t.reading, t.meaning, t.note) for t in self.curated]
        return repr((self.entities, self.glossary_level, curated, self.article_date))


def find_text_results(
    text: str, analysis: Analysis, options: WholeTextOptions
) -> tuple[EntityIndex | None, tuple[GlossaryTerm, ...] | None]:
    """The entities and the glossary of ``text`` that ``options`` ask for (``None`` for those not asked for)."""
    entities = glossary = None
    if options.entities:
        from reader.core.analysis.entities import extract_entities

        entities = extract_entities(text, analysis, article_date=options.article_date)
    if options.glossary_level is not None:
        from reader.core.analysis.glossary import build_glossary

        glossary = build_glossary(text, analysis, options.curated, options.glossary_level)
    return entities, glossary
