"""Entity rules on NHK-style sentences written for these tests: the kinds of mistake seen on
unseen news (common nouns as names, a minister's surname as a place, katakana fragments,
country letters on their own) and the shapes of names found by general rules, each with
a counter-case."""

from __future__ import annotations

import datetime

import pytest

from reader.core.analysis import analyse
from reader.core.analysis.entities import EntityIndex, extract_entities

DAY = datetime.date(2025, 3, 10)


def extract(text: str) -> EntityIndex:
    return extract_entities(text, analyse(text), article_date=DAY)


def names(text: str) -> set[tuple[str, str]]:
    """(mention, type) of every mention but dates."""
    return {(m.text, m.type) for m in extract(text).mentions if m.type != "DATE"}


# ---------------------------------------------------------------- people before titles


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("上川外相は記者会見で述べました。", "上川", "外相"),  # the analyser tags 上川 as a place
        ("盛山大臣が国会で答弁しました。", "盛山", "大臣"),
        ("上川総務相が被災地を視察しました。", "上川", "総務相"),  # a title written as one word
    ],
)
def test_a_surname_before_a_personal_title_is_a_person(text, person, role):
    index = extract(text)
    mention = next(m for m in index.mentions if m.text == person)
    assert mention.type == "PERSON"
    assert index.entity_of(mention).role == role


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("福岡市長が会見しました。", "福岡"),  # mayors and governors follow places
        ("ドイツ外相が来日しました。", "ドイツ"),  # a country's minister
    ],
)
def test_a_place_before_a_title_that_follows_places_stays_a_place(text, place):
    assert (place, "PLACE") in names(text)
    assert not any(kind == "PERSON" for _, kind in names(text))


# ---------------------------------------------------------------- common nouns are not names


@pytest.mark.parametrize(
    "text",
    [
        "エボラウイルスの感染が広がっています。",
        "マールブルグウイルスが確認されました。",
        "ホームゲームが開かれました。",  # a compound loanword the analyser tags as a proper noun
    ],
)
def test_viruses_and_common_loanwords_are_not_names(text):
    assert names(text) == set()


def test_a_common_word_before_a_source_phrase_is_no_news_source():
    assert names("メディアのレポートによりますと、被害が拡大しています。") == set()
    # …but an organisation JMdict glosses by its name is one.
    assert ("ユニセフ", "ORG") in names("ユニセフによりますと、子どもたちが避難しています。")


def test_organisations_jmdict_lists_by_name_stay_names():
    found = names("ハマスとヒズボラの戦闘員が衝突しました。")
    assert {("ハマス", "ORG"), ("ヒズボラ", "ORG")} <= found


@pytest.mark.parametrize(
    "text",
    ["エリザベスカラーを付けた犬", "ナポレオンフィッシュを見ました。", "シンデレラストーリーが話題です。"],
)
def test_a_katakana_piece_of_a_longer_word_is_not_a_person(text):
    assert not any(kind == "PERSON" for _, kind in names(text))


def test_the_same_name_standing_alone_is_a_person():
    assert ("ナポレオン", "PERSON") in names("ナポレオンはエジプトに遠征しました。")


def test_a_place_before_a_compound_of_common_words_is_only_the_place():
    assert names("札幌ラーメン店が人気です。") == {("札幌", "PLACE")}


# ---------------------------------------------------------------- country letters


def test_country_letters_join_the_countries_they_abbreviate():
    text = "ロシアと日本の間では、日ロ首脳会談が開かれました。北朝鮮は日朝関係に触れました。"
    index = extract(text)
    by_text = {m.text: index.entity_of(m) for m in index.mentions if m.type == "PLACE"}
    assert by_text["ロ"] is by_text["ロシア"]
    assert by_text["朝"] is by_text["北朝鮮"]
    assert by_text["日"] is by_text["日本"]
    assert by_text["ロ"].count == 2 and by_text["ロ"].canonical == "ロシア"


def test_a_country_named_only_by_its_letter_is_listed_under_its_name():
    index = extract("米中首脳会談が開かれました。")
    countries = {e.canonical: e for e in index.entities if e.type == "PLACE"}
    assert set(countries) == {"アメリカ", "中国"}
    assert countries["アメリカ"].reading == "あめりか"


def test_a_pair_of_country_letters_before_a_war_is_the_war():
    assert names("日清戦争の後、条約が結ばれました。") == {("日清戦争", "EVENT")}


# ---------------------------------------------------------------- shapes of names


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("防衛省によりますと、ミサイルが発射されました。", ("防衛省", "ORG")),  # one word for the analyser
        ("株式会社ミライノは新製品を発表しました。", ("株式会社ミライノ", "ORG")),
        ("青空電機株式会社と合併しました。", ("青空電機株式会社", "ORG")),
        ("Blue Harbor Systemsを買収しました。", ("Blue Harbor Systems", "ORG")),
        ("Harbor Lights社と提携しました。", ("Harbor Lights社", "ORG")),
        ("全国市長会が要望書を提出しました。", ("全国市長会", "ORG")),
        ("台風7号が上陸しました。", ("台風7号", "EVENT")),
        ("横浜市立桜丘中学校の生徒", ("横浜市立桜丘中学校", "FACILITY")),
        ("ジョン・F・ケネディ大統領の演説", ("ジョン・F・ケネディ", "PERSON")),
        ("ミハイル・ドラゴミロフ氏が語りました。", ("ミハイル・ドラゴミロフ", "PERSON")),
        ("翠明館に宿泊しました。", ("翠明館", "FACILITY")),  # a name the analyser cut into kanji
        ("宝塚大劇場で公演しました。", ("宝塚大劇場", "FACILITY")),  # a prefix inside the head
    ],
)
def test_names_found_by_their_shape(text, found):
    assert found in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "各省庁が対応を協議しました。",  # ministries in general
        "国際会議が開かれました。",  # a scope word and a head, but no field: not a name
        "Alpha Betaと書かれていました。",  # Latin words without a company word
        "市民病院に搬送されました。",  # common words before a facility head
        "ザ・バンドの曲",  # known words joined by ・ are no person
    ],
)
def test_counter_cases_of_the_shapes(text):
    assert names(text) == set()


def test_a_nested_state_name_stays_but_a_city_in_a_school_name_does_not():
    assert ("ウクライナ", "PLACE") in names("ウクライナ国防省によりますと")
    assert ("横浜", "PLACE") not in names("横浜市立桜丘中学校の生徒")
