"""Property: any bytes a file may hold, through annotate, entities and glossary, keep the error rule.

Random Unicode (control characters, lone surrogates where the codec lets them
through, ideographic variation sequences, long lines, brackets, markup, escape
sequences), written in a random encoding, gives exit 0, or exit 1 with exactly
one line on stderr, and never a traceback.  In-process calls of
``reader.cli.main`` keep it fast; one subprocess run checks the real entry point.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.hardening.cli import assert_rule, run_cli
from tests.hardening.corpus import HOSTILE

SNIPPETS = (
    HOSTILE,
    "葛\U000e0100",
    "\U000e0101",
    "\ufe0f",
    "「",
    "」",
    "《",
    "》",
    "｜",
    "[bold]",
    "[/]",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x")',
    "\ufeff",
    "\u3000",
    "\r\n",
    "\r",
    "\n\n",
    "\u2028",
    "\u202e",
    "。",
    "、",
    "99999999999999999999日",
    "令和元年",
    "平成25年12月",
    "𠮷",
    "ｶﾀｶﾅ",
    "プーチン大統領",
    "金正恩(キム・ジョンウン)",
)
"""Pieces that have broken a parser or an engine somewhere, or that drive terminals and spreadsheets."""

characters = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
"""Every code point, control characters and lone surrogates included."""
long_lines = st.builds(
    lambda piece, count: piece * count, st.sampled_from(("長い文章です", "a", "漢", "「")), st.integers(100, 12000)
)
texts = st.lists(
    st.one_of(st.text(characters, max_size=30), st.sampled_from(SNIPPETS), long_lines),
    max_size=10,
).map("".join)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32-be", "cp932", "euc_jp", "gb18030")


def encode(text: str, encoding: str) -> bytes:
    """``text`` as a file in ``encoding``; lone surrogates pass where the codec allows it."""
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors)


@settings(
    max_examples=int(os.environ.get("YOMU_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=texts, encoding=st.sampled_from(ENCODINGS))
def test_random_text_in_any_encoding_keeps_the_error_rule(text: str, encoding: str) -> None:
    data = encode(text, encoding)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.txt"
        path.write_bytes(data)
        for command in (("annotate", "--format", "anki"), ("entities", "--format", "tsv"), ("glossary",)):
            assert_rule(run_cli(*command, str(path)))
        assert_rule(run_cli("annotate", "-", "--format", "romaji", stdin=data))


def test_the_console_script_keeps_the_rule_in_a_real_process(tmp_path: Path) -> None:
    """The smoke test of the entry point: a traceback-prone input, the real exit status and streams."""
    path = tmp_path / "nasty.txt"
    path.write_bytes(("題名\n\n" + "長い文章です。" * 8000 + HOSTILE + "葛\U000e0100\n").encode())
    for command in (("annotate",), ("entities",), ("glossary",)):
        done = subprocess.run(
            [sys.executable, "-m", "reader", *command, str(path)],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            env=os.environ.copy(),
        )
        err = done.stderr.decode("utf-8")
        assert b"Traceback" not in done.stderr
        assert done.returncode == 0 or (done.returncode == 1 and err.count("\n") == 1), (done.returncode, err)


def test_yomu_debug_shows_the_traceback_the_one_line_hides(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    import reader.data.documents as documents

    def broken(*_args: object, **_kwargs: object) -> str:
        raise KeyError("engine fell over")

    monkeypatch.setattr(documents, "load_cached", broken)  # where `yomu annotate` reads its file
    path = tmp_path / "a.txt"
    path.write_text("題名\n\n本文です。\n", encoding="utf-8")
    run = run_cli("annotate", str(path))
    assert run.status == 1
    assert run.err == f"yomu: {path}: KeyError: 'engine fell over' (YOMU_DEBUG=1 shows where)\n"
    monkeypatch.setenv("YOMU_DEBUG", "1")
    with pytest.raises(KeyError):
        run_cli("annotate", str(path))
