"""Japanese line breaking: kinsoku rules and BudouX phrase boundaries.

Two questions decide where a display line of Japanese may end:

- kinsoku (禁則処理): some characters may not start a line (、。」ー small kana
  …) and some may not end one (「（ …) — :data:`NO_LINE_START`,
  :data:`NO_LINE_END`, :func:`break_allowed`;
- phrases (文節): BudouX's model finds the boundaries a reader expects lines to
  break at (ロシアと|北朝鮮は、|プーチン大統領が) — :func:`phrase_breaks`.

:mod:`reader.core.layout` ranks the two together.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from reader.core.cells import char_width

__all__ = ["NO_LINE_END", "NO_LINE_START", "break_allowed", "phrase_breaks"]

NO_LINE_START: frozenset[str] = frozenset(
    # closing brackets and quotes
    "」』）】〕〉》〙〗〟｣］｝｠”’"
    # Japanese punctuation, middle dots, prolonged sound marks, iteration marks
    "、。，．・：；？！‼⁇⁈⁉ー〜～ｰ･｡､゠‐–"
    "々〻ゝゞヽヾ゛゜…‥"
    # small kana
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｯｬｭｮ"
    # ASCII closing punctuation and units that follow their number
    ",.)]}!?:;%°′″℃"
)
"""Characters that may not begin a display line."""

NO_LINE_END: frozenset[str] = frozenset("「『（【〔〈《〘〖〝｢［｛｟“‘([{")
"""Characters that may not end a display line."""

_ZWJ = "\u200d"

_parser: Any = None
_parser_lock = threading.Lock()


def _budoux_parser() -> Any:
    """BudouX's Japanese parser, loaded on first use (about 10 ms) by one thread."""
    global _parser
    if _parser is None:
        with _parser_lock:
            if _parser is None:
                import budoux

                _parser = budoux.load_default_japanese_parser()
    return _parser


def phrases_loaded() -> bool:
    """True once BudouX is loaded (importing it takes ~30 ms)."""
    return _parser is not None


def load_phrases() -> None:
    """Load BudouX now (from a worker thread, so the screen need not wait)."""
    _budoux_parser()


@lru_cache(maxsize=1024)
def phrase_breaks(text: str, start: int, end: int) -> frozenset[int]:
    """Offsets in ``(start, end)`` where BudouX puts a phrase boundary in ``text[start:end]``.

    The result does not depend on the width, so it is cached (a block is laid
    out again at every resize); parsing the whole seed article costs ~6 ms.
    """
    if end - start < 2:
        return frozenset()
    offsets: list[int] = []
    offset = start
    for chunk in _budoux_parser().parse(text[start:end])[:-1]:
        offset += len(chunk)
        offsets.append(offset)
    return frozenset(offsets)


def break_allowed(text: str, offset: int) -> bool:
    """True when kinsoku rules let a line break before ``text[offset]``.

    Looks at ``text[offset]`` (may it start a line?) and ``text[offset - 1]``
    (may it end one?).  A break never separates a combining mark or other
    zero-width character from the character before it (a zero-width space
    allows a break after it, not before).  Breaks at either end of the text are
    trivially allowed.
    """
    if offset <= 0 or offset >= len(text):
        return True
    ch = text[offset]
    before = text[offset - 1]
    if ch in NO_LINE_START or before in NO_LINE_END or before == _ZWJ:
        return False
    return char_width(ch) != 0
