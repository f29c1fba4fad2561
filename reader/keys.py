"""Every key of the reader, as data.

One table (:data:`KEYS`) says, for each key, its binding id (what
``settings.toml`` remaps), the component that binds it, its action and the
words for the footer, the help screen and the command palette.  The bindings
of each component are built from it (:func:`bindings`); the help screen and
the palette read the bindings *in force* — the table overlaid with the keymap
the app applied (:func:`live_keys`) — so a remapped key shows remapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode

__all__ = [
    "KEYS",
    "YANK_UNITS",
    "Key",
    "bindings",
    "bound_keys",
    "help_rows",
    "key_label",
    "live_bindings",
    "live_keys",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Key:
    """One key (or set of keys) and what it does."""

    id: str
    """Binding id: ``settings.toml``'s ``[reader.keymap]`` remaps by it."""
    keys: str
    """Comma-separated Textual key names (the default)."""
    action: str
    """The action, run on the component that binds the key; on the reading screen ``run('modes', …)``
    hands a key to the component that owns it (``view``, ``modes``, ``study``, ``anki``)."""
    description: str
    """Short text for the footer."""
    group: str
    """Heading in the help screen."""
    where: str = "reader"
    """The component that binds it: ``reader`` (the screen: works from any panel), ``view``
    (the article view), ``contents``, ``entities``, ``glossary``, ``session``."""
    show: bool = False
    """Shown in the footer."""
    palette: str = ""
    """Command palette title, ``category: verb`` (empty: not offered)."""
    explain: str = ""
    """The help screen's wording, when neither the palette's nor the description will do."""
    family: str = ""
    """Keys of one family share one help row (``1``–``9``), described by this."""

    @property
    def help(self) -> str:
        """The help screen's wording: ``explain``, else the palette's longer one, else the description."""
        if self.explain:
            return self.explain
        return self.palette.split(": ", 1)[1] if self.palette else self.description


