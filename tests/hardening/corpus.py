"""Nasty inputs, made in the test (no committed binaries): contents of article files.

Each entry says what the commands must do with it: succeed (``ok=True``),
refuse with one line holding one of ``expect`` (``ok=False``), or either
(``ok=None``: inputs whose fate is another reader's call, such as an HTML page
with hardly any body, or Shift_JIS made almost only of half-width katakana,
which the decoder's Japanese score does not take).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

HOSTILE = "\x1b]52;c;aG9zdGlsZQ==\x07\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b1m\x07"
"""Writes the terminal's clipboard (OSC 52), changes its title, clears it, colours it (CSI, C1 CSI), rings."""

ARTICLE = "プーチン大統領が北朝鮮訪問\n\nロシアと北朝鮮は、プーチン大統領が18日から北朝鮮を訪問すると発表しました。\n"
"""A small well-formed article (title and one paragraph)."""

CHINESE = "中华人民共和国国务院总理今天在北京会见了来访的外国领导人双方就两国关系和共同关心的国际问题深入交换了意见\n"
KOREAN = "대한민국 대통령은 오늘 서울에서 외국 정상과 회담을 가졌다. 양국 관계에 대해 논의했다.\n"
TRADITIONAL = "中華民國總統今天在台北會見外國領導人雙方就兩國關係交換意見並討論區域安全問題\n"


