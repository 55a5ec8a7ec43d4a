"""Theme, party and year pages of a country-sized site stay small: built from the national
benchmark's synthetic data (8 gemeenten x 2 years, every document shape) with small page budgets,
so that listings split over several pages. Checked in the built HTML and on a phone in Chromium."""

from __future__ import annotations

import datetime
import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from generator import opendata, paging
from generator.building import build_site as build
from generator.collect import collect
from generator.indexes import Entry, Site, build_site
from generator.rendering import render_site
from tests.conftest import ROOT, serve
from tests.test_links import ids, target

BUDGET = 30
YEAR_BUDGET = 4
LISTED = 12
OVERVIEW_PARTIES = 6
AGREEMENT = re.compile(r'<li[^>]*>\s*(?:<p>)?<a href="([^"]*#afspraak-[^"]*)"')
NAV = re.compile(r'<nav class="bladeren" aria-label="[^"]+">(.*?)</nav>', re.S)


def national() -> object:
    spec = importlib.util.spec_from_file_location("national", ROOT / "bench" / "national.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("landelijk")
    bench = national()
    bench.project(project)  # type: ignore[attr-defined]
    bench.make_data(project, 8, 2)  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "BUDGET", BUDGET)
        patch.setattr(paging, "PARTY_BUDGET", BUDGET)
        patch.setattr(paging, "YEAR_BUDGET", YEAR_BUDGET)
        patch.setattr(paging, "LISTED", LISTED)
        patch.setattr(paging, "OVERVIEW_PARTIES", OVERVIEW_PARTIES)
        build(project / "mkdocs.yml", project / "site")
    return project


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def model(project: Path) -> Site:
    registry = collect(project / "data").registry
    assert registry is not None
    return build_site(registry.without_concepts())


@pytest.fixture(scope="module")
def listings(model: Site) -> dict[str, list[Entry]]:
    """Every theme's and party's entries in the model, by the address of the listing's first page."""
    return {f"/themas/{t}/": model.by_theme.get(t, []) for t in model.registry.themas} | {
        f"/partijen/{p}/": model.by_party.get(p, []) for p in model.registry.partijen
    }


@pytest.fixture(scope="module")
def base(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


def sheets(site: Path, first: str) -> list[str]:
    """The addresses of a listing's pages, in order."""
    folder = site / first.strip("/")
    numbers = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())
    assert numbers == list(range(2, len(numbers) + 2)), (first, numbers)
    return [first] + [f"{first}{n}/" for n in numbers]


