"""Article statistics against the reader's marks."""

from __future__ import annotations

from reader.core.layers import Analysis, Token
from reader.core.sources import parse_text
from reader.core.study import article_stats, status_spans

TEXT = "題名\n\n条約を結ぶ。\n\n会談\n会談が続き、条約も結ん。\n"


def _tokens(text: str) -> tuple[Token, ...]:
    words = [  # (surface, lemma, pos, reading) in order of appearance
        ("題名", "題名", ("名詞", "普通名詞"), "だいめい"),
        ("条約", "条約", ("名詞", "普通名詞"), "じょうやく"),
        ("を", "を", ("助詞", "格助詞"), "を"),
        ("結ぶ", "結ぶ", ("動詞", "一般"), "むすぶ"),
        ("。", "。", ("補助記号", "句点"), "。"),
        ("会談", "会談", ("名詞", "普通名詞"), "かいだん"),
        ("会談", "会談", ("名詞", "普通名詞"), "かいだん"),
        ("が", "が", ("助詞", "格助詞"), "が"),
        ("続き", "続く", ("動詞", "一般"), "つづき"),
        ("、", "、", ("補助記号", "読点"), "、"),
        ("条約", "条約", ("名詞", "普通名詞"), "じょうやく"),
        ("も", "も", ("助詞", "係助詞"), "も"),
        ("結ん", "結ぶ", ("動詞", "一般"), "むすん"),
        ("。", "。", ("補助記号", "句点"), "。"),
    ]
    tokens, position = [], 0
    for surface, lemma, pos, reading in words:
        start = text.index(surface, position)
        tokens.append(Token(start, start + len(surface), surface, lemma, pos, reading))
        position = start + len(surface)
    return tuple(tokens)


def test_known_share_new_words_per_section_and_the_densest() -> None:
    document = parse_text(TEXT, name="t.txt")
    analysis = Analysis(_tokens(document.text), ())
    statuses = {("条約", "じょうやく"): "known", ("結ぶ", "むすぶ"): "known", ("題名", "だいめい"): "ignored"}
    stats = article_stats(document, analysis, statuses)
    # Vocabulary: 題名 条約 結ぶ | 会談 会談 続く 条約 結ぶ (particles and punctuation left out).
    assert (stats.tokens, stats.known_tokens) == (8, 5)
    assert (stats.words, stats.known_words) == (5, 3)
    assert stats.share_known == 5 / 8
    lead, second = stats.sections
    assert (lead.tokens, lead.new_words) == (3, 0)
    assert (second.tokens, second.new_words, second.label) == (5, 2, "会談")
    assert stats.densest == second
    spans = status_spans(analysis.tokens, statuses)
    shown = [(document.text[s:e], status) for s, e, status in spans]
    assert shown[-2:] == [("条約", "known"), ("結ん", "known")]
    assert ("続き", "new") in shown


def test_no_marks_means_nothing_known() -> None:
    document = parse_text(TEXT, name="t.txt")
    stats = article_stats(document, Analysis(_tokens(document.text), ()), {})
    assert stats.share_known == 0.0 and stats.new_words == 5
