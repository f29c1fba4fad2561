"""Pilot tests of sound in the reader: the accent in the look-up panel, ``a`` (say), ``A`` (accent marks).

Speech is played by fake players put on ``PATH`` that write down what they
were asked to play (the reader finds its player there, as it finds ``paplay``);
the files they are given are the real audio the offline voice made.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.app import YomuApp
from reader.core.cells import cell_len
from reader.data.config import Settings
from reader.data.paths import cache_dir
from reader.screens.reader import ReaderScreen
from reader.widgets import ArticleView
from reader.widgets.lookup import LookupPanel
from tests.app.conftest import app_for_text, ready, settle

pytest.importorskip("pyopenjtalk", reason="the sound extra (pyopenjtalk-plus) is not installed")

from reader.integrations.sound import audio_path
from reader.integrations.sound.speaker import speech_pieces
from tests.sound.conftest import FakePlayers

SIZE = (120, 40)
PAIRS = "箸と橋と端\n\n箸を使います。橋を渡ります。端に座ります。\n"
"""The classic minimal pairs: 箸 はꜜし (1), 橋 はしꜜ (2), 端 はし (0), each with its particle."""


def view_of(app: YomuApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def notices(app: YomuApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def reader(app: YomuApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


@pytest.fixture
def players(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePlayers:
    """A fake ``paplay`` (the first player the reader looks for) alone on PATH."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    fake = FakePlayers(bin=folder, log=tmp_path / "played.log")
    fake.add("paplay")
    monkeypatch.setenv("PATH", fake.path())
    return fake


