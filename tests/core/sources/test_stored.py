"""A parsed document as bytes and back: every source format decodes to the same document, acting the same."""

from __future__ import annotations

import io
import marshal
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

import pytest

from reader.core.document import Document
from reader.core.sources import load_document, parse_text
from reader.core.sources.load import PARSER_VERSION
from reader.core.sources.stored import DOCUMENT_FORMAT, decode_document, encode_document
from tests.conftest import ROOT, SEED
from tests.core.sources.epubs import build_epub
from tests.core.sources.test_aozora import COLOPHON, HEADER, NOVEL

PAGES = ROOT / "tests" / "fixtures" / "pages"
AOZORA_BODY = (
    "［＃８字下げ］一［＃「一」は中見出し］\n\n"
    "　吾輩《わがはい》は猫である。一番｜獰悪《どうあく》な種族であった。\n"
    "　※［＃「言＋虚」、第4水準2-88-74］と※［＃「木＋ほげ」、12-3］とへっつい［＃「へっつい」に傍点］。\n"
    "［＃５字下げ］第二章［＃「第二章」は大見出し］\n　本文その二。ここで終わり。\n"
)
SHORT_AOZORA = (HEADER + AOZORA_BODY + COLOPHON).encode("cp932")


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


SOURCES: dict[str, Callable[[], Document]] = {
    "aozora": lambda: load_document(SHORT_AOZORA, "short.txt"),
    "aozora zip": lambda: load_document(zipped("short/short.txt", SHORT_AOZORA), "short.zip"),
    "nhk-easy html": lambda: load_document(str(PAGES / "nhk-easy.html")),
    "nhk-news html": lambda: load_document(str(PAGES / "nhk-news.html")),
    "general-news html": lambda: load_document(str(PAGES / "general-news.html")),
    "epub 3": lambda: load_document(build_epub("3.0"), "book.epub"),
    "epub 2": lambda: load_document(build_epub("2.0"), "book.epub"),
    "plain text": lambda: load_document(str(SEED)),
    "plain text from stdin": lambda: load_document(SEED.read_bytes(), "-"),
}


