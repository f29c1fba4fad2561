"""Entity extraction: spans, types, titles as roles, grouping, nesting, dates."""

from __future__ import annotations

import datetime

import pytest

from reader.core.analysis import analyse
from reader.core.analysis.entities import EntityIndex, extract_entities, find_article_date
from reader.core.analysis.entity_rules import find_dates

DAY = datetime.date(2025, 3, 10)


def extract(text: str, date: datetime.date | None = DAY) -> EntityIndex:
    return extract_entities(text, analyse(text), article_date=date)


def spans(index: EntityIndex) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in index.mentions}


def test_title_stays_outside_the_span_and_becomes_the_role() -> None:
    text = "メルケル首相は9日、ベルリンで記者会見しました。"
    index = extract(text)
    assert ("メルケル", "PERSON") in spans(index)
    assert ("メルケル首相", "PERSON") not in spans(index)
    person = next(e for e in index.entities if e.type == "PERSON")
    assert person.role == "首相"
    assert ("ベルリン", "PLACE") in spans(index)


def test_unknown_katakana_word_before_a_title_is_a_person() -> None:
    text = "ザハロワ報道官は会見で述べました。"
    index = extract(text)
    assert ("ザハロワ", "PERSON") in spans(index)
    assert index.entities[0].role == "報道官"


def test_occupation_after_a_common_katakana_word_makes_no_person() -> None:
    index = extract("バドミントン選手が優勝しました。")
    assert not any(m.type == "PERSON" for m in index.mentions)


def test_name_with_reading_in_parentheses_and_short_form_are_one_person() -> None:
    text = "キム・ジョンウン(金正恩)総書記が視察しました。その後、キム総書記は演説しました。"
    index = extract(text)
    people = [e for e in index.entities if e.type == "PERSON"]
    assert len(people) == 1
    person = people[0]
    assert [m.text for m in index.mentions_of(person)] == ["キム・ジョンウン", "金正恩", "キム"]
    assert person.role == "総書記"
    assert person.canonical == "キム・ジョンウン（金正恩）"
    assert person.english == "Kim Jong-un"
    assert person.reading == "きむ・じょんうん"
    assert person.romaji == "Kimu Jon'un"


def test_another_full_name_is_another_person_and_a_short_form_follows_the_role() -> None:
    text = "キム・ジョンウン総書記が、キム・イルソン(金日成)広場を訪れました。キム総書記は演説しました。"
    index = extract(text)
    people = [e for e in index.entities if e.type == "PERSON"]
    assert len(people) == 2
    last = index.mentions[max(i for e in people for i in e.mentions)]
    assert last.text == "キム"
    assert index.entity_of(last).canonical == "キム・ジョンウン"
    assert ("キム・イルソン(金日成)広場", "FACILITY") in spans(index)


def test_organisation_head_gives_a_longer_mention_with_the_place_nested() -> None:
    text = "ロシアの外務省によりますと、ロシア大統領府は声明を出しました。"
    index = extract(text)
    found = spans(index)
    assert ("ロシア大統領府", "ORG") in found
    nested = [m for m in index.mentions if m.text == "ロシア" and m.start == text.index("ロシア大統領府")]
    assert nested and nested[0].type == "PLACE"


def test_facility_and_event_heads() -> None:
    text = "フランスはウクライナ侵攻を非難し、成田空港で会見した。"
    found = spans(extract(text))
    assert ("ウクライナ侵攻", "EVENT") in found
    assert ("成田空港", "FACILITY") in found


def test_recurring_name_is_found_again() -> None:
    text = "ボリソフ長官が来日した。ボリソフは東京で演説した。"
    index = extract(text)
    person = next(e for e in index.entities if e.type == "PERSON")
    assert person.count == 2


def test_mentions_are_sorted_and_point_at_their_entity() -> None:
    text = "ロシアと中国は、ロシアで会談しました。"
    index = extract(text)
    assert [m.start for m in index.mentions] == sorted(m.start for m in index.mentions)
    for entity in index.entities:
        for i in entity.mentions:
            assert index.mentions[i].entity_id == entity.id
            assert text[index.mentions[i].start : index.mentions[i].end] == index.mentions[i].text
        assert entity.first == index.mentions[entity.mentions[0]].start
    russia = next(e for e in index.entities if e.canonical == "ロシア")
    assert russia.count == 2 and russia.english == "Russia"


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [
        ("大統領は18日から訪問します。", "18日", "2025-03-18"),
        ("去年9月に会談しました。", "去年9月", "2024-09"),
        ("ことし3月下旬に訪れた。", "ことし3月下旬", "2025-03"),
        ("2000年7月以来です。", "2000年7月", "2000-07"),
        ("今月2日に伝えられた。", "今月2日", "2025-03-02"),
        ("おととし、決議をめぐり", "おととし", "2023"),
    ],
)
def test_dates_resolve_against_the_article_date(text: str, surface: str, iso: str) -> None:
    dates = find_dates(text, DAY)
    assert [(text[d.start : d.end], d.iso) for d in dates] == [(surface, iso)]


@pytest.mark.parametrize(
    "text",
    ["24年ぶりとなります。", "2日間、訪問します。", "4年半ぶりの会談", "2週間以上続いた。", "1990年代に"],
)
def test_durations_are_not_dates(text: str) -> None:
    assert find_dates(text, DAY) == []


