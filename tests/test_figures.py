"""Figures that contradict each other are never shown silently; tables and lists stand where the source has them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page

from generator import construct, figures
from generator.loading import Source
from generator.validation import document_problems
from tests.conftest import ROOT


def document(text: str, *, cijfers: list[dict[str, Any]], table: dict[str, Any] | None = None) -> dict[str, Any]:
    """A small document: one chapter with one agreement holding `text`, and optionally a table."""
    chapter: dict[str, Any] = {"id": "wonen", "titel": "Wonen", "afspraken": [{"nummer": "1", "tekst": text}]}
    if table:
        chapter["tabellen"] = [table]
    return {"hoofdstukken": [chapter], "cijfers": cijfers}


def stock_table(**extra: Any) -> dict[str, Any]:
    return {
        "id": "voorraad",
        "titel": "Voorraad",
        "kolommen": [{"naam": ""}, {"naam": "2024", "soort": "getal"}],
        "rijen": [["Corporatie", 1628]],
        **extra,
    }


def warnings(doc: dict[str, Any]) -> list[str]:
    return [message for _, message, warning in figures.problems(doc) if warning]


def errors(doc: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(at, message) for at, message, warning in figures.problems(doc) if not warning]


TEXT = "De kosten bedragen €38.067 per jaar. De gemeente betaalt €25.000 en de corporaties elk €6.533."


def test_a_sum_in_running_text_that_does_not_add_up_is_a_warning_with_the_computed_value() -> None:
    check = {"omschrijving": "Kosten", "totaal": "€38.067", "delen": ["€25.000", "€6.533", "€6.533"]}
    [message] = warnings(document(TEXT, cijfers=[check]))
    assert "€38.067" in message and "€38.066" in message


def test_a_sum_that_adds_up_is_not_reported() -> None:
    text = "Woonborg levert 48 nieuwbouwwoningen op (15 aan de straat, 14 aan de laan en 19 aan het plein)."
    check = {"omschrijving": "Nieuwbouw", "totaal": "48 nieuwbouwwoningen", "delen": ["15 aan", "14 aan", "19 aan"]}
    assert figures.problems(document(text, cijfers=[check])) == []


def test_subtracted_parts_count_against_the_total() -> None:
    text = "Tot 2030 minimaal 85 woningen; er zijn 48 toegevoegd, dus nog minimaal 37 te gaan."
    fits = {"omschrijving": "Nog te gaan", "totaal": "minimaal 37", "delen": ["minimaal 85"], "af": ["48 toegevoegd"]}
    assert warnings(document(text, cijfers=[fits])) == []
    wrong = {**fits, "totaal": "minimaal 85", "delen": ["minimaal 37"]}
    [message] = warnings(document(text, cijfers=[wrong]))
    assert re.search(r"\b37 − 48 = -11\b", message)


def test_the_same_quantity_printed_twice_with_different_values_is_a_warning() -> None:
    doc = document("De woondeal noemt een groei van 1669 woningen.", cijfers=[], table=stock_table())
    doc["cijfers"] = [
        {"omschrijving": "Voorraad", "gelijk": ["groei van 1669", {"tabel": "voorraad", "rij": "Corporatie", "kolom": "2024"}]}
    ]
    [message] = warnings(doc)
    assert "1669 (afspraak 1)" in message and "1628 (de tabel ‘Voorraad’" in message


def test_the_same_quantity_printed_twice_alike_is_not_reported() -> None:
    doc = document("De voorraad is 1.628 woningen.", cijfers=[], table=stock_table())
    doc["cijfers"] = [
        {"omschrijving": "Voorraad", "gelijk": ["is 1.628", {"tabel": "voorraad", "rij": "Corporatie", "kolom": "2024"}]}
    ]
    assert figures.problems(doc) == []


def test_percentages_of_one_whole_must_add_up_to_the_printed_total() -> None:
    table = {
        "id": "labels",
        "kolommen": [{"naam": "Label"}, {"naam": "%", "soort": "percentage"}],
        "rijen": [["A", 20.9], ["B", 15.1], ["C", 68.4]],
        "totalen": [{"cellen": ["Totaal", 100], "som": True}],
    }
    [message] = [m for at, m, w in problems_of(table) if w]
    assert "gedrukt 100%, opgeteld 104,4%" in message


def test_rounded_percentages_within_half_a_unit_per_row_are_not_reported() -> None:
    values = [4.3, 3.2, 1.0, 33.7, 18.6, 26.9, 7.2, 2.5, 1.3, 1.5]  # sums to 100,2: rounding, not an error
    table = {
        "id": "labels",
        "kolommen": [{"naam": "Label"}, {"naam": "%", "soort": "percentage"}],
        "rijen": [[str(i), v] for i, v in enumerate(values)],
        "totalen": [{"cellen": ["Totaal", 100], "som": True}],
    }
    assert problems_of(table) == []


def problems_of(table: dict[str, Any]) -> list[tuple[Any, str, bool]]:
    doc = {
        "gemeente": "x",
        "periode": {"van": 2024, "tot": 2024},
        "jaar": 2024,
        "hoofdstukken": [{"id": "h", "titel": "H", "tabellen": [table]}],
    }
    found = document_problems(Source("x.yaml", doc), {"gemeente-x": "gemeente"}, set())
    return [(p.field, p.message, p.warning) for p in found]


@pytest.mark.parametrize(
    ("check", "field", "says"),
    [
        ({"totaal": "€99.999", "delen": ["€25.000"]}, ("cijfers", 0, "totaal"), "staat niet in de tekst"),
        ({"totaal": "€38.067", "delen": ["De"]}, ("cijfers", 0, "delen", 0), "2 keer"),
        (
            {"totaal": "€38.067 per jaar. De gemeente betaalt €25.000", "delen": ["€25.000"]},
            ("cijfers", 0, "totaal"),
            "precies één getal",
        ),
        ({"gelijk": ["€38.067"]}, ("cijfers", 0, "gelijk"), "ten minste twee"),
        ({"totaal": "€38.067", "gelijk": ["€38.067", "€25.000"]}, ("cijfers", 0), "of 'gelijk'"),
        ({"gelijk": ["€38.067", {"tabel": "geen", "rij": "a", "kolom": "b"}]}, ("cijfers", 0, "gelijk", 1), "onbekende tabel"),
        ({"gelijk": ["€38.067", {"rij": "a", "kolom": "b"}]}, ("cijfers", 0, "gelijk", 1), "uit welke tabel"),
    ],
)
def test_a_declaration_that_cannot_be_read_is_an_error_at_its_field(
    check: dict[str, Any], field: tuple[Any, ...], says: str
) -> None:
    [(at, message)] = errors(document(TEXT, cijfers=[{"omschrijving": "Kosten", **check}]))
    assert at == field and says in message


def test_a_table_placed_after_an_agreement_must_name_one_of_its_chapter() -> None:
    doc = document("Tekst.", cijfers=[], table=stock_table(na_afspraak="7"))
    [(at, message)] = errors(doc)
    assert at == ("hoofdstukken", 0, "tabellen", 0, "na_afspraak") and "geen afspraak 7" in message
    assert errors(document("Tekst.", cijfers=[], table=stock_table(na_afspraak="1"))) == []


def test_the_note_is_attached_to_each_element_that_holds_one_of_the_figures() -> None:
    data = {
        "gemeente": "x",
        "titel": "X",
        "soort": "jaarafspraken",
        "periode": {"van": 2024, "tot": 2024},
        "jaar": 2024,
        "bron": {"bestand": "x.txt"},
        **document("De woondeal noemt een groei van 1669 woningen.", cijfers=[], table=stock_table()),
    }
    data["cijfers"] = [
        {"omschrijving": "Voorraad", "gelijk": ["groei van 1669", {"tabel": "voorraad", "rij": "Corporatie", "kolom": "2024"}]}
    ]
    model = construct.document(data)
    [chapter] = model.hoofdstukken
    [note] = chapter.afspraken[0].cijfernoten
    assert chapter.tabellen[0].cijfernoten == [note]
    assert [f.gedrukt for f in note.gelijk] == ["1669", "1628"]
    assert model.cijfernoten == [] and chapter.cijfernoten == []


# The published documents. Each finding was found by reading the seed text and doing the arithmetic by hand:
# (data file, what is printed, what it conflicts with or what its parts add up to, seed file:line).
FINDINGS = [
    ("hardenberg/2026.yaml", "950", "975", "000_5ba528a1bb5b96d7.txt:261 and :1312"),
    ("harderwijk/2024.yaml", "2021", "2022", "001_cd4ac45136e72242.txt:1 and :4"),
    ("harderwijk/2024.yaml", "1.300", "1331", "001_cd4ac45136e72242.txt:1170 and :1186"),
    ("hoogeveen/2026.yaml", "390", "391", "002_1e07a056d08fd47d.txt:120"),
    ("hoogeveen/2026.yaml", "+324", "325", "002_1e07a056d08fd47d.txt:120, :126 and :132"),
    ("hoogeveen/2026.yaml", "28", "29", "002_1e07a056d08fd47d.txt:176"),
    ("hoogeveen/2026.yaml", "72", "71", "002_1e07a056d08fd47d.txt:178"),
    ("steenwijkerland/2026.yaml", "100%", "104,4%", "003_84c5a4f8734e3d80.txt:133-144"),
    ("steenwijkerland/2026.yaml", "1628", "1669", "003_84c5a4f8734e3d80.txt:103 and :144"),
    ("tynaarlo/2023.yaml", "€38.067", "€38.066", "004_cca5c5f429943ddb.txt:751-753"),
]


def mentions(text: str, figure: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d.,]*\d)", text) is not None


def test_check_lists_exactly_the_inconsistent_figures_of_the_published_documents_as_warnings() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check", "data"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if ": waarschuwing: " in line]
    assert len(lines) == len(FINDINGS), "\n".join(lines)
    for name, printed, other, _ in FINDINGS:
        matching = [
            line for line in lines if line.startswith(f"data/{name}:") and mentions(line, printed) and mentions(line, other)
        ]
        assert len(matching) == 1, (name, printed, other, lines)
        path, line_number = matching[0].split(":")[:2]
        declared = (ROOT / path).read_text().splitlines()[int(line_number) - 1]
        assert re.match(r"\s*- (omschrijving|id):", declared), declared


# Where each figure stands on the built page, and a value the note next to it must name.
# A figure is a text quote, or (row label, cell) in a table.
ON_PAGE = [
    ("tynaarlo/2023", "€38.067 per jaar", "€38.066"),
    ("hardenberg/2026", "groei van 950 sociale", "975"),
    ("hardenberg/2026", "groei aangegeven van 975", "950"),
    ("harderwijk/2024", "Prestatieafspraken 2021", "2022"),
    ("harderwijk/2024", "Raamovereenkomst sociale huur 2022", "2021"),
    ("harderwijk/2024", "uit met 1.000 tot 1.300 woningen", "1331"),
    ("harderwijk/2024", "zijn 1331 woningen opgenomen", "1.300"),
    ("hoogeveen/2026", ("Verwachte Sloop/Verkoop", "390"), "391"),
    ("hoogeveen/2026", ("Verwachte Netto toevoeging", "+324"), "325"),
    ("hoogeveen/2026", ("Woonwagens incl standplaatsen", "28"), "29"),
    ("hoogeveen/2026", ("Enkel standplaatsen", "72"), "71"),
    ("steenwijkerland/2026", ("Totaal", "100%"), "104,4%"),
    ("steenwijkerland/2026", ("Wetland Wonen", "1628"), "1669"),
    ("steenwijkerland/2026", ("Totaal", "1669"), "1628"),
]

NOTES_AFTER = """([quote, row, cell]) => {
  let start = null;
  if (row === null) {
    const blocks = [...document.querySelectorAll("article h1, article p, article li, article dd")];
    start = blocks.find(e => e.textContent.includes(quote) && !e.closest(".admonition"));
  } else {
    const rows = [...document.querySelectorAll("article tr")].filter(tr => tr.cells[0].textContent.trim() === row);
    start = rows.map(tr => [...tr.cells].find(td => td.textContent.trim() === cell)).find(Boolean);
  }
  if (!start) return null;
  const notes = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_ELEMENT);
  walker.currentNode = start;
  while (walker.nextNode()) {
    const e = walker.currentNode;
    if (e.matches("h2, h4") || (e.matches("h1") && e !== start)) break;
    if (e.matches(".admonition.cijfers")) notes.push(e.textContent);
  }
  return notes;
}"""


@pytest.mark.parametrize(("path", "figure", "named"), ON_PAGE)
def test_a_note_with_the_other_value_stands_next_to_each_inconsistent_figure(
    page: Page, server: str, path: str, figure: str | tuple[str, str], named: str
) -> None:
    page.goto(f"{server}/gemeenten/{path}/")
    quote, row, cell = (figure, None, None) if isinstance(figure, str) else (None, *figure)
    notes = page.evaluate(NOTES_AFTER, [quote, row, cell])
    assert notes is not None, f"{figure} staat niet op de pagina"
    assert any(mentions(note, named) for note in notes), notes


def positions(page: Page, selectors: list[str]) -> list[int]:
    """Document order of the first element matching each selector, or of the first element that itself
    holds the text after 'text='."""
    return page.evaluate(
        """(selectors) => {
          const all = [...document.querySelectorAll("article *")];
          const holds = (e, t) => e.textContent.includes(t) && ![...e.children].some(c => c.textContent.includes(t));
          return selectors.map(s => s.startsWith("text=")
            ? all.findIndex(e => holds(e, s.slice(5)))
            : all.indexOf(document.querySelector(s)));
        }""",
        selectors,
    )


def test_steenwijkerland_tables_follow_the_agreements_the_source_puts_them_after(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/steenwijkerland/2026/")
    order = positions(
        page,
        [
            "#afspraak-4",
            "text=Woonconcept heeft geen plannen voor het toevoegen van woningen",
            "text=Prognose eind 2027",
            "text=Tabel 1: Deze tabel toont",
            "#betaalbaarheid",
            "#afspraak-10",
            "text=Wetland Wonen renoveert/verduurzaamt 34 woningen",
            "text=Tabel 2 laat de energieprestatie zien",
            "#tabel-tabel-2-energielabels",
            "text=Energie-Index 2024 volgens nader voorschrift",
            "#wonen-met-zorg",
        ],
    )
    assert -1 not in order and order == sorted(order), order
    last_row = page.locator("table:has-text('Prognose eind 2027') tr").last
    assert "stand" in last_row.locator("td").all_inner_texts()


def test_steenwijkerland_chapters_do_not_open_with_a_table(page: Page, server: str) -> None:
    page.goto(f"{server}/gemeenten/steenwijkerland/2026/")
    first_after_heading = page.evaluate(
        """() => [...document.querySelectorAll("article h2")].map(h => {
             let e = h.nextElementSibling;
             while (e && !e.matches("h2, h3, h4, table")) e = e.nextElementSibling;
             return e ? e.tagName : null;
           })"""
    )
    assert "TABLE" not in first_after_heading


@pytest.mark.parametrize(
    ("path", "outer", "inner"),
    [
        ("hardenberg/2026", "Dit gaat over;", "draagvlak."),
        ("harderwijk/2024", "Omnia Wonen:", "Harderwieker Huse – 8"),
        ("harderwijk/2024", "Uwoon:", "Harderweide – 43 (2024/2025)."),
    ],
)
def test_lists_nested_in_the_source_are_nested_on_the_page(page: Page, server: str, path: str, outer: str, inner: str) -> None:
    page.goto(f"{server}/gemeenten/{path}/")
    nested = page.locator("article :is(ul, ol) > li", has_text=outer).locator(":scope > :is(ul, ol) > li", has_text=inner)
    assert nested.count() == 1


LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)]) ")


def shallow_nested_items(text: str) -> list[str]:
    """List items indented by 1-3 spaces under another item: Python-Markdown renders them flat."""
    found, in_list = [], False
    for line in text.splitlines():
        item = LIST_ITEM.match(line)
        if item and in_list and 0 < len(item.group(1)) < 4:
            found.append(line)
        in_list = bool(item) or (in_list and line.startswith(" ") and bool(line.strip()))
    return found


def strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return [node] if isinstance(node, str) else []


def test_shallow_nesting_is_detected() -> None:
    assert shallow_nested_items("- a\n  - b") == ["  - b"]
    assert shallow_nested_items("- a\n    - b") == []
    assert shallow_nested_items("Tekst\n  - b") == []


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*/*.yaml")), ids=lambda p: p.parent.name)
def test_no_data_text_has_a_nested_list_that_would_render_flat(path: Path) -> None:
    texts = strings(yaml.safe_load(path.read_text()))
    assert [line for text in texts for line in shallow_nested_items(text)] == []
