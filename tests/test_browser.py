"""The site in a real headless Chromium: search, filters, keyboard, anchors and glossary."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from generator.collect import collect
from tests.conftest import ROOT
from tests.test_search import all_results as results


def test_statushouder_lists_hardenberg_16_and_17_with_anchors(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=statushouder")
    found = results(page)
    assert ("/gemeenten/hardenberg/2026/#afspraak-16", "Hardenberg 2026 · afspraak 16 · Beschikbaarheid") in found
    assert ("/gemeenten/hardenberg/2026/#afspraak-17", "Hardenberg 2026 · afspraak 17 · Beschikbaarheid") in found
    municipalities = {m.group(1) for href, _ in found if (m := re.match(r"/gemeenten/([a-z-]+)/", href))}
    assert municipalities == {"hardenberg", "harderwijk", "hoogeveen", "steenwijkerland", "tynaarlo"}
    assert page.query_selector(".zoekresultaat mark") is not None


def test_filter_on_tynaarlo_leaves_only_tynaarlo(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=statushouder")
    results(page)
    page.select_option("select[name=gemeente]", "Tynaarlo")
    page.wait_for_url(re.compile(r"gemeente=Tynaarlo"))
    expect(page.locator(".zoekresultaat a:not([href^='/gemeenten/tynaarlo/'])")).to_have_count(0)
    expect(page.locator(".zoekresultaat a[href^='/gemeenten/tynaarlo/']").first).to_be_visible()


def test_scootmobiel_finds_hardenberg_mobility_scooter_agreements(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=scootmobiel")
    hrefs = [href for href, _ in results(page)]
    assert "/gemeenten/hardenberg/2026/#afspraak-38" in hrefs
    assert "/gemeenten/hardenberg/2026/#afspraak-39" in hrefs


def test_result_opens_the_page_scrolled_to_the_agreement(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=statushouder")
    results(page)
    page.click("a[href='/gemeenten/hardenberg/2026/#afspraak-17']")
    page.wait_for_url("**/gemeenten/hardenberg/2026/#afspraak-17")
    heading = page.locator("#afspraak-17")
    expect(heading).to_be_in_viewport()
    assert page.evaluate("document.getElementById('afspraak-17').getBoundingClientRect().top") < 300


def test_search_with_the_keyboard_alone(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/tynaarlo/2023/")
    page.keyboard.press("/")
    expect(page.locator("#kopzoek-invoer")).to_be_focused()
    page.keyboard.type("statushouder")
    expect(page.locator(".kopzoek__resultaten a").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    first = page.locator(".kopzoek__resultaten a").first
    expect(first).to_be_focused()
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    expect(page.locator(f"[id='{target.split('#')[1]}']")).to_be_focused()  # Tab goes on from the agreement
    page.goto(f"{server}/gemeenten/tynaarlo/2023/")
    page.keyboard.press("/")
    page.keyboard.type("huurverhoging")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=huurverhoging"))
    assert results(page)


def test_search_url_restores_query_and_results(page: Page, server: str) -> None:
    page.goto(f"{server}/zoeken/?q=scootmobiel")
    assert results(page)
    expect(page.locator("#zoekveld")).to_have_value("scootmobiel")


def test_search_finds_a_hand_written_page_and_links_to_it(page: Page, server: str) -> None:
    """The hand-written pages marked `zoeken: true` are searched whole, next to the agreements."""
    page.goto(f"{server}/zoeken/?q=trekker")
    link = page.locator(".zoekresultaat__titel").filter(has_text="Zo lees je een afspraak")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(f"{server}/leeswijzer/")


def test_search_works_on_a_phone(browser: object, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{server}/zoeken/?q=statushouder")
    assert results(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_hovering_or_focusing_an_abbreviation_explains_it(page: Page, server: str) -> None:
    registry = collect(ROOT / "data").registry
    explanation = next(t.uitleg for t in registry.begrippen if t.afkorting == "DAEB")
    page.goto(f"{server}/gemeenten/hoogeveen/2026/")
    abbr = page.locator("article abbr").filter(has_text=re.compile("^DAEB$"))
    expect(abbr).to_have_count(1)
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_contain_text(explanation[:60])
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    abbr.focus()
    expect(page.locator(".md-tooltip2--active")).to_contain_text(explanation[:60])
