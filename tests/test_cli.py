"""The command line as a script or a person uses it: output, errors, exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, input=stdin, cwd=ROOT, env=os.environ.copy(), timeout=120
    )


def bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "missing": tmp / "missing.txt",
        "directory": tmp,
        "empty": tmp / "empty.txt",
        "binary": tmp / "image.png",
        "undecodable": tmp / "latin.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    files["undecodable"].write_bytes(bytes(range(0x80, 0x100)) * 4)
    return files


@pytest.mark.parametrize("command", [(), ("annotate",)])
def test_bad_input_gets_one_line_and_status_1(command: tuple[str, ...], tmp_path: Path) -> None:
    for problem, path in bad_files(tmp_path).items():
        result = run(*command, str(path))
        err = result.stderr.decode()
        assert result.returncode == 1, (problem, err)
        assert "Traceback" not in err, problem
        assert err.count("\n") == 1, (problem, err)
        assert str(path) in err, problem
        assert result.stdout == b""


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "secret.txt"
    path.write_text("題名\n")
    path.chmod(0)
    result = run("annotate", str(path))
    assert result.returncode == 1
    assert b"permission denied" in result.stderr


def test_annotate_plain_prints_the_decoded_text(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    sjis = tmp_path / "article.txt"
    sjis.write_bytes(text.replace("\n", "\r\n").encode("cp932"))
    result = run("annotate", str(sjis), "--format", "plain")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == text


def test_annotate_aozora_strips_back_to_the_text() -> None:
    import re

    result = run("annotate", str(SEED), "--format", "aozora")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "プーチン｜大統領《だいとうりょう》が" in out
    plain = re.sub(r"｜([^《]*)《[^》]*》", r"\1", out)
    assert plain == SEED.read_text(encoding="utf-8")


def test_annotate_inline_and_romaji() -> None:
    inline = run("annotate", str(SEED), "--format", "inline").stdout.decode("utf-8")
    assert "大統領(だいとうりょう)" in inline
    romaji = run("annotate", str(SEED), "--format", "romaji").stdout.decode("utf-8")
    assert "Pūchin" in romaji
    assert "daitōryō" in romaji


def test_annotate_reads_standard_input() -> None:
    result = run("annotate", "-", "--format", "inline", stdin="題名\n\n首脳会談を行った。\n".encode())
    assert result.returncode == 0
    assert "会談(かいだん)" in result.stdout.decode("utf-8")


def test_reader_without_a_terminal_says_so() -> None:
    result = run(str(SEED))
    assert result.returncode == 1
    assert b"terminal" in result.stderr
