"""How readings are shown: furigana above, inline or off; over which words; romaji; the learner's level.

:class:`ReadingModes` owns these settings and the furigana filter built from
them (words above the learner's JLPT level, or words not marked known).  Each
change is saved by the screen and reported with
:class:`ReadingModes.Changed`; the screen gives the view (and the copies) what
changed.  The header's mode text is written here too, and which mark layers
(glossary underlines, name colours, status colours) are on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from reader.core.analysed import AnalysedText
from reader.core.layers import RubySpan, Token
from reader.core.layout import Placement
from reader.data.config import FURIGANA_FILTERS, Settings

__all__ = ["FILTER_NAMES", "MARK_LAYERS", "ReadingModes"]

FILTER_NAMES = {"all": "all words", "level": "above my level", "unknown": "not known"}

MARK_LAYERS = {
    "glossary": ("mark_glossary", "Glossary terms underlined", "Glossary terms not underlined"),
    "entities": ("mark_entities", "Names coloured by type", "Names not coloured"),
    "status": ("mark_status", "Word status colours on", "Word status colours off"),
}
"""Mark layers ``U``, ``E`` and ``C`` switch: their setting and what the notice says."""


class ReadingModes(Widget):
    """The reading modes of the settings, and the furigana filter they make."""

    DEFAULT_CSS = "ReadingModes { display: none; }"

    @dataclass
    class Changed(Message):
        """A mode changed (``notice``: what to tell the reader, if anything)."""

        notice: str = ""
        level_changed: bool = False

    def __init__(self, settings: Settings, text: AnalysedText, is_known: Callable[[Token], bool]) -> None:
        super().__init__()
        self.settings = settings
        self.text = text
        self.is_known = is_known
        self.keep: Callable[[RubySpan], bool] | None = None
        """The furigana filter (None: a reading over every kanji)."""

    @property
    def placement(self) -> Placement:
        return Placement(self.settings.furigana)

    @property
    def romaji(self) -> bool:
        return self.settings.romaji

    def cycle_furigana(self) -> None:
        """``f``: above → inline → off."""
        modes = list(Placement)
        self.settings.furigana = modes[(modes.index(self.placement) + 1) % len(modes)].value
        self.post_message(self.Changed())

    def toggle_romaji(self) -> None:
        """``r``: romaji above every word, on or off."""
        self.settings.romaji = not self.settings.romaji
        self.post_message(self.Changed())

    def set_romaji_style(self, style: str) -> None:
        """The romaji system: Hepburn, Hepburn with ou, Kunrei, passport."""
        self.settings.romaji_style = style
        self.post_message(self.Changed(f"Romaji: {style}"))

    def set_level(self, level: str) -> None:
        """The learner's JLPT level (the furigana filter, W/B and the glossary use it)."""
        self.settings.level = level
        self.update_filter(post=False)
        self.post_message(self.Changed(f"Your level: {level}; words above it count as hard", level_changed=True))

    def cycle_filter(self) -> None:
        """``F``: readings over all words → words above my level → words not known."""
        filters = FURIGANA_FILTERS
        self.settings.furigana_filter = filters[(filters.index(self.settings.furigana_filter) + 1) % len(filters)]
        self.update_filter(post=False)
        label = FILTER_NAMES[self.settings.furigana_filter]
        if self.settings.furigana_filter == "level":
            label += f" ({self.settings.level})"
        self.post_message(self.Changed(f"Furigana over {label}"))

    def toggle_marks(self, layer: str) -> str:
        """``U``, ``E``, ``C``: a mark layer (:data:`MARK_LAYERS`) on or off; what the notice says."""
        setting, on_text, off_text = MARK_LAYERS[layer]
        shown = not getattr(self.settings, setting)
        setattr(self.settings, setting, shown)
        return on_text if shown else off_text

    def update_filter(self, *, post: bool = True) -> None:
        """Build the filter again (new words analysed, or marks changed the known words)."""
        keep = None
        if self.settings.furigana_filter != "all" and not self.text.empty:
            from reader.core.analysis.filters import make_ruby_filter
            from reader.core.lexicon.levels import word_level

            keep = make_ruby_filter(
                self.settings.furigana_filter,
                self.text.tokens_in,
                level=self.settings.level,
                level_of=lambda token: word_level(token.lemma, token.reading),
                is_known=self.is_known,
            )
        self.keep = keep
        if post:
            self.post_message(self.Changed())

    def mode_text(self, state: str, share: str) -> str:
        """``furigana: above (not known) · romaji · reading 40% · known 12%`` for the header."""
        mode = f"furigana: {self.placement.value}"
        if self.settings.furigana_filter != "all" and not self.romaji:
            mode += f" ({FILTER_NAMES[self.settings.furigana_filter]})"
        if self.romaji:
            mode += " · romaji"
        if state:
            mode += f" · {state}"
        if share:
            mode += f" · {share}"
        return mode
