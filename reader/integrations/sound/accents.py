"""Pitch accent of words and phrases, from UniDic (unidic-lite) and OpenJTalk (pyopenjtalk-plus).

Measured on kanjium's accent list (``bench/eval_accent.py``, CC BY-SA 4.0
reference), on the 7,658 words of the JLPT lists and on 3,000 others drawn at
random: OpenJTalk's dictionary knows more words (first accent right for 96.7 %
and 78.9 %), UniDic's ``aType`` is right more often where it knows the word
(99.4 % and 98.5 % of its answers, against 98.2 % and 90.0 %) but knows fewer
(93.0 % and 53.8 % right in all) and only single words.  So UniDic's accents
come first when it knows the word with that reading, including the second
accent it lists where speakers differ (昨日 きꜜのう, きのう); OpenJTalk's is
added when it differs, and is all there is for compounds (大統領選挙) and words
UniDic lacks: 98.1 % and 82.1 % right in all.  Without UniDic installed,
OpenJTalk alone.  Phrases (箸を, プーチン大統領が) get OpenJTalk's accent-phrase rules.

Both functions are cached, cost well under a millisecond once the engines are
loaded, and are safe to call from worker threads.
"""

from __future__ import annotations

import functools
from typing import Any

from reader.core.accent import Accent, AccentPhrase, split_morae
from reader.core.analysis.kana import to_hiragana
from reader.integrations.sound.engines import openjtalk, unidic_tagger

__all__ = ["accent_of", "openjtalk_accent", "phrase_accents", "unidic_accents"]

_NBEST = 10
"""Other analyses tried when OpenJTalk's first reading of a word is not the one asked for (端 はた)."""


def _reading_of(features: list[dict[str, Any]]) -> str:
    return to_hiragana("".join(f["read"] for f in features if f["pos"] != "記号"))


def _one_phrase_accent(features: list[dict[str, Any]]) -> int | None:
    """The accent of ``features`` when they make one accent phrase, else ``None``."""
    words = [f for f in features if f["pos"] != "記号"]
    if not words or any(f["chain_flag"] not in (1,) for f in words[1:]):
        return None
    return int(words[0]["acc"])


def openjtalk_accent(word: str, reading: str = "") -> tuple[str, int] | None:
    """OpenJTalk's reading and accent of ``word`` said on its own, or ``None``.

    With ``reading`` (hiragana) only an analysis with that reading counts; the
    first analysis is tried, then MeCab's next best ones (so 端 gives はし 0,
    and 端 with はた gives はた 0).  A word OpenJTalk says as two accent
    phrases has no single accent.
    """
    jtalk = openjtalk()
    features = jtalk.run_frontend(word)
    read = _reading_of(features)
    if not reading or read == reading:
        accent = _one_phrase_accent(features)
        return (read, accent) if accent is not None else None
    for path in jtalk.run_mecab_nbest_features(word, _NBEST):
        njd = jtalk.run_njd_from_mecab(path["features"])
        # Sudachi's reading fixes would turn the reading back into the first analysis's.
        njd = jtalk.apply_postprocessing(word, njd, use_sudachi_kanji_yomi=False, predict_nani=False)
        if _reading_of(njd) == reading:
            accent = _one_phrase_accent(njd)
            return (reading, accent) if accent is not None else None
    return None


def _types(value: str | None) -> list[int]:
    return [int(part) for part in (value or "").split(",") if part.isdigit()]


def unidic_accents(word: str, reading: str = "") -> tuple[str, tuple[int, ...]] | None:
    """UniDic's reading and accent types (``aType``, several when it lists several) of a one-morpheme word.

    ``None`` when UniDic is not installed, splits the word, or has no accent
    for it.  With ``reading`` only an analysis with that reading counts.
    """
    tagger = unidic_tagger()
    if tagger is None:
        return None
    candidates = [list(tagger(word))]
    for nodes in candidates:
        if len(nodes) != 1:
            continue
        feature = nodes[0].feature
        read = to_hiragana(feature.kana or "")
        if reading and read != reading:
            continue
        types = _types(feature.aType)
        return (read, tuple(types)) if types else None
    if reading:
        for nodes in tagger.nbestToNodeList(word, _NBEST):
            if len(nodes) == 1 and to_hiragana(nodes[0].feature.kana or "") == reading:
                types = _types(nodes[0].feature.aType)
                return (reading, tuple(types)) if types else None
    return None


