"""Shared fixtures: the real site, built once per test run with the real MkDocs and Pagefind."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.building import build_site

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(target: Path) -> Path:
    """A throwaway copy of the project's inputs, so a test can break the data safely."""
    for name in ("content", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def site_markdown(without: str | None = None) -> markdown.Markdown:
    """Python-Markdown as mkdocs.yml configures the site's, if asked without one extension of it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)
    assert without is None or without in names
    return markdown.Markdown(extensions=[n for n in names if n != without], extension_configs=config.mdx_configs)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    build_site(ROOT / "mkdocs.yml", out)
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Host(http.server.ThreadingHTTPServer):
    """Serves as a static host does: a browser that closes a connection mid-answer (a page left
    while it still loads) is not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, handler: type[Quiet] = Quiet) -> Iterator[str]:
    """A built site served over HTTP on 127.0.0.1, as a static host would."""
    httpd = Host(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A tab as a phone shows it: 390 px wide, touch. Most tenants read the site on one."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def searched(page: object) -> None:
    """Wait until the search page has shown all it will show: its list is no longer busy (exact
    hits come first, the synonyms' hits after them) and its status says what was found."""
    page.wait_for_selector(".zoekpagina__resultaten[aria-busy=false]", state="attached")  # type: ignore[attr-defined]
    page.wait_for_selector(".zoekpagina__status:not(:empty)")  # type: ignore[attr-defined]
