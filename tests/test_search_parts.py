"""An index in parts (how the whole country is indexed, see generator/pagefind_index.py) finds what
one index finds: the five documents' records indexed in parts of 80, searched in Chromium next to
the real site's single index."""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from generator.collect import collect
from generator.indexes import build_site
from generator.pagefind_index import (
    OVERVIEW,
    PARTS,
    PLACES,
    SearchIndexError,
    _index_part,
    _narrowing,
    _write_bundle,
    index,
    prepare,
    prepared_parts,
    read,
    short_fragment_names,
)
from generator.searchrecords import Record, records, runs
from tests.conftest import ROOT, Quiet, searched, serve
from tests.test_a11y import WCAG, WIDTHS
from tests.test_search import all_results

PART_SIZE = 80


@pytest.fixture(scope="module")
def parted_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site with its search index made again, in parts."""
    copy = tmp_path_factory.mktemp("parted") / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "pagefind")
    registry = collect(ROOT / "data").registry
    assert registry is not None
    found = list(runs(build_site(registry.without_concepts())))
    assert sum(map(len, found)) > 3 * PART_SIZE, "enough records for at least four parts"
    pages = _pages(copy)
    assert "/toegankelijkheid/" in pages
    index(copy, found, pages, part_size=PART_SIZE)
    return copy


def _pages(site: Path) -> dict[str, str]:
    """The hand-written pages that are searched, as the build hands them to the index."""
    marked = [path for path in site.rglob("index.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    return {f"/{path.parent.relative_to(site).as_posix()}/": path.read_text(encoding="utf-8") for path in marked}


def _parts(site: Path) -> list[str]:
    """The folders of the parts after the first, as the index lists them."""
    return json.loads((site / "pagefind" / PARTS).read_text())["delen"]


def _folders(site: Path) -> list[Path]:
    """Every part's folder, the first part's (site/pagefind/ itself) first."""
    bundle = site / "pagefind"
    return [bundle, *(bundle / part for part in _parts(site))]


@pytest.fixture(scope="module")
def parted(parted_site: Path) -> Iterator[str]:
    with serve(parted_site) as base:
        yield base


def test_a_gemeente_starts_a_new_part_when_it_does_not_fit_in_what_is_left(tmp_path: Path) -> None:
    """A gemeente's records (a run) stay in one part when they fit in one, so a search within it
    loads one part; a run larger than a part fills parts of its own, and the next run may share
    the last of them."""
    sizes = {"A": 3, "B": 4, "C": 7, "D": 2}
    given = [[Record(f"/{g}/{n}", g, "tekst", {"gemeente": [g]}) for n in range(size)] for g, size in sizes.items()]
    prepare(tmp_path, given, part_size=5)
    assert [len(path.read_text().splitlines()) for path in prepared_parts(tmp_path)] == [3, 4, 5, 4]
    where = json.loads((tmp_path / _narrowing("gemeente")).read_text())
    assert {g: entry["delen"] for g, entry in where.items()} == {"A": [1], "B": [2], "C": [3, 4], "D": [4]}


def test_the_overview_holds_each_gemeentes_words_once_with_those_of_its_regional_documents(tmp_path: Path) -> None:
    given = [
        [Record("/a/1", "Aa 2026", "Statushouders wonen, statushouders werken", {"gemeente": ["Aa"]})],
        [Record("/b/1", "Bee 2026", "scootmobiel", {"gemeente": ["Bee"]}), Record("/b/2", "Bee", "huur", {"gemeente": ["Bee"]})],
        [Record("/r/1", "Regio 2026", "regiodeal huur", {"gemeente": ["Bee", "Cee"]})],
    ]
    prepare(tmp_path, given, part_size=2)
    overview = [json.loads(line) for line in (tmp_path / f"{OVERVIEW}.jsonl").read_text().splitlines()]
    assert [(url, title) for url, title, _, _ in overview] == [(f"/zoeken/?gemeente={g}", g) for g in ("Aa", "Bee", "Cee")]
    assert [content.split() for _, _, content, _ in overview] == [
        ["2026", "Aa", "Statushouders", "statushouders", "werken", "wonen,"],
        ["2026", "Bee", "Regio", "huur", "regiodeal", "scootmobiel"],
        ["2026", "Regio", "huur", "regiodeal"],
    ]
    single = tmp_path / "een"
    single.mkdir()
    prepare(single, given, part_size=10)
    assert not (single / f"{OVERVIEW}.jsonl").exists(), "one part is searched as a whole"


def test_the_index_is_written_in_parts_that_carry_no_code_of_their_own(site: Path, parted_site: Path) -> None:
    assert _parts(site) == [], "the real site fits in one part"
    parts = _parts(parted_site)
    assert len(parts) >= 3
    for part in parts:
        folder = parted_site / "pagefind" / part
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        assert entry["languages"]["nl"]["page_count"] <= PART_SIZE + 1, "its records and its word list"
        assert not list(folder.glob("*.js")) and not list(folder.glob("wasm.*")), "the first part's code serves all"


def test_an_index_in_parts_is_the_same_file_by_file_every_time(site: Path, parted_site: Path, tmp_path: Path) -> None:
    """The parts are indexed side by side; which finishes first must not change a byte."""
    again = tmp_path / "site"
    registry = collect(ROOT / "data").registry
    assert registry is not None
    index(again, runs(build_site(registry.without_concepts())), _pages(parted_site), part_size=PART_SIZE)
    first = {p.relative_to(parted_site): p.read_bytes() for p in (parted_site / "pagefind").rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in (again / "pagefind").rglob("*") if p.is_file()}
    assert len(first) > 100
    assert first == second


@pytest.mark.parametrize("query", ["statushouders", "scootmobiel", "huurachterstanden", "leefbaarheid", "sociale huur"])
def test_a_word_finds_the_same_results_in_parts(page: Page, server: str, parted: str, query: str) -> None:
    """One word lists the gemeenten first (see the tests below); the overview's button lists the
    agreements of the whole country. More than one word lists them at once."""
    page.goto(f"{server}/zoeken/?q={query}")
    whole = all_results(page)
    page.goto(f"{parted}/zoeken/?q={query}")
    if " " not in query:
        searched(page)
        page.get_by_role("button", name=f"Toon alle afspraken met ‘{query}’ uit het hele land").click()
        expect(page).to_have_url(re.compile("overal=ja"))
    in_parts = all_results(page)
    assert whole, query
    assert sorted(in_parts) == sorted(whole)
    assert not page.locator(".zoekgemeente").count()


@pytest.mark.parametrize("query", ["scootmobiel", "huurachterstanden"])
def test_one_word_first_lists_the_gemeenten_where_a_search_finds_it(page: Page, server: str, parted: str, query: str) -> None:
    """Each gemeente listed is a link to the search within it, which finds agreements; a gemeente
    not listed finds none there."""
    page.goto(f"{parted}/zoeken/?q={query}")
    searched(page)
    listed = page.locator(".zoekpagina__gemeenten .zoekgemeente a")
    names = listed.all_inner_texts()
    links = [link.get_attribute("href") or "" for link in listed.all()]
    gemeenten = page.locator("select[name=gemeente] option").all_inner_texts()[1:]
    assert 0 < len(names) < len(gemeenten), "a word some gemeenten have and others not"
    expect(page.locator(".zoekpagina__gemeenten h2")).to_have_text(f"In {len(names)} van de {len(gemeenten)} gemeenten")
    expect(page.locator(".zoekpagina__status")).to_contain_text(f"‘{query}’: afspraken in {len(names)} gemeenten")
    assert names == sorted(names)
    for gemeente in gemeenten:
        page.goto(f"{server}/zoeken/?{urlencode({'q': query, 'gemeente': gemeente})}")
        assert bool(all_results(page)) == (gemeente in names), gemeente
    page.goto(f"{parted}{links[0]}")
    expect(page.locator("select[name=gemeente]")).to_have_value(names[0])
    page.goto(f"{server}{links[0]}")
    assert all_results(page)


def test_a_party_alone_first_lists_the_gemeenten_whose_agreements_name_it(page: Page, server: str, parted: str) -> None:
    page.goto(f"{parted}/zoeken/?partij=Woonconcept")
    searched(page)
    listed = page.locator(".zoekpagina__gemeenten .zoekgemeente a")
    names = listed.all_inner_texts()
    gemeenten = page.locator("select[name=gemeente] option").all_inner_texts()[1:]
    assert 0 < len(names) < len(gemeenten)
    expect(page.locator(".zoekpagina__status")).to_have_text(f"Partij Woonconcept: afspraken in {len(names)} gemeenten.")
    assert [dict(parse_qsl(urlsplit(link.get_attribute("href") or "").query)) for link in listed.all()] == [
        {"partij": "Woonconcept", "gemeente": name} for name in names
    ]
    for gemeente in gemeenten:
        page.goto(f"{server}/zoeken/?{urlencode({'partij': 'Woonconcept', 'gemeente': gemeente})}")
        assert bool(all_results(page)) == (gemeente in names), gemeente
    page.goto(f"{parted}/zoeken/?partij=Woonconcept")
    page.get_by_role("button", name="Toon alle afspraken met partij Woonconcept uit het hele land").click()
    expect(page).to_have_url(re.compile(r"\?partij=Woonconcept&overal=ja$"))
    page.goto(f"{server}/zoeken/?partij=Woonconcept")
    whole = all_results(page)
    page.goto(f"{parted}/zoeken/?partij=Woonconcept&overal=ja")
    assert all_results(page) == whole


def test_one_word_loads_the_overview_alone(page: Page, parted_site: Path) -> None:
    """The gemeenten come from the overview's metadata and the names it lists: no part of the
    index, and no gemeente's record (the glossary letters that hold the word are shown)."""
    asked = requests_for(parted_site, "/zoeken/?q=scootmobiel", page)
    assert [path for path in asked if path.endswith(".pf_meta")] == [
        f"/pagefind/{OVERVIEW}/{path.name}" for path in (parted_site / "pagefind" / OVERVIEW).glob("*.pf_meta")
    ]
    assert not [path for path in asked if "/deel-" in path]
    places = json.loads((parted_site / "pagefind" / OVERVIEW / PLACES).read_text())
    fragments = {
        path.removeprefix(f"/pagefind/{OVERVIEW}/fragment/").removesuffix(".pf_fragment")
        for path in asked
        if "/fragment/" in path
    }
    assert len(places) == 5
    assert not fragments & set(places), "a gemeente is known by its record's name"
    assert [path for path in asked if "wasm" in path] == ["/pagefind/wasm.nl.pagefind"]


