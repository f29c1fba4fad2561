"""``yomu study [--new N]``: a study session straight from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader.cmd import fail, open_study_store


def _parser() -> argparse.ArgumentParser:
    from reader.core.study.scheduler import NEW_PER_SESSION

    parser = argparse.ArgumentParser(prog="yomu study", description="Review the due cards and a few new ones (FSRS).")
    parser.add_argument(
        "--new",
        type=int,
        default=NEW_PER_SESSION,
        metavar="N",
        help=f"new cards to add to the due ones (default {NEW_PER_SESSION})",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``yomu study``."""
    args = _parser().parse_args(list(argv))
    if args.new < 0:
        return fail(f"--new {args.new}: must be 0 or more")
    from reader.core.study.scheduler import StudySession, utc_now

    store = open_study_store()
    if store is None:
        return 1
    with store:
        session = StudySession(store, new_limit=args.new)
        if session.finished:
            upcoming = store.upcoming(utc_now())
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
