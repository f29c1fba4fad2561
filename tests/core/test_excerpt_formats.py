"""Excerpt formats as a copy holds them: exact strings for seed sentences, HTML that parses,
Anki's own furigana rule giving the text back, the furigana filter, notes and citation."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reader.core.analysis import Analyzer
from reader.core.analysis.filters import make_ruby_filter
from reader.core.document import Document
from reader.core.excerpt import (
    EXCERPT_FORMATS,
    ExcerptNotes,
    excerpt_range,
    format_excerpt,
    notes_in_range,
)
from reader.core.layers import Analysis, RubySpan, Token
from reader.core.sources import load_document
from tests.conftest import SEED

# The seed's first sentence: ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。
S1 = (32, 70)
# The title: okurigana (強める, 狙い), a number with a counter (18日) and a space.
TITLE = (0, 30)

EXPECTED_S1 = {
    "anki": "ロシアと 北朝鮮[きたちょうせん]は、プーチン 大統領[だいとうりょう]が18 日[にち]から"
    " 北朝鮮[きたちょうせん]を 訪問[ほうもん]すると 発表[はっぴょう]しました。",
    "html": "ロシアと<ruby>北朝鮮<rt>きたちょうせん</rt></ruby>は、"
    "プーチン<ruby>大統領<rt>だいとうりょう</rt></ruby>が18<ruby>日<rt>にち</rt></ruby>から<ruby>北朝鮮<rt>きたちょうせん</rt></ruby>を"
    "<ruby>訪問<rt>ほうもん</rt></ruby>すると<ruby>発表<rt>はっぴょう</rt></ruby>しました。",
    "markdown": "ロシアと北朝鮮(きたちょうせん)は、プーチン大統領(だいとうりょう)が18日(にち)から"
    "北朝鮮(きたちょうせん)を訪問(ほうもん)すると発表(はっぴょう)しました。",
    "plain": "ロシアと北朝鮮(きたちょうせん)は、プーチン大統領(だいとうりょう)が18日(にち)から"
    "北朝鮮(きたちょうせん)を訪問(ほうもん)すると発表(はっぴょう)しました。",
    "aozora": "ロシアと｜北朝鮮《きたちょうせん》は、プーチン｜大統領《だいとうりょう》が18｜日《にち》から"
    "｜北朝鮮《きたちょうせん》を｜訪問《ほうもん》すると｜発表《はっぴょう》しました。",
    "romaji": "ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。\n"
    "Roshia to Kitachōsen wa, Pūchin daitōryō ga 18-nichi kara Kitachōsen o hōmon suru to happyō shimashita.",
    "text": "ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。",
}

# Anki's furigana rule, as Anki itself writes it (rslib template_filters.rs):
# an optional space, then the base up to "[", then the reading up to "]".
ANKI_FURIGANA = re.compile(r" ?([^ >]+?)\[(.+?)\]")


@pytest.fixture(scope="module")
def seed() -> tuple[Document, Analysis]:
    document = load_document(str(SEED))
    analyzer = Analyzer()
    analyzer.load()
    return document, analyzer.analyse(document.text)


class RubyText(HTMLParser):
    """Collects the text outside <rt> and the (base, reading) pairs of <ruby> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.pairs: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self._base = ""
        self._reading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "ruby":
            self._base, self._reading = "", ""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()
        if tag == "ruby":
            self.pairs.append((self._base, self._reading))
        elif tag == "p":
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.stack and data == "\n":
            return  # the newline between two <p> elements
        if self.stack and self.stack[-1] == "rt":
            self._reading += data
            return
        if "ruby" in self.stack:
            self._base += data
        self.text.append(data)


def parse_html(markup: str) -> RubyText:
    parser = RubyText()
    parser.feed(markup)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


@pytest.mark.parametrize("fmt", EXCERPT_FORMATS)
def test_first_sentence_in_every_format(seed: tuple[Document, Analysis], fmt: str) -> None:
    document, analysis = seed
    assert document.text[S1[0] : S1[1]] == EXPECTED_S1["text"]
    assert format_excerpt(document, analysis, *S1, fmt) == EXPECTED_S1[fmt]


