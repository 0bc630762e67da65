"""The ``clvkit-app`` server is safe to leave running: local only, kernels of closed pages shut
down and capped, a clean stop on SIGTERM/SIGINT, the port asked for or an error, a quiet start.

Two real servers run as subprocesses: ``clvkit-app`` itself (the app page, for the quiet start
and SIGTERM), and the same server on a one-cell notebook with a short idle timeout and a cap of
two pages (for the Host check, the shutdown of closed pages' kernels, the cap and SIGINT), so
that kernels start in a second or two. A page is "open" while a websocket to its kernel is
connected, as the browser's is; closing that socket is closing the page.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from clvkit import i18n
from clvkit._server import is_local_host, server_full_page
from clvkit.app import free_port, main, voila_command

START_SECONDS = 120
PAGE_SECONDS = 180
IDLE_TIMEOUT = 3  # seconds, for the one-cell server
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/")
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
ALARMING = re.compile(r"warn|not trusted|without encryption|deprecat|error|traceback", re.IGNORECASE)


# ------------------------------------------------------------------------------- helpers

def _app_command() -> list[str]:
    script = Path(sys.executable).with_name("clvkit-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "clvkit.app"]


class Server:
    """A server subprocess with its combined output in a file."""

    def __init__(self, cmd: list[str], log: Path):
        self.log = log
        self._out = open(log, "wb")
        self.process = subprocess.Popen(cmd, stdout=self._out, stderr=subprocess.STDOUT)
        self.port: int | None = None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_address(self) -> int:
        deadline = time.monotonic() + START_SECONDS
        while (match := ADDRESS.search(self.output())) is None:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited with code {self.process.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the server printed no address within {START_SECONDS} s:\n{self.output()}")
            time.sleep(0.2)
        self.port = int(match.group(1))
        return self.port

    def kernels(self) -> list[psutil.Process]:
        """The kernel processes this server started (and that still run)."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        found = []
        for child in children:
            try:
                if "ipykernel" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.NoSuchProcess:
                pass
        return found

    def close(self):
        if getattr(self, "page_socket", None) is not None:
            self.page_socket.close()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._out.close()


def _request(port: int, path: str = "/", *, host: str | None = None, timeout: float = PAGE_SECONDS):
    """GET `path` with the given Host header; return (status, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host or f"127.0.0.1:{port}")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def _load_page(port: int) -> tuple[str, str]:
    """Load the page (its kernel starts and runs the notebook); return (kernel id, page)."""
    status, body = _request(port)
    assert status == 200, body[:2000]
    match = KERNEL_ID.search(body)
    assert match, "no kernel id in the page"
    return match.group(1), body


def _open_page(port: int) -> str:
    return _load_page(port)[0]


def _websocket(port: int, kernel_id: str, *, host: str | None = None) -> tuple[str, socket.socket]:
    """Open the kernel's websocket the way the page does; return (status line, the open socket)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    request = (f"GET /api/kernels/{kernel_id}/channels?session_id=test HTTP/1.1\r\n"
               f"Host: {host or f'127.0.0.1:{port}'}\r\n"
               "Upgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    sock.sendall(request.encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return head.split(b"\r\n", 1)[0].decode(), sock


def _kernel_alive(port: int, kernel_id: str) -> bool:
    status, _ = _request(port, f"/api/kernels/{kernel_id}", timeout=30)
    assert status in (200, 404), status
    return status == 200


def _wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return predicate()


def _assert_stops_with(server: Server, sig: int) -> None:
    """Send `sig`; the server and every process it started are gone, and it said so."""
    tree = [psutil.Process(server.process.pid), *psutil.Process(server.process.pid).children(recursive=True)]
    kernels = server.kernels()
    assert kernels, "the test needs a live kernel to see it stopped"
    server.process.send_signal(sig)
    assert server.process.wait(timeout=60) == 0, server.output()
    gone, alive = psutil.wait_procs(tree, timeout=30)
    assert alive == [], f"left running after the signal: {[p.pid for p in alive]}"
    assert "clvkit CLV calculator stopped." in server.output()


# ------------------------------------------------------------------------------- no server

def test_only_localhost_and_loopback_addresses_are_local_host_names():
    for host in ["localhost", "LOCALHOST:8866", "localhost.", "127.0.0.1", "127.0.0.1:8866", "127.3.2.1",
                 "[::1]:8866", "::1"]:
        assert is_local_host(host), host
    for host in ["attacker.example", "attacker.example:8866", "localhost.attacker.example",
                 "127.0.0.1.nip.io", "0.0.0.0", "192.168.1.20:8866", "[2001:db8::1]:80", "10.0.0.1", ""]:
        assert not is_local_host(host), host


