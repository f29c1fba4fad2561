"""``yomu say``: speak an article, a part of it, a sentence or a word with the offline voice.

``yomu say FILE [--section N | --range A:B] -o OUT.wav`` writes the audio;
``yomu say --text 箸 -o hashi.wav`` says a word or sentence given on the command
line; without ``-o`` (or with ``--play``) it plays through the first player
found (paplay, aplay, afplay, ffplay, pw-play).  Text is said sentence by
sentence, each cached (the reader's cache folder, ``audio/``), joined with a
short pause.  Needs the ``sound`` extra (pyopenjtalk-plus).
"""

from __future__ import annotations

import argparse
import sys
import wave
from collections.abc import Sequence
from pathlib import Path

from reader.cmd import CommandParser, fail


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="yomu say",
        description="Say an article (or a section, a range, a sentence, a word) with the offline Japanese voice.",
        epilog="Examples: yomu say article.txt --section 2 -o section2.wav; yomu say --text 箸 -o hashi.wav; "
        "yomu say --text 'お元気ですか。'  (plays it). Offsets count characters of the decoded text "
        "(yomu annotate FILE --format plain).",
    )
    parser.add_argument("file", nargs="?", help="the article ('-' reads standard input)")
    parser.add_argument("--text", help="say this word or sentence instead of a file")
    parser.add_argument("--section", metavar="N", help="only section N (1 is the lead)")
    parser.add_argument("--range", metavar="START:END", help="only the characters START to END")
    parser.add_argument("-o", "--output", metavar="OUT.wav", help="write the audio here (16-bit mono WAV)")
    parser.add_argument("--play", action="store_true", help="play it too (the default without -o)")
    parser.add_argument("--speed", type=float, default=1.0, help="speaking rate (1.0 is the voice's own; 0.5–2.0)")
    parser.add_argument("--cache", metavar="DIR", help="audio cache folder (default: the reader's cache, audio/)")
    return parser


def _sentences(text: str, start: int, end: int) -> list[str]:
    """The sentences of ``text[start:end]``, line by line (a heading is one sentence)."""
    from reader.core.sources.text import split_sentences

    pieces: list[str] = []
    offset = start
    for line in text[start:end].split("\n"):
        line_end = offset + len(line)
        pieces.extend(text[s.start : s.end] for s in split_sentences(text, offset, line_end))
        offset = line_end + 1
    return [p for p in pieces if p.strip()]


def _what_to_say(args: argparse.Namespace) -> list[str]:
    """The sentences asked for; ``ValueError`` with the problem in one line."""
    if args.text is not None:
        if args.file is not None or args.section is not None or args.range is not None:
            raise ValueError("give --text or a FILE (with --section/--range), not both")
        return _sentences(args.text, 0, len(args.text))
    if args.file is None:
        raise ValueError("nothing to say: give a FILE or --text")
    from reader.core.sources import SourceError, load_document

    try:
        document = load_document(args.file)
    except SourceError as error:
        raise ValueError(str(error)) from None
    from reader.cmd.annotate import parse_range

    text = document.text
    if args.section is not None and args.range is not None:
        raise ValueError("give --section or --range, not both")
    start, end = 0, len(text)
    if args.range is not None:
        try:
            start, end = parse_range(args.range, len(text))
        except ValueError as error:
            raise ValueError(f"{args.file}: {error}") from None
    elif args.section is not None:
        count = len(document.sections)
        if not args.section.strip().isdigit() or not 1 <= int(args.section) <= count:
            raise ValueError(f"{args.file}: no section {args.section!r}: the article has sections 1 to {count}")
        from reader.core.excerpt import excerpt_range

        start, end = excerpt_range(document, document.sections[int(args.section) - 1].start, "section")
    return _sentences(text, start, end)


def _duration(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def main(argv: Sequence[str]) -> int:
    """Run ``yomu say``; 0 on success, 1 with one line on stderr on bad input or a missing part."""
    args = _parser().parse_args(argv)
    if not 0.5 <= args.speed <= 2.0:
        return fail(f"say: speed {args.speed} is outside 0.5–2.0")
    try:
        sentences = _what_to_say(args)
    except ValueError as error:
        return fail(f"say: {error}" if not str(error).startswith(str(args.file)) else str(error))
    if not sentences:
        return fail("say: nothing to say: the text is empty")
    from reader.integrations.sound import NoPlayer, SoundUnavailable, Speaker, find_player, join_wavs, synthesize

    cache = Path(args.cache) if args.cache else _default_cache()
    play = args.play or args.output is None
    player = find_player() if play else None
    if play and player is None:
        return fail(f"say: {NoPlayer()}; give -o OUT.wav to write the audio")
    try:
        if args.output is not None:
            out = Path(args.output)
            if out.parent != Path("") and not out.parent.is_dir():
                return fail(f"say: {out}: no such folder {str(out.parent)!r}")
            parts = []
            for sentence in sentences:
                try:
                    parts.append(synthesize(sentence, cache, speed=args.speed))
                except ValueError:
                    continue  # punctuation alone (a lone 」): nothing to say, the rest still is
            if not parts:
                return fail(f"say: nothing to say in {' '.join(sentences)!r}")
            join_wavs(parts, out)
            print(f"{out}: {len(parts)} sentence{'s' if len(parts) != 1 else ''}, {_duration(out):.1f} s")
        if play:
            errors: list[BaseException] = []
            speaker = Speaker(cache, player, speed=args.speed, on_error=errors.append)
            speaker.speak(sentences)
            try:
                speaker.wait()
            except KeyboardInterrupt:
                speaker.stop()
                raise
            if errors:
                raise errors[0]
    except SoundUnavailable as error:
        return fail(f"say: {error}")
    except OSError as error:
        return fail(f"say: {error.filename or ''}: {error.strerror or error}".replace(": : ", ": "))
    except ValueError as error:
        return fail(f"say: {error}")
    return 0


def _default_cache() -> Path:
    from reader.data.paths import cache_dir

    return cache_dir() / "audio"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
