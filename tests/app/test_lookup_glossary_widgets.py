"""Pilot tests of the look-up panel, the entry modal and the glossary panel."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.core.analysis.glossary import GlossaryPart, GlossaryTerm
from reader.core.lexicon.dictionary import lookup_word
from reader.screens.entry import EntryScreen
from reader.widgets.glossary import GlossaryPanel
from reader.widgets.lookup import LookupPanel

TERMS = (
    GlossaryTerm("条約", "じょうやく", "treaty", "", "jmdict", "a JLPT N1 word", (), ((10, 12), (40, 42), (90, 92))),
    GlossaryTerm(
        "砲弾",
        "ほうだん",
        "artillery shell [not markup]",
        "",
        "curated",
        "curated for this article",
        (GlossaryPart("砲", "ほう", "gun"),),
        ((20, 22),),
    ),
)


class GlossaryApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.jumps: list[tuple[str, int, tuple[int, int]]] = []

    def compose(self) -> ComposeResult:
        yield GlossaryPanel(TERMS, id="glossary")

    def on_glossary_panel_jump_to(self, message: GlossaryPanel.JumpTo) -> None:
        self.jumps.append((message.term.surface, message.index, message.span))


class LookupApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LookupPanel(id="lookup")


async def test_glossary_keys_post_jumps():
    app = GlossaryApp()
    async with app.run_test() as pilot:
        panel = app.query_one(GlossaryPanel)
        panel.focus()
        await pilot.press("enter")
        await pilot.press("full_stop", "full_stop", "full_stop")
        await pilot.press("comma")
        await pilot.pause()
        assert app.jumps == [
            ("条約", 0, (10, 12)),
            ("条約", 1, (40, 42)),
            ("条約", 2, (90, 92)),
            ("条約", 0, (10, 12)),
            ("条約", 2, (90, 92)),
        ]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.jumps[-1] == ("砲弾", 0, (20, 22))
        assert panel.border_subtitle == "2 terms"


async def test_glossary_lists_terms_in_order_with_reading_and_meaning():
    app = GlossaryApp()
    async with app.run_test():
        panel = app.query_one(GlossaryPanel)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert "条約" in labels[0] and "じょうやく" in labels[0] and "treaty" in labels[0]
        assert "★" in labels[1] and "[not markup]" in labels[1]
        panel.set_terms(())
        # An empty glossary says so in one disabled row; nothing can be chosen.
        assert panel.option_count == 1 and panel.get_option_at_index(0).disabled and panel.current is None
        assert "No terms" in str(panel.get_option_at_index(0).prompt)


async def test_lookup_panel_shows_entry_and_modal():
    entry = lookup_word("強め", "強める", "つよめ", ("動詞", "一般"))
    assert entry is not None
    app = LookupApp()
    async with app.run_test() as pilot:
        panel = app.query_one(LookupPanel)
        panel.show_entry(entry)
        await pilot.pause()
        shown = str(panel.render())
        assert "強める" in shown and "to strengthen" in shown and "強" in shown
        app.push_screen(EntryScreen(entry))
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        body = str(app.screen.query_one("#entry-text").render())
        assert "JMdict entry" in body and "strokes" in body
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntryScreen)
        panel.show_entry(None, "ナルイシキン")
        assert "no dictionary entry" in str(panel.render())
        panel.show_message("[b]loading[/b]")
        assert "[b]loading[/b]" in str(panel.render())
