"""WCAG 2.1 A and AA on every kind of page, checked by axe-core in Chromium on a desktop and a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

# One page of every kind a reader can land on.
PAGE_TYPES = {
    "home": "/",
    "gemeenten": "/gemeenten/",
    "gemeente": "/gemeenten/hardenberg/",
    "document": "/gemeenten/hardenberg/2026/",
    "vergelijking": "/gemeenten/harderwijk/vergelijk/2023-2024/",
    "themas": "/themas/",
    "thema": "/themas/betaalbaarheid/",
    "partijen": "/partijen/",
    "partij": "/partijen/vechtdal-wonen/",
    "jaren": "/jaren/",
    "jaar": "/jaren/2026/",
    "begrippen": "/begrippen/",
    "zoeken": "/zoeken/?q=statushouders",
    "leeswijzer": "/leeswijzer/",
    "over": "/over/",
    "toegankelijkheid": "/toegankelijkheid/",
}
WIDTHS = {"desktop": 1280, "telefoon": 390}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def tabs(browser: Any) -> Iterator[dict[str, Any]]:
    contexts = {name: browser.new_context(viewport={"width": width, "height": 844}) for name, width in WIDTHS.items()}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_or_critical_wcag_violation(tabs: dict[str, Any], server: str, kind: str, width: str) -> None:
    tab = tabs[width]
    tab.goto(server + PAGE_TYPES[kind], wait_until="networkidle")
    result = Axe().run(tab, options={"runOnly": WCAG, "resultTypes": ["violations"]})
    serious = [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; e.g. {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{PAGE_TYPES[kind]} at {WIDTHS[width]} px"
