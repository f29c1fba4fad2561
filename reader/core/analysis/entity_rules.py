"""General evidence for entity extraction: title words, name heads, shapes, dates.

Nothing here names an entity; it is the evidence
:mod:`reader.core.analysis.entities` combines with the analyser's proper-noun
tags and JMnedict, gathered here from the three modules that hold it:

- :mod:`reader.core.analysis.entity_words`: the generic words of news Japanese
  that stand after a name (大統領, 氏, 長官 …) or end a name of a kind (…省 is an
  organisation, …空港 a facility, …州 a place, …侵攻 an event), country letters,
  and the tests on one word (:func:`is_katakana_word`, :func:`head_type` …);
- :mod:`reader.core.analysis.entity_shaped_names`: names known by their shape
  (:func:`shaped_name_at`: numbered roads, companies, Latin organisation names,
  foreign names before a head, acronyms) and :func:`latin_phrase_end`;
- :mod:`reader.core.analysis.dates`: the patterns of calendar dates.

All of it was written here first; the finder still reads it as ``rules.…``.
The words are a module of their own, under the shapes that read them, so that
this one can name both without an import cycle.
"""

from __future__ import annotations

from reader.core.analysis.dates import DateMention, find_article_date, find_dates
from reader.core.analysis.entity_shaped_names import (
    CLOSING_MARKS,
    COMPANY_FORMS,
    LATIN_ORG_WORDS,
    ROAD_KINDS,
    SCOPED_HEADS,
    SCOPES,
    latin_phrase_end,
    shaped_name_at,
)
from reader.core.analysis.entity_words import (
    ADDRESS_LINKS,
    ADMIN_UNITS,
    COUNTRY_LETTERS,
    COUNTRY_NAMES,
    EVENT_HEADS,
    FACILITY_HEADS,
    LONG_EVENT_HEADS,
    LONG_FACILITY_HEADS,
    LONG_ORG_HEADS,
    MEETING_HEADS,
    NUMBERED_UNITS,
    OCCUPATIONS,
    ORG_DESIGNATIONS,
    ORG_HEADS,
    PAIR_FOLLOWERS,
    PAIR_WARS,
    PATHOGEN_HEADS,
    PLACE_HEADS,
    PLACE_TITLES,
    RUN_BY,
    SHORT_FACILITY_ENDINGS,
    SOURCE_PATTERNS,
    SPLIT_FACILITY_HEADS,
    STATE_HEADS,
    TITLE_ENDINGS,
    TITLES,
    YEAR_BEFORE_EVENT,
    head_type,
    is_common_noun,
    is_katakana_word,
    is_latin_name,
    is_noun,
)

__all__ = [
    "ADDRESS_LINKS",
    "ADMIN_UNITS",
    "CLOSING_MARKS",
    "COMPANY_FORMS",
    "COUNTRY_LETTERS",
    "COUNTRY_NAMES",
    "EVENT_HEADS",
    "FACILITY_HEADS",
    "LATIN_ORG_WORDS",
    "LONG_EVENT_HEADS",
    "LONG_FACILITY_HEADS",
    "LONG_ORG_HEADS",
    "MEETING_HEADS",
    "NUMBERED_UNITS",
    "OCCUPATIONS",
    "ORG_DESIGNATIONS",
    "ORG_HEADS",
    "PAIR_FOLLOWERS",
    "PAIR_WARS",
    "PATHOGEN_HEADS",
    "PLACE_HEADS",
    "PLACE_TITLES",
    "ROAD_KINDS",
    "RUN_BY",
    "SCOPED_HEADS",
    "SCOPES",
    "SHORT_FACILITY_ENDINGS",
    "SOURCE_PATTERNS",
    "SPLIT_FACILITY_HEADS",
    "STATE_HEADS",
    "TITLES",
    "TITLE_ENDINGS",
    "YEAR_BEFORE_EVENT",
    "DateMention",
    "find_article_date",
    "find_dates",
    "head_type",
    "is_common_noun",
    "is_katakana_word",
    "is_latin_name",
    "is_noun",
    "latin_phrase_end",
    "shaped_name_at",
]
