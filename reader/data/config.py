"""Settings: a small TOML file in the user config directory, written when changed.

The settings file is the user's own data.  It is read with ``tomllib`` (fast,
at start-up) and written by merging the new values into the file as it is on
disk (``tomlkit``, only when saving): comments, keys and tables yomu does not
know are kept.  The file is written to a temporary name and renamed over the
old one (through a symbolic link, to the file it points at), so a crash never
leaves half a settings file.

A file that is not valid TOML is moved aside (``settings.toml.broken-<time>``)
and defaults are used.  A file that cannot be read at all (not a regular file,
larger than :data:`MAX_SETTINGS_BYTES`, no permission) gives a notice and the
defaults, and is never overwritten: saving refuses with :class:`SettingsError`.
"""

from __future__ import annotations

import os
import stat
import time
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reader.core.analysis.filters import FILTERS, JLPT_LEVELS
from reader.core.analysis.romaji import STYLES
from reader.core.layout import Placement
from reader.data.paths import config_dir

MAX_SETTINGS_BYTES = 256 * 1024
"""A settings file is a few hundred bytes; anything past this is not one."""


class SettingsError(OSError):
    """Settings cannot be saved without losing the user's file; ``str(error)`` is one line."""


def _excerpt_formats() -> tuple[str, ...]:
    from reader.core.excerpt import EXCERPT_FORMATS  # imported on use: the formatter is not needed at start-up

    return EXCERPT_FORMATS


FURIGANA_MODES = tuple(placement.value for placement in Placement)
"""The order ``f`` cycles through."""
ROMAJI_STYLES = STYLES
FURIGANA_FILTERS = FILTERS
"""Which words get readings: all, words above the learner's JLPT level, words not marked known."""
LEVELS = JLPT_LEVELS


@dataclass(slots=True)
class Settings:
    """What the reader remembers between runs."""

    furigana: str = Placement.ABOVE.value
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
            excerpt_format=self.excerpt_format if self.excerpt_format in _excerpt_formats() else default.excerpt_format,
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
    """``settings.toml`` in the config directory."""
    return config_dir() / "settings.toml"


def _read(path: Path) -> bytes | None:
    """The bytes of the settings file, ``None`` when there is none; :class:`SettingsError` if unreadable."""
    from reader.core.sources.decode import SourceError, read_regular_file

    try:
        return read_regular_file(path, MAX_SETTINGS_BYTES, "a settings file")
    except SourceError as error:
        if not os.path.lexists(path):
            return None
        if not path.exists() and path.is_symlink():
            return None  # a dangling link: saving writes the file it names
        raise SettingsError(str(error)) from None


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read the settings; return them and a warning when the file was unusable."""
    path = path or settings_path()
    try:
        raw = _read(path)
    except SettingsError as error:
        return Settings(), f"{error}; using default settings (the file is left as it is)"
    if raw is None:
        return Settings(), None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        why = "nested too deeply" if isinstance(error, RecursionError) else "not valid TOML"
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.rename(aside)
        except OSError:
            return Settings(), f"{path}: {why}; using default settings"
        return Settings(), f"{path}: {why}; moved aside to {aside.name}, using defaults"
    known = {f.name for f in fields(Settings)}
    reader = data.get("reader", {}) if isinstance(data.get("reader"), dict) else {}
    values = {key: value for key, value in reader.items() if key in known}
    try:
        return Settings(**values).validated(), None
    except (TypeError, ValueError):
        return Settings(), f"{path}: unexpected values; using default settings"


def _target(path: Path) -> Path:
    """Where to write: through a symbolic link to the file it points at (a dotfiles repository keeps the link)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _merged(raw: bytes | None, settings: Settings, path: Path) -> str:
    """The file's text with the ``[reader]`` values of ``settings``; everything else as it was."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(raw.decode("utf-8")) if raw is not None else tomlkit.document()
    except (UnicodeDecodeError, TOMLKitError, RecursionError, ValueError) as error:
        raise SettingsError(f"{path}: cannot be read ({error}); not overwritten") from None
    table = document.get("reader")
    if not isinstance(table, dict):
        table = tomlkit.table()
        document["reader"] = table
    for key, value in asdict(settings).items():
        if key == "keymap":
            continue
        if table.get(key) != value:
            table[key] = value
    keymap = table.get("keymap")
    if not isinstance(keymap, dict):
        keymap = tomlkit.table()
        table["keymap"] = keymap
    for binding in [b for b, keys in keymap.items() if isinstance(keys, str) and b not in settings.keymap]:
        del keymap[binding]
    for binding, keys in settings.keymap.items():
        if keymap.get(binding) != keys:
            keymap[binding] = keys
    return tomlkit.dumps(document)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Merge ``settings`` into the file and write it atomically (temporary file, then rename).

    Raises :class:`SettingsError` (an ``OSError``) rather than replace a file
    that cannot be read, and ``OSError`` when the folder cannot be written.
    """
    path = path or settings_path()
    raw = _read(path)
    target = _target(path)
    text = _merged(raw, settings, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if raw is not None:
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))  # keep the user's permissions
        os.replace(tmp, target)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _keys(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def keymap_conflicts(keymap: Mapping[str, str], groups: Iterable[Mapping[str, str]]) -> list[str]:
    """Problems of a key remap, one line each: unknown binding ids, keys taken from another action.

    ``groups`` are the bindings active together (the reading screen and its
    article view …), each ``binding id → its default keys``; a binding without
    an id is listed by its action and cannot be remapped.  A remap that gives
    ``q`` to another action takes quitting away: that is said, not left to be
    found out.
    """
    problems: list[str] = []
    groups = [dict(group) for group in groups]
    known = {binding for group in groups for binding in group}
    problems += [f"keymap: no binding named {binding!r}" for binding in keymap if binding not in known]
    for group in groups:
        owners: dict[str, list[str]] = {}
        for binding, default in group.items():
            keys = keymap.get(binding) if isinstance(keymap.get(binding), str) else default
            for key in _keys(keys or ""):
                owners.setdefault(key, []).append(binding)
        for key, bindings in owners.items():
            remapped = [b for b in bindings if isinstance(keymap.get(b), str) and key in _keys(keymap[b])]
            if len(bindings) > 1 and remapped:
                problems.append(
                    f"keymap: {key} is bound to both {' and '.join(bindings)}; "
                    f"only one can have it (remapped: {', '.join(remapped)})"
                )
    return list(dict.fromkeys(problems))