def assert_same(decoded: Document, parsed: Document) -> None:
    """Equal, and every look-up the reader makes answers the same."""
    assert decoded == parsed
    assert type(decoded.sections) is tuple and type(decoded.ruby) is tuple
    assert decoded.source.citation() == parsed.source.citation()
    assert list(decoded.blocks()) == list(parsed.blocks())
    assert list(decoded.sentences) == list(parsed.sentences)
    assert [decoded.section_label(s) for s in decoded.sections] == [parsed.section_label(s) for s in parsed.sections]
    size = len(parsed.text)
    marked = [g.start for g in parsed.gaiji] + [s.start for s in parsed.ruby[:50]]
    offsets = sorted({0, size // 3, size // 2, size - 1, *marked})
    for offset in offsets:
        assert decoded.section_at(offset) == parsed.section_at(offset)
        assert decoded.sentence_at(offset) == parsed.sentence_at(offset)
        assert decoded.gaiji_at(offset) == parsed.gaiji_at(offset)
        assert decoded.gaiji_in(offset, offset + 40) == parsed.gaiji_in(offset, offset + 40)
        assert decoded.author_ruby(offset, offset + 200) == parsed.author_ruby(offset, offset + 200)
    assert decoded.author_ruby() == parsed.author_ruby()
    decoded_copy = decode_document(encode_document(decoded))  # a decoded document encodes the same again
    assert decoded_copy == parsed


@pytest.mark.parametrize("kind", list(SOURCES))
def test_every_source_format_comes_back_the_same(kind: str) -> None:
    parsed = SOURCES[kind]()
    assert_same(decode_document(encode_document(parsed)), parsed)


def test_the_layers_of_each_format_are_there_to_compare() -> None:
    # The round trips above are only worth something if the fixtures carry the layers.
    aozora = SOURCES["aozora"]()
    assert aozora.ruby and aozora.gaiji and aozora.emphasis and len(aozora.sections) == 3
    assert any(not g.resolved for g in aozora.gaiji) and any(g.resolved for g in aozora.gaiji)
    assert SOURCES["nhk-easy html"]().names
    assert SOURCES["epub 3"]().ruby and SOURCES["epub 2"]().emphasis
    assert SOURCES["plain text"]().source.kind == "text" and SOURCES["plain text from stdin"]().name == "-"


def test_the_novel_comes_back_the_same() -> None:
    parsed = load_document(str(NOVEL))
    payload = encode_document(parsed)
    decoded = decode_document(payload)
    assert_same(decoded, parsed)
    assert len(decoded.ruby) == 9214 and len(decoded.sections) == 12 and len(decoded.gaiji) == 34
    assert len(payload) < len(parsed.text) * 4  # the text is its largest part, kept once


def test_a_text_with_lone_surrogates_comes_back_as_it_was() -> None:
    # Not from a file (decoding is strict), but a str can hold them: two that UTF-16 would join into one.
    parsed = parse_text("題名\n\n壊れた\udcff文字と\ud83d\ude00二つ。\n", name="odd.txt")
    assert "\udcff" in parsed.text
    assert_same(decode_document(encode_document(parsed)), parsed)


# ------------------------------------------------------------ what is refused


@pytest.fixture(scope="module")
def payload() -> bytes:
    return encode_document(load_document(SHORT_AOZORA, "short.txt"))


def rewritten(payload: bytes, change: Callable[[list[Any]], object]) -> bytes:
    """``payload`` with its values changed and a checksum that matches them."""
    values = list(marshal.loads(payload[4:]))
    change(values)
    body = marshal.dumps(tuple(values))
    return zlib.crc32(body).to_bytes(4, "big") + body


def test_a_payload_rewritten_without_a_change_is_accepted(payload: bytes) -> None:
    # The refusals below come from the change each makes, not from rewriting.
    assert decode_document(rewritten(payload, lambda values: None)) == decode_document(payload)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: b"", id="empty"),
        pytest.param(lambda p: p[: len(p) // 2], id="cut short"),
        pytest.param(lambda p: p[:-1], id="last byte missing"),
        pytest.param(lambda p: p[:100] + bytes([p[100] ^ 0x40]) + p[101:], id="a flipped bit"),
        pytest.param(lambda p: b"\x00\x00\x00\x00" + p[4:], id="another checksum"),
        pytest.param(lambda p: b"not a document at all", id="other bytes"),
    ],
)
def test_damaged_bytes_are_refused(payload: bytes, damage: Callable[[bytes], bytes]) -> None:
    with pytest.raises(ValueError):
        decode_document(damage(payload))


def _set(index: int, value: object) -> Callable[[list[Any]], None]:
    def change(values: list[Any]) -> None:
        values[index] = value

    return change


def _column(index: int, column: int, value: tuple[Any, ...]) -> Callable[[list[Any]], None]:
    def change(values: list[Any]) -> None:
        columns = list(values[index])
        columns[column] = value
        values[index] = tuple(columns)

    return change


def _layer(layer: int, column: int, value: tuple[Any, ...]) -> Callable[[list[Any]], None]:
    def change(values: list[Any]) -> None:
        layers = [list(columns) for columns in values[11]]
        layers[layer][column] = value
        values[11] = tuple(tuple(columns) for columns in layers)

    return change


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_set(1, DOCUMENT_FORMAT + 1), id="another format"),
        pytest.param(_set(2, PARSER_VERSION + 1), id="another parser version"),
        pytest.param(_set(0, "something-else"), id="another tag"),
        pytest.param(lambda values: values.pop(), id="a field missing"),
        pytest.param(_set(3, 42), id="text not a string"),
        pytest.param(_set(3, b"\x00\xd8"), id="text not UTF-16"),
        pytest.param(_set(6, (0,)), id="title of another shape"),
        pytest.param(_set(6, (0, 10**9)), id="title outside the text"),
        pytest.param(_set(7, ("aozora",)), id="source of another shape"),
        pytest.param(_column(8, 5, (1, 1, 1)), id="paragraph counts that do not add up"),
        pytest.param(_column(9, 0, ()), id="a column shorter than the others"),
        pytest.param(_column(10, 1, ()), id="sentences without ends"),
        pytest.param(_layer(0, 2, ("よみ",)), id="ruby readings fewer than ruby"),
        pytest.param(_layer(0, 0, None), id="a column that is not a tuple"),
        pytest.param(_set(11, ()), id="layers missing"),
    ],
)
def test_payloads_of_another_shape_are_refused(payload: bytes, change: Callable[[list[Any]], object]) -> None:
    with pytest.raises(ValueError):
        decode_document(rewritten(payload, change))


def test_wrong_types_inside_a_column_are_refused(payload: bytes) -> None:
    values = marshal.loads(payload[4:])
    ruby_starts = values[11][0][0]
    readings = values[11][0][2]
    assert ruby_starts and readings
    with pytest.raises(ValueError, match="type"):
        decode_document(rewritten(payload, _layer(0, 0, (str(ruby_starts[0]), *ruby_starts[1:]))))
    with pytest.raises(ValueError, match="type"):
        decode_document(rewritten(payload, _layer(0, 2, (7, *readings[1:]))))
    with pytest.raises(ValueError, match="outside"):
        decode_document(rewritten(payload, _layer(0, 1, (10**9, *values[11][0][1][1:]))))
