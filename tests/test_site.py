"""The built HTML: what a reader of the real site gets."""

from __future__ import annotations

import re
from pathlib import Path

from generator.collect import collect
from generator.mentions import display_name
from tests.conftest import ROOT


def sections(html: str) -> dict[str, str]:
    """Each agreement's HTML, from its heading to the next heading of the same or higher level."""
    parts = re.split(r'(?=<h[1-4][^>]*id="afspraak-)|(?=<h[1-3][ >])', html)
    found = {}
    for part in parts:
        match = re.match(r'<h4[^>]*id="(afspraak-[^"]+)"', part)
        if match:
            found[match.group(1)] = part
    return found


def test_hardenberg_2026_has_all_42_agreements_with_parties(site: Path) -> None:
    html = (site / "gemeenten" / "hardenberg" / "2026" / "index.html").read_text()
    found = sections(html)
    assert list(found) == [f"afspraak-{n}" for n in range(1, 43)]
    registry = collect(ROOT / "data").registry
    doc = next(d for d in registry.documenten if d.gemeente == "hardenberg")
    for agreement in doc.afspraken:
        section = found[agreement.anchor]
        for role, parties in (("Initiatief", agreement.initiatief), ("Betrokken partijen", agreement.betrokken)):
            if parties:
                assert f"<dt>{role}</dt>" in section, agreement.anchor
            for party in parties:
                name = display_name(registry.partijen[party])
                assert f'href="../../../partijen/{party}/">{name}</a>' in section, (agreement.anchor, party)


OUTSIDE = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


def test_html_is_dutch_and_has_no_outside_requests(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert '<html lang="nl"' in html, page
        assert not OUTSIDE.search(html), (page, OUTSIDE.search(html))
    for css in site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(['\"]?https?:", css.read_text()), css


def test_pagefind_index_is_built(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").exists()
    assert (site / "pagefind" / "pagefind-ui.js").exists()
    assert not (site / "search" / "search_index.json").exists()


def test_document_page_shows_signing(site: Path) -> None:
    html = (site / "gemeenten" / "hardenberg" / "2026" / "index.html").read_text()
    assert "11 december 2025" in html
    assert "Aldus in drievoud opgemaakt en getekend" in html
