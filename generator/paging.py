"""Keep listing pages bounded as the country grows: a theme's or a party's agreements, and a
year's documents, grouped by gemeente, are split over pages of at most a budget of items, and
every link into such a listing finds the page that holds its anchor; a kind of party too many for
the party overview gets a page of its own. Pure functions over the site model."""

from __future__ import annotations

import bisect
import functools
import posixpath
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from generator import indexes
from generator.indexes import Entry, Page, Site
from generator.model import Party

T = TypeVar("T")

BUDGET = 150
"""Agreements per theme page. Measured on the national benchmark's data (40 gemeenten x 2 years): a listed
agreement costs about 0.36 KB of HTML on a theme page and 0.42 KB on a party page (up to 0.9 KB
with a party's own steps), next to 16 to 21 KB for the rest of the page. At 150 the largest theme
page was 78 KB and the largest party page 112 KB."""

PARTY_BUDGET = 100
"""Weight per party page, where a listed agreement weighs one and each PARTY_TEXT bytes of the
text a party page adds to it weigh one more (see `party_weights`). Counting agreements alone did not
bound the page: at 160 gemeenten x 5 years a page of 80 reached 114 KB of Markdown, because each
document's 'Wat de andere partijen...' list and a party's own steps come on top. The five real
documents' party pages still fit one page (Gemeente Harderwijk weighs about 85)."""

PARTY_TEXT = 500
"""Bytes of Markdown that weigh as much as one agreement on a party page: about what a listed
agreement's own line costs."""

GROUP_TEXT = 250
"""Bytes of a document's heading and counts on a party page."""

OTHER_TEXT = 130
"""Bytes of one line of a document's 'Wat de andere partijen...' list on a party page."""

SIGNED_TEXT = 120
"""Bytes of one line of a party page's 'Partij bij' list, besides the document's title."""

LISTED = 30
"""Up to this many pages, each page's navigation names every page with its range of gemeenten.
Beyond it, only the nearby pages and one link per initial letter, so that the navigation itself
does not grow with the country."""

NEARBY = 5
"""Pages named on either side of the current one, when not all are."""

OVERVIEW_PARTIES = 150
"""Parties of one kind that /partijen/ lists itself. A line costs about 130 bytes of HTML, so the
overview stays under about 80 KB; a kind with more (at national scale the gemeenten, corporations
and tenants' organisations, a few hundred each) is listed on a page of its own instead."""

KINDS = (
    ("gemeente", "Gemeenten"),
    ("woningcorporatie", "Woningcorporaties"),
    ("huurdersorganisatie", "Huurdersorganisaties"),
    ("overig", "Andere partijen"),
)

YEAR_BUDGET = 170
"""Documents per year page: a row costs about 0.42 KB with its JSON link (more with a long title),
so a year page stays under about 105 KB however many documents a year has."""


def runs(items: Sequence[T], key: Callable[[T], Hashable]) -> list[list[T]]:
    """Consecutive items with the same key, in their order."""
    found: list[list[T]] = []
    for item in items:
        if found and key(found[-1][-1]) == key(item):
            found[-1].append(item)
        else:
            found.append([item])
    return found


def split(
    items: Sequence[T],
    budget: float,
    group: Callable[[T], Hashable],
    unit: Callable[[T], Hashable],
    weights: Sequence[float] | None = None,
) -> list[list[T]]:
    """Pages of at most `budget` weight (each item weighs one unless `weights` says otherwise), in
    order. A group stays on one page unless it alone is over budget; then it is split between units
    (documents), and a unit over budget on its own continues on the next page. Always at least one
    page, so a listing without items still has its first page."""
    weighed = list(zip(items, weights if weights is not None else [1.0] * len(items), strict=True))
    pages: list[list[tuple[T, float]]] = [[]]
    for members in runs(weighed, lambda w: group(w[0])):
        parts = [members] if _load(members) <= budget else runs(members, lambda w: unit(w[0]))
        for piece in (piece for part in parts for piece in _pieces(part, budget)):
            if pages[-1] and _load(pages[-1]) + _load(piece) > budget:
                pages.append([])
            pages[-1].extend(piece)
    return [[item for item, _ in page] for page in pages]


def _load(weighed: Sequence[tuple[Any, float]]) -> float:
    return sum(weight for _, weight in weighed)


def _pieces(weighed: list[tuple[T, float]], budget: float) -> list[list[tuple[T, float]]]:
    """Consecutive items of at most `budget` weight together; an item over budget alone is a piece of its own."""
    pieces: list[list[tuple[T, float]]] = [[]]
    for item in weighed:
        if pieces[-1] and _load(pieces[-1]) + item[1] > budget:
            pieces.append([])
        pieces[-1].append(item)
    return pieces


