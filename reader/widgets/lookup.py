"""The look-up panel: the dictionary entry of the word under the cursor.

The screen tells the panel which word the cursor is on
(:meth:`LookupPanel.show_word`); the panel looks it up in its own worker
(jamdict keeps one connection per thread) and shows the entry if the cursor is
still on that word when it arrives.  The word's pitch accent follows from the
same worker (the sound extra: ``はꜜし · はし (unidic+openjtalk)``), on the line
under the headword; without the extra the panel says once what to install.
Enter opens the full entry.  Every piece of text goes in as
:class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker

from reader.core.document import GaijiNote
from reader.core.layers import Token
from reader.core.lexicon.dictionary import KanjiEntry, WordEntry
from reader.messages import failure_of

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


def gaiji_line(note: GaijiNote) -> str:
    """A character the source could only describe: ``〓 = 「言＋虚」 (第4水準2-88-74)``."""
    code = f" ({note.code})" if note.code else ""
    shown = "a character the source describes as" if note.resolved else "〓 ="
    return f"{shown} 「{note.description}」{code}"


class LookupPanel(Static):
    """Shows the entry of the word under the cursor (or says why there is none)."""

    DEFAULT_CSS = """
    LookupPanel { height: auto; max-height: 12; padding: 0 1; border-top: solid $primary; }
    """

    class _Found(Message, bubble=False):
        def __init__(self, token: Token, entry: WordEntry | None, error: str | None = None) -> None:
            super().__init__()
            self.token, self.entry, self.error = token, entry, error

    class _AccentFound(Message, bubble=False):
        def __init__(self, token: Token, line: str | None) -> None:
            super().__init__()
            self.token, self.line = token, line

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content("No word chosen (w moves the word cursor)."), id=id, classes=classes, markup=False)
        self.entry: WordEntry | None = None
        self.token: Token | None = None
        self.gaiji: tuple[GaijiNote, ...] = ()
        """The word shown (or being looked up)."""
        self.accent_line: str | None = None
        """The pitch accent of the word shown, as the panel writes it (None: none known, or not yet)."""
        self._sound_missing = False
        """The sound extra is missing: the panel said so once and asks no more."""
        self._surface = ""

    def show_word(self, token: Token | None, gaiji: Sequence[GaijiNote] = ()) -> None:
        """Look ``token`` up and show its entry (None: say how to choose a word).

        ``gaiji`` are notes on characters of the word the source could only
        describe (Aozora's ※［＃…］): they are shown with the entry.
        """
        self.token = token
        self.gaiji = tuple(gaiji)
        if token is None:
            self.show_message("w / b move the word cursor; the word's entry shows here.")
            return
        self.show_message(f"{token.surface} {token.reading} …")
        self._look_up(token)

    @work(thread=True, exclusive=True, group="lookup", exit_on_error=False, description="look up a word")
    def _look_up(self, token: Token) -> None:
        from reader.core.lexicon import DictionaryUnavailable
        from reader.core.lexicon.dictionary import lookup_word

        try:
            entry = lookup_word(token.surface, token.lemma, token.reading, token.pos)
        except DictionaryUnavailable as error:
            self.post_message(self._Found(token, None, str(error)))
            return
        self.post_message(self._Found(token, entry))
        if not self._sound_missing:
            # After the entry is on screen: the first accent loads the engine (a few tenths of a second).
            self.post_message(self._AccentFound(token, self._accent_line(token, entry)))

    def _accent_line(self, token: Token, entry: WordEntry | None) -> str | None:
        from reader.integrations.sound import SoundUnavailable, accent_of

        word = entry if entry is not None else token
        try:
            accent = accent_of(word.surface, word.lemma, word.reading, word.pos)
        except SoundUnavailable as error:
            self._sound_missing = True
            return f"pitch accent: {error}"
        if accent is None:
            return None
        return f"pitch {' · '.join(accent.notations())}  ({accent.source})"

    def _on_lookup_panel__found(self, message: _Found) -> None:
        current = self.token
        if current is None or (current.start, current.end) != (message.token.start, message.token.end):
            return  # the cursor moved on while this look-up ran
        if message.error is not None:
            self.show_message(message.error)
        else:
            self.show_entry(message.entry, message.token.surface)

    def _on_lookup_panel__accent_found(self, message: _AccentFound) -> None:
        current = self.token
        if current is None or (current.start, current.end) != (message.token.start, message.token.end):
            return
        self.accent_line = message.line
        if message.line is not None:
            self._show_lines()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        failure = failure_of(event)
        if failure is not None:
            self.show_message(f"Look-up failed: {failure.error}")
            self.post_message(failure)

    def show_entry(self, entry: WordEntry | None, surface: str = "") -> None:
        """Show ``entry``; ``None`` says the dictionaries have no entry for ``surface``."""
        self.entry = entry
        self._surface = surface
        self._show_lines()

    def _show_lines(self) -> None:
        """The entry (or its absence), with the accent under the headword once it is known, and gaiji notes."""
        entry = self.entry
        lines = entry_lines(entry) if entry is not None else [f"{self._surface}: no dictionary entry"]
        if self.accent_line is not None:
            lines.insert(1, self.accent_line)
        lines += [gaiji_line(note) for note in self.gaiji]
        self.update(Content("\n".join(lines)))

    def show_message(self, message: str) -> None:
        """Show a line of status (loading, dictionary missing)."""
        self.entry = None
        self.accent_line = None
        self.update(Content(message))
