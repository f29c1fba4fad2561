"""settings.toml is the user's data: special or huge files, deep nesting, comments, key conflicts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.data.config import (
    MAX_SETTINGS_BYTES,
    Settings,
    SettingsError,
    keymap_conflicts,
    load_settings,
    save_settings,
    settings_path,
)
from tests.hardening.cli import assert_rule, run_cli

DEEP = "a = " + "[" * 3000 + "]" * 3000 + "\n"
"""3,000 levels of nesting: tomllib recurses once per level."""


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    target = settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _make(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "directory":
        path.mkdir()
    elif kind == "huge":
        path.write_text('[reader]\nfurigana = "inline"\n' + "# padding\n" * (MAX_SETTINGS_BYTES // 10 + 1))


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "directory", "huge"])
def test_an_unreadable_settings_file_gives_defaults_a_notice_and_is_never_overwritten(kind: str, path: Path) -> None:
    _make(kind, path)
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and str(path) in warning and "default settings" in warning
    assert "\n" not in warning
    settings.furigana = "off"
    with pytest.raises(SettingsError):
        save_settings(settings)
    if kind == "huge":
        assert path.read_text().startswith('[reader]\nfurigana = "inline"\n')  # the user's file, untouched
    elif kind == "link-to-dev-zero":
        assert path.is_symlink() and os.readlink(path) == "/dev/zero"


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "huge"])
def test_commands_that_read_settings_carry_on(kind: str, path: Path, tmp_path: Path) -> None:
    _make(kind, path)
    article = tmp_path / "a.txt"
    article.write_text("題名\n\n会談を行った。\n", encoding="utf-8")
    assert_rule(run_cli("annotate", str(article), "--format", "romaji"), ok=True)


def test_deeply_nested_settings_are_a_notice_not_a_recursion_error(path: Path) -> None:
    path.write_text(DEEP)
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and "nested too deeply" in warning and "moved aside" in warning
    aside = [p for p in path.parent.iterdir() if p.name.startswith("settings.toml.broken-")]
    assert len(aside) == 1 and aside[0].read_text() == DEEP  # kept, not lost
    save_settings(settings)  # a new file in its place
    assert load_settings() == (Settings(), None)


def test_saving_keeps_comments_unknown_keys_and_tables(path: Path) -> None:
    path.write_text(
        "# my yomu settings\n"
        "[reader]\n"
        "# inline reads better for me\n"
        'furigana = "inline"  # keep this\n'
        'level = "N2"\n'
        'option_from_a_newer_yomu = "x"\n'
        "\n"
        "[reader.keymap]\n"
        '"section.next" = "right_square_bracket,n,J"  # vim habit\n'
        '"not.a.string" = 3\n'
        "\n"
        "[sync]\n"
        'server = "example"\n'
    )
    settings, warning = load_settings()
    assert warning is None and settings.furigana == "inline" and settings.level == "N2"
    settings.furigana = "off"
    settings.keymap["reading.furigana"] = "ctrl+f"
    save_settings(settings)
    text = path.read_text()
    for kept in (
        "# my yomu settings",
        "# inline reads better for me",
        'furigana = "off"  # keep this',
        'option_from_a_newer_yomu = "x"',
        '"section.next" = "right_square_bracket,n,J"  # vim habit',
        '"not.a.string" = 3',
        '[sync]\nserver = "example"',
    ):
        assert kept in text, kept
    again, _ = load_settings()
    assert again.furigana == "off" and again.level == "N2"
    assert again.keymap == {"section.next": "right_square_bracket,n,J", "reading.furigana": "ctrl+f"}


def test_saving_through_a_symbolic_link_writes_the_file_it_points_at(path: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "yomu.toml"
    real.parent.mkdir()
    real.write_text('[reader]\nlevel = "N1"\n')
    path.symlink_to(real)
    settings, _ = load_settings()
    settings.romaji = True
    save_settings(settings)
    assert path.is_symlink()
    assert "romaji = true" in real.read_text() and 'level = "N1"' in real.read_text()


def test_an_unreadable_file_is_not_overwritten_even_when_it_appears_after_start_up(path: Path) -> None:
    settings, _ = load_settings()  # no file yet
    path.write_bytes(b"\xff\xfe not utf-8 [reader]")
    with pytest.raises(SettingsError, match="not overwritten"):
        save_settings(settings)
    assert path.read_bytes() == b"\xff\xfe not utf-8 [reader]"


def test_keymap_conflicts_are_named() -> None:
    groups = [{"app.quit": "q", "copy.yank": "y", "section.next": "right_square_bracket,n", "<scroll_down>": "j,down"}]
    assert keymap_conflicts({}, groups) == []
    assert keymap_conflicts({"app.quit": "ctrl+q", "copy.yank": "q"}, groups) == []  # q moved away first
    problems = keymap_conflicts({"copy.yank": "q", "no.such": "x", "section.next": "j"}, groups)
    assert "keymap: no binding named 'no.such'" in problems
    assert any(p.startswith("keymap: q is bound to both app.quit and copy.yank") for p in problems)
    assert any(p.startswith("keymap: j is bound to both section.next and <scroll_down>") for p in problems)


async def test_the_reader_warns_when_a_remap_takes_q_away(path: Path) -> None:
    from tests.app.conftest import app_for_text

    path.write_text('[reader.keymap]\n"copy.yank" = "q"\n')
    settings, warning = load_settings()
    assert warning is None
    app = app_for_text("題名\n\n本文です。\n", settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("q is bound to both" in n and "app.quit" in n for n in notices), notices


async def test_the_reader_starts_with_defaults_and_a_notice_on_a_fifo_settings_file(path: Path) -> None:
    from reader.app import YomuApp
    from reader.core.sources import parse_text

    os.mkfifo(path)
    app = YomuApp(parse_text("題名\n\n本文です。\n", name="t.txt"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("named pipe" in n.message for n in app._notifications)
        await pilot.press("f")  # a change: saving must refuse, not replace the FIFO
        await pilot.pause()
        assert any("Settings not saved" in n.message for n in app._notifications)
    assert path.is_fifo()


def test_a_deeply_nested_glossary_file_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("題名\n\n会談を行った。\n", encoding="utf-8")
    glossary = tmp_path / "a.glossary.toml"
    glossary.write_text(DEEP)
    run = run_cli("glossary", str(article))
    assert_rule(run, expect=("nested too deeply",), ok=False)
    notes = run_cli("annotate", str(article), "--notes")
    assert notes.status == 0 and "nested too deeply" in notes.err and notes.err.count("\n") == 1
    glossary.unlink()
    os.mkfifo(glossary)
    assert_rule(run_cli("glossary", str(article)), expect=("named pipe",), ok=False)
    glossary.unlink()
    glossary.symlink_to("/dev/zero")
    assert_rule(run_cli("glossary", str(article)), expect=("character device",), ok=False)
