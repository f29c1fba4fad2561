"""Copying through a real clipboard (Xvfb + xclip), and the ways out when there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.clipboard import copy_text, excerpts_dir
from tests.conftest import SEED

NEEDS = [tool for tool in ("Xvfb", "xclip") if shutil.which(tool) is None]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 clipboard tests run on Linux")


def seed_sentence() -> str:
    """The seed's first sentence of the lead, as the reader would copy it in Anki format."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("ロシアと北朝鮮は")
    return text[start : text.index("。", start) + 1]


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY."""
    if NEEDS:
        pytest.skip(f"needs {' and '.join(NEEDS)} (run scripts/system-deps.sh as root to install them)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "320x200x24"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number once it accepts clients
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def on_display(xvfb: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return xvfb


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


def xclip_out() -> str:
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, timeout=10, check=True)
    return done.stdout.decode("utf-8")


class FakeApp:
    """Stands in for a Textual app: records what went out through OSC 52."""

    def __init__(self, headless: bool = False, broken: bool = False) -> None:
        self.is_headless = headless
        self.broken = broken
        self.sent: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        if self.broken:
            raise OSError("the terminal went away")
        self.sent.append(text)


@linux_only
def test_pyperclip_puts_a_seed_sentence_on_the_x_clipboard(on_display: str) -> None:
    import pyperclip

    sentence = seed_sentence()
    pyperclip.copy(sentence)
    assert xclip_out() == sentence


@linux_only
def test_copy_text_goes_to_the_clipboard(on_display: str) -> None:
    excerpt = "ロシアと 北朝鮮[きたちょうせん]は、\n<ruby>大統領<rt>だいとうりょう</rt></ruby> & “見通し”"
    app = FakeApp()
    result = copy_text(excerpt, app)
    assert (result.method, result.detail) == ("clipboard", "xclip")
    assert result.ok and "clipboard" in result.notice
    assert xclip_out() == excerpt
    assert app.sent == []  # the terminal is not bothered when the clipboard took it
    assert not excerpts_dir().exists()


@linux_only
def test_no_display_and_no_app_writes_a_file(no_display: None, isolated_dirs: Path) -> None:
    sentence = seed_sentence()
    first = copy_text(sentence)
    second = copy_text(sentence + "2")
    assert first.method == second.method == "file"
    path = Path(first.detail)
    assert path.parent == excerpts_dir() and path.is_relative_to(isolated_dirs)
    assert path.read_text(encoding="utf-8") == sentence + "\n"
    assert Path(second.detail) != path  # an earlier excerpt is never replaced
    assert Path(second.detail).read_text(encoding="utf-8") == sentence + "2\n"
    assert [p.name for p in excerpts_dir().iterdir() if p.name.startswith(".")] == []  # no temporary left
    assert str(path) in first.notice


@linux_only
def test_no_display_goes_through_the_terminal(no_display: None) -> None:
    app = FakeApp()
    result = copy_text("首脳会談", app)
    assert (result.method, app.sent) == ("osc52", ["首脳会談"])
    assert "OSC 52" in result.notice
    assert not excerpts_dir().exists()


@linux_only
def test_headless_or_broken_terminal_falls_back_to_a_file(no_display: None) -> None:
    for app in (FakeApp(headless=True), FakeApp(broken=True)):
        result = copy_text("首脳会談", app)
        assert result.method == "file"
        assert Path(result.detail).read_text(encoding="utf-8") == "首脳会談\n"


@linux_only
def test_a_dead_display_is_noticed_silently(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    if shutil.which("xclip") is None:
        pytest.skip("needs xclip (run scripts/system-deps.sh as root to install it)")
    monkeypatch.setenv("DISPLAY", ":4093")  # no server there
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = copy_text("首脳会談")
    assert result.method == "file"
    assert capfd.readouterr().err == ""  # xclip's complaint must not reach the reader's terminal


@linux_only
def test_nowhere_to_put_it_is_a_result_not_an_exception(
    no_display: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("YOMU_DATA_DIR", str(blocker))
    result = copy_text("首脳会談", FakeApp(headless=True))
    assert result.method == "none" and not result.ok
    assert "file:" in result.detail and "\n" not in result.notice