def party_weights(entries: Sequence[Entry], party_id: str, site: Site) -> list[float]:
    """What each of a party's entries weighs on its page: one, plus PARTY_TEXT bytes per one more
    of what the page shows with it in full: the party's own steps, the sentences that name it and,
    with a document's first entry, the document's heading and its line per other party."""
    seen: set[str] = set()
    weights = []
    for entry in entries:
        page, agreement = entry.page, entry.agreement
        text = sum(len(s.tekst) for s in page.steps(agreement) if party_id in s.partijen)
        if not entry.roles:
            headline = site.headline(agreement, page.year, entry.chapter)
            text += sum(len(q) for q in entry.named if q != headline)
        if page.path not in seen:
            seen.add(page.path)
            text += GROUP_TEXT + OTHER_TEXT * (len(page.document.partijen) - 1)
        weights.append(1 + text / PARTY_TEXT)
    return weights


def anchor(page: Page) -> str:
    """A document's group on a listing: '<gemeente>-<jaar>', with the document's part if it has one."""
    return f"{page.gemeente}-{posixpath.basename(posixpath.dirname(page.path))}"


def sheet_path(first: str, number: int) -> str:
    """Page 1 keeps the listing's own address; page n is '<listing>/<n>/'."""
    return first if number == 1 else posixpath.join(posixpath.dirname(first), str(number), "index.md")


def href(target: str, here: str) -> str:
    """A link between generated pages inside raw HTML, where MkDocs does not rewrite '.md' links."""
    relative = posixpath.relpath(posixpath.dirname(target), posixpath.dirname(here))
    return "./" if relative == "." else f"{relative}/"


@dataclass(frozen=True)
class Group:
    """One document's entries on a listing, under its heading."""

    page: Page
    entries: list[Entry]

    @property
    def anchor(self) -> str:
        return anchor(self.page)


@dataclass(frozen=True)
class Sheet(Generic[T]):
    """One page of a listing."""

    number: int
    path: str
    entries: list[T]
    label: str = ""
    """The gemeenten it holds, 'Aalberg – Dijkveen'."""

    def gemeenten(self) -> list[tuple[str, list[Group]]]:
        """Agreement entries by gemeente, and within one by document, in listing order (without
        the documents a party signed that name it nowhere, which a party page lists apart)."""
        agreements = [e for e in self.entries if not isinstance(e, Page)]
        by_gemeente = runs(agreements, lambda e: e.page.gemeente)
        return [(g[0].page.gemeente, [Group(d[0].page, d) for d in runs(g, lambda e: e.page.path)]) for g in by_gemeente]


def _page(entry: Any) -> Page:
    return entry.page


@dataclass
class Listing(Generic[T]):
    """A theme's or party's agreements, or a year's documents, over as many pages as the budget needs."""

    sheets: list[Sheet[T]]
    page_of: Callable[[T], Page] = _page
    letters: list[tuple[str, Sheet[T]]] = field(default_factory=list)
    """Per initial letter of a gemeente's name, the first page with such a gemeente."""
    _holder: dict[str, Sheet[T]] = field(init=False, repr=False)
    _starts: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._holder = {}
        for sheet in self.sheets:
            for entry in sheet.entries:
                self._holder.setdefault(self.page_of(entry).path, sheet)
        self._starts = [self.page_of(s.entries[0]).gemeente for s in self.sheets[1:]]

    @property
    def paged(self) -> bool:
        return len(self.sheets) > 1

    @property
    def all_listed(self) -> bool:
        return len(self.sheets) <= LISTED

    def nearby(self, sheet: Sheet[T]) -> list[Sheet[T]]:
        """The pages a page's navigation names: all of them, or the current one and its neighbours."""
        if self.all_listed:
            return self.sheets
        start = max(0, min(sheet.number - 1 - NEARBY, len(self.sheets) - 2 * NEARBY - 1))
        return self.sheets[start : start + 2 * NEARBY + 1]

    def sheet_for(self, page: Page) -> Sheet[T]:
        """The page that holds a document's group; for a document without entries here, the page
        whose range of gemeenten it falls in."""
        if page.path in self._holder:
            return self._holder[page.path]
        return self.sheets[bisect.bisect_right(self._starts, page.gemeente)]

    def path_for(self, page: Page) -> str:
        return self.sheet_for(page).path

    def on(self, sheet: Sheet[T], pages: Sequence[Page]) -> list[Page]:
        """Those of `pages` that this sheet lists, such as the documents a party signed."""
        return [p for p in pages if self.sheet_for(p) is sheet]


def initial(name: str) -> str:
    """The letter a name is found under: accents ignored, a leading "'s-" skipped."""
    letters = [c for c in unicodedata.normalize("NFKD", name).upper() if "A" <= c <= "Z"]
    if name.startswith("'s-") and len(letters) > 1:
        return letters[1]
    return letters[0] if letters else ""


