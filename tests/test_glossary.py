"""Glossary scoping on small hand-made registries: a document's own definition holds on its own
pages only, the site's explanation everywhere, and every tooltip says which one it is."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from generator import construct, glossary
from generator.collect import collect
from generator.indexes import build_site
from generator.model import Party, Registry
from generator.rendering import abbreviations
from tests.conftest import site_markdown
from tests.golden import ROOT, rendered

NEUTRAL = "Een huurwoning die de corporatie verhuurt aan mensen met een laag inkomen."
OWN_A = "Sociale huurwoningen zijn hier woningen die minimaal 25 jaar sociaal worden verhuurd."
APPENDIX_B = "Kernbinding is voorrang voor wie 6 jaar in het dorp woont."


def document(gemeente: str, jaar: int, **extra: Any) -> dict[str, Any]:
    return {
        "gemeente": gemeente,
        "titel": f"Afspraken {gemeente} {jaar}",
        "soort": "jaarafspraken",
        "periode": {"van": jaar, "tot": jaar},
        "jaar": jaar,
        "bron": {"bestand": f"{gemeente}.pdf"},
        "hoofdstukken": [],
        **extra,
    }


def registry(terms: list[dict[str, Any]], *documents: dict[str, Any]) -> Registry:
    docs = documents or (
        document("aastad", 2026),
        document(
            "beedorp",
            2025,
            bijlagen=[
                {
                    "id": "bijlage-3",
                    "nummer": "3",
                    "titel": "Begrippen",
                    "begrippen": [{"term": "Kernbinding", "uitleg": APPENDIX_B}],
                }
            ],
        ),
    )
    names = {"aastad": "Aastad", "beedorp": "Beedorp", "ceeveen": "Ceeveen"}
    return Registry(
        partijen={f"gemeente-{g}": Party(f"gemeente-{g}", f"Gemeente {n}", n, "gemeente") for g, n in names.items()},
        themas={},
        begrippen=construct.terms(terms),
        documenten=[construct.document(d, f"{d['gemeente']}/{d['jaar']}.yaml") for d in docs],
    )


SOCIAL = {
    "term": "sociale huurwoningen",
    "uitleg": NEUTRAL,
    "definities": [{"gemeente": "aastad", "jaar": 2026, "tekst": OWN_A, "anker": "preferente-partner"}],
}


def titles(reg: Registry, doc_index: int | None) -> dict[str, str]:
    doc = None if doc_index is None else reg.documenten[doc_index]
    return {t.key: t.title for t in glossary.tooltips(glossary.entries(reg), doc)}


def test_own_definition_holds_on_its_document_and_names_it() -> None:
    reg = registry([SOCIAL])
    title = titles(reg, 0)["sociale huurwoningen"]
    assert OWN_A in title and NEUTRAL not in title
    assert title.endswith("(definitie uit Prestatieafspraken Aastad 2026)")


@pytest.mark.parametrize("where", [1, None], ids=["other document", "page of no document"])
def test_elsewhere_the_site_explanation_holds_and_says_so(where: int | None) -> None:
    title = titles(registry([SOCIAL]), where)["sociale huurwoningen"]
    assert title == f"{NEUTRAL} (uitleg van deze site)"


def test_a_term_with_only_a_document_definition_has_no_tooltip_elsewhere() -> None:
    reg = registry([{k: v for k, v in SOCIAL.items() if k != "uitleg"}])
    assert "sociale huurwoningen" in titles(reg, 0)
    assert "sociale huurwoningen" not in titles(reg, 1)
    assert "sociale huurwoningen" not in titles(reg, None)


def test_appendix_glossary_is_scoped_to_its_document_and_merged_with_the_register() -> None:
    reg = registry([{"term": "kernbinding", "definities": [{"gemeente": "aastad", "jaar": 2026, "tekst": "Eigen regel."}]}])
    entries = [e for e in glossary.entries(reg) if e.term.casefold() == "kernbinding"]
    assert len(entries) == 1
    assert [(d.name, d.anker, d.plaats) for d in entries[0].definities] == [
        ("Prestatieafspraken Aastad 2026", "", ""),
        ("Prestatieafspraken Beedorp 2025", "bijlage-3", "Bijlage 3: Begrippen"),
    ]
    assert APPENDIX_B not in titles(reg, 0)["kernbinding"]
    assert APPENDIX_B in titles(reg, 1)["kernbinding"]
    assert "kernbinding" not in titles(reg, None)


def test_every_tooltip_names_its_source() -> None:
    reg = registry([SOCIAL, {"term": "Woningwet", "uitleg": "De wet voor corporaties."}])
    for where in (0, 1, None):
        for title in titles(reg, where).values():
            assert title.endswith(
                (
                    "(uitleg van deze site)",
                    "(definitie uit Prestatieafspraken Aastad 2026)",
                    "(definitie uit Prestatieafspraken Beedorp 2025)",
                )
            )


def test_a_definition_of_a_missing_document_is_refused() -> None:
    wrong = {**SOCIAL, "definities": [{"gemeente": "aastad", "jaar": 2019, "tekst": OWN_A}]}
    with pytest.raises(glossary.GlossaryError, match="aastad 2019"):
        glossary.entries(registry([wrong]))


def test_tooltip_is_one_line_of_plain_text() -> None:
    listed = {
        "term": "huurwoningen",
        "uitleg": "Huurwoningen:\n\n- met een *lage* huur;\n- die [lang](https://example.org) blijven.",
    }
    title = titles(registry([listed]), None)["huurwoningen"]
    assert title == "Huurwoningen: met een lage huur; die lang blijven. (uitleg van deze site)"


def test_keys_the_abbreviation_syntax_cannot_hold_get_no_tooltip() -> None:
    reg = registry([{"term": "R[1]", "uitleg": "Iets."}, {"term": "Woningwet", "uitleg": "De wet."}])
    assert set(titles(reg, None)) == {"Woningwet"}


def test_letters_are_flat_sorted_and_ignore_case_and_accents() -> None:
    terms = [{"term": t, "uitleg": "Uitleg."} for t in ("woningwet", "Één loket", "aow", "Beheer", "'t Hof", "Achterstand")]
    grouped = glossary.by_letter(glossary.entries(registry(terms, document("aastad", 2026))))
    assert [letter for letter, _ in grouped] == ["Overig", "A", "B", "E", "W"]
    assert [[e.term for e in entries] for _, entries in grouped][1] == ["Achterstand", "aow"]


def html_of(reg: Registry, path: str, text: str) -> str:
    return markdown.markdown(f"{text}\n\n{abbreviations(reg).for_page(path, text)}", extensions=["abbr"])


def test_rendered_pages_carry_the_definition_of_their_own_document_only() -> None:
    reg = registry([SOCIAL])
    text = "Wij bouwen sociale huurwoningen."
    on_own = html_of(reg, "gemeenten/aastad/2026/index.md", text)
    on_other = html_of(reg, "gemeenten/beedorp/2025/index.md", text)
    on_theme = html_of(reg, "themas/beschikbaarheid/index.md", text)
    assert "minimaal 25 jaar" in on_own and "definitie uit Prestatieafspraken Aastad 2026" in on_own
    for page in (on_other, on_theme):
        assert '<abbr title="' in page and "minimaal 25 jaar" not in page and "uitleg van deze site" in page


@pytest.mark.parametrize(
    ("key", "text", "tooltip"),
    [
        ("B&W", "Het college van B&W besluit.", True),
        ("B&W", "Het college van B&amp;W besluit.", False),
        ("o.a.", "Wij bouwen o\\.a\\. woningen.", False),
        ("2+1", "Een **2+1** woning.", True),
    ],
)
def test_a_term_gets_the_tooltip_it_gets_with_every_definition(key: str, text: str, tooltip: bool) -> None:
    """A page gets only the definitions of terms its Markdown holds, also where the term is
    written with an entity or escapes (Python-Markdown gives those no tooltip)."""
    reg = registry([{"term": key, "uitleg": "Uitleg van de term."}, SOCIAL])
    path = "themas/beschikbaarheid/index.md"
    every = "".join(d.markdown for d in abbreviations(reg).neutral)
    page = html_of(reg, path, text)
    assert page == markdown.markdown(f"{text}\n\n{every}", extensions=["abbr"])
    assert ("<abbr " in page) is tooltip


def test_a_page_gets_no_definitions_of_terms_it_does_not_hold() -> None:
    reg = registry([SOCIAL, {"term": "DAEB", "uitleg": "Diensten van algemeen economisch belang."}])
    definitions = abbreviations(reg).for_page("themas/beschikbaarheid/index.md", "Wij bouwen sociale huurwoningen.")
    assert definitions.startswith("*[sociale huurwoningen]: ") and "DAEB" not in definitions


def test_every_page_has_the_tooltips_it_had_with_every_definition() -> None:
    """Leaving out the definitions of terms a page does not hold changes none of its HTML."""
    registry = collect(ROOT / "data").registry
    assert registry is not None
    glossary_ = abbreviations(registry)
    converter = site_markdown()
    pages = rendered()
    tooltips = 0
    for path, text in pages.items():
        every = "".join(d.markdown for d in glossary_.by_page.get(path, glossary_.neutral))
        fewer = converter.reset().convert(f"{text}\n\n{glossary_.for_page(path, text)}")
        assert fewer == converter.reset().convert(f"{text}\n\n{every}"), path
        tooltips += fewer.count("<abbr ")
    assert tooltips > 1000


def test_comparison_of_two_years_of_one_document_uses_its_definitions() -> None:
    framework = document("ceeveen", 2024, soort="kader-met-jaarschijf", jaren=[2023, 2024])
    framework["periode"] = {"van": 2021, "tot": 2026}
    reg = registry([SOCIAL], document("aastad", 2025), document("aastad", 2026), framework)
    pages = glossary.document_pages(build_site(reg))
    ceeveen = reg.documenten[2]
    assert pages["gemeenten/ceeveen/vergelijk/2023-2024/index.md"] is ceeveen
    assert pages["gemeenten/ceeveen/2023/index.md"] is ceeveen
    assert pages["gemeenten/aastad/2026/index.md"] is reg.documenten[1]
    assert "gemeenten/aastad/vergelijk/2025-2026/index.md" not in pages
