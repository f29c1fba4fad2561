"""Every key of the reader, as data: the bindings, the help screen and the
command palette are all built from this one table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    """One key (or set of keys) and what it does."""

    keys: str
    """Comma-separated Textual key names."""
    action: str
    description: str
    """Short text for the footer and help."""
    group: str
    """Heading in the help screen; also the palette category."""
    show: bool = False
    """Shown in the footer."""
    id: str = ""
    """Binding id, so a config file can remap it."""
    label: str = ""
    """How the key is written in the help screen (default: from ``keys``)."""
    palette: str = ""
    """Command palette title, ``category: verb`` (empty: not offered)."""


READER_KEYS: tuple[Key, ...] = (
    Key(
        "right_square_bracket,n",
        "next_section",
        "Next section",
        "Sections",
        True,
        "section.next",
        "] n",
        "section: next section",
    ),
    Key(
        "left_square_bracket,p",
        "previous_section",
        "Previous section",
        "Sections",
        False,
        "section.previous",
        "[ p",
        "section: previous section",
    ),
    *(
        Key(
            str(i),
            f"goto_section({i - 1})",
            f"Section {i}",
            "Sections",
            False,
            f"section.goto{i}",
            "1–9" if i == 1 else "",
        )
        for i in range(1, 10)
    ),
    Key("t", "toggle_contents", "Contents", "Sections", True, "view.contents", "t", "view: show or hide contents"),
    Key(
        "f",
        "cycle_furigana",
        "Furigana",
        "Readings",
        True,
        "reading.furigana",
        "f",
        "reading: cycle furigana (above, inline, off)",
    ),
    Key(
        "F",
        "cycle_furigana_filter",
        "Furigana filter",
        "Readings",
        False,
        "reading.filter",
        "F",
        "reading: cycle which words get furigana (all, above my level, not known)",
    ),
    Key("r", "toggle_romaji", "Romaji", "Readings", True, "reading.romaji", "r", "reading: toggle romaji"),
    Key(
        "P",
        "pin_reading",
        "Pin reading",
        "Readings",
        False,
        "reading.pin",
        "P",
        "reading: pin the reading of the word under the cursor",
    ),
    Key(
        "enter",
        "open_entry",
        "Full entry",
        "Words",
        False,
        "word.entry",
        "Enter",
        "word: open the full dictionary entry",
    ),
    Key(
        "l",
        "toggle_lookup",
        "Look-up panel",
        "Words",
        False,
        "view.lookup",
        "l",
        "view: show or hide the look-up panel",
    ),
    Key("g", "toggle_glossary", "Glossary", "Words", True, "view.glossary", "g", "view: show or hide the glossary"),
    Key(
        "U",
        "toggle_glossary_marks",
        "Underline terms",
        "Words",
        False,
        "view.glossary_marks",
        "U",
        "view: underline glossary terms on or off",
    ),
    Key(
        "e", "toggle_entities", "Entities", "Names", True, "view.entities", "e", "view: show or hide the entity sidebar"
    ),
    Key(
        "E",
        "toggle_entity_marks",
        "Colour names",
        "Names",
        False,
        "view.entity_marks",
        "E",
        "view: colour names by type on or off",
    ),
    Key(
        "y",
        "yank",
        "Copy",
        "Copy",
        True,
        "copy.yank",
        "y",
        "copy: the selection (or, after y: s sentence, p paragraph, S section, y again)",
    ),
    Key("Y", "choose_format", "Copy format", "Copy", False, "copy.format", "Y", "copy: choose the format and copy"),
    Key("K", "mark('known')", "Known", "Study", False, "study.known", "K", "study: mark the word known"),
    Key(
        "L",
        "mark('learning')",
        "Learning",
        "Study",
        False,
        "study.learning",
        "L",
        "study: mark the word learning (adds a card)",
    ),
    Key(
        "I",
        "mark('ignored')",
        "Ignore",
        "Study",
        False,
        "study.ignore",
        "I",
        "study: ignore the word (names, foreign words)",
    ),
    Key("s", "study", "Study", "Study", True, "study.session", "s", "study: start a session"),
    Key("i", "statistics", "Statistics", "Study", False, "study.stats", "i", "study: statistics of this article"),
    Key(
        "C",
        "toggle_status_marks",
        "Status colours",
        "Study",
        False,
        "view.status_marks",
        "C",
        "view: colour words by study status on or off",
    ),
    Key("question_mark", "help", "Help", "Reader", True, "app.help", "?", "help: show keys"),
    Key("escape", "focus_article", "Back to text", "Reader", False, "app.article", "Esc"),
    Key("q", "app.quit", "Quit", "Reader", True, "app.quit", "q", "app: quit"),
)
"""Keys handled by the reader screen."""

SCROLL_KEYS: tuple[tuple[str, str], ...] = (
    ("j ↓ / k ↑", "scroll one row down / up"),
    ("Space PgDn / PgUp", "scroll one page down / up"),
    ("Home / End", "top / end of the article"),
    ("ctrl+p", "command palette: every action by name"),
)
"""Keys of the article view itself (Textual's scrolling), for the help screen."""

CURSOR_KEYS: tuple[tuple[str, str], ...] = (
    ("w / b", "word cursor: next / previous word (starts word mode)"),
    ("W / B", "next / previous hard word (glossary term or above your level)"),
    (") / (", "next / previous sentence"),
    ("} / {", "next / previous paragraph"),
    ("v", "start (or drop) a selection at the cursor; w b ) ( } { extend it"),
    ("Esc", "drop the selection, then leave word mode"),
)
"""Keys of the word cursor (bound in the article view)."""

COPY_KEYS: tuple[tuple[str, str], ...] = (
    ("y s / y p / y S", "copy the sentence / paragraph / section under the cursor"),
    ("y y", "copy the last excerpt again, choosing another format"),
)
"""Two-key copies (y then a unit)."""

PANEL_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ j k", "move in a side list"),
    ("Enter", "contents: go to the section · entities: first mention · glossary: first use"),
    (". / ,", "entities, glossary: next / previous mention or use (wraps around)"),
    ("o", "entities: order by first mention or by count"),
    ("Esc", "back to the text"),
)
"""Keys inside the side panels."""


SESSION_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "study session: show the answer"),
    ("1 2 3 4", "answer Again / Hard / Good / Easy"),
    ("u", "undo the last answer"),
    ("q", "end the session"),
)
"""Keys of the study session screen."""


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for ``keys``."""
    return [Binding(key.keys, key.action, key.description, show=key.show, id=key.id or None) for key in keys]


def help_rows() -> list[tuple[str, str, str]]:
    """``(group, keys, description)`` for the help screen."""
    rows: list[tuple[str, str, str]] = []
    for key in READER_KEYS:
        if key.action.startswith("goto_section") and not key.label:
            continue
        if key.action.startswith("goto_section"):
            description = "jump to section 1–9"
        elif key.palette:
            description = key.palette.split(": ", 1)[1]  # the longer wording of the palette
        else:
            description = key.description
        rows.append((key.group, key.label or key.keys, description))
    rows.extend(("Moving", label, description) for label, description in SCROLL_KEYS)
    rows.extend(("Word cursor", label, description) for label, description in CURSOR_KEYS)
    rows.extend(("Copy", label, description) for label, description in COPY_KEYS)
    rows.extend(("Side panels", label, description) for label, description in PANEL_KEYS)
    rows.extend(("Study session", label, description) for label, description in SESSION_KEYS)
    return rows