def test_a_hand_written_page_comes_before_the_gemeenten(page: Page, parted: str) -> None:
    page.goto(f"{parted}/zoeken/?q=toegankelijkheid")
    searched(page)
    assert any(href.endswith("/toegankelijkheid/") for href, _ in all_results(page))
    expect(page.locator(".zoekpagina__status")).to_contain_text("resultaten in de uitleg op deze site")
    results = page.locator(".zoekpagina__resultaten").bounding_box()
    gemeenten = page.locator(".zoekpagina__gemeenten").bounding_box()
    assert results and gemeenten and results["y"] < gemeenten["y"]


def test_the_best_three_explanations_come_first_and_the_rest_on_request(page: Page, server: str, parted: str) -> None:
    """A common word is in many glossary letters: three keep the gemeenten in sight."""
    page.goto(f"{parted}/zoeken/?q=huur")
    searched(page)
    status = page.locator(".zoekpagina__status").inner_text()
    explained = int(re.fullmatch(r"‘huur’: afspraken in 5 gemeenten, en (\d+) resultaten in de uitleg op deze site\.", status)[1])  # type: ignore[index]
    assert explained > 3
    expect(page.locator(".zoekresultaat")).to_have_count(3)
    expect(page.get_by_role("heading", name="In de uitleg op deze site")).to_be_visible()
    expect(page.locator(".zoekpagina__meer")).to_have_text(f"Toon {explained - 3} meer (nog {explained - 3})")
    expect(page.locator(".zoekpagina__gemeenten .zoekgemeente")).to_have_count(5)
    page.locator(".zoekpagina__meer").click()
    expect(page.locator(".zoekresultaat")).to_have_count(explained)
    shown = all_results(page)
    assert sorted(shown) == sorted(_explanations(page, server))


