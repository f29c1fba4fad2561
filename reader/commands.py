"""The command palette: every reader action with a ``category: verb`` title.

Built from the key table and the bindings in force on the reading screen, so
each command says which key runs it now (a remapped key shows remapped).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.data.config import LEVELS, ROMAJI_STYLES
from reader.keys import KEYS, key_label, live_keys


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
            (f"reading: romaji style {style}", f"set_romaji_style('{style}')", "Romaji system for the romaji row")
            for style in ROMAJI_STYLES
        ]
        commands += [
            (f"reading: my JLPT level {level}", f"set_level('{level}')", "Words above it count as hard")
            for level in LEVELS
        ]
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
