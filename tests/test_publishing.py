"""The yearly cycle an editor goes through, on the real data in a throwaway copy of the project:
`nieuw` writes next year's concept, `klaar` says what stands between it and publication, and a
concept never reaches the public site or its search index, while the status page says it exists."""

from __future__ import annotations

import datetime
import gzip
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.collect import collect
from generator.comparing import compare
from generator.indexes import build_site
from tests.conftest import ROOT, searched, serve
from tests.test_hostile import PROBLEM, project_copy

CONCEPT = Path("data/hardenberg/2027.yaml")
SECRET = "Zwavelkwartel"
"""A word only the concept contains."""


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("jaarcyclus") / "project")
    made = run(project, "nieuw", "hardenberg", "2027")
    assert made.returncode == 0, made.stderr
    return project


def comparison(project: Path) -> dict[str, str]:
    """Status per 2027 agreement number in the comparison of Hardenberg 2026 and 2027."""
    registry = collect(project / "data").registry
    assert registry is not None
    pages = build_site(registry).by_gemeente["hardenberg"]
    old, new = (next(p for p in pages if p.year == year) for year in (2026, 2027))
    result = compare(old, new, {p.id: p.korte_naam for p in registry.partijen.values()})
    return {row.new.agreement.nummer: row.status for row in result.rows if row.new}


def fill_in(text: str) -> str:
    """What the editor does once the parties have signed: date, place, names, source, notes reviewed."""
    text = text.replace("datum: null", "datum: '2026-12-10'", 1).replace("plaats: null", "plaats: Hardenberg", 1)
    names = {"gemeente-hardenberg": "D.J. Dorrestijn - Taal", "vechtdal-wonen": "M. Govers", "hov": "R.C.W. Moison"}
    for party, name in names.items():
        text = text.replace(f"- {{partij: {party}}}", f"- {{partij: {party}, naam: {name}}}", 1)
    text = text.replace("bestand: ''", "bestand: prestatieafspraken-hardenberg-2027.pdf", 1)
    return re.sub(r"^ *TODO: nakijken of deze noot nog geldt voor 2027\.\n\n", "", text, flags=re.M)


def agreement_block(text: str, number: str) -> tuple[int, int]:
    start = text.index(f"      - nummer: '{number}'\n")
    return start, text.index("      - nummer:", start + 1)


def add_line(text: str, number: str, line: str) -> str:
    """The agreement's text with a line of its own added in front, as an editor would."""
    start, end = agreement_block(text, number)
    block = text[start:end]
    assert "        tekst: |\n" in block
    return text[:start] + block.replace("        tekst: |\n", f"        tekst: |\n          {line}\n", 1) + text[end:]


