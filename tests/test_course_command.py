"""The README's course command really starts JupyterLab with the course and its data."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_tasks():
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_course_command_serves_the_start_page(tmp_path):
    port, token = free_port(), "clvkit-test"
    command = load_tasks().course_command(sys.executable, [
        "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.runtime_dir={tmp_path}",
    ])
    log = (tmp_path / "lab.log").open("wb")  # a pipe would fill up and stall the server
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/en/00_start_here.ipynb?token={token}"
        deadline, body = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")[-2000:]
        assert body is not None, "JupyterLab did not answer within 90 s"
        assert body["content"]["cells"][0]["source"].startswith("# 00 · Start here")

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(f"http://127.0.0.1:{port}/?token={token}", timeout=5)
            location = ""
        except urllib.error.HTTPError as redirect:
            location = redirect.headers.get("Location", "")
        assert location.split("?")[0].endswith("/lab/tree/notebooks/en/00_start_here.ipynb")
        assert (ROOT / "datasets" / "cdnow_sample.csv").exists()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
