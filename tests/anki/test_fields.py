"""Anki field text to yomu word keys, card states to statuses, import rules, the note's fields.

Plain unit tests: they need no ``anki`` package.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.study import SourceSentence, StudyStore
from reader.core.study.anki_model import article_tag, word_furigana, word_note
from reader.data.paths import database_path
from reader.integrations.anki.client import search_term
from reader.integrations.anki.known import (
    AnkiNoteState,
    apply_known,
    choose_fields,
    field_text,
    known_words,
    status_of_cards,
    word_and_reading,
)
from reader.integrations.anki.sync import field_mapping


@pytest.mark.parametrize(
    ("word", "reading", "expected"),
    [
        ("強める", "つよめる", ("強める", "つよめる")),
        ("<div>強める</div>", "<span>ツヨメル</span>", ("強める", "つよめる")),  # HTML, katakana reading
        ("食[た]べる", None, ("食べる", "たべる")),  # Anki furigana in the word field
        (" 取[と]り 巻[ま]く", None, ("取り巻く", "とりまく")),
        ("食べる", "食[た]べる", ("食べる", "たべる")),  # furigana in the reading field
        ("食べる（たべる）", None, ("食べる", "たべる")),  # reading in brackets after the word
        ("会談、会議", "かいだん、かいぎ", ("会談", "かいだん")),  # first of several forms
        ("テレビ", "", ("テレビ", "てれび")),  # kana words read as written
        ("〜的", "てき", ("的", "てき")),
        ("条約&nbsp;[sound:jouyaku.mp3]", "じょうやく", ("条約", "じょうやく")),
        ("条約", "じょうやく;h", ("条約", "じょうやく")),  # accent notes are not kana
        ("条約", None, ("条約", None)),  # no reading given
        ("<ruby>食<rt>た</rt></ruby>べる", None, ("食べる", "たべる")),  # HTML ruby
        ("<ruby><rb>条約</rb><rp>(</rp><rt>じょうやく</rt><rp>)</rp></ruby>", "", ("条約", "じょうやく")),
    ],
)
def test_word_and_reading(word: str, reading: str | None, expected: tuple[str, str | None]) -> None:
    assert word_and_reading(word, reading) == expected


def test_field_text_strips_html_and_entities() -> None:
    assert field_text("<b>A&amp;B</b><br>c") == "A&B c"


@pytest.mark.parametrize(
    ("cards", "status"),
    [
        ([(40, 2, 2)], "known"),
        ([(21, 2, 2)], "known"),
        ([(20, 2, 2)], "learning"),
        ([(0, 1, 1)], "learning"),  # in its first learning steps
        ([(0, 0, 0)], None),  # never studied
        ([(50, -1, 2)], "ignored"),  # suspended
        ([(50, -1, 2), (3, 2, 2)], "learning"),  # a suspended card does not count while another is studied
        ([(50, -1, 2), (0, 0, 0)], None),
        ([(30, 2, 2), (2, 2, 2)], "known"),  # one mature card is enough
    ],
)
def test_status_of_cards(cards: list[tuple[int, int, int]], status: str | None) -> None:
    assert status_of_cards(cards, 21) == status


def test_fields_are_found_by_common_names_or_the_learners_mapping() -> None:
    assert choose_fields(("Vocabulary-Kanji", "Vocabulary-Furigana", "Vocabulary-Kana"), {}) == (
        "Vocabulary-Kanji",
        "Vocabulary-Kana",
    )
    assert choose_fields(("Front", "Back"), {}) == ("Front", None)
    assert choose_fields(("Q", "A", "Yomi"), {"Word": "q", "Reading": "yomi"}) == ("Q", "Yomi")
    assert choose_fields(("Sort", "Expression", "Reading"), {}) == ("Expression", "Reading")


def _note(word: str, reading: str, status: str | None) -> AnkiNoteState:
    return AnkiNoteState("Japanese", {"Expression": word, "Reading": reading}, ("Expression", "Reading"), status)


def test_known_words_merge_notes_and_count_what_gave_no_word() -> None:
    found = known_words(
        [
            _note("条約", "じょうやく", "learning"),
            _note("条約", "じょうやく", "known"),  # the same word twice: the strongest wins
            _note("生", "なま", None),
            _note("", "", "known"),
            _note("首脳", "", "known"),  # kanji without a reading: the reading comes from reading_of
            _note("名無", "", "known"),
        ],
        reading_of=lambda word: {"首脳": "しゅのう"}.get(word),
    )
    assert found.words == {("条約", "じょうやく"): "known", ("首脳", "しゅのう"): "known"}
    assert (found.notes, found.unstudied, found.unreadable) == (6, 1, 2)


def test_a_kanji_word_without_a_reading_field_gets_sudachis_reading() -> None:
    found = known_words([AnkiNoteState("Basic", {"Front": "条約", "Back": "treaty"}, ("Front", "Back"), "known")])
    assert found.words == {("条約", "じょうやく"): "known"}


def test_importing_marks_keeps_the_learners_own_and_follows_anki_for_its_own() -> None:
    with StudyStore.open(database_path()) as store:
        store.mark_word("首脳", "しゅのう", "ignored")
        store.mark_word("条約", "じょうやく", "learning")
        changes = apply_known(
            store, {("首脳", "しゅのう"): "known", ("条約", "じょうやく"): "known", ("会談", "かいだん"): "known"}
        )
        assert (changes.added, changes.changed, changes.kept) == (1, 1, 1)
        assert store.statuses() == {
            ("首脳", "しゅのう"): "ignored",
            ("条約", "じょうやく"): "known",
            ("会談", "かいだん"): "known",
        }
        later = apply_known(store, {("会談", "かいだん"): "learning", ("条約", "じょうやく"): "learning"})
        assert later.changed == 2 and store.status_of("会談", "かいだん") == "learning"
        store.mark_word("会談", "かいだん", "known")  # the learner's own again: the next import keeps it
        assert apply_known(store, {("会談", "かいだん"): "learning"}).kept == 1
        assert store.status_of("会談", "かいだん") == "known"


def test_a_version_2_database_gains_the_anki_tables_and_keeps_its_marks(tmp_path: Path) -> None:
    from reader.core.study.store import MIGRATIONS

    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migration(connection)
    connection.execute("PRAGMA user_version = 2")
    connection.execute("INSERT INTO words VALUES ('条約', 'じょうやく', 'known', 0)")
    connection.close()
    with StudyStore.open(path) as store:
        assert store.statuses() == {("条約", "じょうやく"): "known"}
        origin = store.connection.execute("SELECT origin FROM words").fetchone()[0]
        assert origin == "yomu"
        assert store.connection.execute("SELECT COUNT(*) FROM anki_notes").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("lemma", "reading", "furigana"),
    [
        ("強める", "つよめる", "強[つよ]める"),
        ("取り巻く", "とりまく", "取[と]り 巻[ま]く"),
        ("お茶", "おちゃ", "お 茶[ちゃ]"),
        ("大統領", "だいとうりょう", "大統領[だいとうりょう]"),
        ("テレビ", "てれび", "テレビ"),
    ],
)
def test_word_furigana_in_ankis_format(lemma: str, reading: str, furigana: str) -> None:
    assert word_furigana(lemma, reading) == furigana


def test_a_note_escapes_article_text_and_tags_the_article() -> None:
    sentence = SourceSentence("<script>会談</script>", 8, 10, ruby=((8, 10, "かいだん"),))
    note = word_note(
        "会談", "かいだん", sentence, source="NHK 2024 <news>", date="2024-06-17", url="https://x.jp/a?b=1&c"
    )
    assert note.fields["Sentence"] == "&lt;script&gt;<b>会談</b>&lt;/script&gt;"
    assert note.fields["Source"] == (
        'NHK 2024 &lt;news&gt; · 2024-06-17 · <a href="https://x.jp/a?b=1&amp;c">https://x.jp/a?b=1&amp;c</a>'
    )
    assert note.tags == ("yomu", "NHK_2024_<news>")
    assert article_tag("  プーチン大統領　北朝鮮へ ") == "プーチン大統領_北朝鮮へ"


def test_search_terms_are_quoted_and_escaped() -> None:
    assert search_term("Word", 'a"b*c_d\\') == '"Word:a\\"b\\*c\\_d\\\\"'
    assert search_term("deck", "Japanese::News") == '"deck:Japanese::News"'


def test_a_chosen_note_type_is_matched_by_mapping_then_by_name() -> None:
    mapping = field_mapping(["Expression", "reading", "Meaning", "Sentence", "Notes"], {"Word": "expression"})
    assert mapping == {"Word": "Expression", "Reading": "reading", "Meaning": "Meaning", "Sentence": "Sentence"}


def test_only_http_addresses_are_asked(tmp_path: Path) -> None:
    from reader.integrations.anki import AnkiConnect, AnkiUnavailable

    secret = tmp_path / "secret.json"
    secret.write_text('{"result": 6, "error": null}', encoding="utf-8")
    with pytest.raises(AnkiUnavailable, match="not an http:// address"):
        AnkiConnect(secret.as_uri()).version()
