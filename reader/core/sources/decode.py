"""Decode article bytes: UTF-8 (with or without BOM), Shift_JIS/CP932, EUC-JP, UTF-16/UTF-32.

The encoding is detected from the bytes, never guessed from the file name:
a byte-order mark decides first (UTF-8, UTF-16, UTF-32); then UTF-8 is tried
strictly (it almost never decodes text in another encoding); NUL bytes point
to UTF-16/UTF-32 without a mark (its ASCII and newlines have them; a mark-less
file with neither cannot be told from Shift_JIS, whose bytes read as UTF-16BE
"kanji"); then CP932 and EUC-JP, each strictly, and when
both succeed the one that yields more kana and common kanji wins.  Bytes that
decode as "kanji" but hold no kana are Chinese or Korean text in an encoding
of theirs (GB18030, EUC-KR, Big5), not Japanese: they are refused with a line
saying so.  Newlines are normalised to ``\\n``.

Only regular files (and standard input) are read, and never more than
:data:`MAX_BYTES`: a FIFO, ``/dev/zero`` or a link to it is refused before a
byte is read (:func:`read_regular_file`).
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
"""Larger files (and standard input) are refused: a news article is a few kilobytes."""


class SourceError(Exception):
    """A file cannot be read as an article; ``str(error)`` is the one-line message."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (``a named pipe (FIFO)`` …)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: str | Path, limit: int, what: str = "a regular file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; else :class:`SourceError`.

    The file is opened without blocking (a FIFO would wait for a writer) and
    checked on the open descriptor (no race with a rename), so a directory, a
    FIFO, a device such as ``/dev/zero`` or a symbolic link to one is refused
    before anything is read; a regular file larger than ``limit`` too.  The
    message names the file and says what it is and what was expected
    (``what``: ``an article file``, ``a settings file`` …), or the limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        # A socket cannot be opened (ENXIO); say what it is when we can.
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = 0
        if mode and not stat.S_ISREG(mode):
            raise SourceError(f"{path}: is {file_kind(mode)}, not {what}") from None
        raise SourceError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            hint = " (use - to read standard input)" if stat.S_ISFIFO(info.st_mode) and "article" in what else ""
            raise SourceError(f"{path}: is {file_kind(info.st_mode)}, not {what}{hint}")
        if info.st_size > limit:
            raise SourceError(
                f"{path}: the file is too large ({_megabytes(info.st_size)}; the limit is {_megabytes(limit)})"
            )
        chunks = []
        left = limit + 1  # one more than allowed: a file that grew while we read is caught too
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise SourceError(f"{path}: the file is too large (over {_megabytes(limit)}, the limit)")
    return data


_JAPANESE = "[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\x00-\x7f]"
"""Kana, CJK ideographs, Japanese punctuation, full-width ASCII, ASCII."""
_HALF_WIDTH_KANA = "[\uff61-\uff9f]"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # on first use: a UTF-8 file never needs them, and compiling costs at start-up


def _count(pattern: str, text: str) -> tuple[int, str]:
    """How many characters of ``text`` match the one-character class ``pattern``, and the text without them.

    Counted by the regular-expression engine (a novel is a million characters:
    a loop in Python costs a tenth of a second before the first paint).
    """
    rest = _compiled(pattern).sub("", text)
    return len(text) - len(rest), rest


SAMPLE_CHARS = 40_000
"""Telling Japanese from noise or from Chinese needs a sample, not a whole novel."""


def _sample(text: str) -> str:
    """The text, or for a long one its start and a stretch from its middle."""
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + text[middle : middle + half]


def _japanese_score(text: str) -> float:
    """Share of characters that are kana, CJK ideographs or Japanese punctuation (in a sample of a long text)."""
    text = _sample(text)
    if not text:
        return 0.0
    good, rest = _count(_JAPANESE, text)
    half, _ = _count(_HALF_WIDTH_KANA, rest)  # half-width katakana: rare in real articles
    return (good + 0.2 * half) / len(text)


MIN_KANA_SHARE = 0.05
"""Japanese prose writes its particles and endings in kana (news: about half the
characters); text whose ideographs come with almost no kana is Chinese, or
Korean decoded as kanji."""
_MIN_IDEOGRAPHS = 20
"""Below this many ideographs (a name, a heading) there is too little to judge."""


_KANA = "[\u3041-\u30fa\uff66-\uff9d]"
_HAN = "[\u4e00-\u9fff\u3400-\u4dbf]"
_HANGUL = "[\uac00-\ud7a3]"


