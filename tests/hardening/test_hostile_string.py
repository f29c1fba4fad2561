"""One hostile string through every screen and every message it can reach.

The string writes the terminal's clipboard (OSC 52), changes its title, clears
the screen, colours it (CSI and the one-byte C1 CSI) and rings the bell.  It
comes from the article, its curated glossary, a card in the database, a file
name and a notice; wherever it shows, it must show as text (``^[]52;…``) and no
control character may reach the terminal.  The screens are checked on what
Textual would draw (the screenshot holds every cell's text), the commands on
their stderr.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App

from reader.app import YomuApp
from reader.core.sources import load_document
from reader.core.study import SourceSentence, StudyStore
from reader.data.config import Settings
from reader.data.paths import database_path
from tests.app.conftest import ready, settle
from tests.hardening.cli import assert_rule, run_cli
from tests.hardening.corpus import HOSTILE


def raw_controls(text: str) -> list[str]:
    """Control characters (other than line breaks and tabs) in ``text``."""
    return sorted({ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\r\t") or 0x7F <= ord(ch) < 0xA0})


def drawn(app: App[None]) -> str:
    """Everything on the screen as Textual would draw it."""
    return app.export_screenshot()


def assert_safe(app: App[None], where: str) -> str:
    screen = drawn(app)
    assert raw_controls(screen) == [], (where, raw_controls(screen))
    return screen


def hostile_article(folder: Path) -> Path:
    article = folder / "hostile.txt"
    article.write_text(
        f"速報{HOSTILE}プーチン大統領\n\n"
        f"ロシアのプーチン大統領が{HOSTILE}北朝鮮で首脳会談を行いました。\n"
        f"会談{HOSTILE}\n\n"
        "両首脳は会談で協力を確認しました。\n",
        encoding="utf-8",
    )
    glossary = folder / "hostile.glossary.toml"
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    glossary.write_text(
        f'[[term]]\nsurface = "首脳会談"\nreading = "しゅのうかいだん{escaped}"\nmeaning = "summit{escaped}"\n'
        f'note = "{escaped}"\n',
        encoding="utf-8",
    )
    return article


def hostile_card() -> None:
    with StudyStore.open(database_path()) as store:
        sentence = SourceSentence(f"首脳{HOSTILE}会談を行う", 2 + len(HOSTILE), 4 + len(HOSTILE))
        card = store.mark_word("会談", "かいだん", "learning", sentence, f"NHK{HOSTILE}")
        assert card is not None
        store.set_meaning(card.id, f"talks{HOSTILE}")


async def test_the_hostile_string_is_shown_never_sent_on_every_screen(tmp_path: Path) -> None:
    article = hostile_article(tmp_path)
    hostile_card()
    settings = Settings(show_glossary=True, show_entities=True)
    app = YomuApp(load_document(str(article)), settings)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        screen = assert_safe(app, "reading view, header, contents, glossary and entity panels")
        assert "^[]52;c;" in screen  # shown as text
        # The curated term from the glossary file is listed, with its hostile reading and meaning.
        panel = app.screen.query_one("#glossary")
        assert any("summit" in str(option.prompt) for option in panel.options)  # type: ignore[attr-defined]
        assert_safe(app, "glossary panel")

        # Word cursor into the hostile text (its control characters are no words; the cursor stops
        # on the printable pieces between them): look-up panel, pin screen, a mark and its notice.
        view = app.screen.article  # type: ignore[attr-defined]
        for _ in range(80):
            await pilot.press("w")
            token = view.cursor.token if view.cursor is not None else None
            if token is not None and token.surface == "pwned":
                break
        assert token is not None and token.surface == "pwned"
        await settle(app, pilot)
        assert_safe(app, "look-up panel on a hostile token")
        await pilot.press("K")
        await settle(app, pilot)
        assert_safe(app, "notice of a mark")
        await pilot.press("P")
        await pilot.pause()
        assert_safe(app, "pin screen")
        await pilot.press("escape")
        await pilot.pause()

        # The copy-format chooser with its preview, in every format.
        await pilot.press("v", "}", "Y")
        await pilot.pause()
        for _ in range(7):
            assert_safe(app, "copy-format preview")
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        # A study session over the card kept in the database with the hostile string.
        await pilot.press("escape", "escape", "s")
        await pilot.pause(0.3)
        assert "study" in type(app.screen).__name__.lower()
        assert_safe(app, "study card front")
        await pilot.press("space")
        await pilot.pause(0.3)
        back = assert_safe(app, "study card back")
        assert "talks^[]52;c;" in back
        await pilot.press("q")
        await pilot.pause()
        assert_safe(app, "end of the session")
        await pilot.press("q")
        await pilot.pause()

        # Any notice (an error quoting a file name, a path): shown, never sent.
        app.notify(f"file {HOSTILE}\nname", markup=False)
        app.notify(f"markup {HOSTILE}")
        await pilot.pause()
        assert_safe(app, "notices")
        messages = [notice.message for notice in app._notifications]
        assert "file ^[]52;c;aG9zdGlsZQ==^G^[]0;pwned^G^[[2J^[[31m<9b>1m^G\nname" in messages
        assert all(raw_controls(message) == [] for message in messages), messages


def test_every_message_of_the_commands_names_the_hostile_file_safely(tmp_path: Path) -> None:
    name = tmp_path / f"a{HOSTILE}\nb"
    for command in (
        (str(name),),
        ("annotate", str(name)),
        ("entities", str(name)),
        ("glossary", str(name)),
        ("export", "csv", str(name / "out.csv")),
    ):
        run = run_cli(*command)
        assert_rule(run, ok=False)
        assert "^[]52;c;" in run.err and "\\nb" in run.err, run.err


def test_database_and_settings_paths_in_messages_are_safe(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / f"data{HOSTILE}"
    data.mkdir()
    os.mkfifo(data / "yomu.db")
    monkeypatch.setenv("YOMU_DATA_DIR", str(data))
    for command in (("pin", "東京", "とうきょう"), ("pin", "--list"), ("study",)):
        run = run_cli(*command)
        assert_rule(run, expect=("named pipe",), ok=False)
        assert "^[]52;c;" in run.err
    from reader.data.config import load_settings

    config = tmp_path / f"config{HOSTILE}"
    config.mkdir()
    (config / "settings.toml").symlink_to("/dev/zero")
    monkeypatch.setenv("YOMU_CONFIG_DIR", str(config))
    _settings, warning = load_settings()
    assert warning is not None and "\x1b" in warning  # raw here; every notice makes it safe (above)


def test_the_study_front_keeps_the_highlight_on_the_word_around_shown_controls() -> None:
    from reader.screens.study import sentence_front

    front = sentence_front(SourceSentence(f"首脳{HOSTILE}会談を行う", 2 + len(HOSTILE), 4 + len(HOSTILE)))
    assert raw_controls(front.plain) == []
    spans = [front.plain[span.start : span.end] for span in front.spans]
    assert spans == ["会談"]
