"""Concreteness of real agreements, pinned by hand: the expected level and answers below were
written from reading each agreement's text, not from running the rules. Where the rules read a
text differently from a careful reader, the case sits in DISAGREEMENTS with both readings, so the
list stays true when the rules change."""

from __future__ import annotations

import pytest

from generator import concreteness
from generator.collect import collect
from generator.concreteness import CONCREET, DEELS, INTENTIE, assess, level, what, when
from generator.indexes import Page, build_site
from generator.model import Agreement, Chapter, Column, Judgement, Table
from generator.rendering import render_site
from generator.summary import group_of
from tests.conftest import ROOT

REGISTRY = collect(ROOT / "data").registry
assert REGISTRY is not None
SITE = build_site(REGISTRY)
T, F = True, False

# (gemeente, year, agreement, level, says who, says what, says when), by reading the text.
READ = [
    ("hardenberg", 2026, "1", DEELS, T, F, T),  # Opstellen prestatieafspraken; Wanneer: Tot december 2025
    ("hardenberg", 2026, "3", DEELS, T, F, T),  # Tekenen; 11 december 2025
    ("hardenberg", 2026, "6", CONCREET, T, T, T),  # eens per kwartaal overleg
    ("hardenberg", 2026, "12", CONCREET, T, T, T),  # 129 sociale huurwoningen in 2026
    ("hardenberg", 2026, "13", CONCREET, T, T, T),  # grondprijzen +2,5 %, evaluatie in 2027
    ("hardenberg", 2026, "16", DEELS, T, T, F),  # minimaal 10% tot maximaal 15%, geen termijn
    ("hardenberg", 2026, "17", INTENTIE, T, F, F),  # inspanning, 'voorafgaand aan de sluiting' is geen datum
    ("hardenberg", 2026, "21", INTENTIE, F, F, T),  # 'Partijen zijn voornemens in 2026'
    ("hardenberg", 2026, "29", INTENTIE, T, F, F),  # onderzoeken mogelijkheden
    ("hardenberg", 2026, "34", CONCREET, T, T, T),  # maximaal zes woningen per jaar
    ("harderwijk", 2023, "beschikbaarheid-1", DEELS, T, F, T),  # In 2023 start de gemeente
    ("harderwijk", 2023, "beschikbaarheid-8", DEELS, T, T, F),  # corporaties sturen op +/- 5%
    ("harderwijk", 2023, "beschikbaarheid-9", INTENTIE, F, T, F),  # Max. 10% ... wordt toegewezen
    ("harderwijk", 2023, "samenwerking-1", CONCREET, T, T, T),  # Tweemaal per jaar ... de gemeente
    ("harderwijk", 2023, "leefbaarheid-10", INTENTIE, T, F, F),  # Wijkmanagers (gemeente) ...
    ("harderwijk", 2023, "wonen-zorg-aandachtsgroepen-15", INTENTIE, F, F, F),  # Partijen stellen op
    ("harderwijk", 2024, "beschikbaarheid-2", CONCREET, T, T, T),  # aantallen per project in 2024
    ("harderwijk", 2024, "beschikbaarheid-5", INTENTIE, F, F, T),  # Partijen bespreken in 2024
    ("harderwijk", 2024, "betaalbaarheid-9", INTENTIE, T, F, F),  # corporaties werken aan een tool
    ("harderwijk", 2024, "duurzaamheid-5", CONCREET, T, T, T),  # 22 en 43 woningen in 2024
    ("harderwijk", 2024, "duurzaamheid-8", DEELS, F, T, T),  # Partijen ... twee projecten in 2024
    ("harderwijk", 2024, "wonen-zorg-aandachtsgroepen-11", DEELS, T, T, F),  # 8 maatwerkwoningen
    ("harderwijk", 2024, "productieafspraken-3", DEELS, F, T, T),  # We ... 1.000 tot 1.300; Doorlopend
    ("harderwijk", 2024, "productieafspraken-4", DEELS, T, F, T),  # Trekkers; Q1 2024
    ("harderwijk", 2024, "productieafspraken-12", INTENTIE, T, F, F),  # '3-kamer woningen' is een maat
    ("hoogeveen", 2026, "1", CONCREET, T, T, T),  # stappen per corporatie met aantallen
    ("hoogeveen", 2026, "9", DEELS, T, F, T),  # Woonconcept; 'Per jaar maken we afspraken'
    ("hoogeveen", 2026, "14", CONCREET, T, T, T),  # overleg twee keer per jaar (gemeente)
    ("hoogeveen", 2026, "19", DEELS, T, T, F),  # maximaal 10% voor statushouders
    ("steenwijkerland", 2026, "2", INTENTIE, F, F, T),  # Eind 2027 ... conform de woonagenda
    ("steenwijkerland", 2026, "3", INTENTIE, T, F, F),  # gemeente hanteert sociale grondprijzen
    ("steenwijkerland", 2026, "7", DEELS, T, T, F),  # maximaal 15% van de vrije ruimte
    ("steenwijkerland", 2026, "9", CONCREET, T, T, T),  # 626 woningen tot en met 2027
    ("steenwijkerland", 2026, "13", INTENTIE, T, F, F),  # voldoende huisvestingsmogelijkheden
    ("tynaarlo", 2023, "2", INTENTIE, F, F, F),  # Partijen onderschrijven
    ("tynaarlo", 2023, "5", DEELS, T, F, T),  # De gemeente nodigt jaarlijks uit
    ("tynaarlo", 2023, "13", DEELS, T, T, F),  # € 633,25; '2022:' labelt een bedrag, geen termijn
    ("tynaarlo", 2023, "19", CONCREET, T, T, T),  # 24 sociale huurwoningen; uiterlijk begin 2023
    ("tynaarlo", 2023, "24", DEELS, T, F, T),  # In Q2 2023 bespreken partijen
    ("tynaarlo", 2023, "31", CONCREET, T, T, T),  # Elk halfjaar ... boven de 20%
]

