"""Comparing two years: every agreement gets exactly one status, paired by the right rule, on
small hand-made documents; and a comparison between two separate documents in a built site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page as Tab

from generator import construct
from generator.building import build_site
from generator.comparing import (
    APART,
    CHANGED,
    DROPPED,
    FOLLOWS,
    NEW,
    NUMBER,
    SAME,
    SAME_ROW,
    STATUSES,
    Comparison,
    Row,
    compare,
)
from generator.indexes import Page
from tests.conftest import ROOT, copy_project


def document(year: int, chapters: list[dict[str, Any]], jaren: list[int] | None = None) -> dict[str, Any]:
    return {
        "gemeente": "voorbeeld",
        "titel": f"Afspraken {year}",
        "soort": "jaarafspraken",
        "periode": {"van": 2022, "tot": 2030},
        "jaar": year,
        "jaren": jaren or [year],
        "bron": {"bestand": "voorbeeld.txt"},
        "hoofdstukken": chapters,
    }


def pages(*docs: dict[str, Any]) -> list[Page]:
    built = [construct.document(d) for d in docs]
    return sorted((Page(d, y) for d in built for y in d.jaren), key=lambda p: p.year)


def by_number(comparison: Comparison) -> dict[str, Row]:
    return {f"{r.shown.chapter.id}-{r.shown.agreement.nummer}": r for r in comparison.rows}


# A jaarschijf: one document with a column for the previous year and one for its own year.
JAARSCHIJF = document(
    2024,
    jaren=[2023, 2024],
    chapters=[
        {
            "id": "wonen",
            "titel": "Wonen",
            "nummering": "per-hoofdstuk",
            "groepen": [
                {
                    "doelstelling": "Meer woningen.",
                    "kader": "Partijen bouwen samen.",
                    "afspraken": [
                        {
                            "nummer": "1",
                            "stappen": [
                                {"jaar": 2023, "tekst": "Max. 10% via loting."},
                                {"jaar": 2024, "tekst": "Max. 10% via loting."},
                            ],
                        },
                        {
                            "nummer": "2",
                            "stappen": [
                                {"jaar": 2023, "tekst": "Corporaties ondersteunen woningruil."},
                                {"jaar": 2024, "tekst": "Corporaties faciliteren woningruil."},
                            ],
                        },
                        {"nummer": "3", "stappen": [{"jaar": 2024, "tekst": "De gemeente richt een taskforce op."}]},
                        {
                            "nummer": "4",
                            "kader": "Gemeente schrijft een woonvisie.",
                            "stappen": [{"jaar": 2023, "tekst": "De gemeente start de woonvisie."}],
                        },
                        {"nummer": "5", "kader": "Partijen zoeken samen naar oplossingen."},
                        {
                            "nummer": "6",
                            "stappen": [
                                {"jaar": 2023, "tekst": "Dit wordt besproken in het BO."},
                                {"jaar": 2024, "tekst": "Dit wordt besproken in het bo"},
                            ],
                        },
                    ],
                }
            ],
        },
        {
            "id": "productie",
            "titel": "Productieafspraken",
            "nummering": "per-hoofdstuk",
            "afspraken": [
                {"nummer": "1", "tekst": "Partijen bouwen 1.000 woningen.", "wanneer": "Doorlopend"},
                {"nummer": "2", "tekst": "De gemeente stuurt op 30% sociale huur.", "initiatief": ["gemeente-voorbeeld"]},
            ],
        },
    ],
)


def test_jaarschijf_columns_each_row_gets_exactly_one_status() -> None:
    old, new = pages(JAARSCHIJF)
    comparison = compare(old, new)
    rows = by_number(comparison)
    assert {k: r.status for k, r in rows.items()} == {
        "wonen-1": SAME,
        "wonen-2": CHANGED,
        "wonen-3": NEW,
        "wonen-4": DROPPED,
        "wonen-5": SAME,
        "wonen-6": CHANGED,
        "productie-1": APART,
        "productie-2": APART,
    }
    assert len(comparison.rows) == len(new.document.afspraken)
    assert {r.rule for r in comparison.rows if r.old and r.new} == {SAME_ROW}
    assert comparison.counts() == {NEW: 1, CHANGED: 2, DROPPED: 1, SAME: 2, APART: 2}
    assert rows["wonen-5"].framework_only and not rows["wonen-1"].framework_only


def test_jaarschijf_change_shows_only_the_yearly_step_changing_and_the_framework_once() -> None:
    comparison = compare(*pages(JAARSCHIJF))
    row = by_number(comparison)["wonen-2"]
    [change] = row.changes
    assert (change.old.label, change.new.label) == ("Afspraak 2023", "Afspraak 2024")
    assert [(p.op, p.text) for p in change.diff] == [
        ("gelijk", "Corporaties"),
        ("weg", "ondersteunen"),
        ("erbij", "faciliteren"),
        ("gelijk", "woningruil."),
    ]
    assert [p.text for p in row.shared] == ["Meer woningen.", "Partijen bouwen samen."]
    assert not row.only_wording
    assert by_number(comparison)["wonen-6"].only_wording


def test_lapsed_yearly_step_is_dropped_but_its_row_remains() -> None:
    comparison = compare(*pages(JAARSCHIJF))
    row = by_number(comparison)["wonen-4"]
    assert row.new is None and row.old is not None
    assert row.shown.summary == "Gemeente schrijft een woonvisie."
    assert [p.text for p in row.shown.yearly] == ["De gemeente start de woonvisie."]
    assert [p.text for p in row.shown.standing] == [
        "Meer woningen.",
        "Partijen bouwen samen.",
        "Gemeente schrijft een woonvisie.",
    ]
    assert comparison.remains(row)


def test_chapter_without_year_columns_is_not_comparable_with_one_reason() -> None:
    comparison = compare(*pages(JAARSCHIJF))
    productie = dict((c.id, s) for c, s in comparison.chapters())["productie"]
    [section] = productie
    assert section.status == APART and len(section.rows) == 2
    assert "2023" in section.reason and "kolom" in section.reason
    assert [r.shown.summary for r in section.rows] == [
        "Partijen bouwen 1.000 woningen.",
        "De gemeente stuurt op 30% sociale huur.",
    ]


def test_party_names_and_deadlines_are_part_of_what_is_compared() -> None:
    old_doc = document(
        2026,
        [
            {
                "id": "proces",
                "titel": "Proces",
                "afspraken": [
                    {
                        "nummer": "1",
                        "tekst": "Opstellen afspraken.",
                        "initiatief": ["corporatie"],
                        "wanneer": "Tot december 2025",
                    },
                ],
            }
        ],
    )
    new_doc = document(
        2027,
        [
            {
                "id": "proces",
                "titel": "Proces",
                "afspraken": [
                    {
                        "nummer": "1",
                        "tekst": "Opstellen afspraken.",
                        "initiatief": ["corporatie"],
                        "wanneer": "Tot december 2026",
                    },
                ],
            }
        ],
    )
    [row] = compare(*pages(old_doc, new_doc), {"corporatie": "De Corporatie"}).rows
    assert row.status == CHANGED and row.rule == NUMBER
    assert [c.key for c in row.changes] == ["wanneer"]
    assert ("Initiatief", "De Corporatie") in [(p.label, p.text) for p in row.shared]


# Two separate documents: the later one continues the earlier one by `vervolg_van` or by number.
def chapter(chapter_id: str, *agreements: dict[str, Any]) -> dict[str, Any]:
    return {"id": chapter_id, "titel": chapter_id.capitalize(), "afspraken": list(agreements)}


OLD = document(
    2026,
    [
        chapter(
            "proces",
            {"nummer": "1", "tekst": "Opstellen prestatieafspraken 2026."},
            {"nummer": "2", "tekst": "Publiceren op de website."},
            {"nummer": "3", "tekst": "Partijen overleggen eens per kwartaal."},
        ),
        chapter("wonen", {"nummer": "4", "tekst": "Bouwen van 50 woningen."}),
    ],
)
NEW_DOC = document(
    2027,
    [
        chapter(
            "proces",
            {"nummer": "1", "tekst": "Opstellen prestatieafspraken 2027."},
            {"nummer": "3", "tekst": "Een nieuwe afspraak met een oud nummer."},
            {"nummer": "5", "tekst": "Partijen overleggen eens per kwartaal.", "vervolg_van": {"jaar": 2026, "afspraak": "3"}},
        ),
        chapter("betaalbaarheid", {"nummer": "4", "tekst": "Bouwen van 50 woningen."}),
    ],
)


def test_separate_documents_pair_by_vervolg_van_before_number() -> None:
    comparison = compare(*pages(OLD, NEW_DOC))
    rows = by_number(comparison)
    assert (rows["proces-5"].status, rows["proces-5"].rule) == (SAME, FOLLOWS)
    assert rows["proces-5"].old.agreement.nummer == "3"
    assert (rows["proces-1"].status, rows["proces-1"].rule) == (CHANGED, NUMBER)
    assert rows["proces-3"].status == NEW, "number 3 of 2026 is already continued by 5"


def test_same_number_in_another_chapter_is_not_a_match() -> None:
    comparison = compare(*pages(OLD, NEW_DOC))
    statuses = sorted((r.status, r.shown.chapter.id, r.shown.agreement.nummer) for r in comparison.rows)
    assert (NEW, "betaalbaarheid", "4") in statuses
    assert (DROPPED, "wonen", "4") in statuses
    assert (DROPPED, "proces", "2") in statuses
    assert not any(comparison.remains(r) for r in comparison.rows)


def test_every_agreement_of_both_years_is_shown_exactly_once() -> None:
    for docs in ((JAARSCHIJF,), (OLD, NEW_DOC)):
        old, new = pages(*docs)
        comparison = compare(old, new)
        olds = [r.old.agreement.anchor for r in comparison.rows if r.old]
        news = [r.new.agreement.anchor for r in comparison.rows if r.new]
        assert len(olds) == len(set(olds)) and len(news) == len(set(news))
        assert sum(comparison.counts().values()) == len(comparison.rows)
        assert all(r.shown.summary for r in comparison.rows)


# The same comparison in a built site: Hardenberg 2027 written from 2026 next year.
def hardenberg_2027(project: Path) -> dict[str, dict[str, str]]:
    """Write a 2027 document from the 2026 one: most agreements kept, one changed, one dropped,
    one new, one renumbered with `vervolg_van`. Returns the expected status per agreement."""
    data = yaml.safe_load((project / "data/hardenberg/2026.yaml").read_text(encoding="utf-8"))
    data.update(titel="Prestatieafspraken Wonen Hardenberg 2027 (testdocument)", jaar=2027, periode={"van": 2027, "tot": 2027})
    data.pop("ondertekening", None)
    data.pop("publicatie", None)
    data["status"] = "gepubliceerd"  # public, without a signing block: the comparison is what is tested here
    proces = data["hoofdstukken"][0]["afspraken"]
    proces[5]["tekst"] = proces[5]["tekst"].replace("eens per kwartaal", "eens per maand")
    del proces[3]
    moved = next(a for a in proces if a["nummer"] == "10")
    moved.update(nummer="43", vervolg_van={"jaar": 2026, "afspraak": "10"})
    proces.append(
        {"nummer": "44", "tekst": "Partijen maken een nieuwe afspraak over woningdelen.", "initiatief": ["vechtdal-wonen"]}
    )
    (project / "data/hardenberg/2027.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {"gewijzigd": {"6"}, "vervallen": {"4"}, "nieuw": {"44"}}


@pytest.fixture(scope="module")
def hardenberg_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    project = copy_project(tmp_path_factory.mktemp("hardenberg2027"))
    if not (project / "generator").exists():
        (project / "generator").symlink_to(ROOT / "generator")
    expected = hardenberg_2027(project)
    build_site(project / "mkdocs.yml", project / "site")
    return project / "site", expected


def test_comparison_between_two_documents_in_the_built_site(hardenberg_site: tuple[Path, dict], page: Tab) -> None:
    site, expected = hardenberg_site
    page.goto((site / "gemeenten/hardenberg/vergelijk/2026-2027/index.html").as_uri())
    cards = page.locator("li:has(> p:first-child > .vergelijk-nummer)")
    found: dict[str, set[str]] = {}
    for heading in page.locator("article h3[id]").all():
        status = next(s for s in STATUSES if (heading.get_attribute("id") or "").endswith(f"-{s}"))
        numbers = heading.locator("xpath=following-sibling::ul[1]/li/p[1]/strong").all_inner_texts()
        found.setdefault(status, set()).update(n.removeprefix("Afspraak ") for n in numbers)
    assert found["gewijzigd"] == expected["gewijzigd"]
    assert found["vervallen"] == expected["vervallen"]
    assert found["nieuw"] == expected["nieuw"]
    assert "niet-te-vergelijken" not in found
    chapters = yaml.safe_load((ROOT / "data/hardenberg/2026.yaml").read_text(encoding="utf-8"))["hoofdstukken"]
    total = sum(len(c.get("afspraken", [])) for c in chapters)
    assert len(found["ongewijzigd"]) + 1 + 1 == total, "every 2026 agreement is accounted for"
    assert "43" in found["ongewijzigd"] and "10" not in found["ongewijzigd"]
    renumbered = cards.filter(has=page.locator("strong", has_text=re.compile(r"^Afspraak 43$")))
    assert "vervolg_van" in renumbered.inner_text()
    assert renumbered.locator("a[href$='2026/#afspraak-10']").count() == 1
    assert renumbered.locator("a[href$='2027/#afspraak-43']").count() == 1
    changed = cards.filter(has=page.locator("strong", has_text=re.compile(r"^Afspraak 6$")))
    assert changed.locator("del").all_inner_texts() == ["kwartaal"]
    assert changed.locator("ins").all_inner_texts() == ["maand"]
    assert "hetzelfde nummer in hetzelfde hoofdstuk" in changed.inner_text()
