"""The shapes real documents come in beyond the five: a second document for one gemeente-year, an
addendum that changes agreements of another document, a regional document for several gemeenten.
Checked on the model, on a site built with the real MkDocs and Pagefind, and in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from generator.building import build_site as build
from generator.collect import collect
from generator.indexes import Site, build_site
from generator.pagefind_index import _narrowing, index
from generator.searchrecords import records, runs
from tests.conftest import ROOT, copy_project, serve
from tests.shapes import ADDENDUM, REGIONAL, SECOND_NEXT, add_shapes
from tests.test_hostile import project_copy
from tests.test_search import all_results

FIVE = ["hardenberg/2026", "harderwijk/2023", "harderwijk/2024", "hoogeveen/2026", "steenwijkerland/2026", "tynaarlo/2023"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("vormen"))
    add_shapes(project)
    (project / "generator").symlink_to(ROOT / "generator")
    return project


@pytest.fixture(scope="module")
def model(project: Path) -> Site:
    registry = collect(project / "data").registry
    assert registry is not None
    return build_site(registry)


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    out = project / "site"
    build(project / "mkdocs.yml", out)
    return out


@pytest.fixture(scope="module")
def base(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


def html(site: Path, url: str) -> str:
    return (site / urlsplit(url).path.strip("/") / "index.html").read_text(encoding="utf-8")


def links(site: Path, url: str) -> set[str]:
    """Where a page's article links inside the site, as absolute paths with their anchor."""
    article = html(site, url).split("<article", 1)[1].split("</article>", 1)[0]
    found = set()
    for href in re.findall(r'<a [^>]*href="([^"]+)"', article):
        target = urlsplit(urljoin(url, href))
        if not href.startswith(("http:", "https:", "mailto:")):
            found.add(target.path + (f"#{target.fragment}" if target.fragment else ""))
    return found


def resolves(site: Path, link: str) -> bool:
    path, _, anchor = link.partition("#")
    file = site / path.strip("/") / "index.html" if path.endswith("/") else site / path.strip("/")
    if not file.is_file():
        return False
    return not anchor or f'id="{anchor}"' in file.read_text(encoding="utf-8")


def test_each_shape_is_checked_with_file_line_and_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    add_shapes(project)
    data = project / "data"
    (data / "tynaarlo" / "2023-addendum.yaml").write_text(ADDENDUM.replace("{changed}", "99"), encoding="utf-8")
    (data / "regio-drenthe" / "2023.yaml").write_text(REGIONAL.replace("gemeenten: [tynaarlo, hoogeveen]\n", ""))
    (data / "tynaarlo" / "2024-woonborg.yaml").write_text(SECOND_NEXT.replace("onderdeel: Woonborg", "gemeenten: [a, b]"))
    errors = [str(p) for p in collect(data).errors]
    assert errors == [
        "data/regio-drenthe/2023.yaml:1: gemeenten: een regionaal document (map regio-...) noemt de gemeenten waarvoor het geldt",
        "data/tynaarlo/2024-woonborg.yaml:3: gemeenten: alleen een regionaal document (map regio-<naam>/) noemt gemeenten; "
        "verplaats het of haal 'gemeenten' weg",
        "data/tynaarlo/2023-addendum.yaml:17: hoofdstukken[0].afspraken[0].wijzigt: afspraak 99 van tynaarlo 2023 bestaat niet",
    ]
    run = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True)
    assert run.returncode == 1 and "2023-addendum.yaml:17: hoofdstukken[0].afspraken[0].wijzigt:" in run.stdout + run.stderr