# Where the rules and a careful reader differ: (case, what the reader says, what the rules say, why).
DISAGREEMENTS = [
    (
        ("hoogeveen", 2026, "4"),
        (CONCREET, T, T, T),
        (DEELS, F, T, T),
        "'De regie hiervoor ligt bij de corporaties' names who acts, but not at the start of a sentence",
    ),
    (
        ("tynaarlo", 2023, "40"),
        (DEELS, T, F, T),
        (INTENTIE, T, F, F),
        "'gemiddeld om de twee jaren' is a frequency the rules do not know",
    ),
]

# Evidence a reader finds, per question: the rules must show the same words.
EVIDENCE = [
    (("hardenberg", 2026, "1"), "wie", "Vechtdal Wonen"),  # the Initiatief column
    (("hoogeveen", 2026, "1"), "wie", "Woonconcept"),  # the party of a step
    (("tynaarlo", 2023, "13"), "wie", "SEW"),  # the party a group of agreements belongs to
    (("harderwijk", 2024, "wonen-zorg-aandachtsgroepen-11"), "wie", "Omnia Wonen"),  # named as subject
    (("harderwijk", 2023, "beschikbaarheid-8"), "wie", "corporaties"),  # a role word as subject
    (("hardenberg", 2026, "12"), "wat", "129 sociale huurwoningen"),
    (("hardenberg", 2026, "16"), "wat", "minimaal 10% tot maximaal 15%"),
    (("tynaarlo", 2023, "13"), "wat", "€ 633,25"),
    (("harderwijk", 2024, "duurzaamheid-8"), "wat", "twee projecten"),
    (("harderwijk", 2023, "samenwerking-1"), "wat", "Tweemaal per jaar"),
    (("harderwijk", 2023, "beschikbaarheid-9"), "wat", "10% van de mutaties"),
    (("hardenberg", 2026, "1"), "wanneer", "Tot december 2025"),
    (("hardenberg", 2026, "3"), "wanneer", "11 december 2025"),
    (("harderwijk", 2024, "productieafspraken-4"), "wanneer", "Q1 2024"),
    (("harderwijk", 2023, "beschikbaarheid-1"), "wanneer", "In 2023"),
    (("tynaarlo", 2023, "5"), "wanneer", "jaarlijks"),
    (("harderwijk", 2024, "productieafspraken-3"), "wanneer", "Doorlopend"),
    (("steenwijkerland", 2026, "9"), "wanneer", "Tot en met 2027"),
]


def find(gemeente: str, year: int, number: str) -> tuple[Page, Chapter, Agreement]:
    page = next(p for p in SITE.pages if p.gemeente == gemeente and p.year == year)
    return next((page, c, a) for c, a in page.all_agreements() if a.anchor == f"afspraak-{number}")


