"""Who an agreement names, and the one readable line that every list of agreements shows."""

from __future__ import annotations

import re

import pytest

from generator.collect import collect
from generator.indexes import Site, build_site
from generator.mentions import display_name, naming_sentences, party_pattern
from generator.model import Agreement, Document, Registry
from generator.summary import MAX_HEADLINE, group_of, headline, plain, sentences
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def registry() -> Registry:
    found = collect(ROOT / "data").registry
    assert found is not None
    return found


@pytest.fixture(scope="module")
def site(registry: Registry) -> Site:
    return build_site(registry)


def document(registry: Registry, gemeente: str) -> Document:
    return next(d for d in registry.documenten if d.gemeente == gemeente)


def agreement(registry: Registry, gemeente: str, anchor: str) -> Agreement:
    return next(a for a in document(registry, gemeente).afspraken if a.anchor == anchor)


def named(registry: Registry, gemeente: str, text: str) -> set[str]:
    """The parties that `text` names, read as if it stood in that gemeente's document."""
    doc = document(registry, gemeente)
    patterns = {p.id: pattern for p in registry.partijen.values() if (pattern := party_pattern(p, doc))}
    return set(naming_sentences(text, patterns))


# Mention detection: true positives


@pytest.mark.parametrize(
    ("gemeente", "text", "party"),
    [
        ("steenwijkerland", "Woonconcept evalueert haar woonlastenbeleid.", "woonconcept"),
        ("steenwijkerland", "Het Fixteam gaat bij 250 woningen van Woonconcept langs.", "woonconcept"),
        ("steenwijkerland", "Wetland Wonen en Woonconcept onderzoeken de haalbaarheid.", "wetland-wonen"),
        ("steenwijkerland", "De gemeente hanteert sociale grondprijzen.", "gemeente-steenwijkerland"),
        ("steenwijkerland", "Gemeente heeft in 2025 het Woonwagenbeleid vastgesteld.", "gemeente-steenwijkerland"),
        ("steenwijkerland", "Convenant Voorzieningswijzer Gemeente Steenwijkerland 2025-2027.", "gemeente-steenwijkerland"),
        ("tynaarlo", "Over dit laatste overlegt Woonborg met **AH WOON**.", "ah-woon"),
        ("hoogeveen", "Bouw van Woonconcept-woningen.", "woonconcept"),
    ],
)
def test_a_party_named_in_the_text_is_found(registry: Registry, gemeente: str, text: str, party: str) -> None:
    assert party in named(registry, gemeente, text)


def test_spellings_the_documents_use_are_found(registry: Registry) -> None:
    assert "uwoon" in named(registry, "harderwijk", "Waarbij UWOON ongeveer 60% voor haar rekening neemt.")
    assert "omnia-wonen" in named(registry, "harderwijk", "In 2024 worden door Omnia wonen 22 woningen verduurzaamd.")
    assert "ah-woon" in named(registry, "tynaarlo", "De pilot van AH Woon, HBV en gemeente.")


def test_a_document_s_own_term_for_a_party_counts_in_that_document_only(registry: Registry) -> None:
    text = "De corporatie labelt in 2026 minstens 10 bestaande woningen voor jongeren."
    assert "vechtdal-wonen" in named(registry, "hardenberg", text)
    assert named(registry, "steenwijkerland", text) == set()


def test_the_bare_word_gemeente_is_the_gemeente_of_the_document(registry: Registry) -> None:
    text = "De gemeente neemt het initiatief."
    assert named(registry, "hoogeveen", text) == {"gemeente-hoogeveen"}
    assert named(registry, "tynaarlo", text) == {"gemeente-tynaarlo"}


# Mention detection: false positives


@pytest.mark.parametrize(
    ("gemeente", "text"),
    [
        ("steenwijkerland", "Er komen 38 woningen in Steenwijkerland."),  # a place, not the party
        ("harderwijk", "We breiden de voorraad in de gemeente Harderwijk uit."),
        ("hardenberg", "Een afspraak met de Plaatselijke Belangen in de gemeente."),
        ("harderwijk", "Een evenwichtige verdeling over de gemeente."),
        ("tynaarlo", "Reacties van woningzoekenden van buiten de gemeente Tynaarlo."),
        ("hoogeveen", "Een vergunning van de gemeente Zwolle."),  # another gemeente
        ("hoogeveen", "De gemeentelijke taakstelling en de gemeenteraad."),
        ("hoogeveen", "Ook andere gemeenten en zorgpartijen doen mee."),  # ordinary words, not the parties
        ("hoogeveen", "Een cascade van maatregelen; samen sterk staan."),
        ("hoogeveen", "De Woonconceptstraat en woonconceptueel bouwen."),  # not whole words
        ("harderwijk", "Stichting Huurdersorganisatie Omnia Wonen stemt in."),  # only SHOW, see below
    ],
)
def test_words_that_look_like_a_party_are_not_counted(registry: Registry, gemeente: str, text: str) -> None:
    found = named(registry, gemeente, text)
    assert not found - {"show"}, found
    assert "omnia-wonen" not in found


def test_the_longer_name_wins(registry: Registry) -> None:
    assert named(registry, "harderwijk", "Stichting Huurdersorganisatie Omnia Wonen stemt in.") == {"show"}


def test_each_party_gets_the_sentences_that_name_it(registry: Registry) -> None:
    doc = document(registry, "steenwijkerland")
    patterns = {p: party_pattern(registry.partijen[p], doc) for p in ("woonconcept", "wetland-wonen")}
    text = "Wetland Wonen bouwt. Woonconcept renoveert o.a. 30 woningen. Beide overleggen."
    found = naming_sentences(text, {k: v for k, v in patterns.items() if v})
    assert found == {"wetland-wonen": ("Wetland Wonen bouwt.",), "woonconcept": ("Woonconcept renoveert o.a. 30 woningen.",)}


