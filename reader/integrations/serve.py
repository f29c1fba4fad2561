"""The reader in a web browser: a local web server around the same Textual app.

textual-serve does the work: for each page opened it starts one reader process
with Textual's web driver and relays the terminal stream over a websocket to
xterm.js in the page.  This module adds what a reader on a shared network
needs:

- it listens on 127.0.0.1 unless told otherwise, and there it answers only
  requests addressed to this machine by name (``Host``), so a web page that
  rebinds its own name to 127.0.0.1 cannot drive the reader;
- on any other address every route (the page, its static files, the
  websocket) sits under a random token in the path, and a request without it
  gets 403;
- a websocket opened from a page of another origin gets 403;
- the reader process runs a command fixed when the server starts (the text
  given, or the reader's own default); nothing in a request names a file.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

PAGE_TEMPLATE = "serve_page.html"
"""The page that hosts the terminal, beside this module."""

READER_EXIT_SECONDS = 5.0
"""How long a page's reader may take to end after being told to quit."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A random token for the address of a server others on the network can reach."""
    return secrets.token_urlsafe(18)


def reader_command(file: Path | None) -> str:
    """The shell command that runs one reader for one page: this Python, ``-m reader [FILE]``.

    ``-P`` keeps the current folder off ``sys.path``, so a folder named
    ``reader`` where the server was started cannot stand in for the app.
    """
    parts = [sys.executable, "-P", "-m", "reader"]
    if file is not None:
        parts.append(str(file))
    # textual-serve runs it through a shell; exec makes the reader the process
    # the server waits for and can end.
    return "exec " + shlex.join(parts)


def url_host(host: str) -> str:
    """``host`` as written in a URL (IPv6 addresses in brackets)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return f"[{address}]" if address.version == 6 else str(address)


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (port 0: a free one).

    Raises ``OSError`` (``socket.gaierror`` for a name that does not resolve)
    with the system's reason, for the command to report in one line.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, address = infos[0]
    return socket.create_server(address[:2], family=family)


@dataclass(frozen=True)
class ServeConfig:
    """What one ``yomu serve`` serves, fixed before the first request."""

    command: str
    """The reader process started for each page (see :func:`reader_command`)."""
    host: str
    """The address listened on, as given."""
    port: int
    """The port listened on (the real one, after binding port 0)."""
    title: str
    """The page title (the text's title)."""
    token: str | None = None
    """The path prefix every request must start with; ``None`` on loopback."""

    @property
    def prefix(self) -> str:
        """``/TOKEN`` or nothing: the start of every route."""
        return f"/{self.token}" if self.token else ""

    def url(self, host: str | None = None) -> str:
        """The page's address on ``host`` (default: the address listened on)."""
        return f"http://{url_host(host or self.host)}:{self.port}{self.prefix}/"


async def close_page(websocket: web.WebSocketResponse) -> None:
    """Close a page's websocket (the reader quit): the page then offers to open it again."""
    await websocket.close()


class ReaderServer(Server):
    """textual-serve's server with yomu's page, the token and the origin checks."""

    def __init__(self, config: ServeConfig) -> None:
        super().__init__(config.command, host=config.host, port=config.port, title=config.title)
        self.config = config
        self.templates_path = Path(__file__).resolve().parent
        self.websockets: set[web.WebSocketResponse] = set()
        """The pages connected now, each to its own reader process."""
        self.loopback_hosts = {
            f"{name}:{config.port}" for name in ("127.0.0.1", "localhost", "[::1]", url_host(config.host).lower())
        }

    def initialize_logging(self) -> None:
        """Only warnings and errors (a reader that failed to start), not every request."""
        logging.basicConfig(level=logging.WARNING, format="yomu serve: %(message)s")

    async def _make_app(self) -> web.Application:
        # Replaces textual-serve's routes: everything under the token, no
        # directory listing of the static files, no download route (the
        # reader delivers no files).
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        prefix = self.config.prefix
        routes = [
            web.get(prefix + "/", self.handle_index, name="index"),
            web.get(prefix + "/ws", self.handle_websocket, name="websocket"),
            web.static(prefix + "/static", self.statics_path, name="static"),
        ]
        if prefix:
            routes.append(web.get(prefix, self.handle_bare_prefix))
        app.add_routes(routes)
        app.on_shutdown.append(self.close_pages)
        return app

    async def close_pages(self, app: web.Application) -> None:
        """On Ctrl+C or SIGTERM: close every page, which tells its reader to quit."""
        for websocket in list(self.websockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"yomu serve stopped")

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """403 unless the request carries the token (or, on loopback, names this machine)."""
        token = self.config.token
        if token is not None:
            first = request.path.split("/", 2)[1]
            if not hmac.compare_digest(first.encode(), token.encode()):
                raise web.HTTPForbidden(text="yomu serve: this address needs the token printed by yomu serve\n")
        elif (request.host or "").lower() not in self.loopback_hosts:
            raise web.HTTPForbidden(text="yomu serve: open the address printed by yomu serve\n")
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != (request.host or "").lower():
            raise web.HTTPForbidden(text="yomu serve: the reader answers only its own page\n")
        return await handler(request)

    async def handle_bare_prefix(self, request: web.Request) -> web.StreamResponse:
        """``/TOKEN`` without the slash: the page is at ``/TOKEN/``."""
        raise web.HTTPFound(self.config.prefix + "/")

    @aiohttp_jinja2.template(PAGE_TEMPLATE)
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page: the terminal, connected at once to a new reader."""
        # Built from the Host the browser used, so the page works under any
        # name of this machine (127.0.0.1, its LAN address, its host name).
        scheme = "wss" if request.secure else "ws"
        return {
            "title": self.config.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "static_url": f"{self.config.prefix}/static/",
            "websocket_url": f"{scheme}://{request.host}{self.config.prefix}/ws",
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One page's terminal: a new reader process, its stream relayed both ways.

        As textual-serve's own, but each open page is known, so stopping the
        server can close the pages and end their readers before it exits.
        """
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        self.websockets.add(websocket)
        app_service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=lambda: close_page(websocket),
            download_manager=self.download_manager,
        )
        try:
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        finally:
            self.websockets.discard(websocket)
            await websocket.close()
            # Sends the reader "quit" and waits until its process has ended.
            await app_service.stop()
            await self.wait_for_reader(app_service)
        return websocket

    @staticmethod
    async def wait_for_reader(app_service: AppService) -> None:
        """Wait until the page's reader process has ended (it saves settings and marks on the way out).

        ``AppService.stop`` returns once the reader has closed its output,
        while the process may still be finishing; a reader that takes longer
        than ``READER_EXIT_SECONDS`` is terminated.
        """
        process = app_service._process  # textual-serve keeps it private; pinned below 2
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), READER_EXIT_SECONDS)
        except TimeoutError:
            process.terminate()
            await process.wait()

    def run(self, sock: socket.socket) -> None:
        """Serve on ``sock`` until interrupted (Ctrl+C or SIGTERM)."""
        self.initialize_logging()
        web.run_app(
            self._make_app(),
            sock=sock,
            print=None,
            access_log=None,
            # close_pages has told every reader to quit and each page's
            # handler waits for its reader (READER_EXIT_SECONDS at most).
            shutdown_timeout=READER_EXIT_SECONDS + 2,
        )
