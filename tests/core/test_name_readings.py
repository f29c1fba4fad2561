"""Readings of people's names (the name layer) and of 私, on sentences written for these tests."""

from __future__ import annotations

import pytest

from reader.core.analysis import Analyzer
from reader.core.analysis.name_readings import common_forms, is_on_reading


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def readings(analyzer: Analyzer, text: str, surface: str) -> list[str]:
    """The reading of every token ``surface`` in ``text``, in order."""
    return [t.reading for t in analyzer.analyse(text).tokens if t.surface == surface]


@pytest.mark.parametrize(
    ("text", "surface", "reading"),
    [
        # An on-reading gives way to the analyser's other surname reading that JMnedict knows for a person.
        ("菅官房長官は午前の会見で述べました。", "菅", "すが"),
        ("末松大臣は視察に訪れました。", "末松", "すえまつ"),
        # The same for a given name: 文雄 ぶんゆう → ふみお.
        ("会談には岸田文雄首相が出席しました。", "文雄", "ふみお"),
        # A surname read as a place before a title takes a person's reading.
        ("盛山大臣が答弁しました。", "盛山", "もりやま"),
        # A surname in a variant kanji is read through its common form, never kanji by kanji.
        ("髙橋さんが受賞しました。", "髙橋", "たかはし"),
        ("栁澤氏が講演しました。", "栁澤", "やなぎさわ"),
        # A word read as a place before a family's suffix is a surname (金田 かねた is the place).
        ("例によって金田邸へ忍び込む。", "金田", "かねだ"),
        ("金田宅を訪ねた。", "金田", "かねだ"),
        ("大きな声で金田君が言った。", "金田", "かねだ"),
        # … and 家 after a name is the family, け (the analyser reads it か, as in 作家).
        ("徳川家の人々。", "家", "け"),
        ("金田家の娘が来た。", "家", "け"),
        ("作家の家を見た。", "家", "いえ"),
        ("専門家の話を聞く。", "専門家", "せんもんか"),
    ],
)
def test_names_before_titles_and_tagged_names_read_as_names(analyzer, text, surface, reading):
    assert readings(analyzer, text, surface) == [reading]


def test_a_name_in_a_character_outside_the_analysers_dictionary_is_one_name():
    tokens = Analyzer().analyse("𠮷田さんが優勝しました。").tokens
    name = next(t for t in tokens if "田" in t.surface)
    assert (name.surface, name.reading) == ("𠮷田", "よしだ")


@pytest.mark.parametrize(
    ("text", "surface", "reading"),
    [
        # Chinese names are read by on-readings in Japanese news: nothing else is offered for them.
        ("王毅外相は声明を出しました。", "王毅", "おうき"),
        ("李強首相が演説しました。", "李強", "りきょう"),
        # A reading that is not an on-reading is the analyser's choice and stays (こうの, not かわの).
        ("河野太郎氏が発言しました。", "河野", "こうの"),
        ("金子氏が説明しました。", "金子", "かねこ"),
        # A place before a title that also follows places stays a place (the mayor of 福岡).
        ("福岡市長が会見しました。", "福岡", "ふくおか"),
    ],
)
def test_counter_cases_keep_the_analysers_reading(analyzer, text, surface, reading):
    assert readings(analyzer, text, surface) == [reading]


def test_titles_made_of_common_words_are_untouched(analyzer):
    tokens = analyzer.analyse("外務大臣と気象庁長官が出席した。").tokens
    assert [(t.surface, t.reading) for t in tokens if t.surface in ("外務大臣", "気象庁", "長官")] == [
        ("外務大臣", "がいむだいじん"),
        ("気象庁", "きしょうちょう"),
        ("長官", "ちょうかん"),
    ]


def test_one_person_keeps_one_reading_and_the_text_decides_it(analyzer):
    # Without the text's reading the rule says すが; the text says かん, and the later
    # mention of the same person follows the text, not the rule.
    text = "菅(かん)氏が演説しました。その後、菅氏は記者の質問に答えました。"
    ruby = analyzer.analyse(text).ruby
    assert [sp.reading for sp in ruby if text[sp.start : sp.end] == "菅"] == ["かん", "かん"]


def test_every_mention_of_a_person_takes_the_reading_decided_for_the_first(analyzer):
    text = "菅官房長官は会見しました。菅氏はさらに、菅官房長官として初めて訪問すると述べました。"
    assert readings(analyzer, text, "菅") == ["すが", "すが", "すが"]


@pytest.mark.parametrize(
    ("text", "surface", "reading"),
    [
        ("私は賛成です。", "私", "わたし"),
        ("私どもの責任です。", "私", "わたし"),
        ("私立の学校に通う。", "私立", "しりつ"),
    ],
)
def test_the_pronoun_watashi(analyzer, text, surface, reading):
    assert readings(analyzer, text, surface) == [reading]


def test_the_text_can_say_watakushi(analyzer):
    ruby = analyzer.analyse("私(わたくし)が参ります。").ruby
    assert [(sp.start, sp.reading) for sp in ruby if sp.start == 0] == [(0, "わたくし")]


@pytest.mark.parametrize(
    ("surface", "reading", "expected"),
    [
        ("菅", "かん", True),
        ("菅", "すが", False),
        ("末松", "まっしょう", True),  # 末 マツ doubled before 松 ショウ
        ("文雄", "ぶんゆう", True),
        ("文雄", "ふみお", False),
        ("河野", "こうの", False),
        ("高橋", "こうきょう", True),
        ("高橋", "たかはし", False),
    ],
)
def test_on_readings(surface, reading, expected):
    assert is_on_reading(surface, reading) is expected


def test_common_forms_of_variant_kanji():
    assert "高橋" in common_forms("髙橋")
    assert "柳沢" in common_forms("栁澤") and "柳澤" in common_forms("栁澤")
    assert common_forms("山田") == ["山田"]