KEYS: tuple[Key, ...] = (
    # -- sections
    Key(id="section.next", keys="right_square_bracket,n", action="next_section", description="Next section",
        group="Sections", show=True, palette="section: next section"),
    Key(id="section.previous", keys="left_square_bracket,p", action="run('view', 'previous_section')",
        description="Previous section", group="Sections", palette="section: previous section"),
    *(
        Key(id=f"section.goto{i}", keys=str(i), action=f"goto_section({i - 1})", description=f"Section {i}",
            group="Sections", family="jump to section 1–9")
        for i in range(1, 10)
    ),
    Key(id="view.contents", keys="t", action="toggle_panel('contents')", description="Contents", group="Sections",
        show=True, palette="view: show or hide the contents"),
    # -- moving (the article view's own keys; a side list uses them for itself)
    Key(id="view.down", keys="j,down", action="scroll_down", description="Down", group="Moving", where="view"),
    Key(id="view.up", keys="k,up", action="scroll_up", description="Up", group="Moving", where="view"),
    Key(id="view.page_down", keys="space,pagedown", action="page_down", description="Page down", group="Moving",
        where="view"),
    Key(id="view.page_up", keys="pageup", action="page_up", description="Page up", group="Moving", where="view"),
    Key(id="view.top", keys="home", action="scroll_home", description="Top of the text", group="Moving",
        where="view"),
    Key(id="view.end", keys="end", action="scroll_end", description="End of the text", group="Moving", where="view"),
    # -- readings
    Key(id="reading.furigana", keys="f", action="run('modes', 'cycle_furigana')",
        description="Furigana", group="Readings",
        show=True, palette="reading: cycle furigana (above, inline, off)"),
    Key(id="reading.filter", keys="F", action="run('modes', 'cycle_filter')", description="Furigana filter",
        group="Readings", palette="reading: cycle which words get furigana (all, above my level, not known)"),
    Key(id="reading.romaji", keys="r", action="run('modes', 'toggle_romaji')",
        description="Romaji", group="Readings", show=True,
        palette="reading: toggle romaji"),
    Key(id="reading.pin", keys="P", action="pin_reading", description="Pin reading", group="Readings",
        palette="reading: pin the reading of the word under the cursor"),
    # -- sound (the sound extra)
    Key(id="sound.say", keys="a", action="say", description="Say", group="Sound",
        palette="sound: say the word under the cursor (again: its sentence)",
        explain="say the word under the cursor (or the selection) aloud"),
    Key(id="sound.accents", keys="A", action="toggle_accents", description="Accent marks", group="Sound",
        palette="sound: pitch-accent marks over the text on or off"),
    # -- the word cursor
    Key(id="cursor.next", keys="w", action="run('view', 'move_word', 1)", description="Next word", group="Word cursor",
        palette="word: next word (starts word mode)"),
    Key(id="cursor.previous", keys="b", action="run('view', 'move_word', -1)",
        description="Previous word", group="Word cursor",
        palette="word: previous word"),
    Key(id="cursor.next_hard", keys="W", action="run('view', 'move_hard_word', 1)",
        description="Next hard word", group="Word cursor",
        palette="word: next hard word (glossary term or above your level)"),
    Key(id="cursor.previous_hard", keys="B", action="run('view', 'move_hard_word', -1)",
        description="Previous hard word",
        group="Word cursor", palette="word: previous hard word"),
    Key(id="cursor.next_sentence", keys="right_parenthesis", action="run('view', 'move_unit', 'sentence', 1)",
        description="Next sentence", group="Word cursor", palette="word: next sentence"),
    Key(id="cursor.previous_sentence", keys="left_parenthesis", action="run('view', 'move_unit', 'sentence', -1)",
        description="Previous sentence", group="Word cursor", palette="word: previous sentence"),
    Key(id="cursor.next_paragraph", keys="right_curly_bracket", action="run('view', 'move_unit', 'paragraph', 1)",
        description="Next paragraph", group="Word cursor", palette="word: next paragraph"),
    Key(id="cursor.previous_paragraph", keys="left_curly_bracket", action="run('view', 'move_unit', 'paragraph', -1)",
        description="Previous paragraph", group="Word cursor", palette="word: previous paragraph"),
    Key(id="cursor.select", keys="v", action="run('view', 'toggle_selection')",
        description="Select", group="Word cursor",
        palette="word: start (or drop) a selection at the cursor; moves extend it"),
    # -- words
    Key(id="word.entry", keys="enter", action="open_entry", description="Full entry", group="Words",
        palette="word: open the full dictionary entry"),
    Key(id="view.lookup", keys="l", action="toggle_panel('lookup')", description="Look-up panel", group="Words",
        palette="view: show or hide the look-up panel"),
    Key(id="view.glossary", keys="g", action="toggle_panel('glossary')", description="Glossary", group="Words",
        show=True, palette="view: show or hide the glossary"),
    Key(id="view.glossary_marks", keys="U", action="toggle_marks('glossary')", description="Underline terms",
        group="Words", palette="view: underline glossary terms on or off"),
    # -- names
    Key(id="view.entities", keys="e", action="toggle_panel('entities')", description="Entities", group="Names",
        show=True, palette="view: show or hide the entity sidebar"),
    Key(id="view.entity_marks", keys="E", action="toggle_marks('entities')", description="Colour names", group="Names",
        palette="view: colour names by type on or off"),
    # -- copying
    Key(id="copy.yank", keys="y", action="yank", description="Copy", group="Copy", show=True,
        palette="copy: the selection (or, after it: s sentence, p paragraph, S section, again: last excerpt)"),
    Key(id="copy.format", keys="Y", action="choose_format", description="Copy format", group="Copy",
        palette="copy: choose the format and copy"),
    # -- study
    Key(id="study.known", keys="K", action="mark('known')", description="Known", group="Study",
        palette="study: mark the word known"),
    Key(id="study.learning", keys="L", action="mark('learning')", description="Learning", group="Study",
        palette="study: mark the word learning (adds a card)"),
    Key(id="study.ignore", keys="I", action="mark('ignored')", description="Ignore", group="Study",
        palette="study: ignore the word (names, foreign words)"),
    Key(id="study.session", keys="s", action="run('study', 'start_session')",
        description="Study", group="Study", show=True,
        palette="study: start a session"),
    Key(id="study.stats", keys="i", action="run('study', 'show_statistics')", description="Statistics", group="Study",
        palette="study: statistics of this text"),
    Key(id="view.status_marks", keys="C", action="toggle_marks('status')", description="Status colours",
        group="Study", palette="view: colour words by study status on or off"),
    # -- the reader
    Key(id="app.help", keys="question_mark", action="help", description="Help", group="Reader", show=True,
        palette="help: show keys"),
    Key(id="app.back", keys="escape", action="back", description="Back", group="Reader",
        explain="drop the selection, leave word mode, or go back to the text from a side panel"),
    Key(id="app.quit", keys="q", action="app.quit", description="Quit", group="Reader", show=True,
        palette="app: quit"),
    # -- side lists (bound in each list; Enter and arrows are the list's own)
    Key(id="contents.down", keys="j", action="cursor_down", description="Down", group="Side panels",
        where="contents"),
    Key(id="contents.up", keys="k", action="cursor_up", description="Up", group="Side panels", where="contents"),
    Key(id="entities.down", keys="j", action="cursor_down", description="Down", group="Side panels",
        where="entities"),
    Key(id="entities.up", keys="k", action="cursor_up", description="Up", group="Side panels", where="entities"),
    Key(id="entities.order", keys="o", action="toggle_order", description="Order", group="Side panels",
        show=True, where="entities", explain="entities: order by first mention or by count"),
    Key(id="entities.next", keys="full_stop", action="mention(1)", description="Next mention",
        group="Side panels", show=True, where="entities", explain="entities: next mention (wraps around)"),
    Key(id="entities.previous", keys="comma", action="mention(-1)", description="Previous mention",
        group="Side panels", show=True, where="entities", explain="entities: previous mention"),
    Key(id="glossary.first", keys="enter", action="jump(0)", description="First use", group="Side panels",
        show=True, where="glossary", explain="glossary: first use of the term"),
    Key(id="glossary.next", keys="full_stop", action="jump(1)", description="Next use", group="Side panels",
        show=True, where="glossary", explain="glossary: next use (wraps around)"),
    Key(id="glossary.previous", keys="comma", action="jump(-1)", description="Previous use", group="Side panels",
        show=True, where="glossary", explain="glossary: previous use"),
    Key(id="glossary.down", keys="j", action="cursor_down", description="Down", group="Side panels",
        where="glossary"),
    Key(id="glossary.up", keys="k", action="cursor_up", description="Up", group="Side panels", where="glossary"),
    # -- the study session
    Key(id="study.show", keys="space", action="show_back", description="Show answer", group="Study session",
        where="session", show=True),
    Key(id="study.again", keys="1", action="answer(1)", description="Again", group="Study session",
        where="session", show=True),
    Key(id="study.hard", keys="2", action="answer(2)", description="Hard", group="Study session",
        where="session", show=True),
    Key(id="study.good", keys="3", action="answer(3)", description="Good", group="Study session",
        where="session", show=True),
    Key(id="study.easy", keys="4", action="answer(4)", description="Easy", group="Study session",
        where="session", show=True),
    Key(id="study.undo", keys="u", action="undo", description="Undo", group="Study session", where="session",
        show=True, explain="undo the last answer"),
    Key(id="study.end", keys="q,escape", action="end", description="End", group="Study session",
        where="session", show=True, explain="end the session"),
    Key(id="study.close", keys="enter", action="close", description="Close", group="Study session",
        where="session", explain="close the summary"),
)  # fmt: skip
"""Every key of the reader and its screens."""

