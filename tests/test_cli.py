"""The command line as a script or a person uses it: output, errors, exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.conftest import run_yomu as run


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


# --- yomu annotate: formats, parts, notes and citation (issue 6) ------------------------------

FIRST_SENTENCE = "32:70"  # ロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。


def annotate_out(*args: str) -> str:
    result = run("annotate", str(SEED), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return result.stdout.decode("utf-8")


def test_annotate_range_in_the_copy_formats() -> None:
    sentence = SEED.read_text(encoding="utf-8")[32:70]
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "plain") == sentence
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "anki") == (
        "ロシアと 北朝鮮[きたちょうせん]は、プーチン 大統領[だいとうりょう]が18 日[にち]から"
        " 北朝鮮[きたちょうせん]を 訪問[ほうもん]すると 発表[はっぴょう]しました。"
    )
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "html") == (
        "ロシアと<ruby>北朝鮮<rt>きたちょうせん</rt></ruby>は、"
        "プーチン<ruby>大統領<rt>だいとうりょう</rt></ruby>が18<ruby>日<rt>にち</rt></ruby>から"
        "<ruby>北朝鮮<rt>きたちょうせん</rt></ruby>を<ruby>訪問<rt>ほうもん</rt></ruby>すると"
        "<ruby>発表<rt>はっぴょう</rt></ruby>しました。"
    )
    inline = "ロシアと北朝鮮(きたちょうせん)は、プーチン大統領(だいとうりょう)が18日(にち)から"
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "markdown").startswith(inline)
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "inline").startswith(inline)
    assert annotate_out("--range", FIRST_SENTENCE, "--format", "romaji", "--romaji-style", "hepburn") == (
        f"{sentence}\nRoshia to Kitachōsen wa, Pūchin daitōryō ga 18-nichi kara Kitachōsen o hōmon suru"
        " to happyō shimashita."
    )


def test_annotate_prints_what_the_copy_holds() -> None:
    """The command line and the reader's copy share one formatter: same range, same text."""
    from reader.core.analysis import Analyzer
    from reader.core.excerpt import excerpt_range, format_excerpt
    from reader.core.sources import load_document

    document = load_document(str(SEED))
    analysis = Analyzer().analyse(document.text)
    start, end = excerpt_range(document, document.sections[2].start, "section")
    for fmt, excerpt_fmt in (("anki", "anki"), ("html", "html"), ("aozora", "aozora"), ("inline", "plain")):
        expected = format_excerpt(document, analysis, start, end, excerpt_fmt, cite=True)
        assert annotate_out("--section", "3", "--format", fmt, "--cite") == expected
    heading = document.heading_text(document.sections[2])
    assert expected.endswith(f"\n\n— {document.title_text} · {heading}")


def test_annotate_section_and_range_cover_what_they_say() -> None:
    text = SEED.read_text(encoding="utf-8")
    lead = annotate_out("--section", "1", "--format", "plain")
    assert lead == text[32:162]  # the lead's one paragraph
    assert annotate_out("--range", ":30", "--format", "plain") == text[:30]
    assert annotate_out("--range", "4060:", "--format", "plain") == text[4060:]


def test_annotate_notes_option_runs() -> None:
    out = annotate_out("--range", FIRST_SENTENCE, "--format", "plain", "--notes")
    assert out.startswith(SEED.read_text(encoding="utf-8")[32:70])


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("--section", "0"), "no section"),
        (("--section", "12"), "no section"),
        (("--section", "two"), "no section"),
        (("--range", "70:32"), "range"),
        (("--range", "0:999999"), "range"),
        (("--range=-3:10",), "range"),
        (("--range", "abc"), "range"),
        (("--range", "1:x"), "range"),
        (("--section", "1", "--range", "1:2"), "not both"),
    ],
)
def test_annotate_bad_part_is_one_line_and_status_1(args: tuple[str, ...], problem: str) -> None:
    result = run("annotate", str(SEED), *args)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(SEED) in err and problem in err
    assert result.stdout == b""


def test_annotate_usage_errors_are_one_line_too() -> None:
    for args in ((str(SEED), "--range"), (str(SEED), "--format", "docx"), ()):
        result = run("annotate", *args)
        err = result.stderr.decode()
        assert result.returncode == 1 and err.count("\n") == 1 and "--help" in err, (args, err)


def test_annotate_on_a_terminal_shows_control_characters_instead_of_sending_them(tmp_path: Path) -> None:
    import pty

    article = tmp_path / "escapes.txt"
    article.write_bytes("\x1b[31m見出し\n\n本文\x07です。\n".encode())
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "annotate", str(article), "--format", "inline"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=os.environ.copy(),
            timeout=120,
        )
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert result.returncode == 0
    assert "^[[31m見出(みだ)し" in shown
    assert "本文(ほんぶん)^Gです。" in shown
    assert "\x1b" not in shown and "\x07" not in shown
