"""Components of the reading screen that draw nothing: each owns a part of the
reader's behaviour, its state and its workers, and reports through messages.

- :class:`TextAnalysis` — readings, names and the glossary of the text, found in
  the background, the part on screen first;
- :class:`StudyMarks` — the study database, word marks (K/L/I), status colours,
  the known share, study sessions and statistics;
- :class:`Excerpts` — copying annotated excerpts (``y`` and its second key, ``Y``);
- :class:`ReadingModes` — furigana above/inline/off, the furigana filter, romaji, the learner's level;
- :class:`Speech` — saying words and sentences aloud (``a``);
- :class:`AccentMarks` — the pitch accents of the text on screen (``A``);
- :class:`AnkiLink` — cards out to Anki (``L``), known words back, the deck.

They are widgets with ``display: none`` so that they take part in Textual's
message passing and run workers like any component; the reading screen mounts
them and mediates.
"""

from reader.controllers.accents import AccentMarks
from reader.controllers.analysis import TextAnalysis
from reader.controllers.anki import AnkiLink
from reader.controllers.excerpts import Excerpts
from reader.controllers.modes import ReadingModes
from reader.controllers.speech import Speech
from reader.controllers.study import StudyMarks

__all__ = ["AccentMarks", "AnkiLink", "Excerpts", "ReadingModes", "Speech", "StudyMarks", "TextAnalysis"]