async def played(app: YomuApp, pilot, players: FakePlayers, count: int) -> list[Path]:  # type: ignore[no-untyped-def]
    """Wait until the player was asked to play ``count`` files; the files, in order."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        calls = players.calls()
        if len(calls) >= count:
            assert all(call[0] == "paplay" for call in calls)
            return [Path(call[-1]) for call in calls]
        await pilot.pause(0.05)
    raise AssertionError(f"the player was asked for {players.calls()}, not {count} files")


def over_and_base(view: ArticleView, needle: str) -> tuple[str, str]:
    """The reading row and the text row of the line holding ``needle``."""
    for y in range(1, view.row_count):
        if needle in view.row_text(y):
            return view.row_text(y - 1), view.row_text(y)
    raise AssertionError(f"{needle!r} is not on any row")


def marks_over(over: str, base: str, word: str) -> str:
    """What the reading row shows over the cells of ``word`` in the text row (marks are one cell each)."""
    column = cell_len(base[: base.index(word)])
    return over.ljust(column + cell_len(word))[column : column + cell_len(word)]


# ------------------------------------------------------------------ look-up


async def test_the_look_up_panel_shows_the_pitch_accent_and_its_source(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("w", "w")
        await settle(seed_app, pilot)
        shown = str(seed_app.screen.query_one(LookupPanel).render()).splitlines()
        assert shown[0].startswith("大統領  だいとうりょう")
        assert shown[1] == "pitch だいとꜜうりょう  (unidic+openjtalk)"
        assert "president" in "\n".join(shown)


async def test_a_word_with_two_accents_shows_both() -> None:
    app = app_for_text("昨日のこと\n\n昨日は雨でした。\n")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view_of(app).place_cursor(len("昨日のこと\n\n"))
        await settle(app, pilot)
        shown = str(app.screen.query_one(LookupPanel).render()).splitlines()
        assert shown[1] == "pitch きのꜜう · きのう  (unidic+openjtalk)"


# ------------------------------------------------------------------ A


async def test_A_draws_the_pitch_over_each_word_of_the_text() -> None:
    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = view_of(app)
        over, base = over_and_base(view, "箸を使います")
        assert "はし" in over  # readings, until A
        await pilot.press("A")
        await settle(app, pilot)
        assert "Accent marks on" in notices(app)
        over, base = over_and_base(view, "箸を使います")
        assert "はし" not in over
        # Each mark lies over its own word, although the readings' layout pads the words apart.
        assert (marks_over(over, base, "箸"), marks_over(over, base, "を使")[:2]) == ("‾ꜜ", "__")  # はꜜしを
        # Three morae over four cells: the cell that holds two morae is high if one of them is.
        assert (marks_over(over, base, "橋"), marks_over(over, base, "を渡")[:2]) == ("_‾", "ꜜ_")  # はしꜜを
        assert (marks_over(over, base, "端"), marks_over(over, base, "に")) == ("_‾", "‾‾")  # はしに, flat
        assert marks_over(over, base, "座ります") == "_‾‾‾‾‾ꜜ_"  # すわりꜜます: five morae over eight cells
        assert set(over) <= set("‾_ꜜ ")
        await pilot.press("A")
        await settle(app, pilot)
        over, _ = over_and_base(view, "箸を使います")
        assert "はし" in over and "ꜜ" not in over


async def test_A_without_furigana_adds_the_row_for_the_marks() -> None:
    app = app_for_text(PAIRS, Settings(furigana="off"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = view_of(app)
        rows = view.row_count
        await pilot.press("A")
        await settle(app, pilot)
        assert view.row_count > rows  # a row above each line now
        over, base = over_and_base(view, "箸を使います")
        assert base.strip().startswith("箸を使います。橋を渡ります。")  # no padding without readings
        assert marks_over(over, base, "箸を") == "‾ꜜ__"
        assert marks_over(over, base, "橋を") == "_‾ꜜ_"
        await pilot.press("A")
        await settle(app, pilot)
        assert view.row_count == rows


async def test_accent_marks_follow_the_reader_down_the_text(seed_app: YomuApp) -> None:
    async with seed_app.run_test(size=SIZE) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("A")
        await settle(seed_app, pilot)
        await pilot.press("9")  # a section far below what was on screen
        await settle(seed_app, pilot)
        view = view_of(seed_app)
        top = int(view.scroll_offset.y)
        shown = [view.row_text(y) for y in range(top, top + view.size.height)]
        assert sum("ꜜ" in row for row in shown) >= 3
        assert not any("だいとうりょう" in row for row in shown)


# ------------------------------------------------------------------ a


async def test_a_says_the_word_then_a_again_its_sentence(players: FakePlayers) -> None:
    app = app_for_text(PAIRS)
    audio = cache_dir() / "audio"
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = app.document.text
        view_of(app).place_cursor(text.index("橋を"))
        await settle(app, pilot)
        await pilot.press("a")
        assert await played(app, pilot, players, 1) == [audio_path("橋", audio)]
        await pilot.press("a")
        sentence = "橋を渡ります。"
        assert await played(app, pilot, players, 2) == [audio_path("橋", audio), audio_path(sentence, audio)]


async def test_a_then_s_says_the_sentence_and_s_does_not_start_a_session(
    seed_app: YomuApp, players: FakePlayers
) -> None:
    audio = cache_dir() / "audio"
    async with seed_app.run_test(size=SIZE) as pilot:
        await ready(seed_app, pilot)
        text = seed_app.document.text
        view_of(seed_app).place_cursor(text.index("訪問すると発表"))
        await settle(seed_app, pilot)
        await pilot.press("a", "s")
        sentence = "ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。"
        pieces = [audio_path(piece, audio) for piece in speech_pieces([sentence])]
        assert len(pieces) == 2  # a long sentence starts with its first clause
        # The word may have started before s stopped it; the sentence comes last, whole.
        files = await played(seed_app, pilot, players, 2)
        if files[-2:] != pieces:
            files = await played(seed_app, pilot, players, 3)
        assert files[-2:] == pieces
        assert isinstance(seed_app.screen, ReaderScreen), "s was the sentence, not a study session"


async def test_a_says_the_selection(players: FakePlayers) -> None:
    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view_of(app).place_cursor(app.document.text.index("箸を"))
        await pilot.press("v", "w", "w")
        selection = view_of(app).cursor.selection()
        assert selection is not None
        selected = app.document.text[selection[0] : selection[1]]
        assert selected.startswith("箸を使")
        await pilot.press("a")
        (path,) = await played(app, pilot, players, 1)
        assert path == audio_path(selected, cache_dir() / "audio")


async def test_esc_stops_speaking(players: FakePlayers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "30")
    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view_of(app).place_cursor(app.document.text.index("橋を"))
        await pilot.press("a")
        await played(app, pilot, players, 1)
        speaker = reader(app).speech.speaker
        assert speaker.speaking and speaker.player is not None and speaker.player.playing
        await pilot.press("escape")
        await pilot.pause()
        assert not speaker.speaking and not speaker.player.playing


async def test_without_a_player_a_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("w", "a")
        await pilot.pause()
        assert (
            "Cannot speak: no audio player found (looked for paplay, aplay, afplay, ffplay, pw-play); "
            "'yomu say' still writes audio files"
        ) in notices(app)


async def test_a_without_the_word_cursor_says_how_to_choose_a_word(players: FakePlayers) -> None:
    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert "Put the word cursor on a word first (w)." in notices(app)
        assert players.calls() == []


async def test_the_help_lists_the_sound_keys(seed_app: YomuApp) -> None:
    from reader.screens.help import HelpScreen

    async with seed_app.run_test(size=SIZE) as pilot:
        await ready(seed_app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(seed_app.screen, HelpScreen)
        shown = str(seed_app.screen.query_one("#help-text").render())
        assert "say the word under the cursor (or the selection) aloud" in shown
        assert "a a / a s" in shown
        assert "pitch-accent marks over the text on or off" in shown


# ------------------------------------------------------------------ Y with accents


async def test_Y_adds_the_pitch_accent_to_copies_and_remembers_it(copied: list[str]) -> None:
    from reader.data.config import load_settings
    from reader.screens.excerpt_format import ExcerptFormatScreen

    app = app_for_text(PAIRS)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view_of(app).place_cursor(app.document.text.index("橋を"))
        await pilot.press("Y")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ExcerptFormatScreen)
        await pilot.press("a")
        await settle(app, pilot)  # the accents are found in a worker; the preview shows them when they come
        preview = str(chooser.query_one("#excerpt-preview").render())
        assert preview.splitlines() == ["橋[はし]を 渡[わた]ります。", "", "はしꜜを わたりまꜜす"]
        await pilot.press("enter")
        await settle(app, pilot)
        assert copied == ["橋[はし]を 渡[わた]ります。\n\nはしꜜを わたりまꜜす"]
        # y s copies the next sentence with accents too (found first, then copied).
        view_of(app).place_cursor(app.document.text.index("端に"))
        await pilot.press("y", "s")
        await settle(app, pilot)
        assert copied[-1] == "端[はし]に 座[すわ]ります。\n\nはしに すわりまꜜす"
    assert load_settings()[0].excerpt_accent
