"""The reader's start-up on the corpus: it refuses with the one line, or opens and stays usable.

A file the reader cannot load gets the command line's one line (checked through
``yomu FILE`` in-process: without a terminal the loadable ones end with the
"needs a terminal" line instead).  A file it loads opens; whatever the engines
make of it, the window shows the text (or says readings are unavailable) and
keeps taking keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import YomuApp
from reader.core.sources import SourceError, load_document
from reader.data.config import Settings
from tests.hardening.cli import assert_rule, run_cli
from tests.hardening.corpus import CORPUS_FOR_READER, Nasty, contents
from tests.hardening.test_hostile_string import raw_controls


async def settled(app: YomuApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the readings, glossary and names, or for the readings to have failed (said in the header)."""
    from reader.screens.reader import ReaderScreen

    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    for _ in range(300):
        await pilot.pause(0.05)
        analysis = screen.analysis
        failed = analysis.state == "readings unavailable"
        layers_in = analysis.entity_index is not None and analysis.glossary_ready and screen.text.complete
        if (failed or layers_in) and not any(worker.is_running for worker in screen.workers):
            return
    raise AssertionError("the reader never settled")


@pytest.mark.parametrize("nasty", contents(), ids=lambda n: n.name)
def test_yomu_file_refuses_with_one_line_or_asks_for_a_terminal(nasty: Nasty, tmp_path: Path) -> None:
    path = tmp_path / f"{nasty.name}.txt"
    path.write_bytes(nasty.data)
    run = run_cli(str(path))
    assert_rule(run, ok=False)
    if nasty.ok is False:
        assert any(word in run.err for word in nasty.expect), run.err
    elif nasty.ok is True:
        assert "needs a terminal" in run.err


@pytest.mark.parametrize("nasty", [n for n in contents() if n.name in CORPUS_FOR_READER], ids=lambda n: n.name)
async def test_the_reader_opens_and_stays_usable(nasty: Nasty, tmp_path: Path) -> None:
    path = tmp_path / f"{nasty.name}.txt"
    path.write_bytes(nasty.data)
    try:
        document = load_document(str(path))
    except SourceError:
        assert nasty.ok is not True
        return
    app = YomuApp(document, Settings(show_glossary=True, show_entities=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(app, pilot)
        for keys in (("w", "w", "l"), ("f",), ("r",), ("]", "[", "j", "end", "home"), ("g",), ("e",), ("escape",)):
            await pilot.press(*keys)
            await pilot.pause()
        assert app.is_running and app.failure is None
        screen = app.export_screenshot()
        assert raw_controls(screen) == []
        header = str(app.screen.query_one("#header").render())
        assert "section" in header
    assert app.return_code in (None, 0)