def test_inline_is_plain(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    assert format_excerpt(document, analysis, *S1, "inline") == EXPECTED_S1["plain"]


def test_anki_title_okurigana_counter_and_space(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    out = format_excerpt(document, analysis, *TITLE, "anki")
    # The title's own space (after 訪問) stays: Anki hides only the one before a base.
    assert out == (
        "プーチン 大統領[だいとうりょう]が18 日[にち]から 北朝鮮[きたちょうせん] 訪問[ほうもん]"
        "  軍事的[ぐんじてき] 連携[れんけい] 強[つよ]める 狙[ねら]いか"
    )
    assert ANKI_FURIGANA.sub(r"\1", out) == document.text[TITLE[0] : TITLE[1]]


def test_anki_rule_gives_the_whole_seed_back(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    out = format_excerpt(document, analysis, 0, len(document.text), "anki")
    assert ANKI_FURIGANA.sub(r"\1", out) == document.text  # Anki's {{kanji:}} view
    bases = [m.group(1) for m in ANKI_FURIGANA.finditer(out)]
    assert bases == [document.text[sp.start : sp.end] for sp in analysis.ruby]
    readings = [m.group(2) for m in ANKI_FURIGANA.finditer(out)]
    assert readings == [sp.reading for sp in analysis.ruby]


def test_html_of_the_seed_parses_to_the_text_and_readings(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    section = excerpt_range(document, document.sections[1].start, "section")
    out = format_excerpt(document, analysis, *section, "html")
    parsed = parse_html(out)
    lines = [line for line in document.text[section[0] : section[1]].split("\n") if line]
    assert "".join(parsed.text) == "\n".join(lines) + "\n"  # one <p> per line
    inside = [sp for sp in analysis.ruby if section[0] <= sp.start and sp.end <= section[1]]
    assert parsed.pairs == [(document.text[sp.start : sp.end], sp.reading) for sp in inside]
    assert out.count("<p>") == len(lines)


def tiny(text: str, ruby: list[RubySpan], tokens: tuple[Token, ...] = ()) -> tuple[Document, Analysis]:
    """A one-paragraph document (title line, blank line, body) with hand-made readings."""
    document = load_document_from_text(text)
    return document, Analysis(tokens, tuple(ruby))


def load_document_from_text(text: str) -> Document:
    from reader.core.sources.text import parse_text

    return parse_text(text, name="test.txt")


def test_special_characters_are_escaped_per_format() -> None:
    text = '見出し\n\n<b>速報</b> & "[続報]" *a_b* #1\n'
    start = text.index("<")
    end = len(text) - 1
    ruby = [RubySpan(text.index("速報"), text.index("速報") + 2, "そくほう"),
            RubySpan(text.index("続報"), text.index("続報") + 2, "ぞくほう")]  # fmt: skip
    document, analysis = tiny(text, ruby)
    html_out = format_excerpt(document, analysis, start, end, "html")
    assert html_out == (
        "&lt;b&gt;<ruby>速報<rt>そくほう</rt></ruby>&lt;/b&gt; &amp; &quot;"
        "[<ruby>続報<rt>ぞくほう</rt></ruby>]&quot; *a_b* #1"
    )
    assert "".join(parse_html(html_out).text) == text[start:end]
    assert format_excerpt(document, analysis, start, end, "markdown") == (
        r'\<b\>速報(そくほう)\</b\> & "\[続報(ぞくほう)\]" \*a\_b\* \#1'
    )
    assert (
        format_excerpt(document, analysis, start, end, "plain") == '<b>速報(そくほう)</b> & "[続報(ぞくほう)]" *a_b* #1'
    )
    # Anki would read a literal [...] after text as a reading: the text's brackets become full width;
    # Anki fields are HTML, so the article's own <b> is text there, not bold.
    anki = format_excerpt(document, analysis, start, end, "anki")
    assert anki == '&lt;b&gt; 速報[そくほう]&lt;/b&gt; &amp; "［ 続報[ぞくほう]］" *a_b* #1'
    assert [m.group(1) for m in ANKI_FURIGANA.finditer(anki)] == ["速報", "続報"]


def test_ruby_filter_keeps_only_wanted_readings(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    levels = {"北朝鮮": None, "大統領": "N2", "日": "N5", "訪問": "N3", "発表": "N1"}
    level_filter = make_ruby_filter(
        "level", analysis.tokens, level="N3", level_of=lambda t: levels.get(t.surface, "N5")
    )
    # Above N3: 大統領 (N2), 発表 (N1) and 北朝鮮 (outside the lists); 日 (N5) and 訪問 (N3) are not.
    assert format_excerpt(document, analysis, *S1, "plain", ruby_filter=level_filter) == (
        "ロシアと北朝鮮(きたちょうせん)は、プーチン大統領(だいとうりょう)が18日から"
        "北朝鮮(きたちょうせん)を訪問すると発表(はっぴょう)しました。"
    )
    known = {"北朝鮮", "日", "発表"}
    unknown_filter = make_ruby_filter("unknown", analysis.tokens, is_known=lambda t: t.surface in known)
    assert format_excerpt(document, analysis, *S1, "aozora", ruby_filter=unknown_filter) == (
        "ロシアと北朝鮮は、プーチン｜大統領《だいとうりょう》が18日から北朝鮮を｜訪問《ほうもん》すると発表しました。"
    )
    everything = make_ruby_filter("all", analysis.tokens, level_of=lambda t: "N5", is_known=lambda t: True)
    assert format_excerpt(document, analysis, *S1, "anki", ruby_filter=everything) == EXPECTED_S1["anki"]


def test_ruby_filter_judges_a_span_by_every_token_under_it() -> None:
    tokens = (
        Token(0, 2, "日本", "日本", ("名詞",), "にほん"),
        Token(2, 4, "銀行", "銀行", ("名詞",), "ぎんこう"),
    )
    keep = make_ruby_filter("level", tokens, level="N4", level_of=lambda t: "N5" if t.surface == "日本" else "N2")
    assert keep(RubySpan(0, 4, "にほんぎんこう"))  # one hard word under the span is enough
    assert not keep(RubySpan(0, 2, "にほん"))
    assert keep(RubySpan(2, 4, "ぎんこう"))
    with pytest.raises(ValueError, match="furigana filter"):
        make_ruby_filter("some", tokens)
    with pytest.raises(ValueError, match="JLPT level"):
        make_ruby_filter("level", tokens, level="N6")


NOTES = ExcerptNotes(
    glossary=[("発表", "はっぴょう", "announcement")],
    entities=[
        ("北朝鮮", "PLACE", "きたちょうせん", "North Korea"),
        ("プーチン", "PERSON", "ぷーちん", "Putin"),
    ],
)
CITE = "プーチン大統領が18日から北朝鮮訪問 軍事的連携強める狙いか"


@pytest.mark.parametrize(
    ("fmt", "extras"),
    [
        ("plain", f"\n\n— {CITE}\n\n- 発表(はっぴょう): announcement\n"
                  "- 北朝鮮(きたちょうせん) (place): North Korea\n- プーチン (person): Putin"),
        ("markdown", f"\n\n— *{CITE}*\n\n- 発表(はっぴょう): announcement\n"
                     "- 北朝鮮(きたちょうせん) (place): North Korea\n- プーチン (person): Putin"),
        ("aozora", f"\n\n— {CITE}\n\n- ｜発表《はっぴょう》: announcement\n"
                   "- ｜北朝鮮《きたちょうせん》 (place): North Korea\n- プーチン (person): Putin"),
        ("anki", f"\n\n— {CITE}\n\n・ 発表[はっぴょう]: announcement\n"
                 "・ 北朝鮮[きたちょうせん] (place): North Korea\n・プーチン (person): Putin"),
        ("html", f'\n<p class="cite">— <cite>{CITE}</cite></p>\n<ul class="notes">'
                 "<li><ruby>発表<rt>はっぴょう</rt></ruby>: announcement</li>"
                 "<li><ruby>北朝鮮<rt>きたちょうせん</rt></ruby> (place): North Korea</li>"
                 "<li>プーチン (person): Putin</li></ul>"),
    ],
)  # fmt: skip
def test_notes_and_citation(seed: tuple[Document, Analysis], fmt: str, extras: str) -> None:
    document, analysis = seed
    out = format_excerpt(document, analysis, *S1, fmt, notes=NOTES, cite=True)
    assert out == EXPECTED_S1[fmt] + extras
    if fmt == "html":
        parse_html(out)


def test_citation_names_the_section_of_the_start(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    start, end = excerpt_range(document, document.sections[1].start + 40, "sentence")
    out = format_excerpt(document, analysis, start, end, "text", cite=True)
    heading = document.heading_text(document.sections[1])
    assert heading == "ロシア大統領府高官 “首脳会談は19日に行われる見通し”"
    assert out == f"{document.text[start:end]}\n\n— {CITE} · {heading}"
    html_cite = format_excerpt(document, analysis, start, end, "html", cite=True).split("\n")[-1]
    assert html_cite == f'<p class="cite">— <cite>{CITE}</cite> · {heading}</p>'


def test_romaji_puts_a_line_under_each_sentence(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    paragraph = excerpt_range(document, S1[0], "paragraph")
    out = format_excerpt(document, analysis, *paragraph, "romaji").split("\n\n")
    sentences = list(document.sections[0].paragraphs[0].sentences)
    assert len(out) == len(sentences) == 2
    for block, sentence in zip(out, sentences, strict=True):
        japanese, romaji = block.split("\n")
        assert japanese == document.text[sentence.start : sentence.end]
        assert romaji.isascii() or "ō" in romaji or "ū" in romaji
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", romaji)
    kunrei = format_excerpt(document, analysis, *S1, "romaji", romaji_style="kunrei")
    assert kunrei.split("\n")[1].startswith("Rosia to Kitatyôsen wa, Pûtin daitôryô ga 18-niti")


def test_excerpt_range(seed: tuple[Document, Analysis]) -> None:
    document, _ = seed
    text = document.text
    assert excerpt_range(document, S1[0] + 5, "sentence") == S1
    lead = document.sections[0].paragraphs[0]
    assert excerpt_range(document, S1[0] + 5, "paragraph") == (lead.start, lead.end)
    assert excerpt_range(document, 3, "sentence") == TITLE  # the title is its own sentence
    assert excerpt_range(document, 3, "section") == (0, lead.end)  # on the title: title and lead
    second = document.sections[1]
    heading = second.heading
    assert heading is not None
    assert excerpt_range(document, second.start + 3, "paragraph") == (heading.start, heading.end)
    assert excerpt_range(document, second.start + 3, "section") == (second.start, second.paragraphs[-1].end)
    gap = lead.end + 1  # the blank line after the lead belongs to what follows
    assert excerpt_range(document, gap, "paragraph")[0] == second.start
    last = excerpt_range(document, len(text) + 10, "sentence")
    assert last[1] == len(text.rstrip("\n")) and text[last[0] - 1] in "。\n"
    with pytest.raises(ValueError):
        excerpt_range(document, 0, "word")


def test_notes_in_range_keeps_first_occurrences_inside() -> None:
    notes = notes_in_range(
        10,
        50,
        glossary_hits=[
            (40, 42, "条約", "じょうやく", "treaty"),
            (12, 14, "条約", "じょうやく", "treaty"),
            (45, 52, "首脳会談", "しゅのうかいだん", "summit"),  # runs past the end
        ],
        entity_mentions=[
            (20, 24, "プーチン", "PERSON", "ぷーちん", "Putin"),
            (5, 9, "北朝鮮", "PLACE", "", ""),  # before the start
            (30, 34, "プーチン", "PERSON", "ぷーちん", "Putin"),
        ],
    )
    assert notes == ExcerptNotes((("条約", "じょうやく", "treaty"),), (("プーチン", "PERSON", "ぷーちん", "Putin"),))
    assert not notes_in_range(0, 5)


def test_bad_format_and_empty_range(seed: tuple[Document, Analysis]) -> None:
    document, analysis = seed
    with pytest.raises(ValueError, match="format"):
        format_excerpt(document, analysis, *S1, "docx")
    for fmt in EXCERPT_FORMATS:
        assert format_excerpt(document, analysis, 40, 40, fmt) == ""
        assert format_excerpt(document, analysis, 50, 40, fmt) == ""
