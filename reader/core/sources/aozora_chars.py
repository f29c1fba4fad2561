"""The characters of Aozora Bunko notation: classes, gaiji and accents.

Read by :mod:`reader.core.sources.aozora`, which reads the notation as a whole:

- :func:`char_class`: the class aozora2html gives a character, which decides
  where an implicit ruby base (``漢字《かんじ》``) starts;
- :func:`resolve_gaiji` and :func:`jis_x0213`: gaiji
  ``※［＃「言＋虚」、第4水準2-88-74］`` as the Unicode character of its JIS X
  0213 plane-row-cell (or ``U+XXXX``), through Python's ``euc_jisx0213`` codec;
- :func:`compose_accents`: the accent decomposition ``cafe'`` composed back
  into ``café``.
"""

from __future__ import annotations

import functools
import re
import unicodedata


@functools.cache  # a novel has a million characters but a few thousand distinct ones
def char_class(ch: str) -> str:
    """The class aozora2html gives a character, for the implicit ruby base.

    ``kanji`` (with 々 ※ 仝 〆 〇 ヶ), ``hiragana``, ``katakana``, ``zenkaku``
    (full-width letters and digits, Greek, Cyrillic), ``hankaku`` (ASCII
    letters and digits), or ``other`` (punctuation, spaces: no ruby base).
    """
    code = ord(ch)
    if 0x3041 <= code <= 0x3096 or ch in "ゝゞ":
        return "hiragana"
    if (0x30A1 <= code <= 0x30FA and ch not in "ヵヶ") or ch in "ーヽヾヵ":
        return "katakana"
    if (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or ch in "々※仝〆〇ヶ〓"
    ):
        return "kanji"
    if (
        0xFF10 <= code <= 0xFF19
        or 0xFF21 <= code <= 0xFF3A
        or 0xFF41 <= code <= 0xFF5A
        or 0x0391 <= code <= 0x03C9
        or 0x0410 <= code <= 0x044F
        or ch in "−＆’，．"
    ):
        return "zenkaku"
    if ch.isascii() and (ch.isalnum() or ch in "#-&',"):
        return "hankaku"
    if unicodedata.category(ch).startswith("L") and ch.isalpha() and not ch.isascii() and code < 0x3000:
        return "hankaku"  # accented Latin letters from 〔〕 decomposition read with their word
    return "other"


_MEN_KU_TEN = re.compile(r"(?:第[34]水準)?([12])-(\d{1,2})-(\d{1,2})$")
_UNICODE = re.compile(r"U\+([0-9A-Fa-f]{4,6})$")


def jis_x0213(plane: int, row: int, cell: int) -> str:
    """The Unicode text of JIS X 0213 plane-row-cell (``""`` where there is none).

    Plane 1 is EUC's two bytes ``0xA0+row, 0xA0+cell``, plane 2 the same after
    ``0x8F``; a few cells are a base and a combining mark (か゚).
    """
    if not (1 <= row <= 94 and 1 <= cell <= 94 and plane in (1, 2)):
        return ""
    data = bytes([0xA0 + row, 0xA0 + cell])
    if plane == 2:
        data = b"\x8f" + data
    try:
        found = data.decode("euc_jisx0213")
    except UnicodeDecodeError:
        return ""
    return "" if "\ufffd" in found else found


def resolve_gaiji(note: str) -> tuple[str, str, str]:
    """``(character, description, code)`` of a gaiji note's body (between ``［＃`` and ``］``).

    ``「言＋虚」、第4水準2-88-74`` → ``("譃", "言＋虚", "第4水準2-88-74")``;
    ``小書き片仮名ヒ、1-6-84`` → ``("ㇶ", "小書き片仮名ヒ", "1-6-84")``; a note
    with no code (or a code no codec knows) gives ``""`` as the character.
    """
    description, rest = note, ""
    if note.startswith("「"):
        close = _matching_quote(note, 0)
        if close > 0:
            description, rest = note[1:close], note[close + 1 :]
    else:
        description, _, rest = note.partition("、")
        rest = "、" + rest if rest else ""
    for field_ in (f.strip() for f in rest.split("、")):
        if not field_:
            continue
        found = _MEN_KU_TEN.match(field_)
        if found:
            character = jis_x0213(int(found[1]), int(found[2]), int(found[3]))
            return character, description, field_
        found = _UNICODE.match(field_)
        if found:
            code = int(found[1], 16)
            if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), description, field_
    return "", description, ""


def _matching_quote(text: str, start: int) -> int:
    """Index of the 」 closing the 「 at ``start`` (nesting counted), or -1."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "「":
            depth += 1
        elif text[i] == "」":
            depth -= 1
            if depth == 0:
                return i
    return -1


_ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "_": "\u0304", ":": "\u0308", ",": "\u0327"}
"""Aozora's accent decomposition: a Latin letter followed by one of these marks."""
_LIGATURES = {"ae&": "æ", "AE&": "Æ", "oe&": "œ", "OE&": "Œ", "s&": "ß", "a&": "å", "A&": "Å",
              "o/": "ø", "O/": "Ø", "!@": "¡", "?@": "¿", "l/": "ł", "L/": "Ł"}  # fmt: skip


def compose_accents(text: str) -> tuple[str, bool]:
    """Aozora's accent decomposition composed back (``cafe'`` → ``café``); and whether any was found."""
    out: list[str] = []
    found = False
    i = 0
    while i < len(text):
        for ligature, composed in _LIGATURES.items():
            if text.startswith(ligature, i):
                out.append(composed)
                i += len(ligature)
                found = True
                break
        else:
            ch = text[i]
            mark = _ACCENTS.get(text[i + 1]) if i + 1 < len(text) else None
            if mark and ch.isascii() and ch.isalpha():
                composed = unicodedata.normalize("NFC", ch + mark)
                if len(composed) == 1:
                    out.append(composed)
                    i += 2
                    found = True
                    continue
            out.append(ch)
            i += 1
    return "".join(out), found
