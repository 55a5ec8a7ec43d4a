"""Search per agreement: results, filters and highlights belong to one agreement, exact matches
come before synonyms, a filter alone lists what it selects; checked on the records from the model
and in Chromium on the built site, at desktop and phone width."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect

from generator.collect import collect
from generator.indexes import Site, build_site
from generator.pagefind_index import CHOICES
from generator.searchrecords import FILTERS, records
from tests.conftest import ROOT, searched


@pytest.fixture(scope="module")
def model() -> Site:
    registry = collect(ROOT / "data").registry
    assert registry is not None
    return build_site(registry)


def all_results(page: Page) -> list[tuple[str, str]]:
    """Every result of the search page, once it is done, after pressing 'show more' until none are left."""
    searched(page)
    more = page.locator(".zoekpagina__meer")
    while more.is_visible():
        count = page.locator(".zoekresultaat").count()
        more.click()
        expect(page.locator(".zoekresultaat")).not_to_have_count(count)
    return [(a.get_attribute("href") or "", a.inner_text()) for a in page.query_selector_all(".zoekresultaat a")]


def linked_agreements(page: Page, url: str) -> set[str]:
    """The agreements a page of the site links to, as /path/#anchor."""
    page.goto(url)
    hrefs = page.eval_on_selector_all("article a[href*='#afspraak-']", "links => links.map(a => a.href)")
    return {urlsplit(h).path + "#" + urlsplit(h).fragment for h in hrefs}


def test_every_agreement_on_every_page_is_one_record_with_its_own_anchor(model: Site) -> None:
    found = list(records(model))
    urls = [r.url for r in found]
    assert len(urls) == len(set(urls)), "Pagefind keeps one record per address"
    for page in model.pages:
        for _, agreement in page.all_agreements():
            url = f"/gemeenten/{page.gemeente}/{page.year}/#{agreement.anchor}"
            record = next(r for r in found if r.url == url)
            assert f"afspraak {agreement.nummer}" in record.title
            assert record.filters["jaar"] == [str(page.year)]
            assert record.filters["thema"], url
    assert not [u for u in urls if urlsplit(u).path in ("/", "/zoeken/")]


def test_hardenberg_16_is_a_record_of_its_own_with_its_theme_and_parties(model: Site) -> None:
    record = next(r for r in records(model) if r.url == "/gemeenten/hardenberg/2026/#afspraak-16")
    assert record.title == "Hardenberg 2026 · afspraak 16 · Beschikbaarheid"
    assert "statushouders te halen" in record.content
    assert "Beschikbaarheid en bouwopgave" in record.filters["thema"]
    assert "Vechtdal Wonen" in record.filters["partij"]
    assert "afspraak 17" not in record.content and "scootmobiel" not in record.content.lower()


def test_non_agreement_text_is_findable_but_filters_by_theme_or_party_select_agreements_only(model: Site) -> None:
    found = list(records(model))
    others = [r for r in found if "#afspraak-" not in r.url]
    assert any("Dorrestijn" in r.content for r in others), "the signatories of a document"
    assert any(r.url.startswith("/begrippen/#") and "Woonruimteverdeling" in r.content for r in others)
    assert any(r.url == "/gemeenten/hardenberg/2026/#beschikbaarheid" for r in others), "a chapter's own text"
    assert not [r.url for r in others if "thema" in r.filters or "partij" in r.filters]
    assert set(FILTERS) >= {"gemeente", "jaar", "thema", "partij", "soort"}


def test_a_party_filter_without_a_word_lists_what_its_party_page_lists(page: Page, server: str) -> None:
    expected = linked_agreements(page, f"{server}/partijen/woonconcept/")
    assert any("/steenwijkerland/" in u for u in expected), "Steenwijkerland names Woonconcept in the text"
    page.goto(f"{server}/zoeken/?partij=Woonconcept")
    found = all_results(page)
    assert {href for href, _ in found} == expected
    expect(page.locator("select[name=partij]")).to_have_value("Woonconcept")
    expect(page.locator(".zoekpagina__status")).to_contain_text(str(len(expected)))


