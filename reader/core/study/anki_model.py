"""yomu's Anki note type and how a study card becomes a note.

One definition serves both ways a card reaches Anki: the ``.apkg`` file
(:mod:`reader.core.study.export`) and AnkiConnect (:mod:`reader.integrations.anki`),
so a note looks the same whichever way it came.  Fields hold HTML, as Anki's do:
text from the article is escaped; readings use Anki's furigana format
(`` 漢字[かんじ]``, shown by ``{{furigana:Field}}``).  The pitch accent of the
word and the audio of the word and its sentence come from outside (the sound
extra) as :class:`NoteMedia`: Accent holds ``はꜜし``, Audio the ``[sound:…]``
tags of media files that travel with the note.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.analysis.align import align
from reader.core.study.words import SourceSentence, anki_furigana

MODEL_NAME = "yomu vocabulary"
"""The note type yomu creates when the learner chose none."""
MODEL_ID = 1732701193
"""Fixed so that re-imports of yomu's packages update the same note type."""
FIELDS = (
    "Word",
    "Reading",
    "Furigana",
    "Meaning",
    "Sentence",
    "Sentence furigana",
    "Sentence meaning",
    "Source",
    "Audio",
    "Accent",
)
"""The fields of yomu's note type, in order (the first is the one Anki checks for duplicates).

Accent came last so that the fields before it keep their places in a note type made earlier."""
REQUIRED_FIELDS = ("Word", "Reading", "Meaning", "Sentence")
"""A chosen note type must have these (under their own names or mapped); the rest are filled when present."""
BASE_TAG = "yomu"
"""Every note yomu adds carries this tag."""

CSS = """.card { font-family: "Noto Sans CJK JP", "Hiragino Sans", sans-serif; font-size: 22px;
  text-align: center; color: black; background-color: white; }
.nightMode .card, .card.nightMode { color: #eee; background-color: #222; }
.word { font-size: 44px; margin: 0.4em 0; }
.furigana { font-size: 36px; }
.reading { font-size: 20px; color: #666; }
.meaning { font-size: 22px; margin: 0.6em 0; }
.sentence { font-size: 24px; margin-top: 0.8em; }
.sentence-meaning { font-size: 18px; color: #666; }
.source { font-size: 12px; color: #888; margin-top: 1.4em; }
.accent { font-size: 20px; color: #555; }
b { color: #c0392b; }"""
FRONT = '<div class="word">{{Word}}</div>\n<div class="sentence">{{Sentence}}</div>'
BACK = (
    '<div class="word furigana">{{furigana:Furigana}}</div>\n'
    '<div class="sentence">{{furigana:Sentence furigana}}</div>\n'
    '<hr id="answer">\n'
    '<div class="reading">{{Reading}}</div>\n'
    '{{#Accent}}<div class="accent">{{Accent}}</div>{{/Accent}}\n'
    '<div class="meaning">{{Meaning}}</div>\n'
    '{{#Sentence meaning}}<div class="sentence-meaning">{{Sentence meaning}}</div>{{/Sentence meaning}}\n'
    "{{Audio}}\n"
    '<div class="source">{{Source}}</div>'
)
TEMPLATE_NAME = "Word in context"


def word_furigana(lemma: str, reading: str) -> str:
    """The word in Anki's furigana format: 強める + つよめる → ``強[つよ]める``.

    Kanji runs get their part of the reading, kana stay outside, so Anki shows
    readings over the kanji only.  A word without kanji is itself.
    """
    spans = align(lemma, reading) if reading else ()
    out: list[str] = []
    position = 0
    for start, end, part in spans:
        out.append(html.escape(lemma[position:start], quote=False))
        if out and out[-1] and not out[-1].endswith(" "):
            out.append(" ")  # Anki takes the base back to a space: keep kana before it out of the base
        out.append(f"{html.escape(lemma[start:end], quote=False)}[{part}]")
        position = end
    out.append(html.escape(lemma[position:], quote=False))
    return "".join(out).strip()


