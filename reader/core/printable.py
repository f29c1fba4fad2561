"""Strings from outside made safe to show: no escape sequence ever reaches the terminal.

Text from a file, a file name, the database or the network may hold control
characters: ``ESC ] 52 ; …`` writes the terminal's clipboard, ``ESC ] 0 ; …``
changes its title, a newline splits a one-line error in two.  Every such
string is passed through one of these two functions where it is shown:

* :func:`one_line` — for messages (stderr, notices): control characters in
  caret notation (ESC → ``^[``), newlines as ``\\n``, bidirectional overrides
  and undecodable bytes of a file name as visible escapes, so the message stays
  one line and says what is really there;
* :func:`screen_text` — for panels and screens: the same, but line breaks stay
  line breaks and a tab is one space (as the reading view draws them).
"""

from __future__ import annotations

__all__ = ["one_line", "screen_text", "shown_char"]

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional controls: in a file name they make the name read backwards (CVE-2021-42574)."""

MESSAGE_LIMIT = 500
"""Characters of a message shown at most (an exception may quote a whole file)."""


def shown_char(ch: str) -> str | None:
    """How an unsafe character is shown, or ``None`` when it is safe as it is.

    C0 controls and DEL in caret notation (``^[``, ``^?``), C1 controls as
    ``<9b>``; a lone surrogate (an undecodable byte of a file name, kept by
    Python as U+DC80…U+DCFF) as ``\\xff``, which is also what makes it
    printable at all: a UTF-8 stream cannot encode it.
    """
    code = ord(ch)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code < 0x7F:
        return None
    if code == 0x7F:
        return "^?"
    if code < 0xA0:
        return f"<{code:02x}>"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    return None


def one_line(text: object, limit: int | None = MESSAGE_LIMIT) -> str:
    """``text`` (or ``str(text)``) as one safe line: ``"a\\x1b]0;x\\x07\\nb"`` → ``"a^[]0;x^G\\\\nb"``.

    Longer than ``limit`` characters, it is cut with ``…``.
    """
    text = str(text)
    # Fast path: controls, surrogates, bidi controls and line separators are all not printable.
    if not text.isprintable():
        parts = []
        for ch in text:
            if ch == "\n":
                parts.append("\\n")
            elif ch in _BIDI or ch in "\u2028\u2029":
                parts.append(f"<U+{ord(ch):04X}>")
            else:
                shown = shown_char(ch)
                parts.append(ch if shown is None else shown)
        text = "".join(parts)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def screen_text(text: object) -> str:
    """``text`` safe for a panel: line breaks kept, tabs as one space, every other control visible."""
    text = str(text)
    if text.isprintable():
        return text
    parts = []
    for ch in text:
        if ch == "\n":
            parts.append(ch)
        elif ch == "\t":
            parts.append(" ")
        else:
            shown = shown_char(ch)
            parts.append(ch if shown is None else shown)
    return "".join(parts)
