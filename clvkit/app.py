"""The no-code CLV calculator: a Voila app combining the DriverExplorer and the StrategySimulator.

``clvkit-app`` serves the app notebook with Voila on this computer only and prints its
address (``clvkit._voila_server`` says what makes that server safe to leave running); the
notebook itself holds one line of code, ``calculator()``, and everything else lives here.

The language is chosen with a toggle in the app, or with ``?lang=ru`` in the address:
Voila hands the page's query string to the kernel in the ``QUERY_STRING`` environment
variable, which :func:`calculator` reads.

>>> from clvkit.app import lang_from_query
>>> lang_from_query("lang=ru&x=1")
'ru'
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from urllib.parse import parse_qs

from .i18n import LANGS, check_lang, label

__all__ = ["Calculator", "app_notebook_path", "calculator", "free_port", "lang_from_query", "main", "voila_command"]

APP_NAME = "clv_calculator.ipynb"


def lang_from_query(query: str | None, default: str = "en") -> str:
    """The language asked for by a URL query string (``lang=ru``), else `default`.

    Unknown languages fall back to `default` rather than failing: the address is typed
    by people, and the app should still open.
    """
    if not query:
        return default
    values = parse_qs(query.lstrip("?")).get("lang", [])
    value = values[-1].strip().lower() if values else ""
    return value if value in LANGS else default


def _strategy_base(lang: str):
    """The customer base of the strategy tab: CDNOW, BG/NBD + Gamma-Gamma fitted, in the page's currency (cached)."""
    from .workbench import sample_currency

    code = sample_currency(lang)
    if code not in _BASES:
        from .widgets.strategy import cdnow_base

        _BASES[code] = cdnow_base(currency=code)
    return _BASES[code]


_BASES: dict = {}


class Calculator:
    """The whole app as one widget: title, language toggle, and a tab per explorer.

    Parameters
    ----------
    lang : {"en", "ru"}, optional
        Initial language; default from ``QUERY_STRING`` (``?lang=ru``), else English.
    strategy : bool
        Include the strategy simulator tab (it fits models on CDNOW at start).

    Attributes
    ----------
    widget : ipywidgets.VBox
    driver : DriverExplorer
    strategy : StrategySimulator or None
    language : ipywidgets.ToggleButtons
    """

    def __init__(self, lang: str | None = None, *, strategy: bool = True):
        import ipywidgets as w

        if lang is None:
            lang = lang_from_query(os.environ.get("QUERY_STRING"))
        self.lang = check_lang(lang)
        self.with_strategy = strategy
        self.driver = None
        self.strategy = None
        self.workbench = None
        self._strategy_stale = False
        # each language is named in itself, whatever the language of the page
        self.language = w.ToggleButtons(options=[(label(f"app.lang.{code}", code), code) for code in LANGS],
                                        value=self.lang,
                                        style={"button_width": "90px"})
        self.language.add_class("clvkit-language")
        self.header = w.HTML()
        self.tabs = w.Tab()
        self.widget = w.VBox([w.HBox([self.header, self.language],
                                     layout=w.Layout(justify_content="space-between", align_items="center")),
                              self.tabs])
        self.widget.add_class("clvkit-app")
        self._build(self.lang)
        self.language.observe(self._on_language, names="value")

    def _build(self, lang: str) -> None:
        from .widgets.driver import DriverExplorer
        from .widgets.workbench import WorkbenchView

        # The workbench keeps its upload and results across a change of language.
        engine = self.workbench.engine if self.workbench is not None else None
        self.workbench = WorkbenchView(engine, lang=lang, on_computed=self._on_data)
        driver_values = self.driver.values() if self.driver is not None else {}
        if self.driver is not None:
            # the example's amounts keep their size in the new language's currency (50 $ -> 5 000 ₽)
            from .widgets._base import money_scale

            ratio = money_scale(None, lang) / money_scale(self.driver.currency, self.driver.lang)
            for name in ("aov", "cac"):
                driver_values[name] = driver_values[name] * ratio
        self.driver = DriverExplorer(lang=lang, **driver_values)
        children = [self.workbench.widget, self.driver.widget]
        titles = [label("workbench.tab", lang), label("app.tab.drivers", lang)]
        if self.with_strategy:
            self.strategy = self._strategy_view(lang)
            children.append(self.strategy.widget)
            titles.append(label("app.tab.strategy", lang))
        # Tab titles are cut at a fixed width by default; Russian titles are longer.
        self.header.value = ("<style>.clvkit-app {--jp-widgets-horizontal-tab-width: 230px;}</style>"
                             f"<h2 style='margin:4px 0'>{label('app.title', lang)}</h2>"
                             f"<div>{label('app.intro', lang)}</div>")
        # Each tab is a fixed box whose content is replaced: new tab children would make the page
        # jump back to the first tab.
        if len(self.tabs.children) != len(children):
            import ipywidgets as w

            self.tabs.children = [w.Box(layout=w.Layout(display="block")) for _ in children]
        for slot, child in zip(self.tabs.children, children):
            slot.children = (child,)
        self.tabs.titles = tuple(titles)
        if self.tabs.selected_index is None:
            self.tabs.selected_index = 0
        self.lang = lang

    def _on_language(self, change) -> None:
        self._build(change["new"])

    def _strategy_view(self, lang: str):
        """The strategy tab on the uploaded customers when there are some, else on the named CDNOW sample."""
        from .widgets.strategy import StrategySimulator
        from .workbench import strategy_options

        values = self.strategy.values() if self.strategy is not None else {}
        wb = self.workbench.engine if self.workbench is not None else None
        engine = wb.strategy_engine() if wb is not None and wb.computed else _strategy_base(lang)
        options = strategy_options(wb, engine, lang)
        if self._strategy_stale:
            # A cost in another base's currency means nothing here: start from 1% of the slider.
            values["cost_once"] = options["cost_max"] / 100
        self._strategy_stale = False
        return StrategySimulator(engine, lang=lang, **options, **values)

    def _on_data(self) -> None:
        """New results in the workbench: the strategy tab follows them when it is next shown."""
        if not self.with_strategy:
            return
        self._strategy_stale = True
        if self.tabs.selected_index == len(self.tabs.children) - 1:
            self._refresh_strategy()
        elif not getattr(self, "_watching_tabs", False):
            self.tabs.observe(self._on_tab, names="selected_index")
            self._watching_tabs = True

    def _on_tab(self, change) -> None:
        if self._strategy_stale and change["new"] == len(self.tabs.children) - 1:
            self._refresh_strategy()

    def _refresh_strategy(self) -> None:
        self.strategy = self._strategy_view(self.lang)
        self.tabs.children[-1].children = (self.strategy.widget,)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def calculator(lang: str | None = None, *, strategy: bool = True) -> Calculator:
    """The CLV calculator app (what the Voila notebook shows).

    Parameters
    ----------
    lang : {"en", "ru"}, optional
        Default: ``?lang=`` of the page address (Voila), else English.
    strategy : bool
        Include the strategy simulator.

    Returns
    -------
    Calculator
        Display it (or its ``.widget``).
    """
    return Calculator(lang, strategy=strategy)


