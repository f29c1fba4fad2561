"""Excerpts with pitch accent: a line per sentence, each phrase as said with ꜜ where the pitch falls.

The phrases are OpenJTalk's (the sound extra); the formatting is
:func:`reader.core.excerpt.format_excerpt`'s, the one ``Y`` copies with.
"""

from __future__ import annotations

import pytest

from reader.core.excerpt import ACCENT_FORMATS, format_excerpt
from reader.core.layers import Analysis
from reader.core.sources import parse_text

pytest.importorskip("pyopenjtalk", reason="the sound extra (pyopenjtalk-plus) is not installed")

from reader.integrations.sound import phrase_accents

TEXT = "箸と橋と端\n\n箸を使います。橋を渡ります。端に座ります。\n"
NO_LAYERS = Analysis((), ())


def _excerpt(fmt: str, **extra: object) -> str:
    document = parse_text(TEXT, name="pairs.txt")
    start = document.text.index("箸を")
    end = document.text.index("座ります。") + len("座ります。")
    phrases = phrase_accents(document.text, start, end)
    return format_excerpt(document, NO_LAYERS, start, end, fmt, accents=phrases, **extra)  # type: ignore[arg-type]


def test_anki_gets_a_line_of_phrases_per_sentence() -> None:
    assert _excerpt("anki") == (
        "箸を使います。橋を渡ります。端に座ります。\n\nはꜜしを つかいまꜜす\nはしꜜを わたりまꜜす\nはしに すわりまꜜす"
    )


def test_html_puts_each_line_in_its_own_paragraph_before_the_citation() -> None:
    lines = _excerpt("html", cite=True).split("\n")
    assert lines[1:4] == [
        '<p class="accent">はꜜしを つかいまꜜす</p>',
        '<p class="accent">はしꜜを わたりまꜜす</p>',
        '<p class="accent">はしに すわりまꜜす</p>',
    ]
    assert lines[4].startswith('<p class="cite">')


def test_markdown_lines_are_paragraphs() -> None:
    assert _excerpt("markdown").split("\n\n")[1:] == [
        "はꜜしを つかいまꜜす",
        "はしꜜを わたりまꜜす",
        "はしに すわりまꜜす",
    ]


@pytest.mark.parametrize("fmt", ["plain", "aozora", "romaji", "text"])
def test_other_formats_have_no_accents(fmt: str) -> None:
    assert fmt not in ACCENT_FORMATS
    assert "ꜜ" not in _excerpt(fmt)
