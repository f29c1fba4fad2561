"""Copying an excerpt out of the reader: clipboard, terminal (OSC 52) or a file.

:func:`copy_text` tries, in order:

1. the system clipboard through pyperclip (xclip/xsel/wl-copy, pbcopy, Windows),
   checked by reading the text back, since pyperclip does not notice an X
   server that went away;
2. the terminal's clipboard through OSC 52 (``App.copy_to_clipboard``) when an
   app runs in a real terminal — the way over SSH or without a display; the
   terminal may ignore it, which no program can see, so the result says so;
3. a file in ``data_dir()/excerpts/``, written atomically, whose path the
   result gives.

It never raises: the worst outcome is a :class:`CopyResult` with method
``"none"`` and the reason.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from reader.data.paths import data_dir

CopyMethod = Literal["clipboard", "osc52", "file", "none"]


class TerminalClipboard(Protocol):
    """What :func:`copy_text` needs of an app: Textual's ``App`` has both."""

    def copy_to_clipboard(self, text: str) -> None: ...

    @property
    def is_headless(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Which way the text went and where: a backend name, a note, or a file path."""

    method: CopyMethod
    detail: str

    @property
    def ok(self) -> bool:
        """True unless the text could not be put anywhere."""
        return self.method != "none"

    @property
    def notice(self) -> str:
        """One line for a notification."""
        if self.method == "clipboard":
            return f"Copied to the clipboard ({self.detail})."
        if self.method == "osc52":
            return "Sent to the terminal's clipboard (OSC 52); if nothing arrives, the terminal refuses it."
        if self.method == "file":
            return f"No clipboard here: saved to {self.detail}"
        return f"Could not copy: {self.detail}"


def copy_text(text: str, app: TerminalClipboard | None = None) -> CopyResult:
    """Put ``text`` on a clipboard, or in a file when there is none; never raises."""
    reasons: list[str] = []
    try:
        backend = _copy_with_pyperclip(text)
        return CopyResult("clipboard", backend)
    except Exception as error:  # pyperclip raises its own and OS errors; none may escape
        reasons.append(f"clipboard: {_one_line(error)}")
    if app is not None:
        try:
            if not app.is_headless:
                app.copy_to_clipboard(text)
                return CopyResult("osc52", "terminal")
            reasons.append("terminal: the app has no terminal")
        except Exception as error:
            reasons.append(f"terminal: {_one_line(error)}")
    try:
        return CopyResult("file", str(save_excerpt(text)))
    except Exception as error:
        reasons.append(f"file: {_one_line(error)}")
    return CopyResult("none", "; ".join(reasons))


_TOOLS: dict[str, tuple[list[str], list[str]]] = {
    "xclip": (["xclip", "-selection", "clipboard", "-i"], ["xclip", "-selection", "clipboard", "-o"]),
    "xsel": (["xsel", "--clipboard", "--input"], ["xsel", "--clipboard", "--output"]),
    "wl-copy": (["wl-copy"], ["wl-paste", "--no-newline"]),
}
"""Command-line backends run here rather than by pyperclip (see :func:`_copy_with_pyperclip`)."""
TOOL_TIMEOUT = 5.0
"""Seconds a clipboard tool may take before the copy counts as failed."""
READ_BACK_SECONDS = 2.0
"""How long the clipboard is read back before a copy counts as lost (a read usually succeeds at
once; on a busy machine xclip's background copy took more than the 0.7 s once allowed)."""


def _copy_with_pyperclip(text: str) -> str:
    """Copy through the backend pyperclip chooses and read back; its name, or an exception.

    pyperclip decides the backend afresh each time (a display may have
    appeared or gone since the last copy; it otherwise keeps its first choice).
    The X11/Wayland tools it would call are run here instead, with their
    error output silenced and a timeout: pyperclip lets ``xclip``'s "Can't open
    display" through to the terminal the reader draws on and waits forever on
    a hung X server.
    """
    import pyperclip

    copy, paste = pyperclip.determine_clipboard()
    name = _backend_name(copy)
    if name in _TOOLS:
        copy_cmd, paste_cmd = _TOOLS[name]
        _run(copy_cmd, text)
        read_back = lambda: _run(paste_cmd)  # noqa: E731
    else:
        copy(text)
        read_back = paste
    # xclip returns before its background copy owns the selection, so the
    # first read may still see the previous text: look again, briefly.
    deadline = time.monotonic() + READ_BACK_SECONDS
    pause = 0.02
    while True:
        if _normalise(read_back()) == _normalise(text):
            return name
        if time.monotonic() >= deadline:
            raise RuntimeError("the clipboard did not keep the text")
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def paste_text() -> str:
    """The text on the system clipboard; ``RuntimeError`` with a one-line reason when there is none.

    The X11/Wayland tools run with a timeout and silenced errors, as for copying.
    """
    import pyperclip

    try:
        copy, paste = pyperclip.determine_clipboard()
        name = _backend_name(copy)
        text = _run(_TOOLS[name][1]) if name in _TOOLS else paste()
    except Exception as error:  # pyperclip and the tools raise their own; none may escape
        raise RuntimeError(f"the clipboard cannot be read ({_one_line(error)})") from None
    if not isinstance(text, str) or not text.strip():
        raise RuntimeError("the clipboard holds no text")
    return _normalise(text)


def _run(command: list[str], text: str | None = None) -> str:
    import subprocess

    if text is not None:
        # No pipe on stdout: xclip and wl-copy stay behind to serve the text, and
        # a pipe they inherit would keep us waiting for them.
        subprocess.run(
            command, input=text.encode("utf-8"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT, check=True,
        )  # fmt: skip
        return ""
    done = subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT, check=True)
    return done.stdout.decode("utf-8", errors="replace")


def _backend_name(copy: object) -> str:
    name = getattr(copy, "__name__", "") or type(copy).__name__
    # pyperclip's functions are named copy_xclip, copy_xsel, copy_wl, copy_osx_pbcopy …
    name = name.removeprefix("copy_")
    known = {"wl": "wl-copy", "osx_pbcopy": "pbcopy", "osx_pyobjc": "macOS", "windows": "Windows"}
    return known.get(name, name)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n")


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return message[:200]


def excerpts_dir() -> Path:
    """Where excerpts go when no clipboard can take them."""
    return data_dir() / "excerpts"


def save_excerpt(text: str) -> Path:
    """Write ``text`` to a new file in :func:`excerpts_dir`, atomically; its path.

    The file appears whole or not at all (written to a temporary file in the
    same folder, flushed, then renamed); an earlier excerpt is never replaced.
    """
    folder = excerpts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fd, tmp = tempfile.mkstemp(prefix=".excerpt-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        for n in range(1, 1000):
            target = folder / (f"excerpt-{stamp}.txt" if n == 1 else f"excerpt-{stamp}-{n}.txt")
            try:
                os.link(tmp, target)  # fails if the name is taken: no excerpt is overwritten
            except FileExistsError:
                continue
            except OSError:
                if target.exists():
                    continue
                os.replace(tmp, target)  # file systems without hard links
                return target
            return target
        raise OSError(f"too many excerpts named excerpt-{stamp}-*.txt in {folder}")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
