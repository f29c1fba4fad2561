"""The command palette: every reader action with a ``category: verb`` title.

Built from the key table and the bindings in force on the reading screen, so
each command says which key runs it now (a remapped key shows remapped).
:class:`DeckChoices` is the second palette ``anki: deck …`` opens: Anki's decks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider, SimpleProvider
from textual.content import Content
from textual.screen import Screen

from reader.data.config import LEVELS, ROMAJI_STYLES
from reader.keys import KEYS, key_label, live_keys

EXTRA_COMMANDS: list[tuple[str, str, str]] = [
    ("sound: say the sentence under the cursor", "say_sentence", "Also: the say key twice, or it then s"),
    ("anki: deck … (choose where new notes go)", "run('anki', 'list_decks')", "Lists Anki's decks (AnkiConnect)"),
    ("anki: send the waiting cards now", "run('anki', 'push_now')", "Cards marked while Anki was closed"),
    (
        "anki: read known words from Anki now",
        "run('anki', 'read_known_now')",
        "Otherwise read at most once a day, on start",
    ),
]
"""Commands without a key of their own: ``(title, action, help)``."""


class ReaderCommands(Provider):
    """Offers the reading screen's actions (and a jump to each section)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """``(title, action, help)`` for every offered command."""
        screen = self.screen
        keymap = self.app._keymap  # the keymap the app applied
        live = live_keys([screen], keymap)
        commands = []
        for key in KEYS:
            if not key.palette or key.where != "reader" or key.id not in live:
                continue
            commands.append((key.palette, key.action, f"{key.description} · key: {key_label(live[key.id])}"))
        commands += [
            (
                f"reading: romaji style {style}",
                f"run('modes', 'set_romaji_style', '{style}')",
                "Romaji system for the romaji row",
            )
            for style in ROMAJI_STYLES
        ]
        commands += [
            (f"reading: my JLPT level {level}", f"run('modes', 'set_level', '{level}')", "Words above it count as hard")
            for level in LEVELS
        ]
        commands += EXTRA_COMMANDS
        document = getattr(screen, "document", None)
        if document is not None:
            for section in document.sections:
                label = document.section_label(section)
                commands.append(
                    (f"section: go to {section.index + 1} {label}", f"goto_section({section.index})", "Jump here")
                )
        return commands

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for title, action, help_text in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_text)


class DeckChoices(SimpleProvider):
    """Anki's decks as palette commands; choosing one calls ``choose(deck)``.

    Deck names are the learner's text: they are shown as :class:`Content`, never
    parsed as markup (Textual's own simple provider would parse them).
    """

    def __init__(self, screen: Screen[Any], decks: Sequence[str], current: str, choose: Callable[[str], None]) -> None:
        self.decks = [(deck, partial(choose, deck)) for deck in decks]
        self.current = current
        super().__init__(screen, [])

    def _help(self, deck: str) -> str:
        return "new notes go here now" if deck == self.current else "send new notes here"

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for deck, choose in self.decks:
            score = matcher.match(deck)
            if score > 0:
                yield Hit(score, _highlighted(matcher, deck), choose, text=deck, help=self._help(deck))

    async def discover(self) -> Hits:
        for deck, choose in self.decks:
            yield DiscoveryHit(Content(deck), choose, text=deck, help=self._help(deck))


def _highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content with the matched characters styled (no markup parsing)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def deck_palette(
    screen: Screen[None], decks: Sequence[str], current: str, choose: Callable[[str], None]
) -> CommandPalette:
    """A palette of Anki's decks (``anki: deck …``): choosing one calls ``choose`` with its name."""
    provider = DeckChoices(screen, decks, current, choose)
    # A provider instance, as Textual's own App.search_commands passes one (its type says classes only).
    return CommandPalette(providers=[provider], placeholder="Anki deck for new notes…")  # type: ignore[list-item]
