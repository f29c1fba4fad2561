"""Romaji from the chosen readings: Hepburn (default), plain-ou Hepburn, Kunrei, passport.

Works from :class:`~reader.core.layers.Token` readings only (no dictionary), so
it costs nothing to load.  Words are the analyser's tokens with their endings
attached (発表 しました → happyō shimashita); particles は/へ/を are read wa/e/o
by part of speech; proper nouns are capitalised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal, get_args

from reader.core.analysis.kana import is_digit, is_kana, is_kanji, to_hiragana
from reader.core.layers import RomajiWord, Token

RomajiStyle = Literal["hepburn", "hepburn-ou", "kunrei", "passport"]
STYLES: tuple[str, ...] = get_args(RomajiStyle)

NO_MERGE = "\x00"
"""Marks a boundary across which vowels are not joined into a long vowel (思う omou)."""

_BASE: dict[str, str] = {}


def _table() -> dict[str, str]:
    rows = {
        "": "あいうえお",
        "k": "かきくけこ",
        "s": "さしすせそ",
        "t": "たちつてと",
        "n": "なにぬねの",
        "h": "はひふへほ",
        "m": "まみむめも",
        "r": "らりるれろ",
        "g": "がぎぐげご",
        "z": "ざじずぜぞ",
        "d": "だぢづでど",
        "b": "ばびぶべぼ",
        "p": "ぱぴぷぺぽ",
    }
    table: dict[str, str] = {}
    for consonant, chars in rows.items():
        for kana, vowel in zip(chars, "aiueo", strict=True):
            table[kana] = consonant + vowel
    table.update(
        {
            "し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu",
            "や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o",
            "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゃ": "ya", "ゅ": "yu", "ょ": "yo",
            "ゎ": "wa", "ゔ": "vu", "ゕ": "ka", "ゖ": "ka",
        }
    )  # fmt: skip
    for kana, head in (
        ("き", "k"), ("ぎ", "g"), ("に", "n"), ("ひ", "h"),
        ("び", "b"), ("ぴ", "p"), ("み", "m"), ("り", "r"),
    ):  # fmt: skip
        for small, tail in zip("ゃゅょ", ("ya", "yu", "yo"), strict=True):
            table[kana + small] = head + tail
    for kana, head in (("し", "sh"), ("ち", "ch"), ("じ", "j"), ("ぢ", "j")):
        for small, vowel in zip("ゃゅょ", "auo", strict=True):
            table[kana + small] = head + vowel
    # Sounds of loanwords (katakana folded to hiragana).
    table.update(
        {
            "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo", "ふゅ": "fyu",
            "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du", "てゅ": "tyu", "でゅ": "dyu",
            "うぃ": "wi", "うぇ": "we", "うぉ": "wo", "いぇ": "ye",
            "ゔぁ": "va", "ゔぃ": "vi", "ゔぇ": "ve", "ゔぉ": "vo", "ゔゅ": "vyu",
            "しぇ": "she", "じぇ": "je", "ちぇ": "che",
            "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso",
            "くぁ": "kwa", "ぐぁ": "gwa", "すぃ": "si", "ずぃ": "zi",
        }
    )  # fmt: skip
    return table


_BASE = _table()
_KUNREI = dict(_BASE)
_KUNREI.update(
    {
        "し": "si", "ち": "ti", "つ": "tu", "ふ": "hu", "じ": "zi", "ぢ": "zi", "づ": "zu",
        "しゃ": "sya", "しゅ": "syu", "しょ": "syo", "ちゃ": "tya", "ちゅ": "tyu", "ちょ": "tyo",
        "じゃ": "zya", "じゅ": "zyu", "じょ": "zyo", "ぢゃ": "zya", "ぢゅ": "zyu", "ぢょ": "zyo",
    }
)  # fmt: skip

_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
_CIRCUMFLEX = {"a": "â", "i": "î", "u": "û", "e": "ê", "o": "ô"}

_PUNCTUATION = {
    "、": ",", "。": ".", "，": ",", "．": ".", "・": "", "「": "“", "」": "”", "『": "‘", "』": "’",
    "（": "(", "）": ")", "【": "[", "】": "]", "〔": "(", "〕": ")", "〈": "<", "〉": ">",
    "《": "«", "》": "»", "！": "!", "？": "?", "：": ":", "；": ";", "～": "~", "〜": "~",
    "…": "…", "‥": "‥", "ー": "-", "＝": "=",
}  # fmt: skip


def kana_to_romaji(kana: str, style: RomajiStyle = "hepburn") -> str:
    """Romaji for hiragana/katakana ``kana`` (one word); :data:`NO_MERGE` blocks long vowels."""
    if style not in STYLES:
        raise ValueError(f"romaji style must be one of {STYLES}, not {style!r}")
    table = _KUNREI if style == "kunrei" else _BASE
    kana = to_hiragana(kana)
    syllables: list[str] = []  # romaji per syllable; NO_MERGE kept as its own entry
    i = 0
    while i < len(kana):
        ch = kana[i]
        pair = kana[i : i + 2]
        if len(pair) == 2 and pair in table:
            syllables.append(table[pair])
            i += 2
        elif ch in table:
            syllables.append(table[ch])
            i += 1
        else:
            syllables.append(ch)  # っ, ん, ー, NO_MERGE and anything else are resolved below
            i += 1
    return _join(syllables, style)


def _next_syllable(syllables: Sequence[str], i: int) -> str:
    for s in syllables[i + 1 :]:
        if s != NO_MERGE:
            return s
    return ""


def _join(syllables: list[str], style: RomajiStyle) -> str:
    out: list[str] = []
    merge_ok = True  # may the syllable just written join the previous one as a long vowel
    for i, syl in enumerate(syllables):
        if syl == NO_MERGE:
            merge_ok = False
            continue
        nxt = _next_syllable(syllables, i)
        if syl == "っ":
            # Doubles the consonant that follows; before a vowel, ん, ー or the end there is none to double.
            if nxt[:1].isascii() and nxt[:1].isalpha() and nxt[0] not in "aiueon":
                out.append("t" if nxt.startswith("ch") and style != "kunrei" else nxt[0])
            merge_ok = True
            continue
        if syl == "ん":
            if style == "passport" and nxt[:1] in ("b", "m", "p"):
                out.append("m")
            elif nxt[:1] in ("a", "i", "u", "e", "o", "y") and style != "passport":
                out.append("n'")
            else:
                out.append("n")
            merge_ok = True
            continue
        if syl == "ー":
            _lengthen(out, style, katakana=True)
            merge_ok = True
            continue
        if (
            merge_ok
            and out
            and syl in ("u", "o")
            and out[-1][-1:] in ("o", "u")
            and (syl == "u" or out[-1][-1] == "o")
            and style != "hepburn-ou"
        ):
            # おう, おお → ō; うう → ū (not across NO_MERGE).
            _lengthen(out, style, katakana=False)
            merge_ok = True
            continue
        out.append(syl)
        merge_ok = True
    return "".join(out)


def _lengthen(out: list[str], style: RomajiStyle, katakana: bool) -> None:
    """Lengthen the last vowel written in ``out`` (ー, おう, うう)."""
    if not out or not out[-1] or out[-1][-1] not in "aiueo":
        return
    last = out[-1]
    vowel = last[-1]
    if style == "hepburn":
        out[-1] = last[:-1] + _MACRON[vowel]
    elif style == "kunrei":
        out[-1] = last[:-1] + _CIRCUMFLEX[vowel]
    elif style == "hepburn-ou":
        out[-1] = last + vowel  # only ー reaches here
    elif style == "passport":
        pass  # long vowels are not written (おう, おお → o; ー dropped)
    _ = katakana


# -- words ------------------------------------------------------------------


def _is_space(t: Token) -> bool:
    return t.pos[:1] == ("空白",) or not t.surface.strip()


def _is_symbol(t: Token) -> bool:
    return t.pos[:1] == ("補助記号",) or (len(t.surface) == 1 and t.surface in _PUNCTUATION and t.pos[:1] != ("名詞",))


def _is_number(t: Token) -> bool:
    return t.pos[:2] == ("名詞", "数詞") and all(is_digit(ch) or ch in ",，.．" for ch in t.surface)


def _attaches(prev: Token, t: Token) -> str | None:
    """How ``t`` joins the word before it: ``""`` (no space), ``"-"``, or None (a new word)."""
    head = t.pos[0] if t.pos else ""
    prev_head = prev.pos[0] if prev.pos else ""
    if prev_head == "接頭辞":
        return ""
    if _is_number(prev) and (head == "接尾辞" or (len(t.pos) > 2 and t.pos[2] == "助数詞可能")):
        return "-"
    if head == "接尾辞":
        return "-" if prev.is_proper_noun or _is_number(prev) or prev.pos[2:3] == ("助数詞可能",) else ""
    if head == "助動詞":
        if (t.lemma in ("だ", "です") and prev_head != "助動詞") or t.surface.startswith(("だろ", "でしょ")):
            return None  # the copula is a word of its own: kanō da, furerareru darō
        return "" if prev_head in ("動詞", "形容詞", "助動詞") else None
    if head == "助詞" and len(t.pos) > 1 and t.pos[1] == "接続助詞" and t.surface in ("て", "で", "ば", "ちゃ", "じゃ"):
        return "" if prev_head in ("動詞", "形容詞", "助動詞") else None
    return None


def _token_kana(t: Token) -> str:
    """The token's reading for romaji, with particles by part of speech and verb endings marked."""
    reading = to_hiragana(t.reading)
    if t.pos[:1] == ("助詞",):
        particle = {"は": "わ", "へ": "え", "を": "お"}.get(t.surface)
        if particle:
            return particle
    if t.pos[:1] == ("感動詞",) and t.surface.endswith("は") and reading.endswith("は"):
        reading = reading[:-1] + "わ"  # こんにちは
    if (
        t.pos[:1] == ("動詞",)
        and len(t.pos) > 5
        and t.pos[4].startswith("五段-ワア行")
        and t.pos[5].startswith(("終止形", "連体形"))
        and reading.endswith("う")
        and t.surface.endswith("う")
    ):
        reading = reading[:-1] + NO_MERGE + "う"  # 思う omou, not omō (but 言おう iō)
    return reading


