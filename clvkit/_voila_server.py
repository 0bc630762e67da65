"""The Voila side of ``clvkit-app``: a Voila server made safe to leave running on a laptop.

A plain ``voila app.ipynb`` is a development server: it answers any ``Host`` name, keeps the
Python process (kernel) of every page ever opened, links a stylesheet from a public CDN, and
prints notices that read like faults. :func:`serve` runs the same Voila with:

- **local only**: listening sockets on 127.0.0.1 bound beforehand (``clvkit._server``), and
  every request whose ``Host`` is not a local name refused with 403 before any Voila handler,
  HTTP and websocket alike (DNS rebinding);
- **nothing fetched from the internet**: the page template of ``clvkit/_apps/templates``
  leaves out the CDN links;
- **kernels of closed pages shut down**: a kernel with no page connected for `idle_timeout`
  seconds is shut down, and at most `max_pages` kernels live at once; a page more gets a short
  "the calculator is busy" page in its language instead of a kernel;
- **a clean stop**: SIGTERM and SIGINT stop the server and shut down every kernel;
- **a quiet start**: kernels talk over Unix sockets in Voila's private temporary folder (no
  "TCP without encryption" notice, and nothing reachable over the network), and the app
  notebook is read as trusted (no "Notebook ... is not trusted" on every page load).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import webbrowser
from datetime import datetime, timedelta, timezone
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import LargeFileManager
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.routing import Matcher, Rule
from tornado.web import RequestHandler
from traitlets import Float, Integer
from traitlets.config import Config
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler

from ._server import (DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_PAGES, LOCAL_HOSTNAMES, LOCALHOST, host_name,
                      is_local_host, server_full_page)
from .i18n import text

TEMPLATES = Path(__file__).resolve().parent / "_apps" / "templates"


def _now() -> datetime:
    # the clock of jupyter_server's kernel.last_activity: aware, in UTC
    return datetime.now(timezone.utc)


class _ForeignHost(Matcher):
    """Matches every request whose Host is not a local name (it is then refused)."""

    def match(self, request):
        return None if is_local_host(request.host or "") else {}


class _RefuseForeignHost(RequestHandler):
    """403 for every method, websocket upgrades included, before any Voila handler runs."""

    def prepare(self):
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(text("app_server.foreign_host", host=host_name(self.request.host or "")) + "\n")


class _PageLeaveShutdown(VoilaShutdownKernelHandler):
    """Voila's shutdown of a page's kernel when the page is left, answered without the _xsrf token.

    The page asks with ``navigator.sendBeacon`` while it unloads, and a beacon cannot carry
    the token, so Voila's own handler refused every such request (403) and kernels waited
    for the idle check. A browser always sends the ``Origin`` of a beacon; the request is
    accepted when that origin is this server itself (scheme http, the same local host and
    port), which a page from any other site cannot claim. Anything else still needs the token.
    """

    def check_xsrf_cookie(self):
        from urllib.parse import urlsplit

        origin = urlsplit(self.request.headers.get("Origin", ""))
        if origin.scheme == "http" and origin.netloc == self.request.host and is_local_host(origin.netloc):
            return None
        return super().check_xsrf_cookie()


class ServerFull(RuntimeError):
    """Raised instead of starting a kernel when `max_pages` kernels are already live."""


# ---------------------------------------------------------------------------- kernels

class AppKernelManager(AsyncMappingKernelManager):
    """Voila's kernel manager with a cap on live kernels and a shutdown of abandoned ones.

    A kernel is abandoned when no page has been connected to it, and it has done nothing, for
    `idle_timeout` seconds; it is then shut down within `check_interval` more seconds. A page
    that is still loading keeps its kernel busy (executing the app) or freshly active, so it is
    never mistaken for a closed one.
    """

    max_kernels = Integer(DEFAULT_MAX_PAGES, config=True, help="Most kernels (open pages) alive at once.")
    idle_timeout = Float(DEFAULT_IDLE_TIMEOUT, config=True,
                         help="Seconds without a connected page after which a kernel is shut down.")
    check_interval = Float(5.0, config=True, help="Seconds between two looks for abandoned kernels.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._alone_since: dict[str, object] = {}
        self._checker: PeriodicCallback | None = None

    def live_kernel_count(self) -> int:
        """Kernels running or starting."""
        # jupyter_client keeps a starting kernel in _pending_kernels until it is ready
        return len(set(self._kernels) | set(self._pending_kernels))

    def is_full(self) -> bool:
        """Whether one more page would exceed `max_kernels`."""
        return self.live_kernel_count() >= self.max_kernels

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        # The check and the registration of the new kernel as pending happen without an await
        # between them, so two pages arriving together cannot both take the last place.
        if kernel_id is None and self.is_full():
            raise ServerFull(f"{self.max_kernels} kernels are running")
        kernel_id = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        self._alone_since[kernel_id] = _now()
        if self._checker is None:
            self._checker = PeriodicCallback(self.shutdown_abandoned, 1000 * self.check_interval)
            self._checker.start()
        return kernel_id

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._alone_since.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id):
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id, 0) <= 0:
            self._alone_since[kernel_id] = _now()

    async def shutdown_abandoned(self) -> list[str]:
        """Shut down every kernel abandoned for `idle_timeout` seconds; return their ids."""
        now = _now()
        limit = timedelta(seconds=self.idle_timeout)
        closed = []
        for kernel_id in list(self._kernels):
            since = self._alone_since.get(kernel_id)
            kernel = self._kernels[kernel_id]
            if since is None or self._kernel_connections.get(kernel_id, 0) > 0:
                continue
            if getattr(kernel, "execution_state", None) == "busy":
                continue
            quiet_since = max(since, getattr(kernel, "last_activity", since))
            if now - quiet_since > limit:
                self.log.info("Shutting down kernel %s: no page connected for %.0f s.", kernel_id,
                              (now - quiet_since).total_seconds())
                self._alone_since.pop(kernel_id, None)
                await self.shutdown_kernel(kernel_id)
                closed.append(kernel_id)
        for kernel_id in set(self._alone_since) - set(self._kernels):
            self._alone_since.pop(kernel_id, None)
        return closed

    async def shutdown_all(self, now=False):
        if self._checker is not None:
            self._checker.stop()
        await super().shutdown_all(now=now)


class _TrustedAppContents(LargeFileManager):
    """Reads the app notebook as trusted, without the per-user signature database.

    Voila clears every stored output and executes the notebook afresh for each page, so no
    stored output is ever shown; the check would only print "not trusted" (and create a signing
    key in the user's home folder) on every page load.
    """

    def mark_trusted_cells(self, nb, path=""):
        self.notary.mark_cells(nb, True)


# ---------------------------------------------------------------------------- pages

class _AppPageHandler(TornadoVoilaHandler):
    """Voila's page handler, answering "busy" instead of starting a kernel past the cap."""

    async def get(self, path=None):
        if self.kernel_manager.is_full():
            return self._write_full()
        try:
            await super().get(path=path)
        except ServerFull:
            if self._headers_written:
                raise
            self._write_full()

    def _write_full(self):
        from .app import lang_from_query

        self.clear()
        self.set_status(503)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        manager = self.kernel_manager
        self.set_header("Retry-After", str(int(manager.idle_timeout + manager.check_interval)))
        self.finish(server_full_page(self.kernel_manager.max_kernels, lang_from_query(self.request.query)))


# ---------------------------------------------------------------------------- the server

class AppServer(Voila):
    """Voila serving one notebook on sockets bound beforehand, with the protections above."""

    def __init__(self, sockets: list[socket.socket], *, open_url: str | None = None,
                 on_ready=None, **kwargs):
        super().__init__(**kwargs)
        self._sockets = sockets
        self._open_url = open_url
        self._on_ready = on_ready

    def setup_template_dirs(self):
        super().setup_template_dirs()
        # first on the search path: our index.html.j2 and page.html replace Voila's
        self.template_paths.insert(0, str(TEMPLATES))

    def init_settings(self):
        settings = super().init_settings()
        self.contents_manager = _TrustedAppContents(parent=self)
        settings["contents_manager"] = self.contents_manager
        return settings

    def init_handlers(self):
        handlers = super().init_handlers()
        ours = {TornadoVoilaHandler: _AppPageHandler, VoilaShutdownKernelHandler: _PageLeaveShutdown}
        return [(h[0], ours[h[1]], *h[2:]) if len(h) > 1 and h[1] in ours else h for h in handlers]

    def listen(self):
        # Voila sets allow_remote_access=True; jupyter_server's own Host check (on its
        # handlers) is turned back on, and every handler is covered by the rule below.
        self.app.settings.update(allow_remote_access=False, local_hostnames=list(LOCAL_HOSTNAMES))
        # An uploaded file reaches the kernel as one websocket message: room for the workbench's
        # 200 MB limit (tornado's default is 10 MB), plus the message's own envelope.
        self.app.settings["websocket_max_message_size"] = 210 * 1024 * 1024
        self.app.default_router.rules.insert(0, Rule(_ForeignHost(), _RefuseForeignHost))
        server = HTTPServer(self.app)
        server.add_sockets(self._sockets)
        self.port = self._sockets[0].getsockname()[1]
        self.ioloop = IOLoop.current()
        if self._on_ready is not None:
            self._on_ready(self.port)
        if self._open_url:
            url = self._open_url.format(port=self.port)
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        try:
            self.ioloop.start()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            self.stop()


def server_config(*, max_pages: int, idle_timeout: float, verbose: bool) -> Config:
    """The Voila configuration of the app server."""
    c = Config()
    c.Voila.ip = LOCALHOST
    c.Voila.open_browser = False  # the server opens the page itself, with the chosen language
    c.Voila.port_retries = 0
    c.Voila.config_file_paths = []  # no voila.py / voila.json from the current folder
    c.Voila.log_level = logging.INFO if verbose else logging.WARNING
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.show_tracebacks = False
    # Front-end extensions for JupyterLab that the app does not use and that break on Voila's page (the
    # course's notebook-as-text extension expects JupyterLab's shared modules and throws in the console).
    c.VoilaConfiguration.extension_denylist = ["jupyterlab-jupytext"]
    c.VoilaConfiguration.multi_kernel_manager_class = AppKernelManager
    c.AppKernelManager.max_kernels = max_pages
    c.AppKernelManager.idle_timeout = idle_timeout
    c.AppKernelManager.check_interval = min(5.0, max(0.5, idle_timeout / 4))
    if os.name != "nt":  # ZeroMQ has no IPC transport on Windows
        # Kernels on Unix sockets in Voila's private temporary folder: not reachable over the
        # network at all, and no notice about unencrypted TCP.
        c.KernelManager.transport = "ipc"
    return c


def serve(notebook: Path, sockets: list[socket.socket], *, max_pages: int = DEFAULT_MAX_PAGES,
          idle_timeout: float = DEFAULT_IDLE_TIMEOUT, open_url: str | None = None, verbose: bool = False,
          on_ready=None) -> None:
    """Serve `notebook` with Voila on `sockets` until SIGTERM or SIGINT; then shut every kernel down.

    Parameters
    ----------
    notebook : Path
        The notebook to serve (the app).
    sockets : list of socket.socket
        Listening sockets from :func:`bind_port`.
    max_pages : int
        Most pages (kernels) alive at once.
    idle_timeout : float
        Seconds after which the kernel of a closed page is shut down.
    open_url : str, optional
        Address to open in the web browser once serving, with ``{port}`` for the port.
    verbose : bool
        Show Voila's informational log.
    on_ready : callable, optional
        Called with the port once the server accepts requests.
    """
    server = AppServer(sockets, open_url=open_url, on_ready=on_ready,
                       config=server_config(max_pages=max_pages, idle_timeout=idle_timeout, verbose=verbose))
    server.initialize([str(notebook)])
    server.start()
