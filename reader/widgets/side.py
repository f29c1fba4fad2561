"""The side panels at the right of the text: the entity sidebar and the glossary.

:class:`SidePanels` mounts them the first time one is needed (their modules
and the dictionaries behind them stay off the path to the first paint), shows
and hides them (``e``, ``g``) with the focus following what is shown, and
hides itself when both are hidden.  Below 90 columns the reading screen lays
it over the right of the text (see ``styles/app.tcss``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.containers import Vertical
from textual.widget import Widget

if TYPE_CHECKING:
    from reader.widgets.entities import EntitySidebar
    from reader.widgets.glossary import GlossaryPanel

__all__ = ["SidePanels"]


class SidePanels(Vertical):
    """The entity sidebar and the glossary panel, mounted on first use."""

    def __init__(self, *, show_entities: bool, show_glossary: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._show = {"entities": show_entities, "glossary": show_glossary}
        self.mounted = False

    def on_mount(self) -> None:
        self.display = False

    def ensure(self) -> None:
        """Mount the panels (once)."""
        if self.mounted:
            return
        self.mounted = True
        from reader.widgets.entities import EntitySidebar
        from reader.widgets.glossary import GlossaryPanel

        entities = EntitySidebar(id="entities")
        entities.display = self._show["entities"]
        glossary = GlossaryPanel(id="glossary")
        glossary.display = self._show["glossary"]
        self.mount(entities, glossary)
        self._update()

    def panel(self, name: str) -> Widget:
        """``entities`` or ``glossary``, mounted if need be."""
        self.ensure()
        return self.query_one(f"#{name}")

    @property
    def entities(self) -> EntitySidebar:
        return cast("EntitySidebar", self.panel("entities"))

    @property
    def glossary(self) -> GlossaryPanel:
        return cast("GlossaryPanel", self.panel("glossary"))

    def toggle(self, name: str) -> bool:
        """Show and focus a panel, or hide it (the focus then goes where the screen puts it); True if shown."""
        panel = self.panel(name)
        panel.display = not panel.display
        if panel.display:
            panel.focus()
        self._update()
        return bool(panel.display)

    def hide_all(self) -> None:
        """Hide every panel (Esc from a panel laid over the text)."""
        for panel in self.children:
            panel.display = False
        self._update()

    def _update(self) -> None:
        self.display = any(child.display for child in self.children)
