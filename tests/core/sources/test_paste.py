"""The clipboard as a source: a real X clipboard under Xvfb (xclip), and one clear line without one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.clipboard import copy_text, paste_text
from reader.data.library import Library, open_pasted
from tests.conftest import ROOT
from tests.test_clipboard import no_display, on_display, xvfb  # noqa: F401 - fixtures

TEXT = "猫の話\n\n　吾輩《わがはい》は猫である。名前はまだ無い。\n"


def test_pasted_text_opens_as_a_new_text_and_is_kept(on_display: str) -> None:  # noqa: F811
    assert copy_text(TEXT).method == "clipboard"
    opened = open_pasted(paste_text())
    document = opened.document
    assert opened.kind == "paste" and document.source.kind == "aozora"  # the origin, and the format
    assert [(document.text[s.start : s.end], s.reading) for s in document.ruby] == [("吾輩", "わがはい")]
    assert Path(opened.copy).read_text(encoding="utf-8") == TEXT  # reopens offline from the kept copy
    with Library.open() as library:
        library.remember(opened.key, document, source=opened.source, kind=opened.kind, copy=opened.copy)
        assert library.entries()[0].source == "(pasted)"


def test_paste_without_a_clipboard_is_one_line(no_display: None) -> None:  # noqa: F811
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--paste"], capture_output=True, cwd=ROOT, env=env, timeout=60
    )
    err = result.stderr.decode()
    assert result.returncode == 1 and err.count("\n") == 1 and "clipboard" in err and "Traceback" not in err
