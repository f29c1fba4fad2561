"""``yomu study [--new N]``: a study session straight from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader.cmd import CommandParser, bounded_int, fail, open_study_store

MAX_NEW = 1000
"""More new cards than this in one session is a typo (and past 2**63 SQLite cannot count)."""


def _parser() -> argparse.ArgumentParser:
    from reader.core.study.scheduler import NEW_PER_SESSION

    parser = CommandParser(prog="yomu study", description="Review the due cards and a few new ones (FSRS).")
    parser.add_argument(
        "--new",
        type=bounded_int(0, MAX_NEW),
        default=NEW_PER_SESSION,
        metavar="N",
        help=f"new cards to add to the due ones (default {NEW_PER_SESSION})",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``yomu study``."""
    args = _parser().parse_args(list(argv))
    from reader.core.study.scheduler import StudySession, utc_now
    from reader.core.study.store import StoreError

    store = open_study_store()
    if store is None:
        return 1
    with store:
        try:
            session = StudySession(store, new_limit=args.new)
            upcoming = store.upcoming(utc_now()) if session.finished else []
        except StoreError as error:
            return fail(str(error))
        if session.finished:
            when = (
                f"; the next is due {upcoming[0].astimezone():%Y-%m-%d %H:%M}"
                if upcoming
                else "; mark words with L while reading to add cards"
            )
            print(f"Nothing to study now{when}.")
            return 0
        if not sys.stdout.isatty() and not sys.stdin.isatty():
            return fail("a study session needs a terminal")
        from reader.app import StudyApp

        app = StudyApp(session)
        app.run()
        return app.return_code or 0
