"""Run ``yomu`` in-process with captured streams, and the one assertion of the error rule."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass

from reader.cli import main


@dataclass(frozen=True)
class Run:
    """What a command did: its exit status and what it wrote."""

    status: int
    out: str
    err: str


def run_cli(*args: str, stdin: bytes = b"") -> Run:
    """``yomu ARGS`` through :func:`reader.cli.main`, as the console script calls it."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as done:  # argparse's --help and usage errors
                status = done.code if isinstance(done.code, int) else 1
    finally:
        sys.stdin = saved
    return Run(status, out.getvalue(), err.getvalue())


def assert_rule(run: Run, *, expect: tuple[str, ...] = (), ok: bool | None = None) -> None:
    """Exit 0, or exit 1 with exactly one safe line ``yomu: …`` on stderr; never a traceback.

    ``ok`` True/False demands success/failure; ``expect``: the line holds one of these.
    """
    assert "Traceback" not in run.err, run.err
    if run.status == 0:
        assert ok is not False, f"expected a failure, got exit 0 (stderr {run.err!r})"
        return
    assert ok is not True, f"expected success, got {run.status}: {run.err!r}"
    assert run.status == 1, (run.status, run.err)
    assert run.err.count("\n") == 1 and run.err.endswith("\n"), run.err
    assert run.err.startswith("yomu: "), run.err
    assert not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 for ch in run.err), run.err
    if expect:
        assert any(word in run.err for word in expect), (expect, run.err)