@functools.lru_cache(maxsize=8192)
def accent_of(surface: str, lemma: str = "", reading: str = "", pos: tuple[str, ...] = ()) -> Accent | None:
    """The pitch accent of a word of the text: its dictionary form's, as the look-up panel shows it.

    ``surface``, ``lemma`` and ``reading`` (hiragana or katakana) are what the
    analyser gave (:class:`~reader.core.lexicon.dictionary.WordEntry` has them
    all); ``pos`` is accepted for the panel's convenience and not used yet.
    For an inflected word (強めた) the accent is the dictionary form's (強める)
    and ``reading``, being the inflected form's, only has to agree on the first
    kana.  ``None`` when no source knows the word with that reading.

    Raises :class:`~reader.integrations.sound.engines.SoundUnavailable` when
    pyopenjtalk-plus is not installed.
    """
    del pos
    word = lemma or surface
    reading = to_hiragana(reading)
    wanted = reading if word == surface else ""
    found = openjtalk_accent(word, wanted)
    if found is not None and word != surface and reading and found[0][:1] != reading[:1]:
        found = None  # the dictionary form OpenJTalk chose is another word (行った おこなった ≠ いく)
    listed = unidic_accents(word, found[0] if found else wanted)
    if listed is not None and word != surface and reading and listed[0][:1] != reading[:1]:
        listed = None
    if found is None and listed is None:
        return None
    if listed is None:
        assert found is not None
        return Accent(reading=found[0], types=(found[1],), source="openjtalk")
    # UniDic's accents first: where it knows a word it is right more often (see the module notes).
    types = list(listed[1])
    sources = ["unidic"]
    if found is not None and found[0] == listed[0] and found[1] not in types:
        types.append(found[1])
        sources.append("openjtalk")
    elif found is not None and found[0] == listed[0]:
        sources.append("openjtalk")
    return Accent(reading=listed[0], types=tuple(types), source="+".join(sources))


@functools.lru_cache(maxsize=512)
def phrase_accents(text: str, start: int = 0, end: int | None = None) -> tuple[AccentPhrase, ...]:
    """The accent phrases of ``text[start:end]`` (a screenful, a sentence), offsets into ``text``.

    Each phrase is a word with what leans on it (箸を, 訪問しました) or a
    compound (プーチン大統領が), with what is said and its one accent, as
    OpenJTalk reads it for speech.  Punctuation belongs to no phrase.  About a
    millisecond for 100 characters.
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    if not piece.strip():
        return ()
    mapping = openjtalk().g2p_mapping(piece)
    phrases: list[AccentPhrase] = []
    current: list[dict[str, Any]] = []

    def close() -> None:
        if current:
            reading = to_hiragana("".join(m["pron"] for m in current).replace("’", ""))
            first, last = current[0]["char_span"], current[-1]["char_span"]
            accent = int(current[0]["accent_nucleus"])
            begin, finish = start + first[0], start + last[1]
            if finish <= begin and phrases:
                # Numbers are said in several phrases but map to their digits as a whole
                # (2024 → にせん|にじゅう|よねん); a phrase with no characters joins the one before.
                before = phrases[-1]
                joined = before.reading + reading
                phrases[-1] = AccentPhrase(before.start, max(before.end, finish), joined, before.accent)
            elif split_morae(reading):
                phrases.append(AccentPhrase(begin, max(begin, finish), reading, accent))
            current.clear()

    for morph in mapping:
        if morph["pos"] == "記号" or not morph["mora_count"]:
            close()
            continue
        if morph["chain_flag"] != 1:
            close()
        current.append(morph)
    close()
    return tuple(phrases)