YANK_UNITS: dict[str, str] = {"s": "sentence", "p": "paragraph", "S": "section"}
"""What the key after the copy key copies (the copy key again: the last excerpt, in a format chosen anew)."""

_LABELS = {
    "right_square_bracket": "]", "left_square_bracket": "[", "question_mark": "?", "full_stop": ".",
    "comma": ",", "right_parenthesis": ")", "left_parenthesis": "(", "right_curly_bracket": "}",
    "left_curly_bracket": "{", "escape": "Esc", "enter": "Enter", "space": "Space", "pagedown": "PgDn",
    "pageup": "PgUp", "home": "Home", "end": "End", "down": "↓", "up": "↑", "left": "←", "right": "→",
    "tab": "Tab",
}  # fmt: skip


def key_label(keys: Iterable[str]) -> str:
    """How keys are written for a person: ``right_square_bracket,n`` → ``] n``."""
    return " ".join(_LABELS.get(key, key) for key in keys)


def bindings(where: str) -> list[BindingType]:
    """The bindings of one component, from the table."""
    return [
        Binding(key.keys, key.action, key.description, show=key.show, id=key.id, tooltip=key.help)
        for key in KEYS
        if key.where == where
    ]


def _bindings_in_force(node: DOMNode, keymap: Mapping[str, str]) -> BindingsMap:
    """A node's bindings with the app's keymap applied, as Textual applies it when a key is pressed."""
    bindings_map: BindingsMap = node._bindings.copy()  # Textual keeps a node's bindings here
    if keymap:
        bindings_map.apply_keymap(dict(keymap))
    return bindings_map