def _explanations(page: Page, server: str) -> list[tuple[str, str]]:
    """The whole index's results for 'huur' that belong to no gemeente: glossary letters and pages."""
    page.goto(f"{server}/zoeken/?q=huur")
    return [(href, title) for href, title in all_results(page) if not href.startswith("/gemeenten/")]


def test_the_header_lists_a_few_gemeenten_by_name_and_more_as_one_link(page: Page, parted: str) -> None:
    page.goto(f"{parted}/gemeenten/")
    page.locator("#kopzoek-invoer").fill("scootmobiel")
    found = page.locator(".kopzoek__resultaten .zoekgemeente a")
    expect(found).to_have_count(3)
    assert [dict(parse_qsl(urlsplit(link.get_attribute("href") or "").query)) for link in found.all()] == [
        {"q": "scootmobiel", "gemeente": name} for name in found.all_inner_texts()
    ]
    page.locator("#kopzoek-invoer").fill("huur")
    expect(found).to_have_count(1)
    expect(found).to_have_text("Afspraken in 5 gemeenten")
    found.click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=huur$"))
    expect(page.locator(".zoekpagina__gemeenten .zoekgemeente")).to_have_count(5)


@pytest.mark.parametrize("filters", ["partij=Woonconcept", "jaar=2024", "gemeente=Hardenberg&thema=Leefbaarheid"])
def test_a_filter_without_a_word_lists_the_same_results_in_the_same_order(
    page: Page, server: str, parted: str, filters: str
) -> None:
    page.goto(f"{server}/zoeken/?{filters}")
    whole = all_results(page)
    page.goto(f"{parted}/zoeken/?{filters}&overal=ja")
    assert whole
    assert all_results(page) == whole


