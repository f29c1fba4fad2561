"""Anki, both ways: yomu's cards into the learner's Anki, the learner's known words back.

- :mod:`~reader.integrations.anki.client`: AnkiConnect over HTTP (timeouts ≤ 2 s);
- :mod:`~reader.integrations.anki.sync`: :class:`AnkiSync` pushes cards, never losing one;
- :mod:`~reader.integrations.anki.config`: what the learner chose, and the check that Anki can take it;
- :mod:`~reader.integrations.anki.pending`: the ``anki_notes`` table: which cards wait, which are in Anki;
- :mod:`~reader.integrations.anki.known`: known words as yomu marks;
- :mod:`~reader.integrations.anki.sources`: their notes from AnkiConnect, a collection file or an ``.apkg``.

The note type itself (fields, templates) is :mod:`reader.core.study.anki_model`,
shared with the ``.apkg`` export.
"""

from reader.integrations.anki.client import AnkiConnect, AnkiError, AnkiUnavailable
from reader.integrations.anki.sync import AnkiConfig, AnkiSync, PushResult, SyncReport

__all__ = ["AnkiConfig", "AnkiConnect", "AnkiError", "AnkiSync", "AnkiUnavailable", "PushResult", "SyncReport"]