def live_bindings(node: DOMNode, keymap: Mapping[str, str]) -> dict[str, Binding]:
    """Key → the binding of ``node`` it runs now."""
    return {
        key_name: key_bindings[0]
        for key_name, key_bindings in _bindings_in_force(node, keymap).key_to_bindings.items()
        if key_bindings
    }


def bound_keys(nodes: Iterable[DOMNode], keymap: Mapping[str, str]) -> set[str]:
    """Every key some binding of ``nodes`` takes now (with or without an id)."""
    return {key for node in nodes for key in _bindings_in_force(node, keymap).key_to_bindings}


def live_keys(nodes: Iterable[DOMNode], keymap: Mapping[str, str]) -> dict[str, list[str]]:
    """Binding id → the keys bound to it now, read from the bindings of ``nodes`` with ``keymap`` applied."""
    found: dict[str, list[str]] = {}
    for node in nodes:
        for key_name, key_bindings in _bindings_in_force(node, keymap).key_to_bindings.items():
            for binding in key_bindings:
                if binding.id:
                    keys = found.setdefault(binding.id, [])
                    if key_name not in keys:
                        keys.append(key_name)
    return found


def text_key_action(focused: DOMNode | None, view: DOMNode, key: str, keymap: Mapping[str, str]) -> str | None:
    """The action a key runs in the text when a side panel has the focus and does not use that key itself.

    ``j``, ``k``, Space, Home … are the article view's own keys; from a panel
    that has no binding for one, it still moves the text.
    """
    if focused is None or focused is view:
        return None
    if key in bound_keys(focused.ancestors_with_self, keymap):
        return None
    binding = live_bindings(view, keymap).get(key)
    return binding.action if binding is not None else None


def help_rows(live: Mapping[str, list[str]], keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """``(group, keys, what it does)`` for the help screen, with the keys in force.

    ``live`` comes from :func:`live_keys` over the components on screen; keys of
    components not on screen (the study session) are the table's, remapped by
    ``keymap``.
    """
    keymap = keymap or {}
    rows: list[tuple[str, str, str]] = []
    done: set[str] = set()
    for key in KEYS:
        keys = live.get(key.id)
        if keys is None and key.where == "session":
            keys = keymap.get(key.id, key.keys).split(",")
        if not keys:
            continue
        if key.family:
            if key.family in done:
                continue
            done.add(key.family)
            members = [member for member in KEYS if member.family == key.family]
            default = all(live.get(m.id) == m.keys.split(",") for m in members)
            labels = " ".join(key_label(live.get(m.id, [])) for m in members)
            rows.append((key.group, "1–9" if default else labels, key.family))
            continue
        rows.append((key.group, key_label(keys), key.help))
        if key.id == "sound.say":
            say = key_label(keys)
            rows.append(("Sound", f"{say} {say} / {say} s", "say the sentence of the word just said"))
        if key.id == "copy.yank":
            yank = key_label(keys)
            rows.append(("Copy", f"{yank} s / {yank} p / {yank} S", "copy the sentence / paragraph / section"))
            rows.append(("Copy", f"{yank} {yank}", "copy the last excerpt again, choosing another format"))
    rows.append(("Reader", "ctrl+p", "command palette: every action by name"))
    return rows