def test_dates_without_an_article_date_keep_their_text() -> None:
    index = extract("18日に会談します。", date=None)
    date = next(e for e in index.entities if e.type == "DATE")
    assert date.canonical == "18日"


def test_article_date_from_the_text() -> None:
    assert find_article_date("見出し\n2024年6月17日 12時00分\n本文") == datetime.date(2024, 6, 17)
    assert find_article_date("日付のない本文です。") is None
    index = extract("2024年6月17日\n首脳会談は19日に行われる。", date=None)
    assert any(e.canonical == "2024-06-19" for e in index.entities)


def test_empty_text_has_no_entities() -> None:
    index = extract("")
    assert index.mentions == () and index.entities == ()


def test_seed_article_finds_the_people_of_the_article(seed_text: str) -> None:
    index = extract_entities(seed_text, analyse(seed_text), article_date=datetime.date(2024, 6, 17))
    people = [e for e in index.entities if e.type == "PERSON"]
    assert len(people) >= 5
    assert all(e.reading for e in people)
    assert len({m.start for m in index.mentions if m.type == "DATE"}) >= 20


# -- general rules for unseen text (made-up sentences) -------------------------


def test_place_inside_a_state_organ_stays_a_mention_but_not_inside_a_company() -> None:
    found = spans(extract("フランス国防省は声明を出した。"))
    assert ("フランス国防省", "ORG") in found and ("フランス", "PLACE") in found
    text = "札幌交響楽団が演奏した。札幌は雪だった。"
    index = extract(text)
    assert ("札幌交響楽団", "ORG") in spans(index)
    assert not any(m.text == "札幌" and m.start == 0 for m in index.mentions)


def test_place_before_nearby_is_a_place_of_its_own() -> None:
    found = spans(extract("ロンドン郊外の工場で働いた。"))
    assert ("ロンドン", "PLACE") in found
    assert ("ロンドン郊外", "PLACE") not in found


def test_address_is_one_place() -> None:
    found = spans(extract("工場は静岡県富士市にある。"))
    assert ("静岡県富士市", "PLACE") in found
    assert ("静岡県", "PLACE") not in found


def test_organisation_glued_to_a_competition_is_part_of_its_name() -> None:
    found = spans(extract("選手たちはFIFAワールドカップに出場した。"))
    assert ("FIFAワールドカップ", "EVENT") in found
    assert ("FIFA", "ORG") not in found
    found = spans(extract("NATOの首脳会議が開かれた。"))
    assert ("NATO", "ORG") in found


def test_acronym_on_its_own_is_an_organisation_but_not_a_dictionary_word_or_a_modifier() -> None:
    found = spans(extract("選手はWBFとIKUの大会に出た。"))
    assert ("WBF", "ORG") in found and ("IKU", "ORG") in found
    assert not any(t == "ORG" for _s, t in spans(extract("GDPが伸びた。")))
    assert not any(t == "ORG" for _s, t in spans(extract("会社はQZX事業を売った。")))
    assert not any(t == "ORG" for _s, t in spans(extract("RFIDと呼ばれる。")))


def test_year_before_an_event_belongs_to_its_name() -> None:
    found = spans(extract("彼は2030年リヨン万博を訪れた。"))
    assert ("2030年リヨン万博", "EVENT") in found
    found = spans(extract("2030年に、リヨン万博が開かれた。"))
    assert ("リヨン万博", "EVENT") in found and ("2030年", "DATE") in found


def test_unknown_katakana_words_before_a_head_are_a_name_of_the_heads_kind() -> None:
    found = spans(extract("彼はグリンデルワルト修道院に葬られた。"))
    assert ("グリンデルワルト修道院", "FACILITY") in found
    found = spans(extract("彼女はブルーメンタール・ヴィラ博物館を訪れた。"))
    assert ("ブルーメンタール・ヴィラ博物館", "FACILITY") in found
    assert not any(t in ("ORG", "FACILITY") for _s, t in spans(extract("父はピアノ博物館で働いた。")))


def test_numbered_units_and_roads() -> None:
    found = spans(extract("第9師団は国道16号線を北へ進んだ。"))
    assert ("第9師団", "ORG") in found
    assert ("国道16号線", "FACILITY") in found
    assert not any(t == "ORG" for _s, t in spans(extract("第3回の会合が開かれた。")))


def test_common_nouns_with_the_suffix_party_are_a_party_but_not_after_a_prefix() -> None:
    assert ("農民党", "ORG") in spans(extract("彼は農民党に入った。"))
    assert not any(t == "ORG" for _s, t in spans(extract("同党は反対した。")))


def test_unknown_proper_noun_inside_a_facility_name_is_no_organisation() -> None:
    index = extract("一行は金剛峯寺を訪れた。")
    assert not any(m.type == "ORG" for m in index.mentions)


def test_entities_between_a_range_of_the_text() -> None:
    text = "ロシアと中国が会談した。\n翌日、フランスとロシアが協議した。"
    index = extract(text)
    second = text.index("\n")
    assert [e.canonical for e in index.entities_between(0, second)] == ["ロシア", "中国"]
    assert [e.canonical for e in index.entities_between(second, len(text))] == ["ロシア", "フランス"]
    assert index.entities_between(second, second) == ()
