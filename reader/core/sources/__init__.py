"""Reading sources into documents: plain text, Aozora Bunko, HTML, EPUB, URLs, standard input.

:func:`load_document` takes a path, ``-``, a URL or bytes, tells the format
from the content and returns a :class:`~reader.core.document.Document`; every
failure is a :class:`SourceError` with a one-line message.

:data:`~reader.core.sources.load.PARSER_VERSION` names what the parsers make
of a source: bump it with any change to a parser's output, so documents kept
in the cache (:mod:`reader.core.sources.stored`) are parsed again.
"""

from reader.core.sources.decode import SourceError, decode_bytes, read_source
from reader.core.sources.load import document_from_bytes, document_from_text, is_url, load_document
from reader.core.sources.text import parse_text

__all__ = [
    "SourceError",
    "decode_bytes",
    "document_from_bytes",
    "document_from_text",
    "is_url",
    "load_document",
    "parse_text",
    "read_source",
]