def requests_for(site: Path, address: str, page: Page) -> list[str]:
    """The paths a static host receives while the search page at `address` shows its results."""
    asked: list[str] = []

    class Counting(Quiet):
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

    with serve(site, Counting) as base:
        page.goto(f"{base}{address}")
        all_results(page)
        assert page.locator(".zoekresultaat, .zoekgemeente").count()
    return asked


def test_the_parts_share_one_download_of_the_search_code(page: Page, parted_site: Path) -> None:
    asked = requests_for(parted_site, "/zoeken/?q=scootmobiel&overal=ja", page)
    parts = _parts(parted_site)
    assert len([path for path in asked if path.endswith(".pf_meta")]) == 1 + len(parts), "each part's metadata"
    assert [path for path in asked if "wasm" in path] == ["/pagefind/wasm.nl.pagefind"]


def _lists(site: Path, key: str) -> dict[str, dict[str, object]]:
    return json.loads((site / "pagefind" / _narrowing(key)).read_text())


def _holding(parted_site: Path, key: str) -> dict[str, list[int]]:
    return {value: entry["delen"] for value, entry in _lists(parted_site, key).items()}


def _filters(folder: Path) -> dict[str, dict[str, list[int]]]:
    """A part's filters read back from its own files: name, value, the records that have it."""
    return {name: dict(values) for name, values in (read(path) for path in (folder / "filter").glob("*.pf_filter"))}


