"""Terminal cell widths of article text, and control characters made visible.

Every width decision in the reader (line breaking, ruby centring, columns) is
made in terminal cells with :func:`cell_len`, never with ``len()``.  Widths
follow Unicode East Asian Width the way Rich measures them (wide and fullwidth
→ 2, combining and zero-width → 0, the rest → 1), except for control
characters: the article may contain them (a stray ``ESC[31m`` in a scraped
page), and drawing them raw would let the text drive the terminal, so they are
shown in caret notation (``^[``) or as ``<9b>`` and measured as drawn.
"""

from __future__ import annotations

import unicodedata

__all__ = ["cell_len", "char_width", "display_text"]

_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Zl", "Zp"})
"""Categories drawn with no cell of their own (combining marks, format characters)."""

_WIDTHS: dict[str, int] = {}
"""Cache of :func:`char_width` results; an article uses a few thousand distinct characters."""


def _control_shown(ch: str) -> str | None:
    """How a control character is drawn, or ``None`` when ``ch`` is not one."""
    code = ord(ch)
    if code < 0x20:
        return " " if ch == "\t" else "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    if 0x80 <= code < 0xA0:
        return f"<{code:02x}>"
    return None


def _measure(ch: str) -> int:
    shown = _control_shown(ch)
    if shown is not None:
        return len(shown)  # caret notation is plain ASCII
    code = ord(ch)
    if code < 0x7F:
        return 1
    if ch == "\u00ad":  # soft hyphen: terminals (and Rich) give it a cell
        return 1
    if unicodedata.category(ch) in _ZERO_WIDTH_CATEGORIES or 0x1160 <= code <= 0x11FF:
        return 0  # 0x1160-0x11FF: Hangul medial vowels and finals join the syllable before
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def char_width(ch: str) -> int:
    """Cells taken by one character as the reader draws it.

    East Asian Wide/Fullwidth → 2, combining/zero-width → 0, otherwise 1.  A C0
    control character or DEL is drawn in caret notation (ESC → ``^[``) and so
    takes 2; a C1 control is drawn as ``<9b>`` and takes 4; a tab is drawn as
    one space.
    """
    width = _WIDTHS.get(ch)
    if width is None:
        width = _WIDTHS[ch] = _measure(ch)
    return width


def _has_controls(s: str) -> bool:
    return any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in s)


def display_text(s: str) -> str:
    """``s`` as drawn: control characters made visible, tabs as one space.

    ``"\\x1b[31m"`` → ``"^[[31m"``, ``"\\x7f"`` → ``"^?"``, ``"\\x9b"`` → ``"<9b>"``.
    """
    if s.isprintable() or not _has_controls(s):
        return s
    parts = []
    for ch in s:
        shown = _control_shown(ch)
        parts.append(ch if shown is None else shown)
    return "".join(parts)


def cell_len(s: str) -> int:
    """Cells taken by ``s`` as drawn (the width of ``display_text(s)``)."""
    if s.isascii() and s.isprintable():
        return len(s)
    get = _WIDTHS.get
    total = 0
    for ch in s:
        width = get(ch)
        if width is None:
            width = char_width(ch)
        total += width
    return total


def truncate(s: str, cells: int) -> str:
    """``s`` cut to at most ``cells`` cells, ending with … when cut."""
    if cell_len(s) <= cells:
        return s
    if cells <= 0:
        return ""
    out, used = [], 0
    for ch in s:
        w = char_width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
