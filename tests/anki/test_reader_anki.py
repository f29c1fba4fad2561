"""The reader and Anki: ``L`` sends the card at once, cards wait while Anki is closed, known words come back.

Pilot tests of the reading screen against the test AnkiConnect (a real HTTP
server on 127.0.0.1 answering from a real Anki collection); what the learner
would find in Anki is read from that collection.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reader.app import YomuApp
from reader.core.sources import load_document
from reader.core.study import StudyStore
from reader.data.config import Settings, load_settings
from reader.data.paths import database_path
from reader.integrations.anki.sync import pending_card_ids
from reader.screens.reader import ReaderScreen
from reader.widgets import ArticleHeader, ArticleView
from tests.anki.conftest import needs_anki
from tests.app.conftest import ready, settle
from tests.conftest import SEED

pytestmark = [pytest.mark.anki, needs_anki]

SIZE = (120, 40)
PRESIDENT_IN_TITLE = "プーチン<b>大統領</b>が18日から北朝鮮訪問 軍事的連携強める狙いか"


def notices(app: YomuApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def reader(app: YomuApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def app_for(server: Any, **settings: Any) -> YomuApp:
    return YomuApp(load_document(str(SEED)), Settings(anki_url=server.url, **settings))


def notes(server: Any, query: str = "") -> list[dict[str, str]]:
    with server.lock:
        return [dict(server.col.get_note(n).items()) for n in server.col.find_notes(query)]


def waiting() -> list[int]:
    with StudyStore.open(database_path()) as store:
        return pending_card_ids(store)


async def mark_president(app: YomuApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """w w puts the cursor on 大統領 in the title; L marks it learning."""
    await ready(app, pilot)
    await pilot.press("w", "w")
    await settle(app, pilot)
    assert app.screen.query_one(ArticleView).cursor_token.surface == "大統領"  # type: ignore[union-attr]
    await pilot.press("L")
    await settle(app, pilot)


async def test_L_adds_the_note_to_anki_at_once(server: Any) -> None:
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await mark_president(app, pilot)
        assert "「大統領」 added to Anki (yomu)" in notices(app)
    (note,) = notes(server, "deck:yomu")
    assert (note["Word"], note["Reading"]) == ("大統領", "だいとうりょう")
    assert note["Sentence"] == PRESIDENT_IN_TITLE
    assert note["Meaning"].startswith("president")
    if note["Accent"]:  # with the sound extra: the accent, and the word and the sentence as audio
        assert note["Accent"] == "だいとꜜうりょう"
        assert len(re.findall(r"\[sound:yomu-[0-9a-f]+\.wav\]", note["Audio"])) == 2
    assert waiting() == []


async def test_anki_closed_the_card_waits_and_goes_on_the_next_start(server: Any) -> None:
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await mark_president(app, pilot)  # Anki answered once: yomu now tells when it does not
        server.stop()
        await pilot.press("w")  # が
        await pilot.press("w")  # 18日 → 18
        await settle(app, pilot)
        word = reader(app).article.cursor_token
        assert word is not None
        await pilot.press("L")
        await settle(app, pilot)
        waits = [n for n in notices(app) if f"「{word.lemma}」 waits in yomu" in n]
        assert waits and waits[0].startswith("Anki is not running (nothing answers at 127.0.0.1:")
    assert len(waiting()) == 1
    assert len(notes(server)) == 1
    server.start()
    again = app_for(server)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert "Anki: 1 added" in notices(again)
    assert waiting() == []
    assert sorted(n["Word"] for n in notes(server)) == sorted(["大統領", word.lemma])


async def test_marking_a_word_again_never_makes_a_second_note(server: Any) -> None:
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await mark_president(app, pilot)
        await pilot.press("L")  # unmark
        await settle(app, pilot)
        await pilot.press("L")  # learning again
        await settle(app, pilot)
        already = [n for n in notices(app) if "「大統領」 is already in Anki (note " in n]
        assert already and already[0].endswith("): not added again")
    assert len(notes(server)) == 1


async def test_a_deck_anki_lacks_is_one_notice_and_the_card_waits(server: Any) -> None:
    app = app_for(server, anki_deck="Nowhere")
    async with app.run_test(size=SIZE) as pilot:
        await mark_president(app, pilot)
        assert "Anki has no deck 'Nowhere' (it has Default); choose one: 「大統領」 waits in yomu" in notices(app)
    assert notes(server) == [] and len(waiting()) == 1


async def test_a_note_type_without_the_fields_is_one_notice_and_the_card_waits(server: Any) -> None:
    app = app_for(server, anki_note_type="Basic")
    async with app.run_test(size=SIZE) as pilot:
        await mark_president(app, pilot)
        refused = [n for n in notices(app) if n.startswith("note type 'Basic' has no field Word")]
        assert refused and refused[0].endswith("「大統領」 waits in yomu")
    assert notes(server) == [] and len(waiting()) == 1


async def test_an_anki_error_is_shown_as_anki_said_it(tmp_path: Path) -> None:
    from tests.support.ankiconnect_server import AnkiConnectServer

    (tmp_path / "locked").mkdir()
    with AnkiConnectServer(tmp_path / "locked" / "collection.anki2", api_key="secret") as locked:
        app = app_for(locked)
        async with app.run_test(size=SIZE) as pilot:
            await mark_president(app, pilot)
            assert "Anki said: valid api key must be provided: 「大統領」 waits in yomu" in notices(app)
        assert notes(locked) == []
    assert len(waiting()) == 1


async def test_known_words_from_anki_colour_the_text_and_count(server: Any) -> None:
    from tests.anki.test_collection import add_vocab

    with server.lock:
        add_vocab(server.col, "Japanese", [("大統領", "だいとうりょう", 40), ("北朝鮮", "きたちょうせん", 60)])
        add_vocab(server.col, "Japanese", [("訪問", "ほうもん", 3)])
    app = app_for(server, anki_known_decks=["Japanese"])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        found = [n for n in notices(app) if n.startswith("Known words from Anki: 3 words from 3 notes")]
        assert found and "2 known, 1 learning" in found[0]
        screen = reader(app)
        text = app.document.text
        president = screen.text.word_at(text.index("大統領"))
        assert president is not None and screen.study.status_of(president) == "known"
        header = str(app.screen.query_one(ArticleHeader).render())
        assert re.search(r"known [1-9]\d?%", header), header
        colours = screen.article.marks_of("status", 0, len(text))
        assert any(text[m.start : m.end] == "大統領" and m.component.endswith("known") for m in colours)
        assert any(text[m.start : m.end] == "訪問" and m.component.endswith("learning") for m in colours)
    # Read at most once a day: the next start asks nothing.
    again = app_for(server, anki_known_decks=["Japanese"])
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert not [n for n in notices(again) if n.startswith("Known words")]


async def test_the_palette_chooses_the_deck_for_new_notes(server: Any) -> None:
    from textual.command import CommandPalette

    with server.lock:
        server.col.decks.id("Japanese::News", create=True)
    app = app_for(server)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await app.screen.run_action("run('anki', 'list_decks')")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"News")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert "New Anki notes go to the deck Japanese::News" in notices(app)
        await pilot.press("w", "w", "L")
        await settle(app, pilot)
        assert "「大統領」 added to Anki (Japanese::News)" in notices(app)
    assert load_settings()[0].anki_deck == "Japanese::News"
    assert [n["Word"] for n in notes(server, '"deck:Japanese::News"')] == ["大統領"]


async def test_the_palette_says_why_it_cannot_list_decks_when_anki_is_closed(server: Any) -> None:
    app = app_for(server)
    server.stop()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await app.screen.run_action("run('anki', 'list_decks')")
        await settle(app, pilot)
        assert any(n.startswith("Cannot list Anki's decks: Anki is not running") for n in notices(app))
        assert isinstance(app.screen, ReaderScreen)