def bold_sentence(sentence: SourceSentence) -> str:
    """The sentence as HTML with the studied word in ``<b>…</b>`` and no readings."""
    text = sentence.text
    start, end = sentence.word_start, sentence.word_end
    if not 0 <= start < end <= len(text):
        return html.escape(text, quote=False)
    return (
        html.escape(text[:start], quote=False)
        + "<b>"
        + html.escape(text[start:end], quote=False)
        + "</b>"
        + html.escape(text[end:], quote=False)
    )


_TAG_UNSAFE = re.compile(r"[\s\"\u3000]+")


def article_tag(source: str, limit: int = 60) -> str:
    """An Anki tag naming the article: spaces become ``_`` (Anki splits tags on spaces)."""
    tag = _TAG_UNSAFE.sub("_", source.strip()).strip("_:")
    return tag[:limit]


@dataclass(frozen=True, slots=True)
class NoteMedia:
    """What the sound extra adds to a note: the word's accent and audio files.

    ``sounds`` maps the name a file gets in Anki's media folder to the file
    (the word's audio first, then the sentence's); ``problem`` says in one line
    why something is missing (the extra not installed), when it is.
    """

    accent: str = ""
    """The word's reading with its usual downstep: ``はꜜし`` (empty: not known)."""
    sounds: Mapping[str, Path] = field(default_factory=dict)
    problem: str | None = None

    def sound_tags(self) -> str:
        """The Audio field: ``[sound:NAME]`` for each file, in order (Anki plays them one after another)."""
        return "".join(f"[sound:{name}]" for name in self.sounds)


@dataclass(frozen=True, slots=True)
class WordNote:
    """A study card as an Anki note: field values (HTML) by yomu's field names, and tags."""

    lemma: str
    reading: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    media: NoteMedia = field(default_factory=NoteMedia)
    """The files the Audio field names (to be stored in Anki's media folder with the note)."""


def word_note(
    lemma: str,
    reading: str,
    sentence: SourceSentence,
    source: str = "",
    meaning: str = "",
    date: str = "",
    url: str = "",
    media: NoteMedia | None = None,
) -> WordNote:
    """The note for the word ``(lemma, reading)`` met in ``sentence`` of the article ``source``.

    ``date`` (``YYYY-MM-DD``) and ``url`` join the title in the Source field;
    ``media`` fills Accent and Audio.  Sentence meaning stays empty for the learner.
    """
    media = media or NoteMedia()
    source_parts = [html.escape(part, quote=False) for part in (source, date) if part]
    if url:
        escaped = html.escape(url, quote=True)
        source_parts.append(f'<a href="{escaped}">{html.escape(url, quote=False)}</a>')
    fields = {
        "Word": html.escape(lemma, quote=False),
        "Reading": html.escape(reading, quote=False),
        "Furigana": word_furigana(lemma, reading),
        "Meaning": html.escape(meaning, quote=False),
        "Sentence": bold_sentence(sentence),
        "Sentence furigana": anki_furigana(sentence, bold_word=True),
        "Sentence meaning": "",
        "Source": " · ".join(source_parts),
        "Audio": media.sound_tags(),
        "Accent": html.escape(media.accent, quote=False),
    }
    tag = article_tag(source)
    tags = (BASE_TAG, tag) if tag and tag != BASE_TAG else (BASE_TAG,)
    return WordNote(lemma, reading, fields, tags, media)


__all__ = [
    "BACK",
    "BASE_TAG",
    "CSS",
    "FIELDS",
    "FRONT",
    "MODEL_ID",
    "MODEL_NAME",
    "REQUIRED_FIELDS",
    "TEMPLATE_NAME",
    "NoteMedia",
    "WordNote",
    "article_tag",
    "bold_sentence",
    "word_furigana",
    "word_note",
]
