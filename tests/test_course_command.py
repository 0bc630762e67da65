"""The README's course command: JupyterLab on the learner's own working copy, quietly, explorers visible unrun."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import load_script

ROOT = Path(__file__).resolve().parent.parent


def load_tasks():
    return load_script(ROOT / "tasks.py")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started by the course command on a fresh working copy; yields (base url, token, root, log)."""
    tasks = load_tasks()
    root = tmp_path_factory.mktemp("course")
    copy = root / "my-course"
    tasks.working_copy(copy, sys.executable)
    port, token = free_port(), "clvkit-test"
    command = tasks.course_command(sys.executable, [
        "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}",
    ], root=root, copy=copy)
    log_path = root / "lab.log"
    log = log_path.open("wb")  # a pipe would fill up and stall the server
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "JUPYTER_RUNTIME_DIR": str(root / "runtime")})
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).close()
                break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, log_path.read_text(errors="replace")[-2000:]
        yield base, token, root, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_course_command_lands_on_the_start_page_of_the_working_copy(lab):
    base, token, _root, _log = lab
    with urllib.request.urlopen(f"{base}/api/contents/my-course/en/00_start_here.ipynb?token={token}") as response:
        body = json.load(response)
    assert body["content"]["cells"][0]["source"].startswith("# 00 · Start here")
    try:
        urllib.request.build_opener(_NoRedirect).open(f"{base}/?token={token}", timeout=5)
        location = ""
    except urllib.error.HTTPError as redirect:
        location = redirect.headers.get("Location", "")
    assert location.split("?")[0].endswith("/lab/tree/my-course/en/00_start_here.ipynb")


def test_course_command_prints_no_warning_a_learner_would_take_for_a_fault(lab):
    base, token, _root, log_path = lab
    request = urllib.request.Request(f"{base}/api/kernels?token={token}", data=b'{"name": "python3"}', method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        kernel = json.load(response)["id"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the kernel has started and said what it has to say
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel}?token={token}", timeout=10) as response:
            if json.load(response)["execution_state"] in ("idle", "busy"):
                break
        time.sleep(0.5)
    time.sleep(2)
    text = log_path.read_text(errors="replace")
    noisy = [line for line in text.splitlines()
             if "Warning" in line or "WARNING" in line or line.startswith("[W ") or "deprecated" in line.lower()]
    assert noisy == []
    assert "news_url=None" in " ".join(load_tasks().course_command(sys.executable, []))  # no news feed fetched


def test_the_russian_start_page_is_one_option_away():
    command = load_tasks().course_command(sys.executable, [], lang="ru")
    assert "--LabApp.default_url=/lab/tree/my-course/ru/00_start_here.ipynb" in command


def test_the_working_copy_is_made_once_and_never_overwritten(tmp_path):
    tasks = load_tasks()
    made = tasks.working_copy(tmp_path, sys.executable)
    published = sorted((ROOT / "notebooks" / "en").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "ru").glob("*.ipynb"))
    assert len(made) == len(published) and len(published) >= 24
    mine = tmp_path / "en" / "03_drivers.ipynb"
    mine.write_text("my own work")
    assert tasks.working_copy(tmp_path, sys.executable) == []
    assert mine.read_text() == "my own work"
    (tmp_path / "ru" / "15_discounting_and_retention.ipynb").unlink()
    assert [p.name for p in tasks.working_copy(tmp_path, sys.executable)] == ["15_discounting_and_retention.ipynb"]


def test_resetting_a_notebook_restores_the_published_one_and_keeps_the_learners_as_a_backup(tmp_path):
    tasks = load_tasks()
    tasks.working_copy(tmp_path, sys.executable)
    mine = tmp_path / "en" / "03_drivers.ipynb"
    mine.write_text("my own work")
    restored = tasks.reset_notebook("03", tmp_path, sys.executable)
    assert mine in restored
    assert mine.read_bytes() == (ROOT / "notebooks" / "en" / "03_drivers.ipynb").read_bytes()
    backups = list((tmp_path / "backups" / "en").glob("03_drivers.*.ipynb"))
    assert [b.read_text() for b in backups] == ["my own work"]
    with pytest.raises(SystemExit, match="no notebook '99'"):
        tasks.reset_notebook("99", tmp_path, sys.executable)


@pytest.mark.browser
def test_explorers_show_in_jupyterlab_before_any_cell_runs(lab, chromium_browser):
    base, token, root, _log = lab
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # the start page is the course map; the first explorer of the course is the drivers' one
        page.goto(f"{base}/lab/tree/my-course/en/03_drivers.ipynb?token={token}", timeout=120_000)
        # the lab opens its start page too: bring the drivers' tab to the front and look only inside it
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="03_drivers.ipynb")
        tab.wait_for(timeout=120_000)
        tab.click()
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        panel.locator(".jp-Cell").first.wait_for(state="visible", timeout=120_000)
        widget = panel.locator(".widget-vbox, .jupyter-widgets").first
        widget.scroll_into_view_if_needed(timeout=120_000)
        widget.wait_for(state="visible", timeout=120_000)
        page.wait_for_timeout(1500)
        (ROOT / "tests" / "_artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "tests" / "_artifacts" / "lab_drivers_unrun.png"))
        outputs = panel.locator(".jp-OutputArea-output").all_inner_texts()
        assert not [text for text in outputs if "VBox(" in text or "HBox(" in text]
        assert panel.locator(".widget-vbox").count() >= 1
    finally:
        page.close()


def _widget_views(notebook: dict) -> set[str]:
    return {output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
            for cell in notebook["cells"] if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in output.get("data", {})}


def test_every_committed_explorer_carries_the_widget_state_that_draws_it_before_any_cell_runs():
    notebooks = sorted((ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb"))
    with_explorers = 0
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        views = _widget_views(notebook)
        if not views:
            continue
        with_explorers += 1
        state = notebook["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        assert views <= set(state.get("state", {})), f"{path.relative_to(ROOT)}: explorer without saved widget state"
    assert with_explorers >= 10
