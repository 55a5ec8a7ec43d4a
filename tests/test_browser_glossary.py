"""The glossary in Chromium: tooltips that are right where they are shown and name their source,
and a /begrippen/ page that reads as a flat A-Z list on a phone and in print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.collect import collect
from tests.conftest import ROOT

SOURCE = re.compile(r"\((?:uitleg van deze site|definitie uit Prestatieafspraken (\w+) (\d{4}))\)$")


def document_urls(site: Path) -> list[str]:
    """Every page that shows a document: its years and its comparisons."""
    return sorted(f"/{p.parent.relative_to(site).as_posix()}/" for p in site.glob("gemeenten/*/*/**/index.html"))


def abbreviations(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        "() => [...document.querySelectorAll('article abbr[title]')].map(a => ({text: a.textContent, title: a.title}))"
    )


def titles_of(page: Page, text: str) -> list[str]:
    return [a["title"] for a in abbreviations(page) if a["text"] == text]


def steenwijkerland_rule() -> str:
    registry = collect(ROOT / "data").registry
    document = next(d for d in registry.documenten if d.gemeente == "steenwijkerland")
    return next(t.uitleg for b in document.bijlagen for t in b.begrippen if t.term == "Kernbinding")


def test_tynaarlo_does_not_carry_hardenbergs_definition(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/tynaarlo/2023/")
    assert "sociale huurwoningen" in page.inner_text("article")
    for title in titles_of(page, "sociale huurwoningen"):
        assert "25 jaar" not in title and "Hardenberg" not in title


def test_hardenberg_explains_sociale_huurwoningen_with_its_own_definition(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/hardenberg/2026/")
    [title] = titles_of(page, "sociale huurwoningen")
    assert "minimaal 25 jaar" in title
    assert title.endswith("(definitie uit Prestatieafspraken Hardenberg 2026)")
    abbr = page.locator("article abbr[title]").filter(has_text=re.compile("^sociale huurwoningen$"))
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text("definitie uit Prestatieafspraken Hardenberg 2026")


def test_kernbinding_on_hardenberg_is_not_steenwijkerlands_rule(page: Page, server: str) -> None:
    rule = steenwijkerland_rule()
    page.goto(f"{server}/gemeenten/hardenberg/2026/")
    assert "Kernbinding" in page.inner_text("article")
    for title in titles_of(page, "Kernbinding"):
        assert rule[:80] not in title and "Steenwijkerland" not in title
    page.goto(f"{server}/gemeenten/steenwijkerland/2026/")
    assert any(rule[:80] in title for title in titles_of(page, "Kernbinding"))


def test_every_tooltip_on_a_document_page_names_its_source(page: Page, server: str, site: Path) -> None:
    urls = document_urls(site)
    assert len(urls) >= 5
    for url in urls:
        page.goto(f"{server}{url}")
        found = abbreviations(page)
        assert found, url
        for abbr in found:
            source = SOURCE.search(abbr["title"])
            assert source, (url, abbr)
            if source.group(1):
                assert source.group(1).lower() == url.split("/")[2], (url, abbr)


def test_tooltip_reachable_by_keyboard_once_per_page(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/hardenberg/2026/")
    assert page.inner_text("article").count("sociale huurwoningen") > 1
    abbr = page.locator("article abbr[tabindex='0']").filter(has_text=re.compile("^sociale huurwoningen$"))
    expect(abbr).to_have_count(1)
    page.locator("article h1").first.click()
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR" and abbr.evaluate("a => a === document.activeElement"):
            break
    expect(abbr).to_be_focused()
    assert abbr.evaluate("a => getComputedStyle(a).outlineStyle") != "none"
    expect(page.locator(".md-tooltip2--active")).to_contain_text("minimaal 25 jaar")


GEOMETRY = """() => {
  const lists = [...document.querySelectorAll('article ul, article ol, article dl')];
  const isList = e => ['UL', 'OL', 'DL'].includes(e.tagName);
  const depth = el => { let d = 0; for (let e = el; e; e = e.parentElement) if (isList(e)) d++; return d; };
  const texts = [...document.querySelectorAll('article dt, article dd')].filter(e => e.textContent.trim());
  return {
    depth: Math.max(...lists.map(depth)),
    narrowest: Math.min(...texts.map(e => e.getBoundingClientRect().width)),
    terms: document.querySelectorAll('article dt').length,
    height: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_glossary_page_is_flat_and_readable(browser: object, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{server}/begrippen/")
    shape = tab.evaluate(GEOMETRY)
    context.close()
    print(f"/begrippen/ at {width} px: {shape}")
    assert shape["terms"] > 60
    assert shape["depth"] <= 2
    assert shape["narrowest"] >= 200
    assert shape["scrollWidth"] <= width
    if width == 1280:
        assert shape["height"] < 250 * shape["terms"]


def test_letter_links_jump_to_their_letter(page: Page, server: str) -> None:
    page.goto(f"{server}/begrippen/")
    links = page.locator(".begrippen-letters a")
    targets = [href[1:] for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    headings = page.locator("article h2").evaluate_all("hs => hs.map(h => h.id)")
    assert targets and targets == headings
    links.filter(has_text=re.compile("^K$")).click()
    expect(page.locator("#k")).to_be_in_viewport()


def test_each_own_definition_links_to_its_place_in_its_document(page: Page, server: str) -> None:
    registry = collect(ROOT / "data").registry
    expected = {(t.term.casefold(), d.gemeente, d.jaar) for t in registry.begrippen for d in t.definities}
    expected |= {(t.term.casefold(), d.gemeente, d.jaar) for d in registry.documenten for b in d.bijlagen for t in b.begrippen}
    page.goto(f"{server}/begrippen/")
    found = page.evaluate(
        """() => [...document.querySelectorAll('article dt')].flatMap(dt => {
          const out = []; let dd = dt.nextElementSibling;
          for (; dd && dd.tagName === 'DD'; dd = dd.nextElementSibling)
            for (const a of dd.querySelectorAll('a[href*="gemeenten/"]')) out.push([dt.textContent.trim(), a.href]);
          return out; })"""
    )
    linked = {(term.casefold(), *re.search(r"/gemeenten/([a-z-]+)/(\d{4})/", href).groups()) for term, href in found}
    assert {(term, gemeente, str(jaar)) for term, gemeente, jaar in expected} <= linked
    for term, href in found:
        page.goto(href)
        anchor = href.split("#", 1)[1]
        assert page.evaluate("id => !!document.getElementById(id)", anchor), (term, href)