def _is_foreign(text: str) -> bool:
    """True when ``text`` is clearly not Japanese: hangul, or ideographs without kana (judged on a sample)."""
    text = _sample(text)
    kana, rest = _count(_KANA, text)
    han, rest = _count(_HAN, rest)
    hangul, _ = _count(_HANGUL, rest)
    if hangul > kana and hangul >= _MIN_IDEOGRAPHS:
        return True
    return han >= _MIN_IDEOGRAPHS and kana < MIN_KANA_SHARE * (han + kana)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),  # before UTF-16 LE, whose mark it starts with
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def _text(text: str, encoding: str, name: str) -> tuple[str, str]:
    """The decoded text, normalised, unless it holds nothing to read."""
    if not text.replace("\ufeff", "").strip():
        raise SourceError(f"{name}: the file is empty: no text, only white space")
    return normalise_newlines(text), encoding


_NOT_TEXT = frozenset({"Cc", "Co", "Cn", "Cs"})
"""Categories no text file holds (controls, private use, unassigned, surrogates), bar \\t \\n \\r \\f."""


def _plausible_text(text: str) -> bool:
    """True unless ``text`` holds characters only bytes misread would give.

    ASCII bytes read as UTF-16 turn into ideographs (``bi`` → 扩), so the score
    alone would take ``\\x00\\x01binary`` for text; its ``\\x01`` gives it away.
    """
    return not any(ch not in "\t\n\r\f" and unicodedata.category(ch) in _NOT_TEXT for ch in text)


def _wide_without_mark(data: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 text without a byte-order mark, when the bytes are that and read as Japanese."""
    best: tuple[float, str, str] | None = None
    for encoding, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % unit:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _plausible_text(text):
            continue
        score = _japanese_score(text)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, encoding, text)
    return (best[2], best[1]) if best else None


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`SourceError`."""
    if not data:
        raise SourceError(f"{name}: the file is empty")
    for mark, encoding, label in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise SourceError(
                    f"{name}: starts with a {label} mark but is not valid {label} ({error.reason})"
                ) from None
            return _text(text, encoding if label != "UTF-8" else "utf-8-sig", name)
    if not data.strip():
        raise SourceError(f"{name}: the file is empty: no text, only white space")
    if b"\x00" in data:
        wide = _wide_without_mark(data)
        if wide is not None:
            return _text(*wide, name)
        raise SourceError(f"{name}: this is a binary file (it holds NUL bytes), not a text article")
    try:
        return _text(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for encoding in ("cp932", "euc_jp"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_japanese_score(text), encoding, text))
    if candidates:
        score, encoding, text = max(candidates)
        # Text in some other encoding can decode "successfully" as CP932 into
        # noise; real Japanese prose is almost all kana, kanji and ASCII.
        if score >= 0.9:
            if _is_foreign(text):
                raise SourceError(
                    f"{name}: not Japanese text in UTF-8, Shift_JIS/CP932 or EUC-JP: it decodes to ideographs "
                    "without kana, as Chinese or Korean text in another encoding (GB18030, Big5, EUC-KR) does"
                )
            return _text(text, encoding, name)
    raise SourceError(f"{name}: cannot decode the text (not UTF-8, UTF-16, Shift_JIS/CP932 or EUC-JP)")


def read_source(path: str) -> tuple[str, str]:
    """Read and decode the file at ``path`` (``-`` is standard input), at most :data:`MAX_BYTES`."""
    return decode_bytes(read_bytes(path), "<stdin>" if path == "-" else path)


def read_bytes(path: str) -> bytes:
    """The bytes of the file at ``path`` (``-`` is standard input), within :data:`MAX_BYTES`.

    Only a regular file is read (:func:`read_regular_file`); standard input
    past the limit is refused, never silently cut.
    """
    if path == "-":
        import sys

        if sys.stdin is None:
            raise SourceError("<stdin>: standard input is closed")
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        except OSError as error:
            raise SourceError(f"<stdin>: cannot be read ({error.strerror or error})") from None
        if len(data) > MAX_BYTES:
            raise SourceError(f"<stdin>: standard input is too large (over {_megabytes(MAX_BYTES)}, the limit)")
        return data
    return read_regular_file(path, MAX_BYTES, "an article file")


def visible_control(ch: str) -> str:
    """How a control character is shown: caret notation (ESC is ``^[``)."""
    code = ord(ch)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    if 0x80 <= code < 0xA0:
        return f"<{code:02x}>"
    return ch


def is_control(ch: str) -> bool:
    """True for characters that must never reach the terminal raw."""
    return ch != "\n" and (unicodedata.category(ch) == "Cc")
