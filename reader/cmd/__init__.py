"""Subcommands of ``yomu`` beyond reading: each module has ``main(argv) -> int``.

``reader.cli`` imports a subcommand's module only when it is called, so the
start-up of the reader stays light.  A subcommand reports bad input as one line
on stderr (``yomu: FILE: problem``) and returns 1, never a traceback.
"""

from __future__ import annotations

import sys


def fail(message: str) -> int:
    """Print ``yomu: message`` on stderr; return exit status 1."""
    print(f"yomu: {message}", file=sys.stderr)
    return 1
