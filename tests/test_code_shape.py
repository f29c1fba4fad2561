"""The code stays in rooms a newcomer can read: no module over 500 lines, no mixin classes."""

from __future__ import annotations

import ast
from pathlib import Path

READER = Path(__file__).resolve().parents[1] / "reader"
MAX_LINES = 500


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(path.relative_to(READER)): n
        for path in READER.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_class_is_a_mixin() -> None:
    mixins = [
        f"{path.relative_to(READER)}: {node.name}"
        for path in READER.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and "mixin" in node.name.lower()
    ]
    assert mixins == []