def test_busy_page_says_so_in_the_page_language():
    en = server_full_page(3, "en")
    ru = server_full_page(3, "ru")
    assert "The calculator is busy" in en and "open in 3 tabs" in en and "http" not in en
    assert "Калькулятор занят" in ru and "открыт в 3 вкладках" in ru and 'lang="ru"' in ru
    assert "открыт в 1 вкладке" in server_full_page(1, "ru")


@pytest.mark.parametrize("lang, sentence", [("en", "Port {port} is already in use by another program"),
                                            ("ru", "Порт {port} уже занят другой программой")])
def test_taken_port_is_an_error_in_one_sentence_and_nothing_is_served(lang, sentence):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*_app_command(), "--no-browser", "--port", str(port), "--lang", lang],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""  # no address printed: nothing is served
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(sentence.format(port=port)), result.stderr
    assert "--port" in lines[0] and lines[0].endswith(".")


def test_port_out_of_range_and_bad_limits_are_refused(capsys):
    language_before = i18n.get_language()
    assert main(["--no-browser", "--port", "70000"]) == 2
    assert "--port must be a number from 1 to 65535, got 70000" in capsys.readouterr().err
    assert main(["--no-browser", "--max-pages", "0", "--lang", "ru"]) == 2
    assert capsys.readouterr().err == "--max-pages должен быть не меньше 1, получено 0.\n"
    assert main(["--no-browser", "--idle-timeout", "0.5"]) == 2
    assert capsys.readouterr().err == "--idle-timeout must be between 1 and 3600 seconds, got 0.5.\n"
    assert i18n.get_language() == language_before  # --lang ru spoke Russian for that run only


def test_voila_command_runs_the_protected_server():
    cmd = voila_command(Path("app.ipynb"), port=8899, open_browser=False)
    assert cmd[:4] == [sys.executable, "-m", "clvkit._server", "app.ipynb"]
    assert "--port=8899" in cmd and "--no-browser" in cmd


# ------------------------------------------------------------------------------- live servers