def test_each_part_is_listed_for_the_gemeenten_and_parties_it_holds(parted_site: Path) -> None:
    """Read back from the parts themselves: a value's parts are exactly those whose filter holds it."""
    folders = _folders(parted_site)
    assert json.loads((parted_site / "pagefind" / PARTS).read_text())["bij"] == ["gemeente", "partij"]
    for key in ("gemeente", "partij"):
        found: dict[str, list[int]] = {}
        for number, folder in enumerate(folders, start=1):
            for value in _filters(folder).get(key, {}):
                found.setdefault(value, []).append(number)
        assert _holding(parted_site, key) == found
    assert any(len(parts) < len(folders) for parts in _holding(parted_site, "gemeente").values())


@pytest.mark.parametrize("which", ["site", "parted_site"])
def test_a_gemeente_or_party_has_a_filter_of_its_own_that_selects_the_same_records(
    request: pytest.FixtureRequest, which: str
) -> None:
    """A search within one gemeente asks Pagefind for the gemeente's own filter (a file of its
    records alone): in every part it holds exactly the records the gemeente filter gives it."""
    site: Path = request.getfixturevalue(which)
    folders = _folders(site)
    for key in ("gemeente", "partij"):
        narrowing = _lists(site, key)
        assert len(narrowing) > 3
        names = [name for entry in narrowing.values() for name in entry["filter"]]
        assert len(set(names)) == len(names), "one filter per value"
        for folder in folders:
            filters = _filters(folder)
            for value, held in filters.get(key, {}).items():
                ((name, own),) = narrowing[value]["filter"].items()
                assert filters[name] == {own: held}, (folder.name, value)


def _part_of(path: str) -> int:
    """The part whose file a request asks for: /pagefind/... is the first, /pagefind/deel-N/... the Nth."""
    folder = path.removeprefix("/pagefind/").split("/")[0]
    return int(folder.removeprefix("deel-")) if folder.startswith("deel-") else 1


@pytest.mark.parametrize("filters", ["gemeente=Harderwijk", "gemeente=Tynaarlo", "partij=Woonconcept"])
def test_a_search_within_a_gemeente_or_party_loads_only_the_parts_that_hold_it(
    page: Page, server: str, parted_site: Path, filters: str
) -> None:
    key, value = filters.split("=")
    holding = _holding(parted_site, key)[value]
    parts = _parts(parted_site)
    assert len(holding) < 1 + len(parts)
    for query in ("q=huur&", ""):
        page.goto(f"{server}/zoeken/?{query}{filters}")
        whole = all_results(page)
        assert whole
        asked = requests_for(parted_site, f"/zoeken/?{query}{filters}&overal=ja", page)
        assert sorted(_part_of(path) for path in asked if path.endswith(".pf_meta")) == holding
        chunks = {read(parted_site / path.split("?")[0].lstrip("/"))[0] for path in asked if path.endswith(".pf_filter")}
        assert key not in chunks, "not the values of every gemeente or party in the part"
        assert set(_lists(parted_site, key)[value]["filter"]) <= chunks
        assert sorted(all_results(page)) == sorted(whole)
        if not query:
            assert all_results(page) == whole, "without a word: in reading order"