def test_a_word_and_a_theme_return_only_agreements_of_that_theme(page: Page, server: str) -> None:
    theme = linked_agreements(page, f"{server}/themas/aandachtsgroepen/")
    page.goto(f"{server}/zoeken/?q=statushouders&thema=Aandachtsgroepen")
    found = [href for href, _ in all_results(page)]
    assert found and set(found) <= theme
    assert "/gemeenten/hardenberg/2026/#afspraak-16" in found
    assert not set(found) & (linked_agreements(page, f"{server}/themas/duurzaamheid/") - theme)


@pytest.mark.parametrize("key, value", [("gemeente", "Hardenberg"), ("partij", "Woonconcept"), ("jaar", "2024")])
def test_a_filter_without_a_word_lists_in_reading_order(page: Page, server: str, model: Site, key: str, value: str) -> None:
    expected = [r.url for r in records(model) if value in r.filters.get(key, [])]
    page.goto(f"{server}/zoeken/?{key}={value}")
    assert [href for href, _ in all_results(page)] == expected


def test_results_come_ten_at_a_time_and_only_the_shown_ones_are_fetched(page: Page, server: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/fragment/" in request.url else None)
    page.goto(f"{server}/zoeken/?q=huur")
    searched(page)
    total = int(re.match(r"\d+", page.locator(".zoekpagina__status").inner_text()).group())  # type: ignore[union-attr]
    assert total > 20
    expect(page.locator(".zoekresultaat")).to_have_count(10)
    assert len(fetched) == 10, "a result's text is fetched when it is shown"
    page.get_by_role("button", name=f"Toon 10 meer (nog {total - 10})").click()
    expect(page.locator(".zoekresultaat")).to_have_count(20)
    expect(page.locator(".zoekresultaat").nth(10).locator("a")).to_be_focused()
    assert len(fetched) == 20
    assert len(all_results(page)) == total


def test_exact_hits_show_while_the_synonyms_are_still_searched(page: Page, server: str) -> None:
    page.route("**/assets/synoniemen.json", lambda route: None)  # never answered
    page.goto(f"{server}/zoeken/?q=statushouders")
    expect(page.locator(".zoekresultaat").first).to_contain_text("statushouder", ignore_case=True)
    expect(page.locator(".zoekresultaat__via")).to_have_count(0)


def test_exact_matches_come_first_and_keep_their_spaces(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=statushouders")
    all_results(page)
    items = page.locator(".zoekresultaat")
    first = items.first
    assert "statushouder" in first.locator("mark").first.inner_text().lower()
    via = [i for i in range(items.count()) if items.nth(i).locator(".zoekresultaat__via").count()]
    assert via, "Tynaarlo writes 'vergunninghouders': found through the synonym"
    assert via == list(range(via[0], items.count())), "every synonym-only result after every exact one"
    for i in range(via[0]):
        assert "statushouder" in items.nth(i).inner_text().lower()
    assert "vergunninghouder" in items.nth(via[0]).locator("mark").first.inner_text().lower()
    hardenberg = page.locator(".zoekresultaat", has=page.locator("a[href='/gemeenten/hardenberg/2026/#afspraak-16']"))
    assert "statushouders te halen" in hardenberg.locator(".zoekresultaat__uittreksel").inner_text()


@pytest.mark.parametrize("word", ["prestatieafspraken", "woningcorporaties", "zoeken"])
def test_no_result_is_the_home_page_or_the_search_page(page: Page, server: str, word: str) -> None:
    page.goto(f"{server}/zoeken/?q={word}")
    hrefs = [urlsplit(href).path for href, _ in all_results(page)]
    assert hrefs, word
    assert "/" not in hrefs and "/zoeken/" not in hrefs


def test_nothing_found_says_so(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?partij=Woonconcept&gemeente=Tynaarlo")
    expect(page.locator(".zoekpagina__status")).to_contain_text("Niets gevonden")
    expect(page.locator(".zoekresultaat")).to_have_count(0)
    page.goto(f"{server}/zoeken/?q=qwertyuiop")
    expect(page.locator(".zoekpagina__status")).to_contain_text("Niets gevonden voor ‘qwertyuiop’")


def test_glossary_and_document_text_are_found(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=Dorrestijn")
    assert ("/gemeenten/hardenberg/2026/") in [href for href, _ in all_results(page)]
    page.goto(f"{server}/zoeken/?q=woonruimteverdeling")
    assert any(href.startswith("/begrippen/#") for href, _ in all_results(page))


def test_on_a_phone_every_control_is_a_44_px_target_and_the_header_says_zoeken(phone: object, server: str) -> None:
    phone.goto(f"{server}/zoeken/?q=statushouders")
    all_results(phone)
    expect(phone.locator("#kopzoek-invoer")).to_have_attribute("placeholder", "Zoeken")
    targets = ["#zoekveld", ".zoekpagina__filters select", ".zoekresultaat__titel"]
    for selector in targets:
        for box in [phone.locator(selector).nth(i).bounding_box() for i in range(phone.locator(selector).count())]:
            assert box is not None and box["height"] >= 44 and box["width"] >= 44, selector
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_gemeente_page_searches_within_that_gemeente(page: Page, server: str, model: Site) -> None:
    page.goto(f"{server}/gemeenten/harderwijk/")
    field = page.get_by_label("Zoek in de afspraken van Harderwijk")
    field.fill("huur")
    field.press("Enter")
    expect(page.locator("select[name=gemeente]")).to_have_value("Harderwijk")
    assert sorted(parse_qsl(urlsplit(page.url).query)) == [("gemeente", "Harderwijk"), ("q", "huur")]
    found = {href for href, _ in all_results(page)}
    assert found and found <= {r.url for r in records(model) if "Harderwijk" in r.filters.get("gemeente", [])}
    page.goto(f"{server}/zoeken/?q=huur")
    assert found < {href for href, _ in all_results(page)}, "the whole site finds more"


def test_every_search_within_a_gemeente_or_party_asks_for_a_value_the_search_page_offers(site: Path) -> None:
    """A gemeente's or party's own search field chooses its filter on the search page: a name the
    index does not hold would find nothing and show an empty select."""
    choices = json.loads((site / "pagefind" / CHOICES).read_text(encoding="utf-8"))
    asked = []
    for path in [*site.glob("gemeenten/*/index.html"), *site.glob("partijen/*/index.html")]:
        text = path.read_text(encoding="utf-8")
        for key, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', text):
            assert html.unescape(value) in choices[key], path
            asked.append(key)
    assert asked.count("gemeente") == 5
    assert asked.count("partij") >= 20


def test_a_gemeente_page_search_fits_a_phone(phone: object, server: str) -> None:
    phone.goto(f"{server}/gemeenten/steenwijkerland/")
    for target in [phone.get_by_label("Zoek in de afspraken van Steenwijkerland"), phone.get_by_role("button", name="Zoeken")]:
        box = target.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44 and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_header_results_have_titles_at_least_as_large_as_their_excerpts(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/hardenberg/2026/")
    expect(page.locator("#kopzoek-invoer")).to_have_attribute("placeholder", re.compile(r"^Zoeken \(/\)$"))
    page.keyboard.press("/")
    page.keyboard.type("statushouders")
    title = page.locator(".kopzoek__resultaten .zoekresultaat__titel").first
    expect(title).to_be_visible()
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    excerpt = page.locator(".kopzoek__resultaten .zoekresultaat__uittreksel").first
    assert title.evaluate(size) >= excerpt.evaluate(size) >= 12
    assert title.bounding_box()["height"] >= 44


@pytest.mark.parametrize("value", ["Atlantis", "constructor", "__proto__", "toString"])
@pytest.mark.parametrize("key", ["gemeente", "partij"])
def test_an_address_with_a_value_the_index_does_not_hold_searches_without_it(
    page: Page, server: str, key: str, value: str
) -> None:
    """An old or mistyped link, or a name every script object answers to: the select offers no such
    value, so the search runs without it, and nothing breaks on the way."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/zoeken/?{key}={value}&q=huur")
    assert all_results(page)
    expect(page.locator(f"select[name={key}]")).to_have_value("")
    expect(page.locator(".zoekpagina__status")).to_contain_text("resultaten voor ‘huur’")
    assert errors == []
