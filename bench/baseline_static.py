"""Baseline for the screen benchmark: a bare Textual app showing the same text in a Static.

usage: python bench/baseline_static.py FILE
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class Baseline(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, markup=False)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        Baseline(handle.read()).run()
