"""Dictionary look-up: inflected forms, each kind of entry, kanji, JLPT levels."""

from __future__ import annotations

import pytest

from reader.core.analysis import analyse
from reader.core.lexicon.dictionary import lookup_kanji, lookup_word
from reader.core.lexicon.levels import is_above, kanji_level, word_level

VERB = ("動詞", "一般", "*", "*", "下一段-マ行", "連用形-一般")


def _token(text: str, surface: str):
    return next(t for t in analyse(text).tokens if t.surface == surface)


def test_inflected_verb_is_looked_up_by_its_dictionary_form():
    token = _token("軍事的な連携をいっそう強めたいねらい", "強め")
    entry = lookup_word(token.surface, token.lemma, token.reading, token.pos)
    assert entry is not None and entry.inflected
    assert entry.headword == "強める" and entry.headword_reading == "つよめる"
    assert "to strengthen" in entry.senses[0].glosses


def test_passive_form_gives_the_active_verb():
    token = _token("首脳会談は19日に行われる見通し", "行わ")
    entry = lookup_word(token.surface, token.lemma, token.reading, token.pos)
    assert entry is not None and entry.headword == "行う"
    assert any("to perform" in g or "to do" in g for s in entry.senses for g in s.glosses)


def test_common_noun_has_senses_tags_kanji_and_level():
    entry = lookup_word("条約", "条約", "じょうやく", ("名詞", "普通名詞", "一般"))
    assert entry is not None and entry.source == "jmdict"
    assert "treaty" in entry.senses[0].glosses
    assert "common word" in entry.tags
    assert entry.jlpt == "N1"
    assert [k.character for k in entry.kanji] == ["条", "約"]
    jou = entry.kanji[0]
    assert jou.strokes == 7 and jou.grade == 5 and "ジョウ" in jou.on_readings


def test_reading_chooses_between_entries_of_one_spelling():
    # 一日: ついたち (first day of the month) and いちにち (one day) are separate JMdict entries.
    first = lookup_word("一日", "一日", "ついたち", ("名詞",))
    whole = lookup_word("一日", "一日", "いちにち", ("名詞",))
    assert first is not None and whole is not None
    assert first.headword_reading == "ついたち" and whole.headword_reading == "いちにち"
    assert first.entry_id != whole.entry_id


def test_usually_kana_word_is_tagged():
    entry = lookup_word("ねらい", "狙い", "ねらい", ("名詞",))
    assert entry is not None and entry.headword in ("狙い", "ねらい")
    entry = lookup_word("もちろん", "勿論", "もちろん", ("副詞",))
    assert entry is not None and "usually kana" in entry.tags


def test_proper_noun_gets_its_jmnedict_entry():
    entry = lookup_word("プーチン", "プーチン", "ぷーちん", ("名詞", "固有名詞", "人名", "一般"))
    assert entry is not None and entry.source == "jmnedict"
    assert "Putin" in entry.senses[0].glosses


def test_unknown_word_has_no_entry():
    assert lookup_word("ナルイシキン", "ナルイシキン", "なるいしきん", ("名詞", "普通名詞")) is None
    assert lookup_word("100%", "100%", "", ()) is None


def test_lookups_are_cached():
    a = lookup_word("砲弾", "砲弾", "ほうだん", ("名詞",))
    b = lookup_word("砲弾", "砲弾", "ほうだん", ("名詞",))
    assert a is b


def test_kanji_entry_and_non_kanji():
    entry = lookup_kanji("弾")
    assert entry is not None and entry.strokes == 12 and "bullet" in entry.meanings
    assert "ダン" in entry.on_readings and any(k.startswith("たま") for k in entry.kun_readings)
    assert lookup_kanji("a") is None and lookup_kanji("かな") is None


@pytest.mark.parametrize(("word", "level"), [("訪問", "N3"), ("条約", "N1"), ("食べる", "N5")])
def test_word_levels(word, level):
    assert word_level(word) == level


def test_level_order_and_kanji_levels():
    assert word_level("友好協力相互援助条約") is None
    assert is_above(None, "N1") and is_above("N1", "N3") and not is_above("N5", "N3")
    assert kanji_level("日") == "N5"
