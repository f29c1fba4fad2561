"""``yomu serve`` over real HTTP on 127.0.0.1: who gets in, and the command line's bad input.

No browser here: an aiohttp client sends what a browser (or a hostile page in
one) would send, to the server started by the command.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.browser.conftest import Serve
from tests.conftest import ROOT, SEED

ARTICLE = "東京の天気\n\n今日は東京で雨が降りました。\n"


def status(url: str, **headers: str) -> int:
    async def get() -> int:
        async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
            return response.status

    return asyncio.run(get())


async def websocket_stream(url: str, origin: str, until: str, timeout: float = 60.0) -> str:
    """Connect as the page does and read the terminal stream until ``until`` shows."""
    received = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url + "?width=100&height=30", origin=origin) as websocket,
    ):
        async with asyncio.timeout(timeout):
            while until not in received.decode("utf-8", "replace"):
                message = await websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
    return received.decode("utf-8", "replace")


def handshake_status(url: str, origin: str) -> int:
    async def connect() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, origin=origin):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    return asyncio.run(connect())


def reader_processes(marker: str) -> list[str]:
    """Command lines of running processes that mention ``marker``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in text:
            found.append(text)
    return found


@pytest.mark.parametrize("terminate", [False, True], ids=["ctrl-c", "sigterm"])
def test_stopping_the_server_ends_the_readers_of_open_pages(serve: Serve, tmp_path: Path, terminate: bool) -> None:
    article = tmp_path / "stopping.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    served = serve(str(article))
    port = int(re.search(r":(\d+)/", served.wait_for_url()).group(1))  # type: ignore[union-attr]

    async def open_pages_then_stop() -> int:
        origin = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as session:
            pages = [await session.ws_connect(f"ws://127.0.0.1:{port}/ws", origin=origin) for _ in range(2)]
            for page in pages:
                received = b""
                while "section 1/1" not in received.decode("utf-8", "replace"):
                    message = await asyncio.wait_for(page.receive(), 60)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    received += message.data
            assert len(reader_processes(str(article))) >= 2, "one reader per page"
            code = await asyncio.to_thread(served.stop, terminate=terminate)
            for page in pages:
                await page.close()
            return code

    assert asyncio.run(open_pages_then_stop()) == 0
    assert reader_processes(str(article)) == [], "stopping the server ends the readers too"


def test_loopback_answers_only_requests_addressed_to_this_machine(serve: Serve, tmp_path: Path) -> None:
    article = tmp_path / "loopback.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    served = serve(str(article))
    url = served.wait_for_url()
    port = int(re.search(r":(\d+)/", url).group(1))  # type: ignore[union-attr]
    assert status(url) == 200
    assert status(f"http://127.0.0.1:{port}/static/js/textual.js") == 200
    assert status(url, Host=f"localhost:{port}") == 200
    # A page whose name was rebound to 127.0.0.1 sends its own name as Host.
    assert status(url, Host=f"attacker.example:{port}") == 403
    ws = f"ws://127.0.0.1:{port}/ws"
    # Any web page can open a websocket to 127.0.0.1; only the reader's own page may.
    assert handshake_status(ws, origin="http://attacker.example") == 403
    stream = asyncio.run(websocket_stream(ws, origin=f"http://127.0.0.1:{port}", until="section 1/1"))
    assert "section 1/1" in stream


def test_a_network_bound_server_answers_403_without_the_token_on_every_route(serve: Serve) -> None:
    served = serve(str(SEED), "--host", "0.0.0.0")
    url = served.wait_for_url()
    found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/", url)
    assert found, url
    port, token = found.groups()
    base = f"http://127.0.0.1:{port}"
    for path in ("/", "/static/js/textual.js", "/ws", f"/{token[:-1]}x/", f"/{token[:-1]}x/static/js/textual.js"):
        assert status(base + path) == 403, path
    assert handshake_status(f"ws://127.0.0.1:{port}/ws", origin=base) == 403
    assert status(url) == 200
    assert status(f"{base}/{token}/static/js/textual.js") == 200
    assert status(f"{base}/{token}") == 200  # redirected to the page
    stream = asyncio.run(websocket_stream(f"ws://127.0.0.1:{port}/{token}/ws", origin=base, until="section 1/11"))
    assert "section 1/11" in stream


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "serve", "--no-open", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "missing.txt"),
        (["-"], "standard input"),
        (["--port", "70000"], "--port 70000 is not a port"),
        (["--host", "203.0.113.77"], "cannot listen on 203.0.113.77"),
    ],
)
def test_bad_input_gets_one_line_and_status_1(args: list[str], message: str) -> None:
    result = run_serve(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yomu: ") and message in lines[0], result.stderr


def test_a_port_in_use_gets_one_line() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_serve("--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == f"yomu: serve: cannot listen on 127.0.0.1 port {port}: Address already in use"
