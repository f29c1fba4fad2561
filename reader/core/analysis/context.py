"""Layer 5: the analyser's reading in context, with general fixes by part of speech.

SudachiPy picks one reading per dictionary entry and a few homographs by the
word right before them.  The rules here look a little further, at the
particles of the clause and the neighbouring words, and only for kinds of
words where the choice is known to slip:

* 行っ (った/って): 行う or 行く — おこなう when the clause has an object
  marked を (会談を19日に行った), いく when it has a goal marked に/へ, or
  after て (連れて行った);
* 何: なに before が/を/も/か/に/から/より (何が問題か), else なん (何の, 何と, 何回);
* その後: そのご (news style);
* 不足 after a noun in a compound voices: 兵器不足 へいきぶそく, 人手不足 ひとでぶそく;
  likewise 会社 → がいしゃ (旅行会社);
* 中 after a span of time means "throughout" and reads じゅう: 一年中 いちねんじゅう,
  1日中, 一晩中 (the analyser reads ちゅう, and takes 一日中 as 一 + 日中 "daytime");
* 私 the pronoun is わたし, as news and everyday prose read it (the analyser says
  わたくし); a text that means わたくし says so with ruby or 私(わたくし), and those
  layers come first;
* 家 after a name is the family, け: 徳川家 とくがわけ, 金田家 (the analyser reads the
  suffix か, as in 作家, after every name).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.analysis.tokens import Morph

_CLAUSE_STOP_POS = ("動詞", "形容詞", "助動詞", "補助記号", "空白", "接続詞", "感動詞")
"""Words that end the scan back over a clause's case particles."""

NANI_BEFORE = ("が", "を", "も", "か", "に", "から", "より", "ひとつ", "一つ", "ごと", "ゆえ", "故")
"""Particles (and words) after which 何 is read なに rather than なん."""

TIME_SPANS = ("日", "年", "晩", "夜", "週", "月", "週間", "年間", "か月", "ヶ月", "カ月")
"""Counters of time after which 中 means "throughout" (じゅう)."""
ONE = ("一", "1", "１")

RENDAKU_SUFFIXES = {"不足": ("ふそく", "ぶそく"), "会社": ("かいしゃ", "がいしゃ")}
"""Second parts of compounds that voice after a noun (人手不足 ひとでぶそく)."""


def context_reading(morphs: Sequence[Morph], i: int) -> tuple[str, str]:
    """The reading (hiragana) of ``morphs[i]`` in its context, and the layer that gave it."""
    m = morphs[i]
    reading = m.reading
    prev = morphs[i - 1] if i > 0 and morphs[i - 1].end == m.start else None
    nxt = morphs[i + 1] if i + 1 < len(morphs) and morphs[i + 1].start == m.end else None

    if m.surface == "行っ" and m.is_pos("動詞"):
        return _okonau_or_iku(morphs, i, reading), "context"
    if m.surface == "何" and nxt is not None:
        if nxt.surface in NANI_BEFORE or (nxt.surface.startswith(("が", "を")) and nxt.is_pos("助詞")):
            return "なに", "context"
        return reading, "context"
    if m.surface == "後" and prev is not None and prev.surface == "その":
        return "ご", "context"
    if m.surface == "その後":
        return "そのご", "context"
    if m.surface == "私" and m.is_pos("代名詞") and reading == "わたくし":
        return "わたし", "context"
    if (
        m.surface == "家"
        and reading == "か"
        and m.is_pos("接尾辞")
        and prev is not None
        and prev.is_pos("名詞", "固有名詞")
    ):
        return "け", "context"
    if m.surface == "中" and prev is not None and prev.surface in TIME_SPANS and reading == "ちゅう":
        before = morphs[i - 2] if i > 1 and morphs[i - 2].end == prev.start else None
        if before is not None and (before.is_pos("名詞", "数詞") or before.surface in ONE):
            return "じゅう", "context"
    if m.surface == "日中" and prev is not None and prev.surface in ONE:
        return "にちじゅう", "context"
    for suffix, (plain, voiced) in RENDAKU_SUFFIXES.items():
        if not reading.endswith(plain):
            continue
        if m.surface == suffix and prev is not None and _compound_head(prev):
            return reading[: -len(plain)] + voiced, "context"
        if m.surface.endswith(suffix) and len(m.surface) - len(suffix) >= 2 and m.is_pos("名詞"):
            return reading[: -len(plain)] + voiced, "context"
    return reading, "context"


def _compound_head(m: Morph) -> bool:
    """True when ``m`` can be the first part of a noun compound (兵器 in 兵器不足)."""
    return m.is_pos("名詞") and not m.is_pos("名詞", "数詞") and len(m.surface) >= 1


def _okonau_or_iku(morphs: Sequence[Morph], i: int, reading: str) -> str:
    """行っ read by the case particles of its clause."""
    tail = reading[len("おこな") :] if reading.startswith("おこな") else reading[1:]
    tail = tail or "っ"
    okonau, iku = "おこな" + tail, "い" + tail
    prev = morphs[i - 1] if i > 0 else None
    if (
        prev is not None
        and prev.end == morphs[i].start
        and prev.surface in ("て", "で")
        and prev.is_pos("助詞", "接続助詞")
    ):
        return iku  # 連れて行った: the auxiliary 行く
    particles: list[str] = []
    for j in range(i - 1, max(-1, i - 16), -1):
        w = morphs[j]
        if w.is_pos(*("助詞",)):
            if w.pos[1:2] in (("接続助詞",), ("終助詞",)):
                break
            particles.append(w.surface)
            continue
        if w.pos[:1] and w.pos[0] in _CLAUSE_STOP_POS:
            break
    if "を" in particles:
        return okonau
    if "に" in particles or "へ" in particles:
        return iku
    return reading