def read(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_long_listings_are_split_and_every_page_keeps_to_the_budget(built: Path, listings: dict[str, list[Entry]]) -> None:
    paged = {first: sheets(built, first) for first in listings}
    assert sum(len(s) > 1 for first, s in paged.items() if first.startswith("/themas/")) >= 5
    assert sum(len(s) > 1 for first, s in paged.items() if first.startswith("/partijen/")) >= 5
    for urls in paged.values():
        for url in urls:
            assert len(AGREEMENT.findall(article(read(built, url)))) <= BUDGET, url


def test_a_document_over_budget_continues_and_says_so(built: Path, listings: dict[str, list[Entry]]) -> None:
    """A gemeente's own party page names 'de gemeente' in nearly every agreement of a document:
    more than a page holds, so the document continues on the next page under the same heading."""
    later = [url for first in listings if first.startswith("/partijen/") for url in sheets(built, first)[1:]]
    continued = [url for url in later if "(vervolg)" in article(read(built, url))]
    assert continued, "some document is longer than the test budget"
    for url in continued:
        text = article(read(built, url))
        assert "de eerdere staan op de vorige pagina" in text, url


def test_every_agreement_is_listed_on_exactly_one_page(built: Path, listings: dict[str, list[Entry]]) -> None:
    for first, entries in listings.items():
        found: Counter[str] = Counter()
        for url in sheets(built, first):
            found.update(urlsplit(urljoin(url, href)).geturl() for href in AGREEMENT.findall(article(read(built, url))))
        expected = Counter(f"/{e.page.path.removesuffix('index.md')}#{e.agreement.anchor}" for e in entries)
        assert found == expected, first


def test_every_document_a_party_signed_is_listed_on_exactly_one_of_its_pages(built: Path, model: Site) -> None:
    for party in model.registry.partijen:
        found: Counter[str] = Counter()
        for url in sheets(built, f"/partijen/{party}/"):
            html = article(read(built, url))
            signed = html.split('id="partij-bij"', 1)[1].split('id="afspraken"', 1)[0] if 'id="partij-bij"' in html else ""
            found.update(urljoin(url, href) for href in re.findall(r'<li><a href="([^"]*)"', signed))
        assert found == Counter(f"/{p.path.removesuffix('index.md')}" for p in model.signed_by.get(party, [])), party


def test_every_document_of_a_year_is_listed_on_exactly_one_page(built: Path, model: Site) -> None:
    paged = 0
    for year, pages in model.by_year.items():
        found: Counter[str] = Counter()
        urls = sheets(built, f"/jaren/{year}/")
        for url in urls:
            rows = re.findall(r'<tr>\s*<td><a href="[^"]*">[^<]*</a></td>\s*<td><a href="([^"]*)"', read(built, url))
            assert len(rows) <= YEAR_BUDGET, url
            found.update(urljoin(url, href) for href in rows)
        assert found == Counter(f"/{p.path.removesuffix('index.md')}" for p in pages), year
        paged += len(urls) > 1
    assert paged >= 3


def test_every_page_navigation_names_each_page_and_its_links_resolve(
    built: Path, model: Site, listings: dict[str, list[Entry]]
) -> None:
    checked = windowed = most_letters = 0
    for first in [*listings, *(f"/jaren/{y}/" for y in model.by_year)]:
        urls = sheets(built, first)
        for number, url in enumerate(urls, start=1):
            html = read(built, url)
            navs = NAV.findall(html)
            if len(urls) == 1:
                assert navs == [] and 'class="bladeren' not in html, url
                continue
            assert len(navs) == 1 and 'class="bladeren bladeren--eind"' in html, url
            assert re.search(r'aria-label="Pagina&#39;s van (dit thema|deze partij|dit jaar)"', html), url
            nav = navs[0]
            assert f"Pagina {number} van {len(urls)}:" in nav
            listed = re.findall(r'<li><(?:a href="([^"]*)"|span aria-current="page")>', nav)
            shown = [urljoin(url, href) if href else url for href in listed]
            if len(urls) <= LISTED:
                assert shown == urls, url
            else:
                start = urls.index(shown[0])
                assert url in shown and shown == urls[start : start + 2 * paging.NEARBY + 1], url
                letters = re.findall(r'<a href="([^"]*)" aria-label="([A-Z]), pagina (\d+)">\2</a>', nav)
                assert letters and all(urljoin(url, h) == urls[int(n) - 1] for h, _, n in letters), url
                most_letters = max(most_letters, len(letters))  # a gemeente's own party can fill pages alone
                windowed += 1
            steps = dict(re.findall(r'<a href="([^"]*)" rel="(prev|next)"', nav))
            assert {rel: urljoin(url, href) for href, rel in steps.items()} == {
                **({"prev": urls[number - 2]} if number > 1 else {}),
                **({"next": urls[number]} if number < len(urls) else {}),
            }, url
            checked += 1
    assert checked > 20 and windowed > 10 and most_letters >= 5


def test_every_link_into_a_theme_or_party_page_finds_its_anchor(built: Path) -> None:
    broken, checked = [], 0
    for page in built.rglob("index.html"):
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', page.read_text(encoding="utf-8")):
            found = target(built, page, href)
            if found is None:
                continue
            path, anchor = found
            inside = path.relative_to(built).parts[:1] in (("themas",), ("partijen",))
            if not inside:
                continue
            checked += bool(anchor)
            if not path.exists() or (anchor and anchor not in ids(path)):
                broken.append(f"{page.relative_to(built)}: {href}")
    assert checked > 50
    assert broken == []


def test_the_data_and_concreteness_pages_do_not_grow_with_the_documents(tmp_path: Path) -> None:
    """One row per year (and per theme), the same rows at 5 and at 15 gemeenten, and about the same size."""
    bench = national()
    rendered = {}
    for size in (5, 15):
        bench.make_data(tmp_path / str(size), size, 2)  # type: ignore[attr-defined]
        registry = collect(tmp_path / str(size) / "data").registry
        assert registry is not None
        rendered[size] = (len(registry.documenten), render_site(registry, today=datetime.date(2026, 6, 1)))
    (few, small), (many, large) = rendered[5], rendered[15]
    assert many > 2.5 * few
    for path in ("data/index.md", "concreetheid/index.md"):
        rows = [[line for line in pages[path].splitlines() if line.startswith("| ")] for pages in (small, large)]
        assert len(rows[0]) == len(rows[1]) > 3, path
        assert abs(len(large[path]) - len(small[path])) < 150, path
    years = re.findall(r"^\| (\d{4}) \| (\d+) \|", large["data/index.md"], re.M)
    assert sum(int(n) for _, n in years) == many


def test_every_document_json_is_two_clicks_from_the_data_page(built: Path, model: Site) -> None:
    """/data/ links each year's listing pages, and those link each document's JSON; the gemeente
    page links the JSON of its own documents too."""
    html = article(read(built, "/data/"))
    assert "kolom <strong>Gegevens</strong>" in html
    reached: set[str] = set()
    listed = 0
    for href in dict.fromkeys(re.findall(r'<a href="([^"#]*)"', html)):
        url = urljoin("/data/", href)
        if url.startswith("/data/documenten/"):
            reached.add(url)
        elif url.startswith("/jaren/"):
            listed += 1
            reached.update(urljoin(url, h) for h in re.findall(r'<a href="([^"]*\.json)"', article(read(built, url))))
    expected = {f"/{opendata.page_json(p)}" for p in model.pages if p.is_main}
    assert reached == expected
    assert all((built / url.lstrip("/")).is_file() for url in reached)
    # One row per year with documents, and at most one link per page of that year's listing.
    years = {p.year for p in model.pages if p.is_main}
    assert listed <= sum(math.ceil(len(model.by_year[y]) / YEAR_BUDGET) for y in years)
    assert len(re.findall(r"<tr>\s*<td>\d{4}</td>", html)) == len(years)
    for gemeente, pages in model.by_gemeente.items():
        own = article(read(built, f"/gemeenten/{gemeente}/"))
        links = {urljoin(f"/gemeenten/{gemeente}/", h) for h in re.findall(r'<a href="([^"]*\.json)"', own)}
        assert links == {f"/{opendata.page_json(p)}" for p in pages}, gemeente


def test_a_document_page_links_its_year_to_the_row_that_lists_it(built: Path, model: Site) -> None:
    later = 0
    for page in model.pages:
        url = f"/{page.path.removesuffix('index.md')}"
        found = re.findall(rf'afspraken voor <a href="([^"]*)">{page.year}</a>', read(built, url))
        assert len(found) == 1, url
        target, _, anchor = urljoin(url, found[0]).partition("#")
        assert target.startswith(f"/jaren/{page.year}/") and anchor, (url, target)
        row = re.findall(rf'<a href="([^"]*)" id="{re.escape(anchor)}">', read(built, target))
        assert [urljoin(target, h) for h in row] == [url], (url, target)
        later += target != f"/jaren/{page.year}/"
    assert later > 10


def test_a_term_that_many_documents_define_is_listed_once(built: Path) -> None:
    html = read(built, "/begrippen/")
    terms = html.split("<dt>")[1:]
    assert len(terms) > 20
    assert max(term.count("Definitie in") for term in terms) <= 3
    assert "met dezelfde tekst, in" in html


def test_the_page_navigation_works_on_a_phone(phone: Page, base: str, built: Path) -> None:
    first = next(f"/themas/{t.name}/" for t in sorted((built / "themas").iterdir()) if (t / "3").is_dir())
    phone.goto(f"{base}{first}")
    nav = phone.get_by_role("navigation", name="Pagina's van dit thema")
    expect(nav).to_be_visible()
    expect(nav).to_contain_text("Pagina 1 van")
    nav.locator("summary").click()
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    wide = nav.evaluate("n => [...n.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > innerWidth).length")
    assert wide == 0
    heights = nav.locator("a").evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
    assert min(heights) >= 43, heights
    nav.locator("a[rel=next]").click()
    phone.wait_for_url(f"**{first}2/")
    expect(phone.get_by_role("navigation", name="Pagina's van dit thema")).to_contain_text("Pagina 2 van")
    expect(phone.locator("article h2").first).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_paged_page_has_no_serious_wcag_violation(browser: object, base: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 844})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(f"{base}/themas/beschikbaarheid/2/", wait_until="networkidle")
    tab.locator("nav.bladeren summary").click()
    result = Axe().run(tab, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"], "resultTypes": ["violations"]})
    context.close()
    serious = [f"{v['id']}: {v['help']}" for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_a_party_page_holds_fewer_agreements_the_more_text_it_shows_with_them(built: Path, model: Site) -> None:
    """A party page is filled by weight: each listed agreement weighs one plus the text shown with
    it (own steps, quotes, a document's other parties), so no page weighs more than the budget."""
    fuller = 0
    for party, entries in model.by_party.items():
        anchors = [f"/{e.page.path.removesuffix('index.md')}#{e.agreement.anchor}" for e in entries]
        weight = dict(zip(anchors, paging.party_weights(entries, party, model), strict=True))
        for url in sheets(built, f"/partijen/{party}/"):
            listed = [urlsplit(urljoin(url, href)).geturl() for href in AGREEMENT.findall(article(read(built, url)))]
            assert sum(weight[a] for a in listed) <= BUDGET or len(listed) == 1, url
            fuller += sum(weight[a] for a in listed) > len(listed) + 5
    assert fuller, "some page shows much more than its agreements' own lines"


def linked(html: str, url: str) -> set[str]:
    return {urlsplit(urljoin(url, href)).path for href in re.findall(r'href="([^"#]+)', article(html))}


def test_a_kind_with_many_parties_is_listed_on_a_page_of_its_own(built: Path, model: Site) -> None:
    overview = linked(read(built, "/partijen/"), "/partijen/")
    links = re.findall(r'<a href="soort/[^"]+">(.*?)</a>', article(read(built, "/partijen/")))
    assert links and all("<" not in text for text in links), "plain links: a term's explanation is not nested in them"
    own_pages = 0
    for soort, label in paging.KINDS:
        parties = {f"/partijen/{p.id}/" for p in model.registry.partijen.values() if p.soort == soort}
        url = f"/partijen/soort/{soort}/"
        if len(parties) > OVERVIEW_PARTIES:
            own_pages += 1
            page = read(built, url)
            assert url in overview and re.search(f"<h1[^>]*>{label}", page)
            assert parties <= linked(page, url), "every party of the kind on its page"
            assert not parties & overview, "and not on the overview"
        else:
            assert not (built / url.strip("/")).exists()
            assert parties <= overview
    assert own_pages, "the test data has a kind with more parties than the overview lists"


def test_the_benchmark_registers_no_corporation_that_no_document_names(model: Site) -> None:
    """The benchmark's site of 8 gemeenten lists the corporations of those 8, as a real one would:
    a page for every unused corporation of the national pool made its time per page no baseline."""
    pool = [p for p in model.registry.partijen if p.startswith("corporatie-")]
    assert len(pool) >= 8
    assert [p for p in pool if not model.by_party.get(p) and not model.signed_by.get(p)] == []
