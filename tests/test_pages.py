"""Following links: comparison, parties, themes, years and citations on the built pages."""

from __future__ import annotations

import re
from pathlib import Path

from generator.rendering import count


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h3", start + 1)
    return html[start : end if end > 0 else None]


def test_harderwijk_comparison_shows_new_and_unchanged_rows(site: Path) -> None:
    html = read(site, "gemeenten/harderwijk/vergelijk/2023-2024")
    new = section(html, "beschikbaarheid-nieuw")
    for number in (4, 5, 7, 10, 15, 16):
        assert f'href="../../2024/#afspraak-beschikbaarheid-{number}"' in new
    same = section(html, "beschikbaarheid-ongewijzigd")
    for number in (9, 13):
        assert f'href="../../2023/#afspraak-beschikbaarheid-{number}"' in same
        assert f'href="../../2024/#afspraak-beschikbaarheid-{number}"' in same
    assert "afspraak-beschikbaarheid-4" not in same
    changed = section(html, "beschikbaarheid-gewijzigd")
    assert "<del>ondersteunen</del> <ins>faciliteren</ins>" in changed


def test_document_pages_link_to_previous_year_and_comparison(site: Path) -> None:
    html = read(site, "gemeenten/harderwijk/2024")
    assert 'href="../2023/"' in html
    assert 'href="../vergelijk/2023-2024/"' in html


def test_woonconcept_party_page_spans_two_municipalities(site: Path) -> None:
    html = read(site, "partijen/woonconcept")
    assert 'id="hoogeveen"' in html and 'id="steenwijkerland"' in html
    assert 'href="../../gemeenten/hoogeveen/2026/#afspraak-' in html
    assert 'href="../../gemeenten/steenwijkerland/2026/#afspraak-' in html


def test_statushouders_theme_spans_all_five_municipalities(site: Path) -> None:
    html = read(site, "themas/aandachtsgroepen")
    for gemeente in ("hardenberg", "harderwijk", "hoogeveen", "steenwijkerland", "tynaarlo"):
        assert re.search(rf'href="../../gemeenten/{gemeente}/\d{{4}}/#afspraak-', html), gemeente
    assert 'href="../../gemeenten/hardenberg/2026/#afspraak-16"' in html


def test_every_agreement_can_be_cited(site: Path) -> None:
    html = read(site, "gemeenten/hardenberg/2026")
    assert "Prestatieafspraken Hardenberg 2026, afspraak 16" in html
    # The heading's permalink is the link without script; citeren.js adds the copy controls.
    heading = r'id="afspraak-16".*?class="headerlink" href="#afspraak-16".*?</h\d>\s*'
    citation = heading + r'<p class="citaat"[^>]*><em>Prestatieafspraken Hardenberg 2026, afspraak 16</em></p>'
    assert re.search(citation, html, re.S)


def test_municipality_page_shows_timeline_and_parties(site: Path) -> None:
    html = read(site, "gemeenten/harderwijk")
    assert "12 december 2023" in html
    assert 'href="../../partijen/uwoon/"' in html and 'href="../../partijen/woonwijs/"' in html
    assert "Geldend nu" in html


def test_the_years_overview_counts_documents_in_plain_dutch(site: Path) -> None:
    html = read(site, "jaren")
    content = html[html.index("<article") : html.index("</article>")]
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", content, re.S)]
    assert items == ["2026: 3 documenten", "2024: 1 document", "2023: 2 documenten"]


def test_large_counts_are_written_as_dutch_writes_them() -> None:
    """At national scale a corporation stands in over ten thousand agreements: 10.650, not 10650."""
    shown = [count(n, "afspraak", "afspraken") for n in (1, 3, 999, 10650, 1234567)]
    assert shown == ["1 afspraak", "3 afspraken", "999 afspraken", "10.650 afspraken", "1.234.567 afspraken"]