def assessed(gemeente: str, year: int, number: str) -> concreteness.Assessment:
    page, chapter, agreement = find(gemeente, year, number)
    steps = agreement.steps_for(year)
    return assess(agreement, steps, REGISTRY.partijen, page.document, group_of(chapter, agreement))


def answers(result: concreteness.Assessment) -> tuple[str, bool, bool, bool]:
    return (result.niveau, bool(result.wie), bool(result.wat), bool(result.wanneer))


@pytest.mark.parametrize(("gemeente", "year", "number", *"lwhe"), READ, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in READ])
def test_level_as_read(gemeente: str, year: int, number: str, l: str, w: bool, h: bool, e: bool) -> None:  # noqa: E741
    assert answers(assessed(gemeente, year, number)) == (l, w, h, e)


@pytest.mark.parametrize(("case", "reader", "rules", "why"), DISAGREEMENTS, ids=[d[3][:40] for d in DISAGREEMENTS])
def test_known_disagreements_still_hold(case: tuple[str, int, str], reader: tuple, rules: tuple, why: str) -> None:
    assert reader != rules
    assert answers(assessed(*case)) == rules


@pytest.mark.parametrize(("case", "question", "words"), EVIDENCE, ids=[f"{c[0][2]}-{c[1]}" for c in EVIDENCE])
def test_evidence_shows_the_words_found(case: tuple[str, int, str], question: str, words: str) -> None:
    assert words in dict(assessed(*case).reasons)[question]


def test_pinned_cases_cover_every_level_and_all_five_documents() -> None:
    assert {c[3] for c in READ} == {CONCREET, DEELS, INTENTIE}
    assert {c[0] for c in READ} == {d.gemeente for d in REGISTRY.documenten}
    assert len(READ) >= 30


def test_level_counts_the_answers() -> None:
    assert level(["a", "b", "c"]) == CONCREET
    assert level(["a", "", "c"]) == DEELS
    assert level(["a", "", ""]) == INTENTIE
    assert level(["", "", ""]) == INTENTIE


@pytest.mark.parametrize(
    "text",
    [
        "de Nota bestaanszekerheid 2021-2024",
        "artikel 16 van de verordening",
        "zie bijlage 1",
        "vooral 3-kamer woningen",
        "voor een periode van vier jaar",
        "op 1 april 2026",
    ],
)
def test_names_dates_and_sizes_are_not_counts(text: str) -> None:
    assert what(text) == ""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("in de Woondeal (2023 editie)", ""),
        ("de Subsidieregeling Harderwijk 2017", ""),
        ("uiterlijk 15 december", "15 december"),
        ("in het 2e kwartaal van 2026", "2e kwartaal van 2026"),
        ("medio 2025", "medio 2025"),
    ],
)
def test_when_needs_a_moment_not_a_year_in_a_name(text: str, found: str) -> None:
    assert when(text) == found


def test_a_table_of_figures_counts_as_what() -> None:
    table = Table(id="t", kolommen=[Column("Jaar"), Column("Woningen", soort="getal")], rijen=[["2026", 12]])
    agreement = Agreement(nummer="1", anchor="afspraak-1", tekst="De corporatie bouwt volgens de tabel.", tabellen=[table])
    page, _chapter, _agreement = find("hardenberg", 2026, "1")
    result = assess(agreement, [], REGISTRY.partijen, page.document)
    assert result.wat == "cijfers in een tabel"
    assert result.wie == "Vechtdal Wonen"  # 'de corporatie' is Vechtdal Wonen in this document


def test_an_editors_judgement_is_shown_as_such_with_its_reason() -> None:
    _page, _chapter, agreement = find("harderwijk", 2024, "beschikbaarheid-9")
    reason = "De corporaties passen deze regel elk jaar toe; de redactie leest dit als concreet."
    agreement.concreetheid = Judgement(niveau=CONCREET, reden=reason, jaar=2024)
    try:
        pages = render_site(REGISTRY)
    finally:
        agreement.concreetheid = None
    on_2024 = pages["gemeenten/harderwijk/2024/index.md"]
    block = on_2024[on_2024.index("{ #afspraak-beschikbaarheid-9 ") :][:2500]
    assert "**Concreet** (oordeel van de redactie)" in block
    assert reason in block and "Uit de tekst afgeleid: intentie." in block
    on_2023 = pages["gemeenten/harderwijk/2023/index.md"]
    assert "oordeel van de redactie" not in on_2023[on_2023.index("{ #afspraak-beschikbaarheid-9 ") :][:1500]
