"""Character classes and kana conversion (no dictionaries, no engines)."""

from __future__ import annotations

import re

KANJI_EXTRA = "々〆ヶ〇〻"
"""Characters the readings treat as kanji (they need a reading of their own)."""

KANJI_CLASS = "々〆ヶ〇〻\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
"""The same set as a regular-expression character class body: ``re.compile(f"[{KANJI_CLASS}]+")``."""

_KATA_TO_HIRA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
# ヵ/ヶ as in 3ヵ月 read か.
_KATA_TO_HIRA.update({ord("ヵ"): ord("か"), ord("ヶ"): ord("か")})

_HIRA_TO_KATA = {code - 0x60: code for code in range(ord("ァ"), ord("ヴ") + 1)}


def is_kanji(ch: str) -> bool:
    """True for a CJK ideograph (every block: URO, extension A, compatibility, B–H) or 々〆ヶ〇〻.

    The one kanji predicate of the reader: readings cover these characters and
    ruby never overhangs them.
    """
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
        or ch in KANJI_EXTRA
    )


KANJI_RE = re.compile(f"[{KANJI_CLASS}]")
"""One character :func:`is_kanji` accepts (a search is much faster than a loop over characters)."""


def has_kanji(text: str) -> bool:
    """True when ``text`` holds a character that needs a reading (:func:`is_kanji`)."""
    return KANJI_RE.search(text) is not None


def is_hiragana(ch: str) -> bool:
    return "ぁ" <= ch <= "ゖ" or ch in "ゝゞー"


def is_katakana(ch: str) -> bool:
    return ("ァ" <= ch <= "ヺ" or ch in "ーヽヾ") and ch != "ヶ"


def is_kana(ch: str) -> bool:
    return is_hiragana(ch) or is_katakana(ch)


def to_hiragana(text: str) -> str:
    """Katakana to hiragana; other characters unchanged (ー is kept)."""
    return text.translate(_KATA_TO_HIRA)


def to_katakana(text: str) -> str:
    return text.translate(_HIRA_TO_KATA)


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def expand_long_marks(kana: str) -> str:
    """Replace the long mark ー by the vowel it lengthens (ぷーちん → ぷうちん).

    Used to compare readings with surfaces; romaji keeps its own handling.
    """
    out: list[str] = []
    for ch in kana:
        if ch == "ー" and out:
            out.append(VOWEL_OF.get(out[-1], "ー"))
        else:
            out.append(ch)
    return "".join(out)


def _vowel_table() -> dict[str, str]:
    rows = {
        "あ": "あかさたなはまやらわがざだばぱぁゃゎ",
        "い": "いきしちにひみりぎじぢびぴぃ",
        "う": "うくすつぬふむゆるぐずづぶぷぅゅゔ",
        "え": "えけせてねへめれげぜでべぺぇ",
        "お": "おこそとのほもよろをごぞどぼぽぉょ",
    }
    return {ch: vowel for vowel, chars in rows.items() for ch in chars}


VOWEL_OF = _vowel_table()
