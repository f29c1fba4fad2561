"""Layout of one block of article text into terminal rows, with ruby.

:func:`layout_block` turns ``text[start:end]`` (a title, heading or paragraph)
and the readings over it into display lines for a width in cells.  Each line is
a base row (the text) and, with readings above, an over row (the ruby); each
row is a tuple of :class:`Piece` s at columns, already made safe to draw with
:func:`~reader.core.cells.display_text`.  The Textual view draws exactly these
pieces; nothing here knows about Textual or Rich.

How a line is filled:

1. The block is cut into *units* that are never split: a character (with any
   combining marks after it) or an annotated base with its reading.  With
   readings above, a reading narrower than its base is centred over it; a
   wider one may *overhang* the characters beside its base that carry no
   reading of their own (kana, punctuation, digits, Latin, spaces; never a
   kanji or another annotated base) by up to ``overhang`` cells a side, as JIS
   X 4051 lets ruby overhang adjacent kana, and the base is padded only for
   the rest (:func:`_geometry`, :func:`_fit_overhang`).  Two readings on the
   over row keep at least one blank cell between them.  A unit wider than the
   line (a long reading on a narrow screen) is split: its reading is shared
   out over its base characters.
2. Every boundary between units gets a rank: a BudouX phrase boundary or a
   space (3), any other break kinsoku allows (2), a break inside a Latin word
   or number (1), a break kinsoku forbids (0).
3. Greedy filling: take units while they fit, then break at the rightmost
   boundary of the best rank on the line.  Rank 0 is used only when a run with
   no allowed break is wider than the line; no row is ever wider than ``width``.
   With readings above, a line is measured exactly as it will be drawn: its
   first reading cannot overhang to the left (the over row never starts left
   of the indent), its last may overhang the blank end of the line, and the
   line fits when both its base row and its over row do.
"""

from reader.core.layout.block import layout_block
from reader.core.layout.model import LaidLine, Piece, Placement

__all__ = ["LaidLine", "Piece", "Placement", "layout_block"]
