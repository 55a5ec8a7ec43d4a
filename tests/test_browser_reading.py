"""Reading in Chromium as readers do: a shared link keeps its agreement, copying gives the bare address,
the agreement landed on has focus, a phone reaches every chapter in two taps, nothing spills sideways,
text is 16 px, and paper says where it came from."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.rendering import MONTHS
from tests.test_a11y import PAGE_TYPES

DOCUMENT = "/gemeenten/hardenberg/2026/"


@pytest.mark.parametrize("width", [1280, 390])
def test_address_bar_keeps_the_agreement_after_scrolling(browser: Any, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    tab = context.new_page()
    tab.goto(f"{server}{DOCUMENT}#afspraak-12")
    for distance in (40, 400, 4000, -2000):
        tab.mouse.wheel(0, distance)
        tab.wait_for_timeout(150)
        assert tab.url == f"{server}{DOCUMENT}#afspraak-12", distance
    context.close()


def test_link_kopieren_copies_exactly_the_address_and_citaat_kopieren_the_citation(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    tab.goto(f"{server}{DOCUMENT}")
    address = f"{server}{DOCUMENT}#afspraak-12"
    link = tab.locator("a.kopieer-link[href='#afspraak-12']")
    link.scroll_into_view_if_needed()
    link.click()
    expect(link).to_have_text("Link gekopieerd")
    assert tab.evaluate("navigator.clipboard.readText()") == address
    assert tab.url == f"{server}{DOCUMENT}", "copying must not change the address bar"
    quote = tab.locator(".citaat:has(a[href='#afspraak-12'])")
    quote.get_by_role("button", name="Citaat kopiëren").click()
    citation = quote.locator("em").inner_text()
    assert citation == "Prestatieafspraken Hardenberg 2026, afspraak 12"
    assert tab.evaluate("navigator.clipboard.readText()") == f"{citation}, {address}"
    context.close()


BACKGROUND = "e => getComputedStyle(e).backgroundColor"


def test_agreement_opened_by_its_link_is_marked_and_has_focus(page: Page, server: str) -> None:
    page.goto(f"{server}{DOCUMENT}#afspraak-12")
    assert page.evaluate("document.activeElement.id") == "afspraak-12"
    block = page.locator(".afspraak-blok:has(> #afspraak-12)")
    other = page.locator(".afspraak-blok:has(> #afspraak-13)")
    assert block.evaluate(BACKGROUND) != other.evaluate(BACKGROUND)
    assert block.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#afspraak-12", "Tab goes on from the agreement"
    page.evaluate("location.hash = '#afspraak-30'")
    expect(page.locator("#afspraak-30")).to_be_focused()
    expect(page.locator("#afspraak-30")).to_be_in_viewport()
    assert block.evaluate(BACKGROUND) == other.evaluate(BACKGROUND)


def test_skip_link_moves_the_keyboard_into_the_content(page: Page, server: str) -> None:
    page.goto(f"{server}{DOCUMENT}")
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')")


def chapters(tab: Page) -> list[str]:
    return tab.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")


def document_paths(site: Path) -> list[str]:
    return ["/" + str(p.parent.relative_to(site)) + "/" for p in sorted(site.glob("gemeenten/*/[0-9]*/index.html"))]


def test_phone_reaches_every_chapter_of_every_document_in_two_taps(phone: Page, server: str, site: Path) -> None:
    for path in document_paths(site):
        phone.goto(server + path)
        ids = chapters(phone)
        assert len(ids) >= 3, path
        phone.mouse.wheel(0, 3 * 844)
        control = phone.locator(".inhoud__knop")
        for id in reversed(ids):
            expect(control).to_be_in_viewport()
            control.tap()
            phone.locator(f".inhoud__lijst > li > .inhoud__rij > a[href='#{id}']").tap()
            heading = phone.locator(f"[id='{id}']")
            expect(heading).to_be_in_viewport()
            bar = phone.locator(".inhoud").bounding_box()
            assert heading.bounding_box()["y"] >= bar["y"] + bar["height"] - 1, f"{path}#{id} hides under the bar"


def test_phone_reaches_an_agreement_in_three_taps(phone: Page, server: str) -> None:
    phone.goto(f"{server}{DOCUMENT}")
    phone.mouse.wheel(0, 20000)
    phone.locator(".inhoud__knop").tap()
    row = phone.locator(".inhoud__rij", has=phone.locator("a[href='#betaalbaarheid']"))
    row.locator(".inhoud__open").tap()
    phone.locator(".inhoud__sub a[href='#afspraak-25']").tap()
    expect(phone.locator("#afspraak-25")).to_be_in_viewport()
    expect(phone.locator("#afspraak-25")).to_be_focused()
    assert phone.url.endswith("#afspraak-25")


SPILL = """() => {
  const edge = document.documentElement.clientWidth + 1;
  // What a reader sees of an element: clipped by every ancestor that hides its overflow; a table
  // region that scrolls sideways counts as fine only when it says so and takes focus (.tabel-schuift).
  const seen = e => {
    let right = e.getBoundingClientRect().right;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (a.classList.contains("tabel-schuift")) return 0;
      const style = getComputedStyle(a);
      if (/hidden|clip/.test(style.overflowX) || style.clipPath !== "none")
        right = Math.min(right, a.getBoundingClientRect().right);
    }
    return right;
  };
  return [...document.querySelectorAll("article *")]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden" && seen(e) > edge)
    .map(e => e.tagName + ": " + (e.innerText || "").slice(0, 40));
}"""


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_spills_sideways_on_a_phone_and_text_is_16px(phone: Page, server: str, kind: str) -> None:
    phone.goto(server + PAGE_TYPES[kind], wait_until="networkidle")
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    assert phone.evaluate(SPILL) == []
    for wrap in phone.locator(".tabel-schuift").all():
        assert wrap.get_attribute("tabindex") == "0"
        hint = wrap.get_attribute("aria-describedby")
        expect(phone.locator(f"#{hint}")).to_be_visible()
    sizes = phone.eval_on_selector_all(
        "article p:not([class]), article li:not([class]), article td, article dd",
        "es => es.filter(e => e.innerText.trim().length > 30).map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert phone.locator("article").evaluate("e => getComputedStyle(e).fontSize") == "16px"
    assert min(sizes, default=16) >= 16, sorted(sizes)[:5]


def test_a_wide_table_scrolls_with_the_keyboard(phone: Page, server: str) -> None:
    phone.goto(f"{server}/gemeenten/steenwijkerland/2026/")
    wrap = phone.locator(".tabel-schuift").first
    wrap.focus()
    expect(wrap).to_be_focused()
    first = wrap.locator("tbody td").first
    left = wrap.locator("tbody td").nth(1).bounding_box()["x"]
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_timeout(300)
    assert wrap.evaluate("e => e.scrollLeft") > 0
    second = wrap.locator("tbody td").nth(1)
    assert second.bounding_box()["x"] < left - 10, "the figures moved"
    assert first.bounding_box()["x"] >= 0, "the row names stay in view"


def test_a_text_table_becomes_one_card_per_row_on_a_phone(phone: Page, server: str) -> None:
    phone.goto(f"{server}/gemeenten/")
    first_row = phone.locator("article tbody tr").first
    cells = first_row.locator("td")
    assert cells.count() == 4
    for i in range(cells.count()):
        expect(cells.nth(i)).to_be_in_viewport(ratio=1)
    labels = cells.evaluate_all("cs => cs.map(c => getComputedStyle(c, '::before').content)")
    assert labels[1:] == ['"Documenten: "', '"Corporaties: "', '"Huurdersorganisaties: "']


def test_printed_document_says_where_and_when_and_cites_each_agreement(page: Page, server: str) -> None:
    page.goto(f"{server}{DOCUMENT}")
    page.emulate_media(media="print")
    stamp = page.locator(".afdruk-bron")
    expect(stamp).to_be_visible()
    today = datetime.date.today()
    month = MONTHS[today.month - 1]
    expect(stamp).to_have_text(f"Afgedrukt van {server}{DOCUMENT} op {today.day} {month} {today.year}")
    agreements = page.locator("article .afspraak").count()
    assert agreements > 40
    citations = page.locator(".citaat em")
    assert citations.count() == agreements
    for i in (0, agreements // 2, agreements - 1):
        expect(citations.nth(i)).to_be_visible()
    for selector in (".kopieer-link", ".kopieer-citaat", ".inhoud", ".md-header", ".md-sidebar"):
        assert all(not e.is_visible() for e in page.locator(selector).all()), selector


def test_printed_glossary_is_a_compact_list(page: Page, server: str) -> None:
    page.goto(f"{server}/begrippen/")
    screen = page.evaluate("document.documentElement.scrollHeight")
    page.emulate_media(media="print")
    expect(page.locator(".begrippen-letters")).to_be_hidden()
    printed = page.evaluate("document.documentElement.scrollHeight")
    assert printed < 0.8 * screen
    size = page.locator("h2.begrippen-letter + dl dd").first.evaluate("e => getComputedStyle(e).fontSize")
    assert re.fullmatch(r"1[0-3](\.\d+)?px", size), size
