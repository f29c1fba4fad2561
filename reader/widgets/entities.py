"""The entity sidebar: the people, places, organisations … an article names.

Entities are grouped by type (a heading with the count of each group), each
group ordered by first mention or, after ``o``, by how often the article names
them.  A row shows the name, its reading and the English name or the role.
Enter asks for the entity's first mention, ``.``/``,`` for its next/previous
mention; the screen that owns the article view answers these messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.analysis.entities import ENTITY_TYPES, Entity, EntityIndex
from reader.core.cells import truncate
from reader.keys import bindings

TYPE_LABELS: dict[str, str] = {
    "PERSON": "People", "PLACE": "Places", "ORG": "Organisations",
    "FACILITY": "Facilities", "EVENT": "Events", "DATE": "Dates",
}  # fmt: skip
"""Headings of the groups."""

ROW_CELLS = 31
"""Rows are cut to this many cells (the sidebar's width less border and padding)."""


class EntitySidebar(OptionList):
    """Entities of the article grouped by type; keys ask the screen to show mentions."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("entities")

    @dataclass
    class ShowMention(Message):
        """Asks to bring a mention of an entity into view."""

        sidebar: EntitySidebar
        entity: Entity
        mention_index: int
        """Index into :attr:`EntityIndex.mentions`."""
        start: int
        end: int
        wrapped: bool = False
        """True when ``.``/``,`` went past the last (first) mention and came round."""

    def __init__(self, index: EntityIndex | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Entities"
        self.index = index or EntityIndex((), ())
        self.loaded = index is not None
        """False until an index was given (the names are still being found)."""
        self.failure: str | None = None
        """Why the names could not be found, once that happened."""
        self.by_count = False
        """Order within a group: False by first mention, True by mention count."""
        self.emphasised: frozenset[int] = frozenset()
        """Ids of the entities of the section on screen."""
        self._position: dict[int, int] = {}
        """Per entity id, which of its mentions was shown last (index into ``Entity.mentions``)."""

    def on_mount(self) -> None:
        self._rebuild()

    # -- data down ---------------------------------------------------------------
    def set_index(self, index: EntityIndex) -> None:
        """Show the entities of ``index`` (after the worker that extracted them is done)."""
        self.clear_options()  # the old rows name entities of the old index
        self.index = index
        self.loaded = True
        self._position.clear()
        self.emphasised = frozenset()
        self._rebuild()

    def show_failure(self, error: str) -> None:
        """The names could not be found: say so instead of "Finding the names…"."""
        self.failure = error
        self._rebuild()

    def emphasise(self, section_index: int, start: int | None = None, end: int | None = None) -> None:
        """Emphasise the entities named in a section (``[start, end)`` of the text).

        The screen passes the section's offsets; without them the section is
        looked up in the app's document when there is one.
        """
        if start is None or end is None:
            span = self._section_span(section_index)
            if span is None:
                return
            start, end = span
        ids = frozenset(e.id for e in self.index.entities_between(start, end))
        if ids != self.emphasised:
            self.emphasised = ids
            self._rebuild()

    def _section_span(self, section_index: int) -> tuple[int, int] | None:
        document = getattr(self.app, "document", None)
        sections = getattr(document, "sections", ())
        if 0 <= section_index < len(sections):
            section = sections[section_index]
            return section.start, section.end
        return None

    @property
    def selected_entity(self) -> Entity | None:
        """The entity under the cursor, if any."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if option.id is None or not option.id.startswith("entity-"):
            return None
        entity_id = int(option.id.removeprefix("entity-"))
        return self.index.entities[entity_id] if entity_id < len(self.index.entities) else None

    def _ordered(self, group: list[Entity]) -> list[Entity]:
        if self.by_count:
            return sorted(group, key=lambda e: (-e.count, e.first))
        return sorted(group, key=lambda e: e.first)

    def _row(self, entity: Entity) -> Content:
        note = entity.english or entity.role
        if entity.type == "DATE":
            note = ""
        parts = [entity.canonical if entity.type != "DATE" else self._date_label(entity)]
        if entity.reading and _needs_reading(entity.canonical, entity.reading):
            parts.append(entity.reading)
        if note:
            parts.append(note)
        text = truncate(
            f"{'▸' if entity.id in self.emphasised else ' '}{' · '.join(parts)} ({entity.count})", ROW_CELLS
        )
        return Content.styled(text, "bold") if entity.id in self.emphasised else Content(text)

    def _date_label(self, entity: Entity) -> str:
        surface = self.index.mentions[entity.mentions[0]].text
        return f"{surface} {entity.canonical}" if entity.canonical != surface else surface

    def _rebuild(self) -> None:
        keep = self.selected_entity
        options: list[Option] = []
        for kind in ENTITY_TYPES:
            group = [e for e in self.index.entities if e.type == kind]
            if not group:
                continue
            options.append(
                Option(
                    Content.styled(f"{TYPE_LABELS[kind]} {len(group)}", "bold underline"),
                    id=f"type-{kind}",
                    disabled=True,
                )
            )
            options.extend(Option(self._row(e), id=f"entity-{e.id}") for e in self._ordered(group))
        if not options:
            if self.failure is not None:
                message = f"The names could not be found ({self.failure})."
            else:
                message = "No names found in this text." if self.loaded else "Finding the names…"
            options.append(Option(Content(message), id="none", disabled=True))
        self.clear_options()
        self.add_options(options)
        if keep is not None:
            self.highlighted = self.get_option_index(f"entity-{keep.id}")
        elif options and self.highlighted is None:
            self.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    # -- actions, messages up ----------------------------------------------------
    def action_toggle_order(self) -> None:
        """Switch between ordering by first mention and by count."""
        self.by_count = not self.by_count
        self._rebuild()
        self.notify("Entities by count" if self.by_count else "Entities by first mention", timeout=2)

    def action_mention(self, step: int) -> None:
        """Ask for the next (``step`` 1) or previous (-1) mention of the selected entity."""
        entity = self.selected_entity
        if entity is None:
            return
        current = self._position.get(entity.id, 0 if step > 0 else len(entity.mentions))
        target = current + step if entity.id in self._position else (0 if step > 0 else len(entity.mentions) - 1)
        wrapped = not 0 <= target < len(entity.mentions)
        target %= len(entity.mentions)
        self._post(entity, target, wrapped)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self.selected_entity
        if entity is not None:
            self._post(entity, 0, False)

    def _post(self, entity: Entity, position: int, wrapped: bool) -> None:
        self._position[entity.id] = position
        mention_index = entity.mentions[position]
        mention = self.index.mentions[mention_index]
        self.post_message(self.ShowMention(self, entity, mention_index, mention.start, mention.end, wrapped))


def _needs_reading(name: str, reading: str) -> bool:
    """A reading is shown for names with kanji (プーチン needs no ぷーちん)."""
    from reader.core.analysis.kana import has_kanji

    return reading != name and has_kanji(name)
