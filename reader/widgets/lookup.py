"""The look-up panel: the dictionary entry of the word under the cursor.

The panel only shows data it is given (:meth:`LookupPanel.show_entry`); the
screen looks the word up in a worker and hands the :class:`WordEntry` over.
Every piece of text goes in as :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.core.lexicon.dictionary import KanjiEntry, WordEntry

SHORT_SENSES = 3
"""Senses the panel shows; the full entry (Enter) shows all."""


def _kanji_line(kanji: KanjiEntry) -> str:
    facts = []
    if kanji.strokes:
        facts.append(f"{kanji.strokes} strokes")
    if kanji.grade:
        facts.append(f"grade {kanji.grade}")
    if kanji.jlpt:
        facts.append(kanji.jlpt)
    readings = " ".join(kanji.on_readings[:3])
    if kanji.kun_readings:
        readings += " / " + " ".join(kanji.kun_readings[:3])
    meaning = ", ".join(kanji.meanings[:4])
    return f"{kanji.character}  {meaning}  ·  {readings}" + (f"  ({', '.join(facts)})" if facts else "")


def entry_lines(entry: WordEntry, senses: int | None = SHORT_SENSES) -> list[str]:
    """The lines of an entry as the panel (``senses`` shown) or the modal (all) writes them."""
    head = f"{entry.surface}  {entry.reading}"
    if entry.inflected or entry.headword != entry.surface:
        head += f"  → {entry.headword} {entry.headword_reading}"
    lines = [head]
    facts = [entry.jlpt or "not in JLPT lists"] if entry.source == "jmdict" else ["JMnedict (name)"]
    facts.extend(entry.tags)
    if entry.pos:
        facts.append(" ".join(p for p in entry.pos[:3] if p != "*"))
    lines.append(" · ".join(facts))
    shown = entry.senses if senses is None else entry.senses[:senses]
    for number, sense in enumerate(shown, 1):
        text = f"{number}. {'; '.join(sense.glosses)}"
        notes = [*sense.pos[:2], *sense.tags] if senses is None else list(sense.tags)
        if notes:
            text += f"  [{', '.join(notes)}]"
        lines.append(text)
    if senses is not None and len(entry.senses) > senses:
        lines.append(f"… {len(entry.senses) - senses} more (Enter)")
    if senses is None and entry.other_forms:
        lines.append("Other forms: " + "、".join(entry.other_forms))
    for kanji in entry.kanji:
        lines.append(_kanji_line(kanji))
    return lines


class LookupPanel(Static):
    """Shows the entry of the word under the cursor (or says why there is none)."""

    DEFAULT_CSS = """
    LookupPanel { height: auto; max-height: 12; padding: 0 1; border-top: solid $primary; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content("No word chosen (w moves the word cursor)."), id=id, classes=classes, markup=False)
        self.entry: WordEntry | None = None

    def show_entry(self, entry: WordEntry | None, surface: str = "") -> None:
        """Show ``entry``; ``None`` says the dictionaries have no entry for ``surface``."""
        self.entry = entry
        if entry is None:
            self.update(Content(f"{surface}: no dictionary entry"))
            return
        self.update(Content("\n".join(entry_lines(entry))))

    def show_message(self, message: str) -> None:
        """Show a line of status (loading, dictionary missing)."""
        self.entry = None
        self.update(Content(message))
