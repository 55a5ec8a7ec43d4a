"""Follow-through in Chromium: every agreement says how concrete it is and why, Harderwijk's
2023 agreements show what the 2024 jaarschijf says became of them, with the quotation, the rest
say that nothing is known, and a theme page filters by level and status."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


def block(page: Page, anchor: str, selector: str) -> str:
    return page.locator(f"#{anchor} ~ {selector}").first.inner_text()


def test_an_agreement_shows_its_level_with_reasons(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/hardenberg/2026/#afspraak-12")
    line = block(page, "afspraak-12", ".concreetheid")
    assert line.startswith("Concreet ·")
    for part in ("wie: Vechtdal Wonen", "wat: 129 sociale huurwoningen", "wanneer: in 2026"):
        assert part in line
    vague = block(page, "afspraak-29", ".concreetheid")
    assert vague.startswith("Intentie") and "wat: niet genoemd" in vague and "wanneer: niet genoemd" in vague


def test_harderwijk_2023_shows_the_derived_status_with_its_quotation(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/harderwijk/2023/#afspraak-samenwerking-3")
    status = page.locator("#afspraak-samenwerking-3 ~ .voortgang").first
    assert status.inner_text().startswith("Voortgang: Loopt · 12 december 2023 · afgeleid uit")
    quote = page.locator("#afspraak-samenwerking-3 ~ blockquote").first.inner_text()
    assert "De gemeente is gestart met de voorbereiding van de nieuwe huisvestingsverordening" in quote
    assert "door de redactie uit deze tekst afgeleid" in quote
    done = block(page, "afspraak-wonen-zorg-aandachtsgroepen-15", ".voortgang")
    assert done.startswith("Voortgang: Gerealiseerd")
    status.locator("a").click()
    page.wait_for_url("**/gemeenten/harderwijk/2024/#afspraak-samenwerking-3")
    assert "De gemeente is gestart met de voorbereiding" in page.locator("article").inner_text()


@pytest.mark.parametrize(
    ("path", "anchor"),
    [
        ("harderwijk/2023", "afspraak-leefbaarheid-10"),
        ("harderwijk/2024", "afspraak-samenwerking-3"),
        ("tynaarlo/2023", "afspraak-1"),
    ],
)
def test_agreements_without_updates_say_no_progress_is_known(page: Page, server: str, path: str, anchor: str) -> None:
    page.goto(f"{server}/gemeenten/{path}/")
    assert block(page, anchor, ".voortgang") == "Voortgang: geen voortgang bekend"


def test_the_rules_page_exists_and_is_linked(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/steenwijkerland/2026/")
    page.locator("#afspraak-9 ~ .concreetheid a", has_text="Hoe bepaald?").first.click()
    page.wait_for_url("**/concreetheid/")
    text = page.locator("article").inner_text()
    assert "Hoe concreet is een afspraak?" in text and "Deels concreet" in text and "geen voortgang bekend" in text
    page.goto(f"{server}/")
    assert page.locator("nav.md-nav a[href$='concreetheid/']").count() >= 1


def test_theme_page_filter_shows_only_the_chosen_agreements(page: Page, server: str) -> None:
    page.goto(f"{server}/themas/samenwerking/")
    items = page.locator("li.volg-item")
    total = items.count()
    page.select_option("select[name=niveau]", "concreet")
    shown = page.locator("li.volg-item:visible")
    assert 0 < shown.count() < total
    assert all(t.split("·")[-1].strip() == "concreet" for t in shown.all_inner_texts())
    assert page.locator(".volgfilter__telling").inner_text() == f"{shown.count()} van {total} afspraken"
    page.select_option("select[name=niveau]", "")
    page.select_option("select[name=status]", "loopt")
    visible = page.locator("li.volg-item:visible a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(visible) == sorted(
        ["../../gemeenten/harderwijk/2023/#afspraak-samenwerking-3", "../../gemeenten/harderwijk/2023/#afspraak-samenwerking-7"]
    )
    assert not page.locator("h2#hardenberg").is_visible() and page.locator("h2#harderwijk").is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "gemeenten/harderwijk/2023/",
        "gemeenten/harderwijk/",
        "themas/samenwerking/",
        "concreetheid/",
        "gemeenten/harderwijk/vergelijk/2023-2024/",
    ],
)
def test_no_horizontal_overflow_on_a_phone(phone: object, server: str, path: str) -> None:
    phone.goto(f"{server}/{path}")
    assert phone.evaluate(NO_OVERFLOW)
