"""The core never imports Textual or Rich: it must stay usable without a UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_neither_textual_nor_rich() -> None:
    modules = sorted(
        "reader.core." + ".".join(path.relative_to(ROOT / "reader" / "core").with_suffix("").parts)
        for path in (ROOT / "reader" / "core").rglob("*.py")
        if path.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "", f"reader.core pulled in: {result.stdout.strip()}"
    assert len(modules) >= 5
