"""``yomu serve [FILE]``: the same reader in a web browser.

Starts a web server on 127.0.0.1 and a free port (or ``--port``), prints the
address and opens it in the browser; each page opened runs its own reader.
``--host 0.0.0.0`` lets a tablet on the same network in: the address then
carries a random token, and requests without it get 403.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from reader.cmd import CommandParser, fail
from reader.core.sources import SourceError, load_document


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="yomu serve",
        description="Read in a web browser: serve the reader on this machine and print its address.",
        epilog="On an address other than 127.0.0.1 the printed address carries a token; anyone who has it can "
        "read, mark words and study as you.",
    )
    parser.add_argument("file", nargs="?", help="the article to read; default: what `yomu` opens without a file")
    parser.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every network, with a token)",
    )
    parser.add_argument("--no-open", action="store_true", help="print the address without opening a browser")
    return parser


def _network_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, by its host name (no traffic sent)."""
    import ipaddress

    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family=socket.AF_INET, type=socket.SOCK_STREAM)
    except OSError:
        return []
    found = {str(info[4][0]) for info in infos}
    return sorted(address for address in found if not ipaddress.ip_address(address).is_loopback)


def _can_open_browser() -> bool:
    """A graphical browser can be started: macOS, Windows, or a desktop session on Linux.

    Without a display Python's ``webbrowser`` would start a text browser in this
    very terminal, on top of the server's output.
    """
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_browser(url: str) -> None:
    import webbrowser

    # Some browsers' launchers wait for the window; the server must not.
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


def main(argv: Sequence[str]) -> int:
    """Run ``yomu serve``."""
    args = _parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        return fail(f"serve: --port {args.port} is not a port (0 to 65535; 0 picks a free one)")
    file: Path | None = None
    title = "yomu"
    if args.file is not None:
        if args.file == "-":
            return fail("serve: FILE must be a file; each page reads it anew, standard input only once")
        try:
            document = load_document(args.file)
        except SourceError as error:
            return fail(str(error))
        file = Path(args.file).resolve()
        title = f"{document.title_text} · yomu"

    from reader.integrations.serve import ReaderServer, ServeConfig, is_loopback, listen, new_token, reader_command

    try:
        sock = listen(args.host, args.port)
    except socket.gaierror:
        return fail(f"serve: --host {args.host} is not an address of this machine")
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        return fail(f"serve: cannot listen on {args.host} port {args.port}: {reason}")
    local = is_loopback(args.host)
    config = ServeConfig(
        command=reader_command(file),
        host=args.host,
        port=sock.getsockname()[1],
        title=title,
        token=None if local else new_token(),
    )
    everywhere = args.host in ("0.0.0.0", "::")
    # Listening on every network includes loopback: open the page on this machine by 127.0.0.1.
    page = config.url("127.0.0.1") if everywhere else config.url()
    print(f"yomu: reading in the browser at {page}", flush=True)
    if everywhere:
        addresses = _network_addresses()
        for address in addresses:
            print(f"      from other devices: {config.url(address)}", flush=True)
        if not addresses:
            print("      from other devices: the same with this machine's network address for 127.0.0.1", flush=True)
    if not local:
        print("      anyone with this address can read, mark words and study as you", flush=True)
    print("      Ctrl+C stops", flush=True)
    if not args.no_open and _can_open_browser():
        _open_browser(page)
    ReaderServer(config).run(sock)
    return 0
