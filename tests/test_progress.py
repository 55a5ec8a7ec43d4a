"""Progress (voortgang) files: what the Harderwijk jaarschijf 2024 says became of the 2023
agreements is recorded with quotations that stand in the published text, nothing is guessed for
the rest, and the layout rule accepts a voortgang file only next to a document that shows its year."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from generator import progress
from generator.collect import collect
from generator.comparing import compare
from generator.followthrough import View
from generator.indexes import build_site
from generator.rendering import render_site
from tests.conftest import ROOT

REGISTRY = collect(ROOT / "data").registry
assert REGISTRY is not None
SITE = build_site(REGISTRY)
PAGE_2023 = next(p for p in SITE.pages if p.gemeente == "harderwijk" and p.year == 2023)
PAGE_2024 = next(p for p in SITE.pages if p.gemeente == "harderwijk" and p.year == 2024)
FILE = ROOT / "data" / "harderwijk" / "2023.voortgang.yaml"
SEED = ROOT / "bronnen" / "001_cd4ac45136e72242.txt"


def words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_every_quotation_stands_in_the_source_text() -> None:
    data = yaml.safe_load(FILE.read_text())
    seed = words(SEED.read_text())
    quotes = [u["citaat"] for a in data["afspraken"] for u in a["updates"]]
    assert len(quotes) >= 8
    assert [q for q in quotes if words(q) not in seed] == []
    assert {b["soort"] for b in data["bronnen"]} == {"afgeleid"}


def test_updates_reach_the_2023_page_and_only_that_page() -> None:
    view = View(SITE)
    by_anchor = {a.anchor: a for _c, a in PAGE_2023.all_agreements()}
    assert view.status(PAGE_2023, by_anchor["afspraak-wonen-zorg-aandachtsgroepen-15"]) == "gerealiseerd"
    assert view.status(PAGE_2023, by_anchor["afspraak-samenwerking-3"]) == "loopt"
    assert view.status(PAGE_2023, by_anchor["afspraak-leefbaarheid-10"]) == progress.UNKNOWN
    assert all(view.status(PAGE_2024, a) == progress.UNKNOWN for _c, a in PAGE_2024.all_agreements())


def test_unrealised_agreements_carried_over_are_listed_in_the_comparison() -> None:
    names = {p.id: p.korte_naam for p in REGISTRY.partijen.values()}
    carried = View(SITE).carried_over(compare(PAGE_2023, PAGE_2024, names))
    anchors = {row.old.agreement.anchor: update.status for row, update in carried if row.old}
    assert anchors["afspraak-samenwerking-3"] == "loopt"
    assert anchors["afspraak-duurzaamheid-15"] == "gepland"
    assert "afspraak-wonen-zorg-aandachtsgroepen-15" not in anchors  # realised in 2023
    text = render_site(REGISTRY)["gemeenten/harderwijk/vergelijk/2023-2024/index.md"]
    section = text[text.index("## Niet gerealiseerd en meegenomen naar 2024") :].split("\n## ")[0]
    assert "#afspraak-samenwerking-3" in section and "#afspraak-wonen-zorg-aandachtsgroepen-15" not in section


def test_counts_per_status_on_the_gemeente_page_match_the_file() -> None:
    data = yaml.safe_load(FILE.read_text())
    latest = [a["updates"][-1]["status"] for a in data["afspraken"]]
    page = render_site(REGISTRY)["gemeenten/harderwijk/index.md"]
    section = page[page.index("### Harderwijk 2023") :].split("### ")[1]
    total = next(line for line in section.splitlines() if line.startswith("| **Totaal**") and line.count("|") == 8)
    cells = [int(c) for c in re.findall(r"\|\s*(\d+)", total)]
    expected = [latest.count(s) for s in progress.STATUSES]
    assert cells[:5] == expected and cells[5] == len(PAGE_2023.all_agreements()) - len(latest)


def test_a_voortgang_file_sits_next_to_a_document_that_shows_its_year(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(FILE, data / "tynaarlo" / "2024.voortgang.yaml")
    (data / "tynaarlo" / "2023.voortgang.yml").write_text("bronnen: []\n")
    problems = [str(p) for p in collect(data).errors]
    assert any(p.startswith("data/tynaarlo/2024.voortgang.yaml:1: bestand: voortgang zonder document") for p in problems)
    assert any(p.startswith("data/tynaarlo/2023.voortgang.yml:1: bestand: de bestandsnaam is het jaar") for p in problems)
    assert not any("harderwijk" in p for p in problems)


def test_every_voortgang_field_is_described() -> None:
    from generator.validation import schema
    from tests.test_schema import properties

    fields = properties(schema("voortgang"))
    assert fields and [path for path, spec in fields if "description" not in spec and spec.get("type") != "array"] == []