def test_gemeenten_are_shown_as_gemeente_not_as_a_place(registry: Registry) -> None:
    assert display_name(registry.partijen["gemeente-hardenberg"]) == "Gemeente Hardenberg"
    assert display_name(registry.partijen["vechtdal-wonen"]) == registry.partijen["vechtdal-wonen"].korte_naam
    assert display_name(registry.partijen["hov"]) == "HOV"


# Party index: what the Woonconcept page is built from


def test_woonconcept_is_listed_where_steenwijkerland_names_it(site: Site) -> None:
    entries = [e for e in site.by_party["woonconcept"] if e.page.gemeente == "steenwijkerland"]
    by_anchor = {e.agreement.anchor: e for e in entries}
    five = by_anchor["afspraak-5"]
    assert five.roles == ()
    assert (
        "Woonconcept evalueert haar woonlastenbeleid (o.a. het huurbeleid) en waar nodig stuurt ze het woonlastenbeleid bij."
        in five.named
    )
    assert by_anchor["afspraak-9"].roles == ("eigen stap",)
    # every agreement of the document whose text says "Woonconcept" is there, and no other
    doc = document(site.registry, "steenwijkerland")
    saying = {
        a.anchor
        for a in doc.afspraken
        if re.search(r"\bWoonconcept\b", " ".join([a.kader, a.tekst, *(s.tekst for s in a.stappen)]))
    }
    assert set(by_anchor) == saying | {"afspraak-9"}


def test_an_agreement_with_a_role_is_listed_once(site: Site) -> None:
    for party, entries in site.by_party.items():
        keys = [(e.page.path, e.agreement.anchor) for e in entries]
        assert len(keys) == len(set(keys)), party


# Headline: one readable line per agreement


def test_headline_is_the_first_sentence(registry: Registry) -> None:
    five = agreement(registry, "steenwijkerland", "afspraak-5")
    line = headline(five)
    assert line == sentences(five.kader)[0]
    assert line.startswith("Minimaal 75% van de sociale voorraad") and line.endswith("aftoppingsgrens.")
    assert "differentiatie" not in line  # the second sentence of the same text


def test_headline_does_not_stop_at_an_abbreviation(registry: Registry) -> None:
    nine = agreement(registry, "harderwijk", "afspraak-beschikbaarheid-9")
    assert headline(nine, 2024).startswith("Max. 10% van de mutaties wordt toegewezen")
    assert sentences("Woonconcept renoveert o.a. 30 woningen. Per 1 januari 2022 label B. Daarna meer.") == [
        "Woonconcept renoveert o.a. 30 woningen.",
        "Per 1 januari 2022 label B.",
        "Daarna meer.",
    ]


def test_headline_of_a_short_title_is_the_title(registry: Registry) -> None:
    one = agreement(registry, "hardenberg", "afspraak-1")
    assert headline(one) == one.tekst.strip()


def test_headline_uses_the_step_of_the_year_when_there_is_no_text(registry: Registry) -> None:
    first = agreement(registry, "harderwijk", "afspraak-beschikbaarheid-1")
    assert headline(first, 2023) == sentences(first.steps_for(2023)[0].tekst)[0]
    assert headline(first, 2024) == sentences(first.steps_for(2024)[0].tekst)[0]
    assert headline(first, 2023) != headline(first, 2024)


def test_headline_falls_back_to_the_group_of_a_row_without_text(registry: Registry) -> None:
    doc = document(registry, "harderwijk")
    chapter = next(c for c in doc.hoofdstukken if c.id == "wonen-zorg-aandachtsgroepen")
    five = next(a for a in chapter.afspraken if a.nummer == "5")
    assert not (five.tekst or five.kader or five.stappen)
    group = group_of(chapter, five)
    assert group is not None and headline(five, 2024, group) == sentences(group.kader)[0]


def test_every_agreement_has_a_readable_headline(site: Site) -> None:
    for page in site.pages:
        for chapter, a in page.all_agreements():
            line = site.headline(a, page.year, chapter)
            assert len(line.split()) >= 2, (page.path, a.anchor, line)
            assert len(line) <= MAX_HEADLINE + 2, (page.path, a.anchor)
            assert not re.search(r"\*\*|\[\^|\]\(|^#|^- ", line), (page.path, a.anchor, line)


def test_long_first_sentences_are_cut_at_a_word() -> None:
    words = " ".join(f"woord{n}" for n in range(60)) + "."
    line = headline(Agreement(nummer="1", anchor="afspraak-1", tekst=words))
    assert line.endswith(" …") and len(line) <= MAX_HEADLINE + 2
    assert words.startswith(line[:-2])


def test_plain_drops_markup_but_keeps_the_words() -> None:
    assert plain("**Woonconcept** levert [38 woningen](https://example.org) op[^1]") == "Woonconcept levert 38 woningen op"
    assert sentences("Voor 2026:\n\n- Hollandscheveld, 4 woningen\n- Hoogeveen, 30 woningen") == [
        "Voor 2026:",
        "Hollandscheveld, 4 woningen",
        "Hoogeveen, 30 woningen",
    ]


def test_a_bare_reference_is_not_a_headline(registry: Registry) -> None:
    doc = document(registry, "harderwijk")
    chapter = next(c for c in doc.hoofdstukken if c.id == "duurzaamheid")
    nine = next(a for a in chapter.afspraken if a.nummer == "9")
    assert [s.tekst.strip() for s in nine.stappen] == ["Zie productieafspraken."]
    group = group_of(chapter, nine)
    assert group is not None and headline(nine, 2024, group) == sentences(group.kader)[0]
