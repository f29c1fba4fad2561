"""Fetching a page: ``yomu https://…`` reads the page at the address as HTML.

The standard library's ``urllib`` with a timeout and a size limit; every
failure — offline, a name that does not resolve, a refused connection, a
timeout, an HTTP error status, a type that is not a page or text — is a
:class:`SourceError` with one line naming the address and the problem.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass

from reader import __version__
from reader.core.sources.decode import MAX_BYTES, SourceError

DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for the server (to connect, and between reads)."""
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/epub+zip", "application/zip")
"""Content types yomu reads; anything else (images, PDF, JSON) is refused by name."""
USER_AGENT = f"yomu/{__version__} (terminal reader for Japanese)"


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: its bytes, content type, final address and date."""

    data: bytes
    content_type: str
    url: str
    date: str
    """The page's ``Last-Modified`` date (ISO), else ``""``: the article's own date is read from the page."""


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> Page:
    """GET ``url``; raise :class:`SourceError` with one line on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            kind = content_type.split(";")[0].strip().lower()
            if kind and kind not in ACCEPTED_TYPES:
                raise SourceError(f"{url}: not a page yomu can read (the server sent {kind})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise SourceError(f"{url}: the page is too large ({int(length) // 1024 // 1024} MB)")
            data = response.read(MAX_BYTES + 1)
            final = response.geturl()
            modified = response.headers.get("Last-Modified", "")
    except SourceError:
        raise
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"{url}: cannot be fetched ({_reason(error.reason)})") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError, ssl.SSLError) as error:
        raise SourceError(f"{url}: cannot be fetched ({_reason(error)})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"{url}: the page is too large (more than {MAX_BYTES // 1024 // 1024} MB)")
    if not data.strip():
        raise SourceError(f"{url}: the page is empty")
    return Page(data, content_type, final, _iso(modified))


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "the server's name cannot be resolved: offline, or no such host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    text = getattr(reason, "strerror", None) or str(reason)
    return " ".join(str(text).split()) or type(reason).__name__


def _iso(http_date: str) -> str:
    if not http_date:
        return ""
    try:
        moment = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return ""
    return moment.date().isoformat() if moment else ""