def test_nieuw_writes_a_concept_that_check_accepts_and_whose_agreements_continue_2026(project: Path) -> None:
    checked = run(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "6 document(en) in orde" in checked.stdout
    registry = collect(project / "data").registry
    assert registry is not None
    new = next(d for d in registry.documenten if d.path == str(CONCEPT))
    old = next(d for d in registry.documenten if d.gemeente == "hardenberg" and d.jaar == 2026)
    assert new.is_concept and new.titel == "Prestatieafspraken Wonen Hardenberg 2027"
    assert [c.titel for c in new.hoofdstukken] == [c.titel for c in old.hoofdstukken]
    assert [r.partij for r in new.partijen] == [r.partij for r in old.partijen]
    assert new.ondertekening is not None and new.ondertekening.datum is None
    pairs = [(a.vervolg_van.jaar, f"afspraak-{a.vervolg_van.afspraak}") for a in new.afspraken if a.vervolg_van]
    assert pairs == [(2026, a.anchor) for a in old.afspraken]
    assert [a.tekst for a in new.afspraken] == [a.tekst for a in old.afspraken]
    text = (project / CONCEPT).read_text(encoding="utf-8")
    assert "tekst: |\n" in text, "long text is written as a block"
    assert text.index("\ngemeente:") < text.index("\ntitel:") < text.index("\nstatus: concept") < text.index("\nhoofdstukken:")


def test_the_comparison_shows_every_carried_over_agreement_as_unchanged(project: Path) -> None:
    statuses = comparison(project)
    assert len(statuses) == 42
    assert set(statuses.values()) == {"ongewijzigd"}


def test_nieuw_refuses_to_overwrite(project: Path) -> None:
    before = (project / CONCEPT).read_bytes()
    again = run(project, "nieuw", "hardenberg", "2027")
    assert again.returncode == 1
    assert f"{CONCEPT}:1: bestand: bestaat al; niets overschreven" in again.stderr.replace(str(project) + "/", "")
    assert (project / CONCEPT).read_bytes() == before


def test_klaar_lists_what_is_missing_and_then_passes_once_signed_and_edited(project: Path) -> None:
    path = project / CONCEPT
    original = path.read_text(encoding="utf-8")
    try:
        first = run(project, "klaar", "hardenberg", "2027")
        assert first.returncode == 1
        lines = first.stdout.splitlines()[:-1]
        assert all(PROBLEM.match(line) for line in lines), lines
        fields = {PROBLEM.match(line)["field"] for line in lines}
        signatories = {f"ondertekening.ondertekenaars[{i}].naam" for i in range(3)}
        expected = {"ondertekening.datum", "ondertekening.plaats", "bron.bestand", *signatories}
        assert expected <= fields
        assert sum("onopgeloste redactienoot: bevat 'TODO'" in line for line in lines) == original.count("TODO: nakijken")

        signed = fill_in(original)
        edited = add_line(signed, "12", "In 2027 zetten partijen dit voort met een extra overleg.")
        start, end = agreement_block(edited, "12")
        edited = edited[:start] + edited[start:end].replace("        ongewijzigd: true\n", "") + edited[end:]
        path.write_text(edited, encoding="utf-8")
        ready = run(project, "klaar", "hardenberg", "2027")
        assert ready.returncode == 0, ready.stdout + ready.stderr
        assert "klaar voor publicatie" in ready.stdout
        statuses = comparison(project)
        assert statuses.pop("12") == "gewijzigd"
        assert set(statuses.values()) == {"ongewijzigd"}

        start, end = agreement_block(signed, "13")
        unmarked = signed[start:end].replace("        ongewijzigd: true\n", "")
        path.write_text(signed[:start] + unmarked + signed[end:], encoding="utf-8")
        copied = run(project, "klaar", "hardenberg", "2027")
        assert copied.returncode == 1
        assert re.search(r"afspraken\[\d+\]\.tekst: tekst is gelijk aan afspraak 13 van hardenberg 2026", copied.stdout)
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.fixture(scope="module")
def public(project: Path) -> Path:
    """The public build of a project that has a concept with a word of its own."""
    path = project / CONCEPT
    path.write_text(add_line(path.read_text(encoding="utf-8"), "12", f"Het {SECRET}overleg."), encoding="utf-8")
    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    shutil.copytree(project / "site", project.parent / "public")
    return project.parent / "public"


def readable(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_a_concept_is_nowhere_in_the_public_build_nor_its_search_index(public: Path) -> None:
    files = [p for p in public.rglob("*") if p.is_file()]
    assert any(p.parts[-2] == "pagefind" or "pagefind" in p.parts for p in files)
    assert [p for p in files if SECRET.lower().encode() in readable(p).lower()] == []
    assert not (public / "gemeenten" / "hardenberg" / "2027").exists()
    assert "2027.yaml" not in (public / "documenten.json").read_text(encoding="utf-8")


def test_with_concepten_the_concept_is_built_with_a_banner_but_never_searchable(project: Path, public: Path) -> None:
    review = project.parent / "review"
    built = run(project, "build", "--concepten", "--site-dir", str(review))
    assert built.returncode == 0, built.stderr
    html = (review / "gemeenten" / "hardenberg" / "2027" / "index.html").read_text(encoding="utf-8")
    assert "Concept: nog niet ondertekend" in html and SECRET in html
    index = [p for p in (review / "pagefind").rglob("*") if p.is_file()]
    assert index and [p for p in index if SECRET.lower().encode() in readable(p).lower()] == []


@pytest.fixture(scope="module")
def public_server(public: Path) -> Iterator[str]:
    with serve(public) as base:
        yield base


def test_search_in_the_browser_does_not_find_the_concept(page: Page, public_server: str) -> None:
    page.goto(f"{public_server}/zoeken/?q={SECRET}")
    searched(page)
    found = page.locator(".zoekresultaat").all_inner_texts()
    assert [text for text in found if SECRET.lower() in text.lower()] == []
    expect(page.locator(".zoekresultaat a[href*='/2027/']")).to_have_count(0)
    page.goto(f"{public_server}/zoeken/?q=statushouder")
    expect(page.locator(".zoekresultaat a[href^='/gemeenten/hardenberg/2026/']").first).to_be_visible()


def test_status_page_shows_hardenberg_2027_in_concept_and_the_others_missing(page: Page, public_server: str) -> None:
    page.goto(f"{public_server}/publicatie/2027/")
    rows = {
        row.locator("td").nth(0).inner_text(): row.locator("td").nth(1).inner_text()
        for row in page.locator("article table tbody tr").all()
    }
    assert rows == {
        "Hardenberg": "In concept",
        "Harderwijk": "Ontbreekt",
        "Hoogeveen": "Ontbreekt",
        "Steenwijkerland": "Ontbreekt",
        "Tynaarlo": "Ontbreekt",
    }
    assert page.locator("article a[href*='hardenberg/2027']").count() == 0, "a concept is not linked from the public site"
    days = (datetime.date(2026, 12, 15) - datetime.date.today()).days
    counter = page.locator("[data-termijn]")
    expect(counter).to_have_attribute("data-dagen", str(days))
    expected = f"Nog {days} dag" if days > 0 else "is verstreken"
    expect(counter).to_contain_text(expected)


def test_status_page_without_javascript_shows_the_deadline(browser: object, public_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{public_server}/publicatie/2027/")
        expect(tab.locator("[data-termijn]")).to_have_text("Termijn: vóór 15 december 2026.")
    finally:
        context.close()


def test_the_home_page_links_the_status_of_the_coming_year(page: Page, server: str) -> None:
    page.goto(server + "/")
    link = page.get_by_role("link", name="Wie heeft ze al gepubliceerd?")
    expect(link).to_have_attribute("href", re.compile(r"publicatie/2027/$"))
    link.click()
    expect(page.locator("h1")).to_have_text(re.compile("Publicatie van de afspraken voor 2027"))


def test_signed_documents_show_their_date_and_undated_ones_say_so(site: Path) -> None:
    html = (site / "publicatie" / "2026" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r"<tr>\s*<td><a [^>]*>([^<]+)</a></td>\s*<td>([^<]+)</td>\s*<td>([^<]*)</td>", html)
    rows = {name: (state, signed) for name, state, signed in found}
    assert rows["Hardenberg"] == ("Ondertekend", "11 december 2025")
    assert rows["Hoogeveen"] == rows["Steenwijkerland"] == ("Gepubliceerd", "niet vermeld in de bron")
    assert rows["Tynaarlo"] == ("Ontbreekt", "")


def test_the_root_is_unchanged_by_the_copy(project: Path) -> None:
    assert not (ROOT / CONCEPT).exists()
