"""Browser fixtures: ``yomu serve`` in its own process, Debian's chromium driven by Playwright.

Playwright's own browser download is not used: Playwright starts
``/usr/bin/chromium`` (``executable_path``) headless with a fresh profile.
Screenshots are kept under ``build/browser-artifacts/`` (the summary at the
end of the run names the folder).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BROWSER_ARTIFACTS, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = BROWSER_ARTIFACTS
"""Screenshots of the browser tests, one file per step (kept after the run)."""

TERMINAL_HOOK = """
// textual.js keeps its xterm.js Terminal in a closure; catch it as it is
// assigned (`this.terminal = new Terminal(...)` on the object whose element is
// the page's .textual-terminal) so the test can read the terminal's buffer.
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (this.element && this.element.classList && this.element.classList.contains("textual-terminal")) {
      window.__yomuTerminal = value;
    }
  },
});
"""

SCREEN_JS = """() => {
  const terminal = window.__yomuTerminal;
  if (!terminal) return null;
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""
"""The terminal's rows as text, as a terminal capture shows them (a wide character once)."""


def chromium_missing() -> bool:
    """Whether the browser tests must skip: no chromium, or no Playwright."""
    if not os.access(CHROMIUM, os.X_OK):
        return True
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return True
    return False


needs_chromium = pytest.mark.skipif(
    chromium_missing(),
    reason="Debian's chromium (or the playwright package) is missing; make test installs it as root",
)


NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
"""Debian's fonts-noto-cjk, which has Noto Sans Mono CJK JP."""

needs_noto_cjk = pytest.mark.skipif(
    not NOTO_CJK.exists(), reason="fonts-noto-cjk is not installed; make test installs it as root"
)


class Served:
    """One ``yomu serve --no-open`` process and what it printed."""

    def __init__(self, args: tuple[str, ...], env: dict[str, str]) -> None:
        self.started = time.monotonic()
        # A session of its own: stop() sends SIGINT to the group, as Ctrl+C in a terminal does.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "serve", "--no-open", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for_url(self, timeout: float = 30.0) -> str:
        """The first address printed (the one to open on this machine)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            found = re.search(r"http://\S+", line)
            if found:
                return found.group(0)
        stderr = self.process.stderr.read() if self.process.poll() is not None and self.process.stderr else ""
        raise AssertionError(f"yomu serve printed no address; stdout: {self.lines!r} stderr: {stderr!r}")

    def printed(self) -> str:
        """Everything printed on stdout so far."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
        return "".join(self.lines)

    def stop(self, timeout: float = 15.0, *, terminate: bool = False) -> int:
        """Ctrl+C (SIGINT to the process group), or ``kill PID`` (SIGTERM to the server alone); the exit status."""
        if self.process.poll() is None:
            if terminate:
                self.process.terminate()
            else:
                os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise AssertionError("yomu serve did not stop on Ctrl+C") from None


Serve = Callable[..., Served]


@pytest.fixture
def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    """Starts ``yomu serve --no-open ARGS…`` with settings and data in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "COLUMNS", "LINES")}
    env.update(
        YOMU_CONFIG_DIR=str(tmp_path / "config"),
        YOMU_DATA_DIR=str(tmp_path / "data"),
        YOMU_CACHE_DIR=str(tmp_path / "cache"),
    )
    started: list[Served] = []

    def start(*args: str) -> Served:
        served = Served(args, env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


class ReaderPage:
    """A browser tab on the served reader: its terminal text, keys and screenshots."""

    def __init__(self, page: Any, name: str) -> None:
        self.page = page
        self.name = name
        self.shots = 0

    def open(self, url: str) -> Any:
        """Go to ``url``; the HTTP response."""
        return self.page.goto(url)

    def screen(self) -> str:
        """The terminal's rows as text ("" before the terminal exists)."""
        return self.page.evaluate(SCREEN_JS) or ""

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        """The screen once it shows ``needle``."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.05)
        self.screenshot("timeout")
        raise AssertionError(f"{needle!r} never showed in the page; last screen:\n{screen}")

    def press(self, key: str) -> None:
        """Press a key on the page, as a person typing (the page has the keyboard)."""
        self.page.keyboard.press(key)

    def screenshot(self, label: str) -> Path:
        """Keep a screenshot under ``build/browser-artifacts/``."""
        self.shots += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{self.shots:02d}-{label}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def browser(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[ReaderPage]:
    """A tab of a headless chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    name = request.node.name.removeprefix("test_")[:60]
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 960, "height": 600},
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.add_init_script(TERMINAL_HOOK)
            yield ReaderPage(page, name)
        finally:
            context.close()
