"""Decode article bytes: UTF-8 (with or without BOM), Shift_JIS/CP932, EUC-JP.

The encoding is detected from the bytes, never guessed from the file name:
UTF-8 is tried strictly first (it almost never decodes text in another
encoding), then CP932 and EUC-JP, each strictly; when both succeed the one that
yields more kana and common kanji wins.  Newlines are normalised to ``\\n``.
"""

from __future__ import annotations

import os
import unicodedata

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: a news article is a few kilobytes."""


class SourceError(Exception):
    """A file cannot be read as an article; ``str(error)`` is the one-line message."""


def _japanese_score(text: str) -> float:
    """Share of characters that are kana, CJK ideographs or Japanese punctuation."""
    if not text:
        return 0.0
    good = 0.0
    for ch in text:
        code = ord(ch)
        if (
            0x3040 <= code <= 0x30FF  # hiragana, katakana
            or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF01 <= code <= 0xFF5E  # full-width ASCII
            or ch.isascii()
        ):
            good += 1
        elif 0xFF61 <= code <= 0xFF9F:  # half-width katakana: rare in real articles
            good += 0.2
    return good / len(text)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`SourceError`."""
    if not data.strip():
        raise SourceError(f"{name}: the file is empty")
    if b"\x00" in data:
        raise SourceError(f"{name}: this is a binary file (it holds NUL bytes), not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return normalise_newlines(data[3:].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise SourceError(f"{name}: starts with a UTF-8 mark but is not valid UTF-8 ({error.reason})") from None
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
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
            return normalise_newlines(text), encoding
    raise SourceError(f"{name}: cannot decode the text (not UTF-8, Shift_JIS/CP932 or EUC-JP)")


def read_source(path: str) -> tuple[str, str]:
    """Read and decode the file at ``path`` (``-`` is standard input)."""
    return decode_bytes(read_bytes(path), "<stdin>" if path == "-" else path)


def read_bytes(path: str) -> bytes:
    """The bytes of the file at ``path`` (``-`` is standard input), within :data:`MAX_BYTES`."""
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise SourceError(f"<stdin>: the input is too large (more than {MAX_BYTES // 1024 // 1024} MB)")
        return data
    if not os.path.exists(path):
        raise SourceError(f"{path}: no such file")
    if os.path.isdir(path):
        raise SourceError(f"{path}: is a directory, not an article file")
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise SourceError(f"{path}: the file is too large for an article ({size // 1024 // 1024} MB)")
        with open(path, "rb") as handle:
            return handle.read()
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or error})") from None


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