def app_notebook_path() -> Path:
    """The app notebook: ``notebooks/apps`` of a source checkout, else the copy shipped in the package."""
    checkout = Path(__file__).resolve().parent.parent / "notebooks" / "apps" / APP_NAME
    if checkout.is_file():
        return checkout
    return Path(__file__).resolve().parent / "_apps" / APP_NAME


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (it may be taken again before it is used)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def voila_command(notebook: Path, *, port: int, open_browser: bool) -> list[str]:
    """The command line that serves `notebook` the way ``clvkit-app`` serves the app.

    Voila on 127.0.0.1:`port`, code cells hidden, with the protections of ``clvkit._server``
    (local Host names only, no request off the machine, closed pages' kernels shut down).
    """
    cmd = [sys.executable, "-m", "clvkit._server", str(notebook), f"--port={port}"]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def _parser(prog: str) -> argparse.ArgumentParser:
    from . import i18n
    from ._server import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_PAGES

    lang = i18n.get_language()
    parser = argparse.ArgumentParser(prog=prog, description=i18n.text("app_server.description", lang))
    parser.add_argument("--port", type=int, default=0, help=i18n.text("app_server.help_port", lang))
    parser.add_argument("--no-browser", action="store_true",
                        help=i18n.text("app_server.help_no_browser", lang))
    parser.add_argument("--lang", choices=LANGS, default=lang,
                        help=i18n.text("app_server.help_lang", lang, lang=lang))
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES,
                        help=i18n.text("app_server.help_max_pages", lang, n=DEFAULT_MAX_PAGES))
    parser.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT,
                        help=i18n.text("app_server.help_idle", lang, n=f"{DEFAULT_IDLE_TIMEOUT:g}"))
    parser.add_argument("--verbose", action="store_true", help=i18n.text("app_server.help_verbose", lang))
    return parser


def main(argv: list[str] | None = None, *, notebook: Path | None = None, prog: str = "clvkit-app") -> int:
    """``clvkit-app``: serve the CLV calculator on this computer until Ctrl+C or SIGTERM.

    ``clvkit-app [--port N] [--no-browser] [--lang en|ru] [--max-pages N] [--idle-timeout S] [--verbose]``

    The port is bound before anything else: a port in use is an error (exit code 2) in one
    sentence, and the address printed is the one served. SIGTERM and SIGINT stop the server
    and every kernel it started.

    Parameters
    ----------
    argv : list of str, optional
        The command-line arguments (default: ``sys.argv[1:]``).
    notebook : Path, optional
        The notebook to serve (default: the app, :func:`app_notebook_path`).
    prog : str
        The program name shown in the help.

    Returns
    -------
    int
        The exit code: 0 after a stop, 2 for a wrong option or an unusable port.
    """
    from .i18n import language, text

    parser = _parser(prog)
    args = parser.parse_args(argv)
    with language(args.lang):
        problem = None
        if args.max_pages < 1:
            problem = text("app_server.bad_max_pages", value=args.max_pages)
        elif not 1 <= args.idle_timeout <= 3600:
            problem = text("app_server.bad_idle", value=f"{args.idle_timeout:g}")
        else:
            from ._server import PortUnavailable, bind_port

            try:
                sockets = bind_port(args.port)
            except PortUnavailable as exc:
                problem = exc.strerror
        if problem is not None:
            print(problem, file=sys.stderr, flush=True)
            return 2
        from ._voila_server import serve

        def ready(port: int) -> None:
            url = f"http://127.0.0.1:{port}/"
            print(text("app_server.serving", url=url, url_ru=f"{url}?lang=ru"), flush=True)

        open_url = None
        if not args.no_browser:
            open_url = "http://127.0.0.1:{port}/" + ("?lang=ru" if args.lang == "ru" else "")
        try:
            serve(notebook or app_notebook_path(), sockets, max_pages=args.max_pages,
                  idle_timeout=args.idle_timeout, open_url=open_url, verbose=args.verbose, on_ready=ready)
        except KeyboardInterrupt:
            pass
        finally:
            for sock in sockets:
                sock.close()
        print(text("app_server.stopped"), flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
