"""The Harderwijk comparison 2023-2024 in Chromium, as a council member reads it: one card per
agreement with its own number and text, counts that match, links that land, and no overflow."""

from __future__ import annotations

import re
from collections import Counter

import yaml
from playwright.sync_api import Locator, Page, expect

from tests.conftest import ROOT

URL = "/gemeenten/harderwijk/vergelijk/2023-2024/"
CARDS = "article li:has(> p:first-child > .vergelijk-nummer)"
STATUSES = {
    "nieuw": "Nieuw",
    "gewijzigd": "Gewijzigd",
    "vervallen": "Vervallen",
    "ongewijzigd": "Ongewijzigd",
    "niet-te-vergelijken": "Niet te vergelijken",
}


def section_cards(page: Page) -> dict[str, list[Locator]]:
    """The cards under each status heading, keyed by the heading's id."""
    found = {}
    for heading in page.locator("article h3[id]").all():
        heading_id = heading.get_attribute("id") or ""
        if any(heading_id.endswith(f"-{s}") for s in STATUSES):
            found[heading_id] = heading.locator("xpath=following-sibling::ul[1]/li").all()
    return found


def status_of(heading_id: str) -> str:
    return next(s for s in STATUSES if heading_id.endswith(f"-{s}"))


def expected_statuses() -> dict[str, str]:
    """What the Harderwijk source says, read straight from the YAML: a row with text in both
    year columns is unchanged or changed, one with only 2024 text new, one with only 2023 text
    dropped, a framework row without yearly text unchanged, and a chapter that has one text and
    no year columns at all (the productieafspraken) cannot be compared with 2023."""
    data = yaml.safe_load((ROOT / "data/harderwijk/2024.yaml").read_text(encoding="utf-8"))
    found = {}
    for chapter in data["hoofdstukken"]:
        groups = chapter.get("groepen", [{"afspraken": chapter.get("afspraken", [])}])
        for agreement in (a for g in groups for a in g["afspraken"]):
            steps = {s["jaar"]: " ".join(s["tekst"].split()) for s in agreement.get("stappen", [])}
            key = f"{chapter['id']}-{agreement['nummer']}"
            if "tekst" in agreement and not steps:
                found[key] = "niet-te-vergelijken"
            elif 2023 in steps and 2024 in steps:
                found[key] = "ongewijzigd" if steps[2023] == steps[2024] else "gewijzigd"
            elif 2024 in steps:
                found[key] = "nieuw"
            elif 2023 in steps:
                found[key] = "vervallen"
            else:
                found[key] = "ongewijzigd"
    return found


def test_every_compared_agreement_is_one_card_with_one_number_and_its_text(page: Page, server: str) -> None:
    page.goto(server + URL)
    cards = page.locator(CARDS).all()
    assert len(cards) > 80
    assert page.locator("article .vergelijk-nummer").count() == len(cards)
    for card in cards:
        labels = card.locator(".vergelijk-nummer").all_inner_texts()
        assert len(labels) == 1 and re.fullmatch(r"Afspraak \d+[a-z]?", labels[0]), labels
        text = card.inner_text()
        assert len(re.findall(r"Afspraak \d+[a-z]? ·", text)) == 1, text[:300]
        title = card.locator("> p").first.inner_text()
        assert len(title.split("·", 1)[1].strip()) > 15, f"{labels[0]} has no readable title: {title!r}"
        paragraphs = card.locator("> p").all_inner_texts()
        assert len(paragraphs) >= 4, f"{labels[0]} shows no text beyond its title and links"


def test_no_list_item_in_the_comparison_is_a_bare_number(page: Page, server: str) -> None:
    page.goto(server + URL)
    items = page.locator("article li").all_inner_texts()
    bare = [t for t in items if re.fullmatch(r"\s*(Afspraak\s*)?\d+[a-z]?(\s*·\s*\d{4})*\s*", t)]
    assert bare == []


