"""``yomu annotate`` prints block by block exactly what one format_excerpt of the whole range gives."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cmd import annotate
from reader.core.analysis import Analyzer
from reader.core.analysis.entities import extract_entities, find_article_date
from reader.core.analysis.glossary import build_glossary, curated_path_for, load_curated
from reader.core.excerpt import excerpt_range, format_excerpt, notes_from_layers
from reader.core.layers import Analysis
from reader.core.sources import load_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "nhk-putin-north-korea-visit.txt"
NOVEL = ROOT / "bench" / "texts" / "wagahai-neko-dearu.sjis.txt"
FORMATS = ("anki", "html", "markdown", "aozora", "inline", "romaji", "plain")


@pytest.fixture(scope="module")
def seed() -> tuple[object, Analysis]:
    document = load_document(str(SEED))
    return document, Analyzer().analyse(document.text)


def expected(document, analysis: Analysis, start: int, end: int, fmt: str, notes: bool, cite: bool) -> str:  # type: ignore[no-untyped-def]
    found = None
    if notes:
        curated = load_curated(curated_path_for(document.name)) if curated_path_for(document.name).exists() else ()
        glossary = build_glossary(document.text, analysis, curated)
        entities = extract_entities(document.text, analysis, article_date=find_article_date(document.text))
        found = notes_from_layers(start, end, glossary, entities)
    fmt = {"inline": "plain", "plain": "text"}.get(fmt, fmt)
    return format_excerpt(document, analysis, start, end, fmt, notes=found, cite=cite, romaji_style="hepburn")


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert annotate.main([str(SEED), "--romaji-style", "hepburn", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("part", ["whole", "section", "range", "lines"])
def test_streamed_output_is_the_whole_excerpt(capsys, seed, fmt: str, part: str) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    args: list[str] = ["--format", fmt]
    start, end = 0, len(document.text)
    if part == "section":
        start, end = excerpt_range(document, document.sections[2].start, "section")
        args += ["--section", "3", "--cite"]
    elif part == "range":
        start, end = 37, 911  # starts and ends inside sentences
        args += ["--range", f"{start}:{end}"]
    elif part == "lines":
        start, end = 0, document.sections[1].start - 1  # title and lead, ending on a newline
        args += ["--range", f":{end}"]
    assert printed(capsys, *args) == expected(document, analysis, start, end, fmt, False, part == "section")


@pytest.mark.parametrize("fmt", ["markdown", "html", "anki"])
def test_notes_and_citation_follow_the_streamed_body(capsys, seed, fmt: str) -> None:  # type: ignore[no-untyped-def]
    document, analysis = seed
    start, end = excerpt_range(document, document.sections[1].start, "section")
    out = printed(capsys, "--format", fmt, "--section", "2", "--notes", "--cite")
    assert out == expected(document, analysis, start, end, fmt, True, True)


def test_the_first_lines_of_a_novel_come_before_the_rest_is_analysed(tmp_path: Path) -> None:
    env = {"YOMU_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "reader", "annotate", str(NOVEL)]
    started = time.monotonic()
    with subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT, env=env) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        first_at = time.monotonic() - started
        rest = process.stdout.read()
        total = time.monotonic() - started
    assert process.returncode == 0
    assert first.decode().startswith("｜吾輩《わがはい》は｜猫《ねこ》である")
    assert rest.count(b"\n") > 2000
    assert first_at < total / 3  # streamed: the title is out long before the end

    # Reopened: every block from the cache, same output.
    again = subprocess.run(command, capture_output=True, cwd=ROOT, env=env, check=True)
    assert again.stdout == first + rest


def test_a_closed_pipe_ends_quietly() -> None:
    result = subprocess.run(
        f"{sys.executable} -m reader annotate {NOVEL} | head -c 100 > /dev/null",
        shell=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr and result.stderr == b""


def test_a_helper_process_changes_nothing_in_the_output(capsys, seed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A long text opened the first time is analysed by two processes that meet in the middle."""
    from reader.core.analysis import service
    from reader.core.analysis.service import block_source

    monkeypatch.setattr(block_source, "HELP_FROM_CHARS", 100)  # read where helped() lives
    started = []
    real = service.BackgroundAnalysis.start

    def start(self):  # type: ignore[no-untyped-def]
        started.append(self)
        real(self)

    monkeypatch.setattr(service.BackgroundAnalysis, "start", start)
    document, analysis = seed
    out = printed(capsys, "--format", "anki")
    assert started, "no helper process was started"
    assert out == expected(document, analysis, 0, len(document.text), "anki", False, False)


@pytest.mark.parametrize("fmt", ["aozora", "html"])
def test_the_authors_ruby_comes_through_as_written(capsys, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """An Aozora Bunko text: the author's ruby is the first layer, block by block as for the whole text."""
    from reader.core.sources.author import analyse_document

    document = load_document(str(NOVEL))
    assert document.ruby, "the novel's 《》 ruby is read by the Aozora source"
    end = document.sections[1].start if len(document.sections) > 1 else 20_000
    end = min(end, 20_000)
    whole = analyse_document(Analyzer(), document)
    assert annotate.main([str(NOVEL), "--format", fmt, "--range", f"0:{end}"]) == 0
    out = capsys.readouterr().out
    fmt_name = {"inline": "plain"}.get(fmt, fmt)
    assert out == format_excerpt(document, whole, 0, end, fmt_name)
