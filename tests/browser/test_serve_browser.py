"""End to end in a real browser: ``yomu serve``, headless chromium, keys, the terminal's text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from reader.core.cells import cell_len
from tests.browser.conftest import ReaderPage, Serve, needs_chromium, needs_noto_cjk
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, needs_chromium]

TITLE = "プーチン大統領が18日から北朝鮮訪問"


def ruby_over(screen: str, base: str, reading: str) -> tuple[int, int, int, int]:
    """Cell columns (start, end) of ``reading`` and of the ``base`` under it, on the first such pair of rows."""
    rows = screen.split("\n")
    for upper, lower in itertools.pairwise(rows):
        if reading in upper and base in lower:
            start = cell_len(upper[: upper.index(reading)])
            base_start = cell_len(lower[: lower.index(base)])
            return start, start + cell_len(reading), base_start, base_start + cell_len(base)
    raise AssertionError(f"no row with {reading} above a row with {base}:\n{screen}")


def font_check(page: ReaderPage) -> dict[str, float | bool | str]:
    """Widths in the terminal's own font: a kanji and a kana must take exactly two Latin cells."""
    return page.page.evaluate(
        """() => {
          const t = window.__yomuTerminal;
          const font = `${t.options.fontSize}px ${t.options.fontFamily}`;
          const context = document.createElement("canvas").getContext("2d");
          context.font = font;
          const width = (s) => context.measureText(s).width;
          return {font, latin: width("a"), kanji: width("統"), kana: width("だ"),
                  loaded: document.fonts.check(font, "大統領だいとうりょう")};
        }"""
    )


def platform_fonts(page: ReaderPage, text: str) -> list[str]:
    """The fonts chromium really draws ``text`` with in the terminal's font family (DevTools CSS domain)."""
    page.page.evaluate(
        """(text) => {
          const span = document.createElement("span");
          span.id = "font-probe";
          span.style.fontFamily = window.__yomuTerminal.options.fontFamily;
          span.textContent = text;
          document.body.appendChild(span);
        }""",
        text,
    )
    cdp = page.page.context.new_cdp_session(page.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#font-probe"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in fonts]


@needs_noto_cjk
def test_the_served_reader_shows_the_seed_with_furigana_and_takes_keys(serve: Serve, browser: ReaderPage) -> None:
    served = serve(str(SEED))
    url = served.wait_for_url()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
    response = browser.open(url)
    assert response is not None and response.status == 200
    browser.wait_for(TITLE)
    browser.wait_for("だいとうりょう")  # readings arrive from the reader's worker
    browser.wait_for("known 0%")  # ... then the names and the share of known words
    # The page has the keyboard and the reader knows it: the footer lists the keys before any is pressed.
    screen = browser.wait_for("q Quit")
    browser.screenshot("furigana-above")
    assert "section 1/11" in screen
    assert "furigana: above" in screen
    # The reading row sits over its word, centred by cells, as in a terminal.
    ruby_start, ruby_end, base_start, base_end = ruby_over(screen, "大統領", "だいとうりょう")
    assert ruby_start <= base_start and base_end <= ruby_end
    assert abs((ruby_start + ruby_end) - (base_start + base_end)) <= 2
    # In the browser's font a kanji and a kana fill exactly two cells, so the
    # row of readings lines up over the kanji on the page, not only in the buffer.
    widths = font_check(browser)
    assert widths["loaded"], widths
    assert widths["kanji"] == pytest.approx(2 * float(widths["latin"]), abs=0.01), widths
    assert widths["kana"] == pytest.approx(2 * float(widths["latin"]), abs=0.01), widths
    assert "Noto Sans Mono CJK JP" in platform_fonts(browser, "大統領だいとうりょう")
    assert browser.page.title().endswith("· yomu")  # the text's title, then yomu

    browser.press("]")
    screen = browser.wait_for("section 2/11")
    assert "ロシア大統領府高官" in screen
    browser.screenshot("next-section")
    browser.press("f")
    screen = browser.wait_for("furigana: inline")
    browser.wait_for("(だいとうりょう)")
    browser.screenshot("furigana-inline")

    assert served.stop() == 0
    assert "yomu: reading in the browser at" in served.printed()


def test_the_page_reads_the_file_given_and_shows_its_title(serve: Serve, browser: ReaderPage, tmp_path: Path) -> None:
    article = tmp_path / "東京の 雨 $(id).txt"  # the shell that starts each reader must see one word
    article.write_bytes("東京の天気\n\n今日は東京で雨が降りました。\n".encode("shift_jis"))
    served = serve(str(article))
    browser.open(served.wait_for_url())
    browser.wait_for("東京の天気")
    screen = browser.wait_for("とうきょう")
    assert "今日は東京で雨が降りました" in screen.replace(" ", "")
    assert browser.page.title() == "東京の天気 · yomu"
    browser.press("q")
    browser.page.wait_for_selector("body.-closed", timeout=15_000)
    assert browser.page.is_visible("text=The reader has ended.")
    browser.screenshot("ended")


def test_a_network_bound_page_needs_the_token(serve: Serve, browser: ReaderPage) -> None:
    served = serve(str(SEED), "--host", "0.0.0.0")
    url = served.wait_for_url()
    found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]{20,})/", url)
    assert found, url
    port = found.group(1)
    without = browser.open(f"http://127.0.0.1:{port}/")
    assert without is not None and without.status == 403
    assert "token" in browser.page.content()
    with_token = browser.open(url)
    assert with_token is not None and with_token.status == 200
    browser.wait_for(TITLE)
    browser.screenshot("with-token")
    assert "anyone with this address" in served.printed()


def test_a_copy_in_the_page_reaches_the_browsers_clipboard(serve: Serve, browser: ReaderPage) -> None:
    # No display for the server (the fixture removes DISPLAY): the reader sends
    # the excerpt through the terminal (OSC 52) and xterm.js hands it to the browser.
    served = serve(str(SEED))
    url = served.wait_for_url()
    browser.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    browser.open(url)
    browser.wait_for("known 0%")  # the whole text's readings are in (a copy before has none)
    browser.wait_for("q Quit")
    for key in ("w", "y", "s"):  # the word cursor, then copy its sentence
        browser.press(key)
    browser.wait_for("Copied the sentence")
    browser.screenshot("copied")
    copied = browser.page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("プーチン 大統領[だいとうりょう]が"), copied