def test_choosing_another_gemeente_or_none_searches_its_parts_in_the_same_order(page: Page, server: str, parted: str) -> None:
    """A search within Tynaarlo lists the same results in the same order from its own parts as from
    all parts, once all are loaded. Without a gemeente, one word lists the gemeenten first."""
    expected = {}
    for address in ("?q=huur&gemeente=Tynaarlo", "?q=huur&gemeente=Harderwijk", "?q=huur"):
        page.goto(f"{server}/zoeken/{address}")
        expected[address] = sorted(all_results(page))
    page.goto(f"{parted}/zoeken/?q=huur&gemeente=Tynaarlo")
    narrowed = all_results(page)
    assert sorted(narrowed) == expected["?q=huur&gemeente=Tynaarlo"]
    page.select_option("select[name=gemeente]", "Harderwijk")
    expect(page).to_have_url(re.compile("gemeente=Harderwijk"))
    assert sorted(all_results(page)) == expected["?q=huur&gemeente=Harderwijk"]
    page.select_option("select[name=gemeente]", "")
    expect(page).not_to_have_url(re.compile("gemeente="))
    searched(page)
    expect(page.locator(".zoekgemeente a")).to_have_count(5)
    page.get_by_role("button", name="Toon alle afspraken met ‘huur’ uit het hele land").click()
    assert sorted(all_results(page)) == expected["?q=huur"]
    page.select_option("select[name=gemeente]", "Tynaarlo")
    assert all_results(page) == narrowed


@pytest.mark.parametrize("where", ["whole", "parts"])
def test_a_filter_without_a_word_loads_no_word_index(page: Page, site: Path, parted_site: Path, where: str) -> None:
    folder = site if where == "whole" else parted_site
    assert not [p for p in requests_for(folder, "/zoeken/?partij=Woonconcept", page) if "/index/" in p]
    assert [p for p in requests_for(folder, "/zoeken/?q=scootmobiel", page) if "/index/" in p], "a word does"


@pytest.mark.parametrize("path", ["../buiten.js", "fragment/../../buiten.js", "/tmp/buiten.js", ""])
def test_a_file_from_the_service_outside_the_index_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(SearchIndexError, match="onverwacht pad"):
        _write_bundle(tmp_path / "pagefind", [{"path": path, "content": ""}])
    assert not (tmp_path / "buiten.js").exists()


def test_the_files_from_the_service_are_written_in_their_folders(tmp_path: Path) -> None:
    files = [{"path": f"fragment/nl_{n}.pf_fragment", "content": base64.b64encode(bytes([n])).decode()} for n in range(3)]
    _write_bundle(tmp_path, [*files, {"path": "pagefind.js", "content": base64.b64encode(b"js").decode()}])
    assert [(tmp_path / "fragment" / f"nl_{n}.pf_fragment").read_bytes() for n in range(3)] == [b"\0", b"\1", b"\2"]
    assert (tmp_path / "pagefind.js").read_bytes() == b"js"


def test_every_fragment_the_metadata_names_is_there_and_no_other(parted_site: Path) -> None:
    for folder in _folders(parted_site):
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        meta = read(folder / f"pagefind.{entry['languages']['nl']['hash']}.pf_meta")
        assert {path.stem for path in (folder / "fragment").glob("*.pf_fragment")} == {name for name, _ in meta[1]}


def test_the_metadata_every_search_loads_names_the_records_in_fewer_bytes() -> None:
    registry = collect(ROOT / "data").registry
    assert registry is not None
    files = _index_part(list(records(build_site(registry.without_concepts())))[:300], 0, {}, None)

    def metadata() -> int:
        return sum(len(base64.b64decode(f["content"])) for f in files if f["path"].endswith(".pf_meta"))

    before = metadata()
    short_fragment_names(files)
    assert metadata() < 0.7 * before


@pytest.mark.parametrize("width", WIDTHS.values())
def test_the_overview_has_no_serious_wcag_violation(browser: Browser, parted: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(f"{parted}/zoeken/?q=huur", wait_until="networkidle")
        searched(tab)
        expect(tab.locator(".zoekpagina__gemeenten .zoekgemeente")).to_have_count(5)
        result = Axe().run(tab, options={"runOnly": WCAG, "resultTypes": ["violations"]})
        assert [(v["id"], v["impact"]) for v in result.response["violations"] if v["impact"] in ("serious", "critical")] == []
    finally:
        context.close()
