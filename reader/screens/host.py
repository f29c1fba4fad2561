"""What the reader screen's mixins may rely on, for the type checker.

The reader screen is split by feature into mixins (look-up and glossary,
entities, copying, study); each uses a few attributes of the screen that hosts
it.  At run time :class:`ReaderHost` is plain ``object``; for mypy it is a
Screen with those attributes, so the mixins type-check on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from reader.core.analysis.entities import EntityIndex
    from reader.core.analysis.glossary import GlossaryTerm
    from reader.core.document import Document
    from reader.core.layers import Analysis, RubySpan
    from reader.core.study import StudyStore
    from reader.data.config import Settings

    class ReaderHost(Screen[None]):
        """The attributes of ReaderScreen that its mixins use."""

        document: Document
        settings: Settings
        analysis: Analysis | None
        store: StudyStore | None
        glossary_terms: tuple[GlossaryTerm, ...]
        entity_index: EntityIndex | None

        def _save(self) -> None: ...
        def _ensure_panels(self) -> None: ...
        def _update_header(self) -> None: ...
        def _apply_filter(self) -> None: ...
        def _toggle_side_panel(self, panel: Widget, setting: str) -> None: ...
        def ruby_filter(self) -> Callable[[RubySpan], bool] | None: ...
        def _mark_statuses(self) -> None: ...
        def load_readings(self) -> Any: ...

else:
    ReaderHost = object

__all__ = ["ReaderHost"]
