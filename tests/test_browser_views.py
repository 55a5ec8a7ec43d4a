"""Party, theme and year pages in Chromium: every list of agreements is readable, counts match
what is listed, parties are named as parties, and the pages fit a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from generator.collect import collect
from tests.conftest import ROOT

REGISTRY = collect(ROOT / "data").registry
assert REGISTRY is not None
PARTIES = sorted(REGISTRY.partijen)
THEMES = sorted(REGISTRY.themas)
YEARS = sorted({y for d in REGISTRY.documenten for y in d.jaren})

# Every link to one agreement, with the text of the list item or table row that holds it.
AGREEMENT_LINKS = """() => [...document.querySelectorAll("article a[href*='#afspraak-']")]
    .map(a => { const holder = a.closest("li, tr"); return holder && {
        href: a.getAttribute("href"), link: a.innerText, text: holder.innerText }; })
    .filter(Boolean)"""

# Per section of a party page: the count it states and the agreements it lists.
SECTIONS = """() => [...document.querySelectorAll("article h4[id]")].map(h => {
    const items = []; let telling = "";
    for (let el = h.nextElementSibling; el && !/^H[1-4]$/.test(el.tagName); el = el.nextElementSibling) {
        if (el.matches(".partij-telling")) telling = el.innerText;
        if (el.tagName !== "UL") continue;
        const own = [...el.children].filter(li => li.querySelector(":scope > p > a[href*='#afspraak-']"));
        items.push(...own.map(li => li.innerText));
    }
    return { id: h.id, telling, items };
})"""


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def test_woonconcept_page_lists_its_steenwijkerland_agreements(page: Page, server: str) -> None:
    page.goto(f"{server}/partijen/woonconcept/")
    links = page.evaluate(AGREEMENT_LINKS)
    steenwijkerland = [link for link in links if "/gemeenten/steenwijkerland/2026/" in link["href"]]
    assert len(steenwijkerland) > 1, "only the one agreement with a role was listed before"
    five = next(link for link in steenwijkerland if link["href"].endswith("#afspraak-5"))
    assert "genoemd in de tekst" in five["text"]
    assert "Woonconcept evalueert haar woonlastenbeleid" in five["text"]
    nine = next(link for link in steenwijkerland if link["href"].endswith("#afspraak-9"))
    assert "rol: eigen stap" in nine["text"]
    page.click("article a[href$='steenwijkerland/2026/#afspraak-5']")
    page.wait_for_url("**/gemeenten/steenwijkerland/2026/#afspraak-5")
    assert "Woonconcept evalueert haar woonlastenbeleid" in page.locator("article").inner_text()


@pytest.mark.parametrize("party", ["woonconcept", "gemeente-harderwijk", "sew", "de-veste"])
def test_counts_shown_equal_agreements_listed(page: Page, server: str, party: str) -> None:
    page.goto(f"{server}/partijen/{party}/")
    sections = page.evaluate(SECTIONS)
    listed = 0
    for section in sections:
        total, with_role, named = numbers(section["telling"].rsplit(":", 1)[1])[:3]
        items = section["items"]
        assert total == len(items) == with_role + named, section["id"]
        assert with_role == sum("rol:" in item for item in items), section["id"]
        assert named == sum("genoemd in de tekst" in item for item in items), section["id"]
        listed += len(items)
    summary = page.locator("article .partij-telling").first
    if listed:
        total, with_role, named = numbers(summary.inner_text())[:3]
        assert total == listed == with_role + named
    else:
        assert "geen afspraken op naam" in page.locator("article").inner_text()


def test_other_parties_of_a_document_are_counted_truly(page: Page, server: str) -> None:
    """Reciprocity: the count beside the gemeente on Woonconcept's page is what the gemeente's page lists."""
    page.goto(f"{server}/partijen/woonconcept/")
    link = page.locator("article a[href$='gemeente-steenwijkerland/#steenwijkerland-2026']")
    claimed = numbers(link.locator("xpath=..").inner_text())[0]
    link.click()
    page.wait_for_url("**/partijen/gemeente-steenwijkerland/#steenwijkerland-2026")
    section = next(s for s in page.evaluate(SECTIONS) if s["id"] == "steenwijkerland-2026")
    assert claimed == len(section["items"]) > 0


def agreement_lists(page: Page, server: str, path: str) -> list[dict[str, str]]:
    page.goto(f"{server}{path}")
    return page.evaluate(AGREEMENT_LINKS)


def test_no_list_of_agreements_shows_a_bare_number(page: Page, server: str) -> None:
    paths = [f"/themas/{t}/" for t in THEMES] + [f"/partijen/{p}/" for p in PARTIES] + [f"/jaren/{y}/" for y in YEARS]
    seen = 0
    for path in paths:
        for link in agreement_lists(page, server, path):
            rest = re.sub(r"(?i)afspraak\s+\d+[a-z]?", "", link["text"].replace(link["link"], " "))
            words = re.findall(r"[A-Za-zÀ-ÿ]{2,}", rest)
            assert len(words) >= 2, (path, link)
            seen += 1
    assert seen > 300, seen


def test_theme_page_lists_each_agreement_with_its_first_sentence(page: Page, server: str) -> None:
    links = agreement_lists(page, server, "/themas/betaalbaarheid/")
    five = next(link for link in links if link["href"].endswith("steenwijkerland/2026/#afspraak-5"))
    assert "Minimaal 75% van de sociale voorraad Wetland Wonen en Woonconcept" in five["text"]


def test_roles_name_the_gemeente_as_a_party(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/hardenberg/2026/")
    role_links = page.eval_on_selector_all("article dd a[href*='/partijen/gemeente-']", "els => els.map(e => e.innerText)")
    assert role_links and set(role_links) == {"Gemeente Hardenberg"}
    three = page.locator("article").inner_text().split("Afspraak 3 ·", 1)[1].split("Afspraak 4 ·", 1)[0]
    assert re.search(r"Initiatief\s+Gemeente Hardenberg", three)


def test_no_document_page_prints_a_label_twice(page: Page, server: str, site: Path) -> None:
    documents = sorted(p.parent.relative_to(site) for p in (site / "gemeenten").glob("*/[0-9]*/index.html"))
    assert len(documents) >= 6
    doubled = re.compile(r"(?<![\w-])([A-Z][\w+ -]{1,40}?) \(\1\)")
    for path in documents:
        page.goto(f"{server}/{path}/")
        text = page.locator("article").inner_text()
        assert not doubled.search(text), (path, doubled.search(text))
    page.goto(f"{server}/gemeenten/hoogeveen/2026/")
    assert page.locator("article em > a[href$='/partijen/woonconcept/']").count() > 0


@pytest.mark.parametrize("path", ["/partijen/woonconcept/", "/partijen/gemeente-harderwijk/", "/themas/betaalbaarheid/"])
def test_no_horizontal_overflow_on_a_phone(phone: Page, server: str, path: str) -> None:
    phone.goto(f"{server}{path}")
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    wide = phone.evaluate(
        """() => [...document.querySelectorAll("article *")]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName + ": " + e.innerText.slice(0, 40))"""
    )
    assert widths[0] <= widths[1], (path, widths)
    assert wide == [], wide
