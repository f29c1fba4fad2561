"""``yomu pin WORD READING``: set the reading of a word once, used everywhere.

A pinned reading always wins over every other layer of the reading pipeline,
on screen, in ``annotate`` and in exports.  ``yomu pin --list`` shows them and
``yomu pin --remove WORD`` forgets one.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from reader.cmd import CommandParser, Output, fail, warn
from reader.core.analysis.kana import has_kanji, is_kana, to_hiragana
from reader.core.printable import one_line


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="yomu pin", description="Pin the reading of a word (it then always wins).")
    parser.add_argument("word", nargs="?", help="the word as written, e.g. 金正恩")
    parser.add_argument("reading", nargs="?", help="its reading in kana, e.g. きむじょんうん")
    parser.add_argument("--remove", action="store_true", help="forget the pinned reading of WORD")
    parser.add_argument("--list", action="store_true", help="list every pinned reading")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``yomu pin``."""
    from reader.core.study.store import StoreError
    from reader.data.pins import pin_reading, read_pins, unpin_reading

    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.list:
            out = Output()
            for word, reading in sorted(read_pins().items()):
                out.write(f"{word}\t{reading}\n")
            return 0
        if not args.word:
            return fail("pin: name a WORD (and its READING); see yomu pin --help")
        if args.remove:
            if unpin_reading(args.word):
                print(f"unpinned {one_line(args.word)}")
                return 0
            return fail(f"pin: {args.word} has no pinned reading")
        if not args.reading:
            return fail("pin: give the READING in kana after the word")
        if not has_kanji(args.word):
            return fail(f"pin: {args.word} has no kanji to read")
        if not all(is_kana(ch) or ch == "ー" for ch in args.reading):
            return fail(f"pin: the reading {args.reading} must be written in kana")
        reading = to_hiragana(args.reading)
        warning = pin_reading(args.word, reading)
        if warning:
            warn(warning)
        print(f"pinned {one_line(args.word)} → {reading}")
        return 0
    except StoreError as error:
        return fail(str(error))
