"""The reader screen's entity behaviour (a mixin of ReaderScreen).

Entities are extracted in a thread worker once the readings are known; the
sidebar lists them, its Enter and ``.``/``,`` ask for mentions, which the
screen brings into view with the word cursor; mentions are coloured by type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work

from reader.screens.host import ReaderHost
from reader.widgets.article_view import ArticleView, Mark

if TYPE_CHECKING:
    from reader.core.analysis.entities import EntityIndex
    from reader.widgets.entities import EntitySidebar


class EntityControls(ReaderHost):
    """Entity sidebar, mention colours and jumps."""

    entity_index: EntityIndex | None = None

    @property
    def entity_sidebar(self) -> EntitySidebar:
        self._ensure_panels()
        return cast("EntitySidebar", self.query_one("#entities"))

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False, description="find the names")
    def extract_entities(self) -> None:
        """Find the people, places, organisations … of the article (in a thread)."""
        from reader.core.analysis.entities import extract_entities, find_article_date

        analysis = self.analysis
        if analysis is None:
            return
        index = extract_entities(self.document.text, analysis, article_date=find_article_date(self.document.text))
        self.app.call_from_thread(self._entities_ready, index)

    def _entities_ready(self, index: EntityIndex) -> None:
        self.entity_index = index
        sidebar = self.entity_sidebar
        sidebar.set_index(index)
        section = self.query_one(ArticleView).section_at_top()
        sidebar.emphasise(section.index, section.start, section.end)
        self._mark_entities()

    def _mark_entities(self) -> None:
        view = self.query_one(ArticleView)
        index = self.entity_index
        if index is None or not self.settings.mark_entities:
            view.set_marks("entities", [])
            return
        view.set_marks(
            "entities",
            [
                Mark(mention.start, mention.end, f"article-view--entity-{mention.type.lower()}")
                for mention in index.mentions
            ],
        )

    def on_entity_sidebar_show_mention(self, event: EntitySidebar.ShowMention) -> None:
        view = self.query_one(ArticleView)
        view.place_cursor(event.start)
        if event.wrapped:
            self.notify(
                f"{event.entity.canonical}: back to the first mention"
                if event.mention_index == event.entity.mentions[0]
                else f"{event.entity.canonical}: round to the last mention",
                timeout=2,
                markup=False,
            )

    def emphasise_entities(self, section_index: int) -> None:
        """The entities of the section on screen stand out in the sidebar."""
        if self.entity_index is None:
            return
        section = self.document.sections[section_index]
        self.entity_sidebar.emphasise(section_index, section.start, section.end)

    def action_toggle_entities(self) -> None:
        self._toggle_side_panel(self.entity_sidebar, "show_entities")

    def action_toggle_entity_marks(self) -> None:
        self.settings.mark_entities = not self.settings.mark_entities
        self._mark_entities()
        self._save()
        self.notify("Names " + ("coloured by type" if self.settings.mark_entities else "not coloured"), timeout=2)
