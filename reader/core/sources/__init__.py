"""Reading article files: decoding bytes and finding the structure of the text."""

from reader.core.document import Document
from reader.core.sources.decode import SourceError, decode_bytes, read_source
from reader.core.sources.text import parse_text

__all__ = ["SourceError", "decode_bytes", "load_document", "parse_text", "read_source"]


def load_document(path: str) -> Document:
    """Read, decode and parse the plain-text article at ``path``.

    Raises :class:`SourceError` with a one-line message naming the file and the
    problem when it cannot be read as a Japanese text article.
    """
    text, encoding = read_source(path)
    return parse_text(text, name=path, encoding=encoding)