def test_each_status_matches_the_source_and_the_summary_counts_what_is_shown(page: Page, server: str) -> None:
    page.goto(server + URL)
    shown: dict[str, str] = {}
    for heading_id, cards in section_cards(page).items():
        heading = page.locator(f"#{heading_id}")
        count = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
        assert count == len(cards), heading_id
        chapter = heading_id.removesuffix(f"-{status_of(heading_id)}")
        for card in cards:
            number = card.locator(".vergelijk-nummer").inner_text().removeprefix("Afspraak ")
            assert f"{chapter}-{number}" not in shown, "an agreement is shown twice"
            shown[f"{chapter}-{number}"] = status_of(heading_id)
    assert shown == expected_statuses()

    summary = page.locator("#samenvatting + ul > li").all_inner_texts()
    counted = {label: int(n) for label, n in (re.fullmatch(r"(.+): (\d+)", s).groups() for s in summary)}
    per_status = Counter(shown.values())
    assert counted == {label: per_status[status] for status, label in STATUSES.items()}


def test_the_productieafspraken_say_once_why_they_cannot_be_compared(page: Page, server: str) -> None:
    page.goto(server + URL)
    heading = page.locator("#productieafspraken-niet-te-vergelijken")
    reason = heading.locator("xpath=following-sibling::*[1]")
    expect(reason).to_have_text(re.compile(r"geen kolom per jaar|zonder kolom per jaar"))
    assert reason.evaluate("el => el.tagName") == "P"
    assert len(section_cards(page)["productieafspraken-niet-te-vergelijken"]) == 16


def test_a_changed_agreement_shows_both_versions_and_the_changed_words(page: Page, server: str) -> None:
    page.goto(server + URL)
    card = next(
        c
        for c in section_cards(page)["beschikbaarheid-gewijzigd"]
        if c.locator(".vergelijk-nummer").inner_text() == "Afspraak 12"
    )
    assert card.locator("del").all_inner_texts() == ["ondersteunen"]
    assert card.locator("ins").all_inner_texts() == ["faciliteren"]
    text = card.inner_text()
    assert "Corporaties ondersteunen woningruil." in text and "Corporaties faciliteren woningruil." in text
    assert "dezelfde rij van het document" in text


def test_links_to_both_years_land_on_existing_agreements(page: Page, server: str) -> None:
    page.goto(server + URL)
    hrefs = page.locator(f"{CARDS} a[href*='#afspraak-']").evaluate_all("els => els.map(a => a.href)")
    targets: dict[str, list[str]] = {}
    for href in hrefs:
        address, anchor = href.split("#")
        targets.setdefault(address, []).append(anchor)
    assert {re.search(r"/(\d{4})/$", a).group(1) for a in targets} == {"2023", "2024"}
    for address, anchors in targets.items():
        page.goto(address)
        ids = set(page.locator("[id^='afspraak-']").evaluate_all("els => els.map(e => e.id)"))
        assert set(anchors) <= ids, sorted(set(anchors) - ids)
        linked = Counter(anchors)
        assert ids == set(linked), f"{address}: agreements missing from the comparison: {sorted(ids - set(linked))}"
        assert max(linked.values()) == 1, "an agreement is linked from two cards"


def test_no_horizontal_overflow_on_a_phone(phone: object, server: str) -> None:
    phone.goto(server + URL)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    wide = phone.locator(CARDS).evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > 390)"
        ".map(e => e.querySelector('.vergelijk-nummer').textContent)"
    )
    assert wide == []


def test_the_comparison_is_reachable_from_gemeente_documents_and_years(page: Page, server: str) -> None:
    for start in (
        "/gemeenten/harderwijk/",
        "/gemeenten/harderwijk/2023/",
        "/gemeenten/harderwijk/2024/",
        "/jaren/2023/",
        "/jaren/2024/",
    ):
        page.goto(server + start)
        link = page.locator("article a[href$='vergelijk/2023-2024/']").first
        expect(link).to_be_visible()
        link.click()
        page.wait_for_url(f"**{URL}")
        expect(page.locator("h1")).to_contain_text("Harderwijk: 2023 en 2024 vergeleken")
