"""Splitting a theme's or party's listing over pages: the budget holds, a gemeente stays on one
page unless it alone is too big, nothing is lost or reordered, and links find their page. And the
glossary page, which lists a repeated definition once."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import glossary, paging
from generator.collect import collect
from generator.indexes import build_site


def entries(*groups: tuple[str, list[int]]) -> list[SimpleNamespace]:
    """Entries shaped like indexes.Entry: per gemeente, per year the number of agreements."""
    made = []
    for gemeente, counts in groups:
        for year, count in zip(range(2021, 2021 + len(counts)), counts, strict=True):
            page = SimpleNamespace(gemeente=gemeente, year=year, path=f"gemeenten/{gemeente}/{year}/index.md")
            made += [SimpleNamespace(page=page, n=i) for i in range(count)]
    return made


def split(items: list[SimpleNamespace], budget: int) -> list[list[SimpleNamespace]]:
    return paging.split(items, budget, lambda e: e.page.gemeente, lambda e: e.page.path)


def gemeenten(page: list[SimpleNamespace]) -> list[str]:
    return list(dict.fromkeys(e.page.gemeente for e in page))


def test_a_small_listing_is_one_page() -> None:
    items = entries(("aalberg", [3, 4]), ("dijkveen", [5]))
    assert split(items, 150) == [items]


def test_an_empty_listing_still_has_its_first_page() -> None:
    assert split([], 10) == [[]]


def test_the_budget_holds_and_order_and_entries_are_kept() -> None:
    items = entries(*[(f"g{i:02d}", [i % 4 + 1, 3]) for i in range(30)])
    pages = split(items, 12)
    assert len(pages) > 1
    assert all(0 < len(p) <= 12 for p in pages)
    assert [e for p in pages for e in p] == items


def test_a_gemeente_is_never_split_when_it_fits_a_page() -> None:
    items = entries(("a", [3, 3]), ("b", [1, 3]), ("c", [4, 4]), ("d", [1]))
    pages = split(items, 10)
    assert [gemeenten(p) for p in pages] == [["a", "b"], ["c", "d"]]
    items = entries(("a", [3, 3]), ("b", [2, 3]), ("c", [4, 4]), ("d", [1]))
    assert [gemeenten(p) for p in split(items, 10)] == [["a"], ["b"], ["c", "d"]]


def test_a_gemeente_over_budget_is_split_between_documents_only() -> None:
    items = entries(("a", [2]), ("b", [4, 4, 4]), ("c", [1]))
    pages = split(items, 6)
    assert [len(p) for p in pages] == [6, 4, 5]
    for page in pages:
        for document in {e.page.path for e in page}:
            assert all(e in page for e in items if e.page.path == document), "a document was split"


def test_a_document_larger_than_the_budget_continues_on_the_next_pages() -> None:
    items = entries(("a", [1]), ("b", [9]), ("c", [1]))
    pages = split(items, 4)
    assert [len(p) for p in pages] == [1, 4, 4, 2]
    assert [e for p in pages for e in p] == items


def test_weights_fill_a_page_instead_of_counts() -> None:
    items = entries(("a", [2]), ("b", [2]), ("c", [2]), ("d", [2]))
    weights = [1, 1, 3, 3, 1, 1, 1, 1]
    pages = paging.split(items, 6, lambda e: e.page.gemeente, lambda e: e.page.path, weights)
    assert [gemeenten(p) for p in pages] == [["a"], ["b"], ["c", "d"]]
    assert [gemeenten(p) for p in split(items, 6)] == [["a", "b", "c"], ["d"]]
    assert paging.split(items, 6, lambda e: e.page.gemeente, lambda e: e.page.path, [1.0] * len(items)) == split(items, 6)


def test_an_entry_heavier_than_a_page_gets_a_page_of_its_own() -> None:
    items = entries(("a", [3]))
    pages = paging.split(items, 5, lambda e: e.page.gemeente, lambda e: e.page.path, [1, 9, 1])
    assert [[e.n for e in p] for p in pages] == [[0], [1], [2]]


def party_entry(
    path: str, partijen: int, steps: list[tuple[str, str]], roles: tuple[str, ...], named: tuple[str, ...]
) -> SimpleNamespace:
    page = SimpleNamespace(
        path=path,
        year=2026,
        document=SimpleNamespace(partijen=[object()] * partijen),
        steps=lambda agreement: [SimpleNamespace(tekst=t, partijen=[p]) for p, t in steps],
    )
    return SimpleNamespace(page=page, agreement=object(), chapter=object(), roles=roles, named=named)


def test_a_party_entry_weighs_its_own_steps_its_quotes_and_its_documents_other_parties() -> None:
    site = SimpleNamespace(headline=lambda agreement, year, chapter: "De kop.")
    unit = paging.PARTY_TEXT
    first = party_entry("d/1", 5, [("p", "x" * unit), ("q", "y" * 3 * unit)], ("initiatief",), ())
    named = party_entry("d/1", 5, [], (), ("De kop.", "z" * unit))
    plain = party_entry("d/1", 5, [], ("betrokken",), ("w" * 9 * unit,))
    weights = paging.party_weights([first, named, plain], "p", site)  # type: ignore[arg-type]
    group = (paging.GROUP_TEXT + 4 * paging.OTHER_TEXT) / unit
    assert weights == [pytest.approx(2 + group), pytest.approx(2), 1]


def test_sheets_keep_the_first_address_and_number_the_rest() -> None:
    assert paging.sheet_path("themas/wonen/index.md", 1) == "themas/wonen/index.md"
    assert paging.sheet_path("themas/wonen/index.md", 3) == "themas/wonen/3/index.md"
    assert paging.href("themas/wonen/index.md", "themas/wonen/3/index.md") == "../"
    assert paging.href("themas/wonen/3/index.md", "themas/wonen/index.md") == "3/"
    assert paging.href("themas/wonen/index.md", "themas/wonen/index.md") == "./"


class Names:
    """The two names a listing needs from the site."""

    def gemeente_name(self, slug: str) -> str:
        return slug.capitalize()

    def page_label(self, page: SimpleNamespace) -> str:
        return f"{self.gemeente_name(page.gemeente)} {page.year}"


def test_labels_name_the_range_and_the_document_where_a_gemeente_is_on_two_pages() -> None:
    items = entries(("aalberg", [2]), ("dijkveen", [2, 3, 3]), ("zandee", [2]))
    listing = paging.listing(items, "themas/wonen/index.md", Names(), budget=5)
    assert [s.label for s in listing.sheets] == ["Aalberg – Dijkveen 2021", "Dijkveen 2022", "Dijkveen 2023 – Zandee"]
    assert [s.path for s in listing.sheets] == ["themas/wonen/index.md", "themas/wonen/2/index.md", "themas/wonen/3/index.md"]
    items = entries(("dijkveen", [2, 2, 2]))
    assert [s.label for s in paging.listing(items, "t/index.md", Names(), budget=4).sheets] == [
        "Dijkveen 2021 – 2022",
        "Dijkveen 2023",
    ]


def test_every_document_is_found_on_the_page_that_holds_it() -> None:
    items = entries(("b", [3]), ("d", [3]), ("f", [3]))
    listing = paging.listing(items, "partijen/x/index.md", Names(), budget=3)
    for entry in items:
        assert entry in listing.sheet_for(entry.page).entries
    # A document the listing does not hold (a party signed it, nothing names the party) goes to
    # the page whose range of gemeenten it falls in.
    signed = [SimpleNamespace(gemeente=g, year=2021, path=f"gemeenten/{g}/2030/index.md") for g in "acez"]
    assert [listing.sheet_for(p).number for p in signed] == [1, 1, 2, 3]
    assert listing.on(listing.sheets[1], signed) == [signed[2]]


def test_groups_follow_the_documents_within_a_gemeente() -> None:
    items = entries(("a", [2, 1]), ("b", [1]))
    sheet = paging.listing(items, "themas/t/index.md", Names()).sheets[0]
    grouped = sheet.gemeenten()
    assert [(g, [len(d.entries) for d in docs]) for g, docs in grouped] == [("a", [2, 1]), ("b", [1])]
    assert [d.anchor for _, docs in grouped for d in docs] == ["a-2021", "a-2022", "b-2021"]


@pytest.mark.parametrize(
    ("path", "anchor"), [("gemeenten/a/2026/index.md", "a-2026"), ("gemeenten/a/2026-woonborg/index.md", "a-2026-woonborg")]
)
def test_a_further_document_of_a_year_has_its_own_anchor(path: str, anchor: str) -> None:
    assert paging.anchor(SimpleNamespace(gemeente="a", path=path)) == anchor


def test_the_glossary_lists_each_different_definition_once_and_at_most_three() -> None:
    def own(text: str, n: int) -> glossary.OwnDefinition:
        return glossary.OwnDefinition(SimpleNamespace(), f"Document {n}", text)  # type: ignore[arg-type]

    same = [own("Een  woning voor\nspoedzoekers.", n) for n in range(5)] + [own("Een woning voor spoedzoekers.", 5)]
    others = [own(f"Definitie {n}.", 10 + n) for n in range(4)]
    shown, left_out = glossary.shown_definitions(glossary.Entry("Spoedzoeker", definities=(*same, *others)))
    assert [(s.definition.name, s.also) for s in shown] == [("Document 0", 5), ("Document 10", 0), ("Document 11", 0)]
    assert left_out == 2
    assert glossary.shown_definitions(glossary.Entry("Flexwoning", definities=(others[0],))) == ([glossary.Shown(others[0])], 0)


def test_a_long_listing_names_the_nearby_pages_and_one_page_per_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "LISTED", 4)
    monkeypatch.setattr(paging, "NEARBY", 1)
    items = entries(*[(g, [1]) for g in ["aa", "ab", "ba", "bb", "ca", "da", "db"]])
    listing = paging.listing(items, "themas/t/index.md", Names(), budget=1)
    assert not listing.all_listed
    assert [[s.number for s in listing.nearby(s)] for s in listing.sheets] == [
        [1, 2, 3],
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
        [4, 5, 6],
        [5, 6, 7],
        [5, 6, 7],
    ]
    assert [(letter, s.number) for letter, s in listing.letters] == [("A", 1), ("B", 3), ("C", 5), ("D", 6)]
    assert [paging.initial(n) for n in ["Émmen", "'s-Hertogenbosch", "De Bilt", "123"]] == ["E", "H", "D", ""]


def test_a_party_that_signs_more_than_a_page_holds_continues_on_the_next_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Woonwijs signed both Harderwijk documents and is named in neither: with room for one
    document's line a page, each document is on a page of its own, and found there."""
    registry = collect(Path(__file__).parent.parent / "data").registry
    assert registry is not None
    site = build_site(registry.without_concepts())
    signed = site.signed_by["woonwijs"]
    assert len({p.path for p in signed}) == 2 and not site.by_party.get("woonwijs")
    assert len(paging.Listings(site).party("woonwijs").sheets) == 1
    monkeypatch.setattr(paging, "PARTY_BUDGET", 0.5)
    listing = paging.Listings(site).party("woonwijs")
    assert [[p.path for p in listing.on(s, signed)] for s in listing.sheets] == [[signed[0].path], [signed[1].path]]
    assert all(s.gemeenten() == [] for s in listing.sheets)