@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Start both servers at once (their start-up overlaps), then wait for their addresses."""
    import nbformat

    folder = tmp_path_factory.mktemp("app_server")
    notebook = folder / "one_cell.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells.append(nbformat.v4.new_code_cell("print('clvkit test page')"))
    nbformat.write(nb, notebook)

    app_port = free_port()
    app = Server([*_app_command(), "--no-browser", "--port", str(app_port)], folder / "app.log")
    small = Server([*voila_command(notebook, port=0, open_browser=False), "--max-pages", "2",
                    "--idle-timeout", str(IDLE_TIMEOUT)], folder / "small.log")
    try:
        app.asked_port = app_port
        app.wait_for_address()
        small.wait_for_address()
        yield {"app": app, "small": small}
    finally:
        app.close()
        small.close()


@pytest.mark.slow
def test_app_prints_the_address_it_serves_and_starts_quietly(servers):
    app = servers["app"]
    assert app.port == app.asked_port
    url = f"http://127.0.0.1:{app.port}/"
    assert app.output().splitlines()[0] == (f"clvkit CLV calculator: {url}  "
                                            f"(in Russian: {url}?lang=ru; stop with Ctrl+C)")
    kernel_id, app.page = _load_page(app.port)  # "not trusted" used to come with every page load
    # the page stays open (its websocket connected) until the SIGTERM test below
    status, app.page_socket = _websocket(app.port, kernel_id)
    assert " 101 " in status + " "
    time.sleep(1)
    alarming = [line for line in app.output().splitlines() if ALARMING.search(line)]
    assert alarming == [], app.output()
    assert len(app.kernels()) == 1


@pytest.mark.slow
def test_app_page_links_nothing_outside_the_machine(servers):
    app = servers["app"]
    page = getattr(app, "page", None) or _load_page(app.port)[1]
    external = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(https?://[^"]+)"', page)
    assert external == []
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page


@pytest.mark.slow
def test_foreign_host_is_refused_for_pages_and_websockets(servers):
    small = servers["small"]
    before = len(small.kernels())
    status, body = _request(small.port, host="attacker.example")
    assert status == 403 and "the address attacker.example is refused" in body
    status, _ = _request(small.port, host=f"attacker.example:{small.port}")
    assert status == 403
    assert len(small.kernels()) == before  # the refused page started no kernel

    kernel_id = _open_page(small.port)
    refused, sock = _websocket(small.port, kernel_id, host="attacker.example")
    sock.close()
    assert " 403 " in refused + " "
    accepted, sock = _websocket(small.port, kernel_id, host=f"localhost:{small.port}")
    sock.close()
    assert " 101 " in accepted + " "


@pytest.mark.slow
def test_kernel_of_a_closed_page_is_shut_down_and_of_an_open_one_kept(servers):
    small = servers["small"]
    kernel_id = _open_page(small.port)
    status, page = _websocket(small.port, kernel_id)
    assert " 101 " in status + " "
    try:
        time.sleep(IDLE_TIMEOUT + 2)  # past the idle timeout, the page is still open
        assert _kernel_alive(small.port, kernel_id)
    finally:
        page.close()
    assert _wait_until(lambda: not _kernel_alive(small.port, kernel_id), IDLE_TIMEOUT + 10)
    # and no kernel process is left behind: every page of this server is closed by now
    assert _wait_until(lambda: small.kernels() == [], IDLE_TIMEOUT + 10), small.kernels()


@pytest.mark.slow
def test_page_past_the_cap_gets_the_busy_page_until_one_is_closed(servers):
    small = servers["small"]
    assert _wait_until(lambda: small.kernels() == [], IDLE_TIMEOUT + 10)
    pages = []
    try:
        for _ in range(2):
            kernel_id = _open_page(small.port)
            status, sock = _websocket(small.port, kernel_id)
            assert " 101 " in status + " "
            pages.append((kernel_id, sock))
        status, body = _request(small.port)
        assert status == 503 and "The calculator is busy" in body and "open in 2 tabs" in body
        status, body = _request(small.port, "/?lang=ru")
        assert status == 503 and "Калькулятор занят" in body and "открыт в 2 вкладках" in body
        assert len(small.kernels()) == 2

        closed_id, sock = pages.pop()
        sock.close()
        assert _wait_until(lambda: not _kernel_alive(small.port, closed_id), IDLE_TIMEOUT + 10)
        kernel_id = _open_page(small.port)
        assert _kernel_alive(small.port, kernel_id)
        assert _wait_until(lambda: len(small.kernels()) == 2, 10)
    finally:
        for _kernel_id, sock in pages:
            sock.close()


def _post(port: int, path: str, *, origin: str | None) -> int:
    """POST with no body and no _xsrf token, as a page's unload beacon does; return the status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Host": f"127.0.0.1:{port}", "Content-Length": "0"}
        if origin is not None:
            headers["Origin"] = origin
        conn.request("POST", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.mark.slow
def test_leaving_the_page_shuts_its_kernel_down_and_another_site_cannot(servers, request):
    small = servers["small"]
    assert _wait_until(lambda: small.kernels() == [], IDLE_TIMEOUT + 10)  # the pages before are reaped
    kernel_id = _open_page(small.port)
    status, page = _websocket(small.port, kernel_id)  # the page is open, as in a browser
    assert " 101 " in status + " "
    request.addfinalizer(page.close)
    path = f"/voila/api/shutdown/{kernel_id}"
    # a page of another site is blocked as a cross-origin request (jupyter_server answers 404),
    # a request without an origin has no token (403): refused either way, the kernel kept
    assert _post(small.port, path, origin="http://attacker.example") in (403, 404)
    assert _post(small.port, path, origin=f"http://localhost:{small.port + 1}") in (403, 404)
    assert _post(small.port, path, origin=None) == 403
    assert _kernel_alive(small.port, kernel_id)
    # the page itself, leaving: its beacon carries its own origin and no token
    assert _post(small.port, path, origin=f"http://127.0.0.1:{small.port}") == 204
    assert _wait_until(lambda: not _kernel_alive(small.port, kernel_id), 30)


@pytest.mark.slow
def test_sigterm_stops_the_app_and_every_kernel(servers):
    app = servers["app"]
    if not app.kernels():
        _open_page(app.port)
    _assert_stops_with(app, signal.SIGTERM)


@pytest.mark.slow
def test_sigint_stops_the_server_and_every_kernel(servers):
    small = servers["small"]
    if not small.kernels():
        _open_page(small.port)
    _assert_stops_with(small, signal.SIGINT)
