"""The corpus of nasty inputs through ``annotate``, ``entities`` and ``glossary``.

Every input gets exit 0, or exit 1 with one line on stderr naming the problem;
never a traceback.  Inputs with a known fate must meet it (UTF-16 decodes,
GB18030 is refused as not Japanese, white space alone is "empty" …).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.sources.decode import MAX_BYTES
from tests.conftest import ROOT
from tests.hardening.cli import assert_rule, run_cli
from tests.hardening.corpus import ARTICLE, HOSTILE, Nasty, contents

COMMANDS = (
    ("annotate",),
    ("annotate", "--format", "anki", "--notes", "--cite"),
    ("entities",),
    ("glossary", "--format", "jsonl"),
)
"""Every command that reads an article, with the options that reach the most code."""

CORPUS = contents()


@pytest.mark.parametrize("nasty", CORPUS, ids=[n.name for n in CORPUS])
def test_every_command_keeps_the_rule(nasty: Nasty, tmp_path: Path) -> None:
    path = tmp_path / f"{nasty.name}.txt"
    path.write_bytes(nasty.data)
    for command in COMMANDS:
        run = run_cli(*command, str(path))
        assert_rule(run, expect=nasty.expect, ok=nasty.ok)
        if run.status == 1:
            assert str(path) in run.err  # the line names the file


@pytest.mark.parametrize("nasty", [n for n in CORPUS if n.ok is not None][::4], ids=lambda n: n.name)
def test_standard_input_keeps_the_rule_too(nasty: Nasty) -> None:
    run = run_cli("annotate", "-", "--format", "inline", stdin=nasty.data)
    assert_rule(run, expect=nasty.expect, ok=nasty.ok)


def test_utf16_and_utf32_give_the_same_text_as_utf8(tmp_path: Path) -> None:
    expected = run_cli("annotate", "-", "--format", "plain", stdin=ARTICLE.encode()).out
    assert expected == ARTICLE
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"):
        assert run_cli("annotate", "-", "--format", "plain", stdin=ARTICLE.encode(encoding)).out == expected, encoding


def test_whitespace_in_shift_jis_is_no_text_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes("\u3000\r\n\u3000".encode("cp932"))
    run = run_cli("annotate", str(path))
    assert run.status == 1 and run.err == f"yomu: {path}: the file is empty: no text, only white space\n"


def test_chinese_in_gb18030_is_refused_as_not_japanese(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_bytes("中华人民共和国国务院总理今天在北京会见了来访的外国领导人双方交换了意见\n".encode("gb18030"))
    run = run_cli("entities", str(path))
    assert run.status == 1
    assert "not Japanese" in run.err and "Chinese or Korean" in run.err


# --- special files: each in a subprocess with a timeout, since a regression would hang -------------


def run_yomu(*args: str, stdin: int | bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m reader ARGS`` as a user runs it (output decoded as UTF-8)."""
    done = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=ROOT,
        input=stdin if isinstance(stdin, bytes) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        capture_output=True,
        timeout=timeout,
        env=os.environ.copy(),
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    )


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, tuple[Path, tuple[str, ...]]]]:
    """Paths that are not regular files (or not there), with what the one line must say."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero_link = tmp_path / "zero.txt"
    zero_link.symlink_to("/dev/zero")
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    sock_path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used
    yield {
        "fifo": (fifo, ("named pipe",)),
        "dev-zero": (Path("/dev/zero"), ("character device",)),
        "link-to-dev-zero": (zero_link, ("character device",)),
        "dev-null": (Path("/dev/null"), ("character device",)),
        "directory": (tmp_path, ("directory",)),
        "socket": (sock_path, ("socket",)),
        "dangling-link": (dangling, ("no such file",)),
        "link-loop": (loop, ("cannot be read",)),
        "missing": (tmp_path / "missing.txt", ("no such file",)),
        "too-large": (big, ("too large", "20 MB")),
        "name-too-long": (tmp_path / ("長" * 300 + ".txt"), ("cannot be read", "too long")),
    }
    server.close()


@pytest.mark.parametrize("command", [(), ("annotate",), ("entities",), ("glossary",)])
def test_special_files_are_refused_before_reading(command: tuple[str, ...], specials) -> None:  # type: ignore[no-untyped-def]
    for name, (path, words) in specials.items():
        result = run_yomu(*command, str(path), timeout=30)
        assert result.returncode == 1, (name, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (name, result.stderr)
        assert any(word in result.stderr for word in words), (name, result.stderr)
        assert "MB" not in result.stderr or "20 MB" in result.stderr  # the limit is said


def test_standard_input_past_the_limit_is_refused_not_cut() -> None:
    with open("/dev/zero", "rb") as zero:
        result = run_yomu("annotate", "-", stdin=zero.fileno())
    assert result.returncode == 1
    assert result.stderr == "yomu: <stdin>: standard input is too large (over 20 MB, the limit)\n"
    big = ("本文です。\n" * (MAX_BYTES // 16 + 1)).encode()
    assert len(big) > MAX_BYTES
    result = run_yomu("annotate", "-", "--format", "plain", stdin=big)
    assert result.returncode == 1 and "too large" in result.stderr and result.stdout == ""


def test_a_file_name_that_is_not_utf8_is_read_and_named_safely(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xff\xfe" + HOSTILE.encode()[:8].replace(b"\x1b", b"x") + b".txt"
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    name = os.fsdecode(raw)
    ok = run_yomu("annotate", name, "--format", "plain")
    assert ok.returncode == 0 and ok.stdout == ARTICLE
    missing = name.replace(".txt", "-missing.txt")
    result = run_yomu("entities", missing)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "\\xff\\xfe" in result.stderr  # the undecodable bytes shown, not a UnicodeEncodeError


def test_hostile_file_names_stay_one_safe_line(tmp_path: Path) -> None:
    name = str(tmp_path / f"x{HOSTILE}\nsecond line.txt")
    for command in ((), ("annotate",), ("entities",), ("glossary",), ("annotate", "--format", "anki")):
        run = run_cli(*command, name)
        assert_rule(run, expect=("no such file",), ok=False)
        assert "^[]52;c;" in run.err and "\\nsecond line" in run.err


def test_every_subcommand_gives_usage_errors_as_one_line() -> None:
    from reader.cli import SUBCOMMANDS

    for command in (*SUBCOMMANDS, "read"):
        run = run_cli(command, "--no-such-option")
        assert_rule(run, ok=False)
        assert f"{command}:" in run.err or command == "read", (command, run.err)