@dataclass(frozen=True)
class Nasty:
    """One input: the bytes of a file and what must come of it."""

    name: str
    data: bytes
    ok: bool | None
    expect: tuple[str, ...] = ()


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def contents() -> list[Nasty]:
    """Article files by their contents."""
    text = ARTICLE
    empty = ("empty",)
    foreign = ("not Japanese", "cannot decode")
    return [
        # Nothing to read.
        Nasty("empty", b"", False, empty),
        Nasty("bom-only", b"\xef\xbb\xbf", False, empty),
        Nasty("bom-newlines-ideographic-space", b"\xef\xbb\xbf\n\n\xe3\x80\x80\n", False, empty),
        Nasty("shift-jis-ideographic-spaces", "\u3000\u3000\n\u3000\r\n".encode("cp932"), False, empty),
        Nasty("euc-jp-ideographic-spaces", "\u3000\n\u3000\n".encode("euc_jp"), False, empty),
        Nasty("utf16-whitespace", "\u3000 \n\t".encode("utf-16"), False, empty),
        Nasty("newlines-only", b"\n" * 1000, False, empty),
        Nasty("crlf-tabs-only", b"\r\n\t \r\n\x0b\x0c", False, empty),
        Nasty("bom-then-bom-char", "\ufeff\ufeff\n".encode("utf-8"), False, empty),
        # Encodings that are Japanese text.
        Nasty("utf8-bom", b"\xef\xbb\xbf" + text.encode(), True),
        Nasty("shift-jis-crlf", text.replace("\n", "\r\n").encode("cp932"), True),
        Nasty("euc-jp", text.encode("euc_jp"), True),
        Nasty("utf16-le-bom", text.encode("utf-16"), True),
        Nasty("utf16-be-bom", b"\xfe\xff" + text.encode("utf-16-be"), True),
        Nasty("utf16-le-no-bom", text.encode("utf-16-le"), True),
        Nasty("utf16-be-no-bom", text.encode("utf-16-be"), True),
        Nasty("utf32-bom", text.encode("utf-32"), True),
        Nasty("utf32-be-no-bom", text.encode("utf-32-be"), True),
        Nasty("lone-cr-lines", text.replace("\n", "\r").encode(), True),
        # Other languages and encodings.
        Nasty("gb18030-chinese", CHINESE.encode("gb18030"), False, foreign),
        Nasty("gb2312-chinese-with-punctuation", ("北京，上海。" + CHINESE).encode("gb2312"), False, foreign),
        Nasty("euc-kr-korean", KOREAN.encode("euc_kr"), False, foreign),
        Nasty("big5-chinese", TRADITIONAL.encode("big5"), False, foreign),
        Nasty("latin1", "Café déjà vu, naïve façade, ½ × ¾ ± ß\n".encode("latin-1"), False, ("cannot decode",)),
        Nasty("utf8-korean", KOREAN.encode(), True),
        Nasty("utf8-chinese", CHINESE.encode(), True),
        # Broken bytes.
        Nasty("bom-then-invalid-utf8", b"\xef\xbb\xbf" + text.encode() + b"\xff\xfe", False, ("UTF-8 mark",)),
        Nasty("utf16-bom-odd-length", b"\xff\xfe" + text.encode("utf-16-le") + b"\x00", False, ("UTF-16",)),
        Nasty("utf8-cut-mid-character", text.encode()[:-2], False, ("cannot decode",)),
        Nasty("utf8-then-shift-jis", text.encode() + text.encode("cp932"), False, ("cannot decode",)),
        Nasty(
            "cesu-surrogates",
            "題名\n\n\ud83d\ude00です。\n".encode("utf-8", "surrogatepass"),
            False,
            ("cannot decode",),
        ),
        Nasty("nul-bytes", b"\x00\x01binary\x00", False, ("binary",)),
        Nasty("nul-bytes-even-length", b"\x00\x01binary", False, ("binary",)),  # reads as UTF-16BE "kanji"
        Nasty("png-header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", False, ("binary",)),
        Nasty("elf-header", b"\x7fELF\x02\x01\x01\x00" + bytes(56), False, ("binary",)),
        Nasty("random-bytes", _random_bytes(4096, 16), False, ("binary", "decode", "Japanese")),
        Nasty("random-high-bytes", bytes(b | 0x80 for b in _random_bytes(4096, 17)), False, ("decode", "Japanese")),
        # Text that drives terminals or parsers.
        Nasty("escape-sequences", f"見出し{HOSTILE}\n\n本文{HOSTILE}です。\n".encode(), True),
        Nasty("c1-controls", "題名\n\n本文\u0085\u009b31m\u009dです。\n".encode(), True),
        Nasty("ascii-separators", "題名\x1c\n\n本文\x1e\x1fです。\x7f\n".encode(), True),
        Nasty("markup", "[bold]題名[/bold]\n\n<script>alert(1)</script>{{c1::本文}}[link=x]です。\n".encode(), True),
        Nasty("aozora-marks", "題名\n\n｜漢字《かんじ》と《》｜｜《《》》です。\n".encode(), True),
        Nasty("unbalanced-brackets", ("題名\n\n" + "「" * 3000 + "本文。" + "」" * 7 + "\n").encode(), True),
        Nasty("closing-brackets", ("」』）" * 1000 + "\n\n本文。\n").encode(), True),
        Nasty("bidi-overrides", "題名\u202e逆\u202c\n\n本文\u2066です\u2069。\n".encode(), True),
        Nasty("zero-width-only", "\u200b\u200d\u2060\n".encode(), True),
        Nasty("noncharacters-private-use", "題名\uffff\n\n本文\ue000\U0010fffdです。\n".encode(), True),
        Nasty("astral-kanji", "𠮷野家の題名\n\n𩸽と𠀋を食べた。\n".encode(), True),
        Nasty("combining-marks", "題名\n\nか\u3099き\u309aです\u0301\u0301\u0301。\n".encode(), True),
        Nasty("emoji-zwj", "題名👨‍👩‍👧‍👦\n\n本文🇯🇵です。\n".encode(), True),
        Nasty("half-width-katakana", "ﾀｲﾄﾙ\n\nﾌﾟｰﾁﾝ大統領がﾓｽｸﾜで会談した。\n".encode("cp932"), None),
        Nasty("huge-numbers", "題名\n\n99999999999999999999日に１２３４５６７８９０１２３人が来た。\n".encode(), True),
        Nasty("era-years", "題名\n\n令和元年と平成99999年と昭和0年12月。\n".encode(), True),
        Nasty("single-char", "。".encode(), True),
        Nasty("title-only-no-newline", "題名".encode(), True),
        Nasty("chōon-only", "ーーー\n".encode(), True),
        Nasty("ascii-english", b"Breaking news\n\nThe president visited the capital today.\n", True),
        Nasty("many-short-lines", ("題名\n" + "本文。\n" * 3000).encode(), True),
        Nasty("html-page", b"<!doctype html><html><body><p>\xe6\x9c\xac\xe6\x96\x87</p></body></html>\n", None),
        # Engine edges: since the guard where text enters SudachiPy and pykakasi landed, these read.
        Nasty("line-past-sudachi-limit", ("題名\n\n" + "長い文章です。" * 8000 + "\n").encode(), True),
        Nasty("ascii-line-past-limit", ("題名\n\n" + "a" * 60000 + "\n").encode(), True),
        Nasty("ideographic-variation", "葛\U000e0100城市\n\n禰\U000e0100豆子と葛\U000e0101飾区。\n".encode(), True),
        Nasty("variation-selectors-alone", "\U000e0100\ufe0f題名\n\n\U000e0100\U000e0100です。\n".encode(), True),
    ]


CORPUS_FOR_READER = frozenset(
    {
        "utf16-le-bom",
        "escape-sequences",
        "c1-controls",
        "markup",
        "unbalanced-brackets",
        "bidi-overrides",
        "astral-kanji",
        "huge-numbers",
        "title-only-no-newline",
        "zero-width-only",
        "line-past-sudachi-limit",
        "ideographic-variation",
    }
)
"""Inputs the reader is opened on in a Pilot (each opening costs a second or two)."""
