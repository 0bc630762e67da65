"""What ``clvkit-app`` decides before Voila starts: the port, the local Host names, the "busy" page.

``clvkit-app`` is Voila made safe to leave running on a laptop (``clvkit._voila_server``
holds the Voila part). This module holds the light rules, importable without Voila, so that
a wrong ``--port`` is reported at once:

- the socket is bound on 127.0.0.1 before anything else, so a port in use is one sentence
  and the printed address is always the one served (no quiet move to the next port);
- only requests whose ``Host`` is ``localhost`` or a loopback address are answered, so a web
  page elsewhere cannot reach the app by pointing its own domain at 127.0.0.1 (DNS rebinding);
- past the cap on open pages, a short page in the page's language says the calculator is busy.

``python -m clvkit._server NOTEBOOK [clvkit-app options]`` serves another notebook the same way.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import re
import socket
import sys
from pathlib import Path

from .i18n import text

LOCALHOST = "127.0.0.1"
#: Host names (besides loopback addresses) the app answers to.
LOCAL_HOSTNAMES = ("localhost",)
#: Most pages (each with its own Python kernel, about 250 MB) alive at once.
DEFAULT_MAX_PAGES = 5
#: Seconds after which the kernel of a closed page is shut down.
DEFAULT_IDLE_TIMEOUT = 20.0


class PortUnavailable(OSError):
    """The port asked for cannot be bound; ``strerror`` says why and what to do."""


def bind_port(port: int) -> list[socket.socket]:
    """Listening sockets on 127.0.0.1:`port` (0: a free port), or PortUnavailable with the reason.

    Parameters
    ----------
    port : int
        The TCP port; 0 lets the system pick a free one.

    Returns
    -------
    list of socket.socket
        The bound, listening sockets (one for 127.0.0.1).

    Raises
    ------
    PortUnavailable
        The port is out of range, in use, or reserved to the administrator.
    """
    from tornado.netutil import bind_sockets

    if not 0 <= port <= 65535:
        raise PortUnavailable(errno.EINVAL, text("app_server.port_range", port=port))
    try:
        return bind_sockets(port, LOCALHOST)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortUnavailable(exc.errno, text("app_server.port_taken", port=port)) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise PortUnavailable(exc.errno, text("app_server.port_denied", port=port)) from None
        raise


def host_name(host: str) -> str:
    """The name part of a ``Host`` header: ``[::1]:8866`` -> ``::1``, ``LocalHost:80`` -> ``localhost``."""
    host = host.strip()
    match = re.fullmatch(r"\[([^\]]*)\](?::\d*)?", host)
    if match:
        name = match.group(1)
    elif host.count(":") == 1:
        name = host.split(":", 1)[0]
    else:
        name = host  # a name, or a bare IPv6 address
    return name.rstrip(".").lower()


def is_local_host(host: str) -> bool:
    """Whether a ``Host`` header names this computer: ``localhost`` or a loopback address.

    Parameters
    ----------
    host : str
        The header's value, with or without a port.

    Returns
    -------
    bool
        False for any other name, even one that resolves to 127.0.0.1: that is exactly how a
        DNS-rebinding page reaches a local server.
    """
    name = host_name(host)
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return name in LOCAL_HOSTNAMES


def server_full_page(max_pages: int, lang: str) -> str:
    """The page shown instead of the app when `max_pages` pages are already open.

    Parameters
    ----------
    max_pages : int
        The cap, said in the page.
    lang : {"en", "ru"}
        The page's language.

    Returns
    -------
    str
        A complete HTML document with nothing loaded from elsewhere.
    """
    title = html.escape(text("app_server.full_title", lang))
    body = html.escape(text("app_server.full_body", lang, n=max_pages))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
            f"<title>{title}</title></head>"
            '<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">'
            f'<h1 class="clvkit-server-full">{title}</h1><p>{body}</p></body></html>\n')


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess in the tests
    from .app import main

    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        raise SystemExit(main(sys.argv[1:], prog="python -m clvkit._server"))
    raise SystemExit(main(sys.argv[2:], notebook=Path(sys.argv[1]), prog="python -m clvkit._server NOTEBOOK"))