def _written_as_is(t: Token) -> bool:
    """Numbers and Latin words (NHK, G7) keep their spelling."""
    return _is_number(t) or not any(is_kana(ch) or is_kanji(ch) for ch in t.surface)


def _token_romaji(t: Token, style: RomajiStyle) -> str:
    if _written_as_is(t):
        return unicodedata.normalize("NFKC", t.surface)
    kana = _token_kana(t)
    if not kana or not any(("ぁ" <= ch <= "ゖ") or ch == "ー" for ch in kana):
        return unicodedata.normalize("NFKC", t.surface)
    return kana_to_romaji(kana, style)


def romanize(tokens: Sequence[Token], style: RomajiStyle = "hepburn") -> tuple[RomajiWord, ...]:
    """Romaji words over ``tokens``: endings joined to their word, spaces left to the formatter."""
    if style not in STYLES:
        raise ValueError(f"romaji style must be one of {STYLES}, not {style!r}")
    words: list[RomajiWord] = []
    sentence_starts: set[int] = {tokens[0].start} if tokens else set()
    parts: list[str] = []  # kana of the current word, with joiners between tokens
    cur: list[Token] = []

    def flush() -> None:
        if not cur:
            return
        romaji = _word_romaji(cur, parts, style)
        if romaji and cur[0].start in sentence_starts:
            romaji = romaji[0].upper() + romaji[1:]
        if romaji:
            words.append(RomajiWord(cur[0].start, cur[-1].end, romaji))
        cur.clear()
        parts.clear()

    prev_end = tokens[0].start if tokens else 0
    for t in tokens:
        # A gap no token covers is a newline: a new line starts a sentence.
        if prev_end < t.start or (words and words[-1].romaji in (".", "!", "?") and not cur):
            sentence_starts.add(t.start)
        prev_end = t.end
        if _is_space(t):
            flush()
            continue
        if _is_symbol(t):
            flush()
            mark = "".join(_PUNCTUATION.get(ch, unicodedata.normalize("NFKC", ch)) for ch in t.surface)
            if mark:
                words.append(RomajiWord(t.start, t.end, mark))
            continue
        joiner = _attaches(cur[-1], t) if cur and cur[-1].end == t.start else None
        if joiner is None:
            flush()
            parts.append("")
        else:
            parts.append(joiner)
        cur.append(t)
    flush()
    return tuple(words)


def _word_romaji(tokens: Sequence[Token], joiners: Sequence[str], style: RomajiStyle) -> str:
    """Romaji of one word: kana of its tokens romanised together, so ましょう → mashō."""
    pieces: list[str] = []
    kana_run: list[str] = []

    def close_run() -> None:
        if kana_run:
            pieces.append(kana_to_romaji("".join(kana_run), style))
            kana_run.clear()

    for t, joiner in zip(tokens, joiners, strict=True):
        if joiner == "-":
            close_run()
            pieces.append("-")
        if _written_as_is(t) or not any("ぁ" <= ch <= "ゖ" or ch == "ー" for ch in _token_kana(t)):
            close_run()
            pieces.append(_token_romaji(t, style))
        else:
            if kana_run:
                kana_run.append(NO_MERGE if t.pos[:1] not in (("助動詞",), ("助詞",)) else "")
            kana_run.append(_token_kana(t))
    close_run()
    romaji = "".join(pieces)
    if romaji and tokens[0].is_proper_noun:
        romaji = romaji[0].upper() + romaji[1:]
    return romaji