def label(pages: Sequence[Page], spread: set[str], site: Site) -> str:
    """'Aalberg – Dijkveen' for a sheet showing `pages`. A gemeente in `spread` is on more than one
    sheet, so where it starts or ends this one its document is named too: 'Dijkveen 2024 – 2025 · Woonborg'."""
    if not pages:
        return ""
    first, last = pages[0], pages[-1]
    start = site.page_label(first) if first.gemeente in spread else site.gemeente_name(first.gemeente)
    if last.gemeente in spread:
        end = site.page_label(last)
        if last.gemeente == first.gemeente:
            end = end.removeprefix(f"{site.gemeente_name(last.gemeente)} ")
    else:
        end = site.gemeente_name(last.gemeente)
    return start if first.path == last.path or start == end else f"{start} – {end}"


def listing(
    items: Sequence[T],
    first: str,
    site: Site,
    budget: float | None = None,
    page_of: Callable[[T], Page] = _page,
    weights: Sequence[float] | None = None,
) -> Listing[T]:
    """`items` in the order the page shows them (by gemeente, then document), split into pages;
    `first` is the path of page 1, `page_of` the document page an item belongs to, `weights` what
    each item weighs against the budget (one if not given)."""
    budget = BUDGET if budget is None else budget
    parts = split(items, budget, lambda i: page_of(i).gemeente, lambda i: page_of(i).path, weights)
    sheets_of: dict[str, set[int]] = {}
    for number, part in enumerate(parts):
        for item in part:
            sheets_of.setdefault(page_of(item).gemeente, set()).add(number)
    spread = {g for g, numbers in sheets_of.items() if len(numbers) > 1}
    sheets = [
        Sheet(n, sheet_path(first, n), part, label([page_of(i) for i in part], spread, site))
        for n, part in enumerate(parts, start=1)
    ]
    letters: dict[str, Sheet[T]] = {}
    for sheet in sheets:
        for item in sheet.entries:
            letters.setdefault(initial(site.gemeente_name(page_of(item).gemeente)), sheet)
    return Listing(sheets, page_of, sorted((k, s) for k, s in letters.items() if k))


def _place(item: Entry | Page) -> Page:
    """The document page of a party listing's item: an agreement's, or a signed document itself."""
    return item if isinstance(item, Page) else item.page


def _signed_weight(page: Page) -> float:
    return (SIGNED_TEXT + len(page.document.titel)) / PARTY_TEXT


class Listings:
    """Every theme's, party's and year's listing, each made on first use: pages link into them."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._made: dict[str, Listing[Any]] = {}

    @functools.cached_property
    def _order(self) -> dict[str, int]:
        """Each document page's place in reading order."""
        return {p.path: n for n, p in enumerate(self.site.pages)}

    def theme(self, theme_id: str) -> Listing[Entry]:
        first = indexes.theme_path(theme_id)
        if first not in self._made:
            self._made[first] = listing(self.site.by_theme.get(theme_id, []), first, self.site, BUDGET)
        return self._made[first]

    def party(self, party_id: str) -> Listing[Entry | Page]:
        """A party's agreements, weighed by the text its page shows with each, and in their place
        the documents it signed that do not name it, each weighed by its line under 'Partij bij':
        a party that signs many documents and is named in few would otherwise fill one page."""
        first = indexes.party_path(party_id)
        if first not in self._made:
            entries = self.site.by_party.get(party_id, [])
            held = {e.page.path for e in entries}
            signed = {p.path: p for p in self.site.signed_by.get(party_id, []) if p.path not in held}
            items: list[Entry | Page] = sorted([*entries, *signed.values()], key=lambda i: self._order[_place(i).path])
            weight = dict(zip(map(id, entries), party_weights(entries, party_id, self.site), strict=True))
            weights = [weight[id(i)] if isinstance(i, Entry) else _signed_weight(i) for i in items]
            self._made[first] = listing(items, first, self.site, PARTY_BUDGET, page_of=_place, weights=weights)
        return self._made[first]

    def year(self, year: int) -> Listing[Page]:
        """A year's documents, one row each."""
        first = indexes.year_path(year)
        if first not in self._made:
            self._made[first] = listing(self.site.by_year.get(year, []), first, self.site, YEAR_BUDGET, page_of=lambda p: p)
        return self._made[first]


@dataclass(frozen=True)
class PartyKind:
    """One kind of party on /partijen/: its parties by short name, and its own page if it has one."""

    soort: str
    label: str
    parties: list[Party]
    path: str | None


def party_kinds(site: Site) -> list[PartyKind]:
    found = []
    for soort, label in KINDS:
        parties = sorted((p for p in site.registry.partijen.values() if p.soort == soort), key=lambda p: p.korte_naam.lower())
        own = indexes.party_kind_path(soort) if len(parties) > OVERVIEW_PARTIES else None
        found.append(PartyKind(soort, label, parties, own))
    return found
