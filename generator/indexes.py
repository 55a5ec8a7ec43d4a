"""Views over the model that pages are built from: pages per year, and agreements by theme,
party and year. Collected once, before any page is rendered, since pages link to each other."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from generator import mentions, summary
from generator.forking import fork_map
from generator.model import Agreement, Chapter, Document, Party, Registry, Step

ROLES = {
    "initiatief": "initiatief",
    "betrokken": "betrokken",
    "stap": "eigen stap",
    "groep": "verantwoordelijk",
    "ondertekend": "ondertekend",
}


@dataclass(frozen=True)
class Page:
    """One document as shown for one year: /gemeenten/<gemeente>/<jaar>/."""

    document: Document
    year: int

    @property
    def gemeente(self) -> str:
        return self.document.gemeente

    @property
    def path(self) -> str:
        return doc_path(self.gemeente, self.year, self.document.deel)

    @property
    def in_series(self) -> bool:
        """Whether the page is compared with the year before and after: an addendum is not."""
        return not self.document.is_addendum

    @property
    def is_main(self) -> bool:
        """False for a year shown from a later document's previous-year column."""
        return self.year == self.document.jaar

    def chapters(self) -> list[Chapter]:
        return self.document.hoofdstukken

    def agreements(self, chapter: Chapter) -> list[Agreement]:
        return [a for a in chapter.afspraken if self.document.includes(a, self.year)]

    def all_agreements(self) -> list[tuple[Chapter, Agreement]]:
        return [(c, a) for c in self.chapters() for a in self.agreements(c)]

    def steps(self, agreement: Agreement) -> list[Step]:
        """The steps this page shows: every year of the document on its main page, else this year's."""
        return [s for s in agreement.stappen if self.is_main or s.jaar == self.year]


@dataclass(frozen=True)
class Entry:
    """An agreement as listed elsewhere: on a theme, party or year page."""

    page: Page
    chapter: Chapter
    agreement: Agreement
    roles: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    """On a party page: the sentences of the agreement that name the party."""