def test_an_addendum_names_what_it_changes_and_only_an_addendum_does(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    add_shapes(project)
    addendum = project / "data" / "tynaarlo" / "2023-addendum.yaml"
    addendum.write_text(ADDENDUM.replace("{changed}", "1").replace("wijzigt: {jaar: 2023}\n", ""), encoding="utf-8")
    assert [str(p) for p in collect(project / "data").errors] == [
        "data/tynaarlo/2023-addendum.yaml:3: soort: een addendum noemt het document dat het wijzigt ('wijzigt'), "
        "en alleen een addendum doet dat",
        "data/tynaarlo/2023-addendum.yaml:16: hoofdstukken[0].afspraken[0].wijzigt: een afspraak wijzigt alleen iets "
        "als het document zegt welk document het wijzigt",
    ]


def test_series_comparisons_and_addenda_in_the_model(model: Site) -> None:
    pages = {p.path.removesuffix("/index.md").removeprefix("gemeenten/"): p for p in model.pages}
    assert model.neighbours(pages["tynaarlo/2024-woonborg"])[0] is pages["tynaarlo/2023-woonborg"]
    assert model.neighbours(pages["tynaarlo/2023"]) == (None, None), "Woonborg's documents are a series of their own"
    assert model.neighbours(pages["tynaarlo/2023-addendum"]) == (None, None)
    assert model.amended(pages["tynaarlo/2023-addendum"]) is pages["tynaarlo/2023"]
    assert [p.path for p in model.regional["hoogeveen"]] == ["gemeenten/regio-drenthe/2023/index.md"]
    assert {p.path for p in model.also(pages["tynaarlo/2023"])} == {
        "gemeenten/tynaarlo/2023-woonborg/index.md",
        "gemeenten/tynaarlo/2023-addendum/index.md",
        "gemeenten/regio-drenthe/2023/index.md",
    }


def test_every_shape_has_its_own_search_records(model: Site) -> None:
    found = {r.url: r for r in records(model)}
    second = found["/gemeenten/tynaarlo/2023-woonborg/#afspraak-1"]
    assert second.title.startswith("Tynaarlo 2023 · Woonborg · afspraak 1") and "zestig" in second.content
    assert found["/gemeenten/tynaarlo/2023-addendum/#afspraak-1"].filters["soort"] == ["Addendum"]
    regional = found["/gemeenten/regio-drenthe/2023/#afspraak-1"]
    assert regional.filters["gemeente"] == ["Tynaarlo", "Hoogeveen"]
    assert "/gemeenten/tynaarlo/2023/#afspraak-1" in found, "the five documents keep their addresses"


def test_a_gemeente_shares_a_part_of_the_index_with_its_regional_documents(model: Site, tmp_path: Path) -> None:
    """A search within one gemeente loads only the parts of the index that hold it (see
    test_search_parts.py). Gemeenten joined by a regional document are one run of records, and a
    part starts before a run that does not fit: with parts as large as the largest run, each
    gemeente, Tynaarlo and Hoogeveen with their region included, sits in one part."""
    together = list(runs(model))
    assert [r for run in together for r in run] == list(records(model))
    holding = {
        g: {n for n, run in enumerate(together) for r in run if g in r.filters.get("gemeente", [])}
        for g in ("Tynaarlo", "Hoogeveen", "Hardenberg")
    }
    assert holding["Tynaarlo"] == holding["Hoogeveen"] != holding["Hardenberg"]
    assert len(holding["Tynaarlo"]) == len(holding["Hardenberg"]) == 1
    index(tmp_path, together, {}, part_size=max(map(len, together)))
    parts = {g: entry["delen"] for g, entry in json.loads((tmp_path / "pagefind" / _narrowing("gemeente")).read_text()).items()}
    assert len(set(map(tuple, parts.values()))) > 2, "the gemeenten are spread over several parts"
    assert all(len(where) == 1 for where in parts.values()), parts
    assert parts["Tynaarlo"] == parts["Hoogeveen"]


def test_the_five_documents_keep_their_addresses_and_the_new_ones_get_theirs(built: Path) -> None:
    for path in FIVE + ["tynaarlo/2023-woonborg", "tynaarlo/2024-woonborg", "tynaarlo/2023-addendum", "regio-drenthe/2023"]:
        assert (built / "gemeenten" / path / "index.html").is_file(), path
    assert (built / "gemeenten/tynaarlo/vergelijk/2023-2024-woonborg/index.html").is_file()
    assert not (built / "gemeenten/tynaarlo/vergelijk/2023-2024").exists(), "Tynaarlo's own 2023 has no 2024 to compare"
    assert (built / "data/documenten/tynaarlo-2023-addendum.json").is_file()


def test_a_gemeente_page_lists_every_document_that_applies_to_it(built: Path) -> None:
    tynaarlo = links(built, "/gemeenten/tynaarlo/")
    for path in ["2023/", "2023-woonborg/", "2024-woonborg/", "2023-addendum/", "vergelijk/2023-2024-woonborg/"]:
        assert f"/gemeenten/tynaarlo/{path}" in tynaarlo
    assert "/gemeenten/regio-drenthe/2023/" in tynaarlo
    assert "/gemeenten/regio-drenthe/2023/" in links(built, "/gemeenten/hoogeveen/")
    assert {"/gemeenten/tynaarlo/", "/gemeenten/hoogeveen/"} <= links(built, "/gemeenten/regio-drenthe/2023/")


def test_an_addendum_and_the_agreement_it_changes_link_to_each_other(built: Path) -> None:
    assert "/gemeenten/tynaarlo/2023/#afspraak-1" in links(built, "/gemeenten/tynaarlo/2023-addendum/")
    assert "/gemeenten/tynaarlo/2023-addendum/#afspraak-1" in links(built, "/gemeenten/tynaarlo/2023/")
    original = html(built, "/gemeenten/tynaarlo/2023/")
    changed = original.split('id="afspraak-1"', 1)[1].split('class="afspraak"', 1)[0]
    assert "Gewijzigd door" in changed, "the note stands at the agreement that was changed"


@pytest.mark.parametrize(
    "url",
    [
        "/gemeenten/tynaarlo/",
        "/gemeenten/tynaarlo/2023/",
        "/gemeenten/tynaarlo/2023-addendum/",
        "/gemeenten/regio-drenthe/2023/",
        "/gemeenten/tynaarlo/vergelijk/2023-2024-woonborg/",
        "/gemeenten/hoogeveen/",
    ],
)
def test_every_link_on_the_new_pages_resolves(built: Path, url: str) -> None:
    assert [link for link in links(built, url) if not resolves(built, link)] == []


def test_search_finds_each_document_of_a_year_under_its_own_address(page: Page, base: str) -> None:
    page.goto(f"{base}/zoeken/?q=zeldzaamheidswoningen")
    found = {href for href, _ in all_results(page)}
    assert found == {"/gemeenten/tynaarlo/2023-woonborg/#afspraak-1", "/gemeenten/tynaarlo/2024-woonborg/#afspraak-1"}


def test_a_regional_agreement_is_found_under_each_member_gemeente(page: Page, base: str) -> None:
    for gemeente in ("Hoogeveen", "Tynaarlo"):
        page.goto(f"{base}/zoeken/?q=regioverdeelsleutel&gemeente={gemeente}")
        assert [href for href, _ in all_results(page)] == ["/gemeenten/regio-drenthe/2023/#afspraak-1"]
    page.locator(".zoekresultaat a").first.click()
    expect(page).to_have_url(re.compile(r"/gemeenten/regio-drenthe/2023/#afspraak-1$"))
    expect(page.locator("article")).to_contain_text("regioverdeelsleutel")


def test_a_preview_of_one_gemeente_shows_its_documents_and_a_save_within_seconds(tmp_path: Path) -> None:
    """`make serve GEMEENTE=tynaarlo`: its own documents and the regional one it takes part in,
    no other gemeente's, and an edit shows without rebuilding the rest of the country."""
    from tests.test_preview import serving, wait_until

    project = project_copy(tmp_path / "p")
    add_shapes(project)
    with serving(project, "GEMEENTE=tynaarlo") as url:
        wait_until(url + "/gemeenten/tynaarlo/2023/", lambda status, _body: status == 200)
        wait_until(url + "/gemeenten/regio-drenthe/2023/", lambda status, _body: status == 200, limit=5)
        wait_until(url + "/gemeenten/hardenberg/2026/", lambda status, _body: status == 404, limit=5)
        doc = project / "data" / "tynaarlo" / "2023-woonborg.yaml"
        started = time.monotonic()
        doc.write_text(doc.read_text(encoding="utf-8").replace("zestig", "zeventig"), encoding="utf-8")
        wait_until(url + "/gemeenten/tynaarlo/2023-woonborg/", lambda status, body: "zeventig" in body, limit=60)
        print(f"wijziging zichtbaar na {time.monotonic() - started:.1f} s")
