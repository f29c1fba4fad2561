"""Study: word marks, cards with their sentences, FSRS reviews, statistics, export.

``store`` keeps everything in ``yomu.db``; ``scheduler`` runs a session;
``stats`` measures an article against the reader's marks; ``export`` writes
Anki packages and CSV.  ``fsrs`` and ``genanki`` are imported only when used.
"""

from typing import TYPE_CHECKING

from reader.core.lazy import lazy_names

if TYPE_CHECKING:
    from reader.core.study.stats import ArticleStats, SectionStats, article_stats, is_vocabulary, status_spans
    from reader.core.study.store import STATUSES, Review, StoreError, StudyCard, StudyStore
    from reader.core.study.words import SourceSentence, anki_furigana, inline_furigana, word_key

__all__ = [
    "STATUSES",
    "ArticleStats",
    "Review",
    "SectionStats",
    "SourceSentence",
    "StoreError",
    "StudyCard",
    "StudyStore",
    "anki_furigana",
    "article_stats",
    "inline_furigana",
    "is_vocabulary",
    "status_spans",
    "word_key",
]

_HOMES = {
    "ArticleStats": "stats",
    "SectionStats": "stats",
    "article_stats": "stats",
    "is_vocabulary": "stats",
    "status_spans": "stats",
    "STATUSES": "store",
    "Review": "store",
    "StoreError": "store",
    "StudyCard": "store",
    "StudyStore": "store",
    "SourceSentence": "words",
    "anki_furigana": "words",
    "inline_furigana": "words",
    "word_key": "words",
}


# Imported on first use: the reading screen needs word keys and statistics at start-up,
# not the database, the scheduler or the exports.
__getattr__ = lazy_names(__name__, _HOMES)
