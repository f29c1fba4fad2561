"""Settings: a small TOML file in the user config directory, written when changed.

The file is written to a temporary name and renamed over the old one, so a
crash never leaves half a settings file.  A file that cannot be read is moved
aside (``settings.toml.broken-<time>``) and defaults are used.
"""

from __future__ import annotations

import os
import time
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reader.data.paths import config_dir

FURIGANA_MODES = ("above", "inline", "off")
"""The order ``f`` cycles through."""
ROMAJI_STYLES = ("hepburn", "hepburn-ou", "kunrei", "passport")
FURIGANA_FILTERS = ("all", "level", "unknown")
"""Which words get readings: all, words above the learner's JLPT level, words not marked known."""
LEVELS = ("N5", "N4", "N3", "N2", "N1")
EXCERPT_FORMATS = ("anki", "html", "markdown", "plain", "aozora", "romaji", "text")


@dataclass(slots=True)
class Settings:
    """What the reader remembers between runs."""

    furigana: str = "above"
    romaji: bool = False
    romaji_style: str = "hepburn"
    show_contents: bool = True
    max_width: int = 100
    """The widest the text column grows, in cells (long lines are hard to read)."""
    furigana_filter: str = "all"
    level: str = "N3"
    """The learner's JLPT level: words above it are 'hard'."""
    show_lookup: bool = True
    show_glossary: bool = False
    show_entities: bool = False
    mark_glossary: bool = True
    """Underline glossary terms in the text."""
    mark_entities: bool = True
    """Colour names of people, places, organisations … in the text."""
    mark_status: bool = True
    """Colour words by study status (learning, known)."""
    excerpt_format: str = "anki"
    excerpt_notes: bool = False
    excerpt_cite: bool = False
    excerpt_accent: bool = False
    """Copies in the Anki, HTML and Markdown formats add the pitch accent of each phrase (the sound extra)."""
    new_cards: int = 10
    """New cards a study session adds at most."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Key remaps: binding id (see ``reader/keys.py``) → comma-separated keys."""
    anki_url: str = "http://127.0.0.1:8765"
    """Where AnkiConnect listens."""
    anki_key: str = ""
    """AnkiConnect's API key, when the learner set one in the add-on."""
    anki_deck: str = "yomu"
    """The deck new notes go to (yomu creates ``yomu``; another must exist in Anki)."""
    anki_note_type: str = ""
    """The note type of new notes; empty: yomu's own (created when missing)."""
    anki_fields: dict[str, str] = field(default_factory=dict)
    """yomu field → the chosen note type's field (``Word = "Expression"``); known words are read from the same."""
    anki_known_decks: list[str] = field(default_factory=list)
    """Decks whose words count as known or learning; empty: the deck above."""
    anki_known_interval: int = 21
    """A card with an interval of at least this many days makes its word known."""

    def validated(self) -> Settings:
        """A copy with unknown values replaced by defaults."""
        default = Settings()
        return Settings(
            furigana=self.furigana if self.furigana in FURIGANA_MODES else default.furigana,
            romaji=bool(self.romaji),
            romaji_style=self.romaji_style if self.romaji_style in ROMAJI_STYLES else default.romaji_style,
            show_contents=bool(self.show_contents),
            max_width=self.max_width if isinstance(self.max_width, int) and 20 <= self.max_width <= 400 else 100,
            furigana_filter=self.furigana_filter if self.furigana_filter in FURIGANA_FILTERS else "all",
            level=self.level if self.level in LEVELS else default.level,
            show_lookup=bool(self.show_lookup),
            show_glossary=bool(self.show_glossary),
            show_entities=bool(self.show_entities),
            mark_glossary=bool(self.mark_glossary),
            mark_entities=bool(self.mark_entities),
            mark_status=bool(self.mark_status),
            excerpt_format=self.excerpt_format if self.excerpt_format in EXCERPT_FORMATS else default.excerpt_format,
            excerpt_notes=bool(self.excerpt_notes),
            excerpt_cite=bool(self.excerpt_cite),
            excerpt_accent=bool(self.excerpt_accent),
            new_cards=self.new_cards if isinstance(self.new_cards, int) and 0 <= self.new_cards <= 500 else 10,
            keymap={
                str(k): v
                for k, v in (self.keymap if isinstance(self.keymap, dict) else {}).items()
                if isinstance(v, str)
            },
            anki_url=self.anki_url if isinstance(self.anki_url, str) and self.anki_url else default.anki_url,
            anki_key=self.anki_key if isinstance(self.anki_key, str) else "",
            anki_deck=self.anki_deck.strip() if isinstance(self.anki_deck, str) and self.anki_deck.strip() else "yomu",
            anki_note_type=self.anki_note_type.strip() if isinstance(self.anki_note_type, str) else "",
            anki_fields={
                str(k): v
                for k, v in (self.anki_fields if isinstance(self.anki_fields, dict) else {}).items()
                if isinstance(v, str) and v
            },
            anki_known_decks=[
                d
                for d in (self.anki_known_decks if isinstance(self.anki_known_decks, list) else [])
                if isinstance(d, str) and d
            ],
            anki_known_interval=(
                self.anki_known_interval
                if isinstance(self.anki_known_interval, int) and 1 <= self.anki_known_interval <= 36500
                else 21
            ),
        )


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read the settings; return them and a warning when the file was unusable."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path}: cannot be read ({error.strerror}); using default settings"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.rename(aside)
        except OSError:
            return Settings(), f"{path}: not valid TOML; using default settings"
        return Settings(), f"{path}: not valid TOML; moved aside to {aside.name}, using defaults"
    known = {f.name for f in fields(Settings)}
    reader = data.get("reader", {}) if isinstance(data.get("reader"), dict) else {}
    values = {key: value for key, value in reader.items() if key in known}
    try:
        return Settings(**values).validated(), None
    except TypeError:
        return Settings(), f"{path}: unexpected values; using default settings"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (temporary file, then rename)."""
    import tomli_w

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(tmp, "wb") as handle:
        tomli_w.dump({"reader": asdict(settings)}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
