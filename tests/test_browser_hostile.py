"""A data set with a hostile payload in every text field of every file kind, registers included,
built with the real MkDocs and Pagefind and read in Chromium: no script runs, nothing is loaded
from another host, and every payload is still shown to the reader as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser

from generator.building import build_site
from generator.tables import number
from tests.conftest import ROOT, copy_project, searched, serve

# Keys whose string values are free text a reader sees; the others are slugs, references,
# dates, numbers or enumerations that the schema already restricts.
FREE_TEXT = {
    "aangeduid_als", "aanhef", "ambitie", "beschrijving", "bron", "cellen", "doel", "doelstelling", "eenheid",
    "functie", "inleiding", "kader", "komen_overeen", "korte_naam", "label", "naam", "noten", "overwegingen",
    "plaats", "redactie", "richtingen", "rijen", "slot", "tekst", "term", "titel", "toelichting", "uitleg",
    "vertegenwoordiger", "wanneer",
}  # fmt: skip
# Column names are referenced by `som_van`, so they keep their names.
INSIDE_COLUMNS = "kolommen"
REFERENCES = {"rij"}
# In a voortgang file `bron` names an entry of `bronnen`; elsewhere it is text.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def payload(n: int) -> str:
    """Accepted by the text policy, harmful wherever a value is not escaped: an attribute
    break-out, an entity-encoded tag, a script address as text and braces that look like attributes."""
    return f'XSS{n} " onmouseover="alert({n})" &lt;img src=x onerror=alert({n})&gt; javascript:alert({n}) {{excl. btw}}'


def shown(n: int) -> str:
    return f'XSS{n} " onmouseover="alert({n})" <img src=x onerror=alert({n})> javascript:alert({n}) {{excl. btw}}'


def poison(node: Any, key: str | None, planted: dict[str, int], parent: str | None = None) -> Any:
    """The data with a payload appended to every free-text string. The same string always gets the
    same payload, so references to a table row (`rij`) keep pointing at the row."""
    if isinstance(node, dict):
        return {k: poison(v, k, planted, key) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key, planted, parent) for v in node]
    text = isinstance(node, str) and number(node) is None and not (key == "bron" and SLUG.fullmatch(node))
    if text and (key in FREE_TEXT and parent != INSIDE_COLUMNS or key in REFERENCES):
        n = planted.setdefault(node, len(planted) + 1)
        return f"{node} {payload(n)}"
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    if not (project / "generator").exists():
        (project / "generator").symlink_to(ROOT / "generator")
    planted: dict[str, int] = {}
    for path in sorted((project / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data, None, planted), allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    with serve(site) as base:
        yield base, len(planted)


HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value) && ['href', 'src', 'action'].includes(a.name))
  .map(a => el.tagName + ' ' + a.name + '=' + a.value))"""


def test_no_payload_runs_and_every_payload_is_shown(hostile_site: tuple[str, int], browser: Browser) -> None:
    base, planted = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    dialogs: list[str] = []

    context.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    tab = context.new_page()

    def dialog(d: Any) -> None:
        dialogs.append(f"{d.type}: {d.message} on {tab.url}")
        d.dismiss()

    tab.on("dialog", dialog)
    text = ""
    handlers: list[str] = []
    for url in crawl(tab, base):
        # A name is plain text and shows '&lt;' as typed; Markdown text shows it as '<'.
        seen = re.sub(r"\s+", " ", tab.inner_text("body")) + " " + tab.title()
        text += "\n" + seen.replace("&lt;", "<").replace("&gt;", ">")
        handlers += [f"{url}: {h}" for h in tab.evaluate(HANDLERS)]
        for element in tab.query_selector_all("abbr[tabindex], .kopieer-link")[:5]:
            element.hover()
    tab.goto(f"{base}/zoeken/?q=onmouseover")
    searched(tab)
    handlers += tab.evaluate(HANDLERS)
    context.close()
    assert dialogs == []
    assert outside == []
    assert handlers == []
    missing = [n for n in range(1, planted + 1) if shown(n) not in text]
    assert planted > 300
    assert missing == [], f"{len(missing)} of {planted} payloads not shown, e.g. XSS{missing[:5]}"


def crawl(tab: Any, base: str) -> Iterator[str]:
    """Every page of the site, found by following its own links from the home page."""
    seen: set[str] = set()
    queue = ["/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        tab.goto(base + path)
        yield path
        for href in tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.hostname == "127.0.0.1" and parts.path.endswith("/") and not parts.path.startswith("/assets"):
                queue.append(parts.path)
