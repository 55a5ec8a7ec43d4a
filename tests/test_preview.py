"""`make serve`: a bad edit shows its error in the browser instead of a page that never loads,
the next good save brings the site back, and search works in the preview."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import ROOT
from tests.test_browser import results
from tests.test_hostile import project_copy

ANSWER_WITHIN = 20.0
DOCUMENT = "/gemeenten/hardenberg/2026/"


def get(url: str) -> tuple[int, str]:
    """Status and body; a request that does not answer in time fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    except TimeoutError:
        pytest.fail(f"{url} gaf binnen {ANSWER_WITHIN} s geen antwoord")


def wait_until(url: str, condition: Callable[[int, str], bool], limit: float = 90.0) -> str:
    deadline = time.monotonic() + limit
    while True:
        try:
            status, body = get(url)
        except urllib.error.URLError:
            status, body = 0, ""
        if condition(status, body):
            return body
        assert time.monotonic() < deadline, f"{url}: {status}\n{body[:2000]}"
        time.sleep(0.5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(project: Path, *settings: str) -> Iterator[str]:
    """`make serve` in a copy of the project (with generator/ linked in), on a free port."""
    for name in ("Makefile", "pyproject.toml", ".venv"):
        (project / name).symlink_to(ROOT / name)
    port = free_port()
    process = subprocess.Popen(
        ["make", "-s", "serve", *settings, f"DEV_ADDR=127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`make serve` on a copy of the project, on a free port."""
    project = project_copy(tmp_path_factory.mktemp("preview") / "project")
    with serving(project) as url:
        wait_until(url + DOCUMENT, lambda status, _body: status == 200)
        yield url, project


def test_a_bad_edit_shows_the_error_and_a_fix_brings_the_site_back(preview: tuple[str, Path]) -> None:
    url, project = preview
    doc = project / "data" / "hardenberg" / "2026.yaml"
    good = doc.read_text(encoding="utf-8")
    assert "preview-fouten" not in get(url + DOCUMENT)[1]
    doc.write_text(good.replace("soort: jaarafspraken\n", "soort: [jaarafspraken\n", 1), encoding="utf-8")
    try:
        body = wait_until(url + DOCUMENT, lambda _status, body: "preview-fouten" in body)
        assert "data/hardenberg/2026.yaml:" in body and "YAML-fout" in body
        assert "Je ziet de laatste versie die wel klopte" in body
        assert "Prestatieafspraken Wonen Hardenberg 2026" in body, "the last good page stays readable"
        status, missing = get(url + "/bestaat-niet/")
        assert status == 404 and "YAML-fout" in missing
    finally:
        doc.write_text(good, encoding="utf-8")
    body = wait_until(url + DOCUMENT, lambda status, body: status == 200 and "preview-fouten" not in body)
    assert "Prestatieafspraken Wonen Hardenberg 2026" in body


def test_the_preview_serves_a_search_index(preview: tuple[str, Path], page: Page) -> None:
    url, _project = preview
    entry = json.loads(get(url + "/pagefind/pagefind-entry.json")[1])
    for language in entry["languages"].values():
        assert get(f"{url}/pagefind/pagefind.{language['hash']}.pf_meta")[0] == 200
    page.goto(f"{url}/zoeken/?q=statushouder")
    assert ("/gemeenten/hardenberg/2026/#afspraak-16") in [href for href, _text in results(page)]