@dataclass
class Site:
    registry: Registry
    pages: list[Page]
    by_gemeente: dict[str, list[Page]]
    by_year: dict[int, list[Page]]
    by_theme: dict[str, list[Entry]]
    by_party: dict[str, list[Entry]]
    signed_by: dict[str, list[Page]]
    today: datetime.date = field(default_factory=datetime.date.today)
    regional: dict[str, list[Page]] = field(default_factory=dict)
    """Per member gemeente, the pages of regional documents that apply to it."""
    changes: dict[tuple[tuple[str, int, str], str], list[Entry]] = field(default_factory=dict)
    """Per amended document (by key) and agreement anchor, the addendum agreements that change it."""
    _headlines: dict[tuple[int, int | None, int], str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _with_role: dict[tuple[str, int], int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def gemeente_name(self, slug: str) -> str:
        return self.registry.place_name(slug)

    def page_label(self, page: Page) -> str:
        return self.registry.label(page.document, page.year)

    def amended(self, page: Page) -> Page | None:
        """The page of the document an addendum changes."""
        target = page.document.wijzigt
        if target is None:
            return None
        return next(
            (p for p in self.by_gemeente[page.gemeente] if p.year == target.jaar and p.document.deel == target.deel), None
        )

    def also(self, page: Page) -> list[Page]:
        """The other documents that apply to the same gemeente and year: its other documents of
        that year and, for a gemeente, the regional documents it belongs to."""
        same = [p for p in self.by_gemeente[page.gemeente] if p.year == page.year and p is not page]
        regional = [p for p in self.regional.get(page.gemeente, []) if p.year == page.year]
        return same + regional

    def changed_by(self, page: Page, agreement: Agreement) -> list[Entry]:
        """The addendum agreements that change `agreement` as shown on `page`."""
        return self.changes.get((page.document.key, agreement.anchor), []) if page.is_main else []

    def party(self, party_id: str) -> Party:
        return self.registry.partijen[party_id]

    def party_name(self, party_id: str) -> str:
        return mentions.display_name(self.party(party_id))

    def headline(self, agreement: Agreement, year: int | None = None, chapter: Chapter | None = None) -> str:
        """One readable line for an agreement in a list; see `summary.headline`. Made once: an
        agreement is listed on its theme's page and on the page of each of its parties, and the
        party pages' plan already reads every line (`paging.party_weights`)."""
        key = (id(agreement), year, id(chapter))
        found = self._headlines.get(key)
        if found is None:
            group = summary.group_of(chapter, agreement) if chapter else None
            found = self._headlines[key] = summary.headline(agreement, year, group)
        return found

    def party_entries(self, party_id: str, page: Page) -> list[Entry]:
        return self._by_party_and_page.get((party_id, id(page)), [])

    def with_role(self, party_id: str, page: Page | None = None) -> int:
        """How many of a party's entries (on `page`, else anywhere) give it a role, where the others
        only name it. Counted once: every page of a party's listing says how many, and at national
        scale one corporation has 10,000 entries on 170 pages."""
        key = (party_id, id(page) if page is not None else 0)
        found = self._with_role.get(key)
        if found is None:
            entries = self.party_entries(party_id, page) if page is not None else self.by_party.get(party_id, [])
            found = self._with_role[key] = sum(1 for entry in entries if entry.roles)
        return found

    def listed_parties(self, page: Page, agreement: Agreement) -> list[tuple[str, Entry]]:
        """The parties whose party pages list `agreement` as shown on `page`, each with its entry."""
        return self._by_agreement.get((id(page), id(agreement)), [])

    @functools.cached_property
    def _by_party_and_page(self) -> dict[tuple[str, int], list[Entry]]:
        """`by_party` per document page: a party page asks for every party of each of its documents."""
        found: dict[tuple[str, int], list[Entry]] = defaultdict(list)
        for party_id, entries in self.by_party.items():
            for entry in entries:
                found[party_id, id(entry.page)].append(entry)
        return dict(found)

    @functools.cached_property
    def _by_agreement(self) -> dict[tuple[int, int], list[tuple[str, Entry]]]:
        """`by_party` turned around: per (page, agreement), by identity, in `by_party` order."""
        found: dict[tuple[int, int], list[tuple[str, Entry]]] = defaultdict(list)
        for party_id, entries in self.by_party.items():
            for entry in entries:
                found[id(entry.page), id(entry.agreement)].append((party_id, entry))
        return dict(found)

    def citation(self, page: Page, chapter: Chapter, agreement: Agreement) -> str:
        """How to cite one agreement: municipality, year (and part), the chapter where numbering
        restarts, number."""
        where = f"{chapter.titel}, " if agreement.anchor != f"afspraak-{agreement.nummer}" else ""
        label = self.page_label(page).replace(" · ", ", ")
        return f"Prestatieafspraken {label}, {where}afspraak {agreement.nummer}"

    def parties_of(self, gemeente: str, kind: str) -> list[Party]:
        """The parties of a kind that take part in any document of a municipality."""
        ids = dict.fromkeys(r.partij for p in self.by_gemeente[gemeente] for r in p.document.partijen)
        return [self.party(i) for i in ids if self.party(i).soort == kind]

    def neighbours(self, page: Page) -> tuple[Page | None, Page | None]:
        """The year before and after in the same series: the gemeente's own documents, or those
        with the same file-name part (one corporation's); an addendum stands alone."""
        if not page.in_series:
            return None, None
        pages = [p for p in self.by_gemeente[page.gemeente] if p.in_series and p.document.deel == page.document.deel]
        index = pages.index(page)
        return (pages[index - 1] if index > 0 else None, pages[index + 1] if index + 1 < len(pages) else None)

    def current(self, gemeente: str) -> Page:
        """The page that applies now: this year's, else the latest before it, else the first; the
        gemeente's own document where it has one."""
        pages = [p for p in self.by_gemeente[gemeente] if not p.document.deel] or self.by_gemeente[gemeente]
        past = [p for p in pages if p.year <= self.today.year]
        return past[-1] if past else pages[0]


def doc_path(gemeente: str, year: int, deel: str = "") -> str:
    return f"gemeenten/{gemeente}/{year}{'-' + deel if deel else ''}/index.md"


def gemeente_path(gemeente: str) -> str:
    return f"gemeenten/{gemeente}/index.md"


def theme_path(theme: str) -> str:
    return f"themas/{theme}/index.md"


def party_path(party: str) -> str:
    return f"partijen/{party}/index.md"


def party_kind_path(soort: str) -> str:
    return f"partijen/soort/{soort}/index.md"


def year_path(year: int) -> str:
    return f"jaren/{year}/index.md"


def compare_path(gemeente: str, old: int, new: int, deel: str = "") -> str:
    return f"gemeenten/{gemeente}/vergelijk/{old}-{new}{'-' + deel if deel else ''}/index.md"


def _roles(chapter: Chapter, agreement: Agreement) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = defaultdict(list)
    for party in agreement.initiatief:
        roles[party].append(ROLES["initiatief"])
    for party in agreement.betrokken:
        roles[party].append(ROLES["betrokken"])
    for step in agreement.stappen:
        for party in step.partijen:
            roles[party].append(ROLES["stap"])
    for group in chapter.groepen:
        if any(a is agreement for a in group.afspraken):
            for party in group.partijen:
                roles[party].append(ROLES["groep"])
    return {party: list(dict.fromkeys(r)) for party, r in roles.items()}


PARALLEL_FROM = 2000
"""From this many agreements on, `build_site` may use more than one process."""


def _named(registry: Registry, entry: Entry) -> dict[str, tuple[str, ...]]:
    return mentions.named_parties(registry.partijen, entry.page.document, entry.agreement, entry.page.steps(entry.agreement))


def build_site(registry: Registry, today: datetime.date | None = None, cores: int = 1) -> Site:
    """The model's indexes. With `cores` above 1 and many agreements, the parties each agreement's
    text names are found on that many processes: at national scale that took 20 s on one."""
    pages = sorted(
        (Page(doc, year) for doc in registry.documenten for year in doc.jaren),
        key=lambda p: (p.gemeente, p.year, p.document.deel),
    )
    by_gemeente: dict[str, list[Page]] = defaultdict(list)
    by_year: dict[int, list[Page]] = defaultdict(list)
    by_theme: dict[str, list[Entry]] = defaultdict(list)
    by_party: dict[str, list[Entry]] = defaultdict(list)
    signed_by: dict[str, list[Page]] = defaultdict(list)
    regional: dict[str, list[Page]] = defaultdict(list)
    changes: dict[tuple[tuple[str, int, str], str], list[Entry]] = defaultdict(list)
    for page in pages:
        by_gemeente[page.gemeente].append(page)
        for member in page.document.gemeenten:
            regional[member].append(page)
        by_year[page.year].append(page)
        for representative in page.document.partijen:
            signed_by[representative.partij].append(page)
    entries = [Entry(page, chapter, agreement) for page in pages for chapter, agreement in page.all_agreements()]
    names = fork_map(functools.partial(_named, registry), entries, cores, PARALLEL_FROM)
    for entry, named in zip(entries, names, strict=True):
        page, chapter, agreement = entry.page, entry.chapter, entry.agreement
        for theme in dict.fromkeys([chapter.thema, *agreement.themas]):
            by_theme[theme].append(entry)
        roles = _roles(chapter, agreement)
        for party in dict.fromkeys([*roles, *named]):
            by_party[party].append(Entry(page, chapter, agreement, tuple(roles.get(party, ())), named.get(party, ())))
        if (amends := page.document.wijzigt) and agreement.wijzigt:
            amended = (page.gemeente, amends.jaar, amends.deel)
            changes[amended, f"afspraak-{agreement.wijzigt}"].append(entry)
    return Site(
        registry=registry,
        pages=pages,
        by_gemeente=dict(by_gemeente),
        by_year=dict(sorted(by_year.items())),
        by_theme=dict(by_theme),
        by_party=dict(by_party),
        signed_by=dict(signed_by),
        today=today or datetime.date.today(),
        regional=dict(regional),
        changes=dict(changes),
    )
