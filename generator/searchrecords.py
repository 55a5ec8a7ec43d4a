"""What search finds: one record per agreement, so that a result, a filter and a highlight belong
to that agreement and not to the whole document page. The rest of a document (introduction and
considerations, a chapter's own text, each appendix) and each letter of the glossary are records
of their own. Pure functions over the model; generator/pagefind_index.py hands them to Pagefind.

Filters: every record gets the keys of FILTERS that have a value for it. gemeente, jaar and soort
hold for every part of a document; thema and partij select agreements only, as the theme and party
pages do. To add a filter, add one line to FILTERS: a name (the search page's URL parameter, and a
select there; content/assets/zoeken.js may give it a nicer label) and a function of the `Place`
that returns its values ([] where it does not apply). Which documents are indexed at all is
decided in `runs` (one loop over `site.pages`): leave a page out there to keep it out of search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from generator import followthrough, glossary, mentions, summary
from generator.indexes import Page, Site
from generator.model import Agreement, Chapter, Table
from generator.publishing import page_url

SOORTEN = {
    "jaarafspraken": "Jaarafspraken",
    "kader-met-jaarschijf": "Kaderafspraken met jaarschijf",
    "meerjarig-met-jaarschijf": "Meerjarige afspraken met jaarschijf",
    "addendum": "Addendum",
}


@dataclass(frozen=True)
class Record:
    """One search result: where it links, its title, the plain text searched and its filters."""

    url: str
    title: str
    content: str
    filters: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where a record's text stands: a document page, and the chapter and agreement if any."""

    site: Site
    page: Page
    chapter: Chapter | None = None
    agreement: Agreement | None = None
    parties: tuple[str, ...] = ()
    """The parties the party pages list for this agreement: by role or named in its text."""


def _themes(place: Place) -> list[str]:
    """An agreement's national themes: its chapter's and its own, as on the theme pages."""
    if place.chapter is None or place.agreement is None:
        return []
    ids = [place.chapter.thema, *place.agreement.themas]
    return [place.site.registry.themas[t].naam for t in dict.fromkeys(ids) if t]


def _parties(place: Place) -> list[str]:
    return sorted({place.site.party(p).korte_naam for p in place.parties})


def _followthrough(place: Place) -> dict[str, list[str]]:
    """How concrete an agreement is and its latest progress, as on its page (see /concreetheid/)."""
    return followthrough.view(place.site).search_filters(place.page, place.chapter, place.agreement)


FILTERS: dict[str, Callable[[Place], list[str]]] = {
    "gemeente": lambda place: [place.site.gemeente_name(g) for g in place.page.document.gemeenten or [place.page.gemeente]],
    "jaar": lambda place: [str(place.page.year)],
    "soort": lambda place: [SOORTEN[place.page.document.soort]],
    "thema": _themes,
    "partij": _parties,
    "concreetheid": lambda place: _followthrough(place)["concreetheid"],
    "voortgang": lambda place: _followthrough(place)["voortgang"],
}


def text(*markdown: str) -> str:
    """Markdown texts as plain text, one line each: what a reader reads, without markup."""
    return "\n".join(glossary.plain_text(m) for m in markdown if m and m.strip())


def _tables(tables: Iterable[Table]) -> str:
    lines = []
    for t in tables:
        rows = [[c.naam for c in t.kolommen], *t.rijen, *(r.cellen for r in t.totalen)]
        cells = [t.inleiding, t.titel, *(str(v) for row in rows for v in row if v not in (None, "")), t.bijschrift, *t.noten]
        lines.append(text(" ".join(c for c in cells if c)))
    return "\n".join(line for line in lines if line)


def _record(place: Place, url: str, title: str, content: str) -> Record:
    filters = {key: values for key, value in FILTERS.items() if (values := value(place))}
    return Record(url=url, title=title, content=content, filters=filters)


def _agreement(site: Site, page: Page, chapter: Chapter, agreement: Agreement) -> Record:
    columns = [("Initiatief", agreement.initiatief), ("Betrokken", agreement.betrokken)]
    roles = [f"{label}: {', '.join(site.party_name(p) for p in ids)}" for label, ids in columns if ids]
    tables = [*agreement.tabellen, *(t for t in chapter.tabellen if t.na_afspraak == agreement.nummer)]
    own = text(mentions.agreement_text(agreement, page.steps(agreement)))
    # A row without text of its own reads its group's goal and framework (see the concreteness
    # page); without any text Pagefind would leave the record out, and a filter would list less.
    group = summary.group_of(chapter, agreement)
    title = f"{_name(site, page)} · afspraak {agreement.nummer} · {chapter.titel}"
    first = own or (text(group.doelstelling, group.kader) if group else "") or title
    content = "\n".join(part for part in (first, _tables(tables), *roles) if part)
    place = Place(site, page, chapter, agreement, tuple(p for p, _ in site.listed_parties(page, agreement)))
    return _record(place, f"{_url(page)}#{agreement.anchor}", title, content)


def _name(site: Site, page: Page) -> str:
    return site.page_label(page)


def _url(page: Page) -> str:
    return page_url(page.path, "")


def _page(site: Site, page: Page) -> list[Record]:
    """A document page: its agreements, and on the document's own year its other text."""
    doc, name, base = page.document, _name(site, page), _url(page)
    found: list[Record] = []
    if page.is_main:
        signing = doc.ondertekening
        signatories = [f"{site.party_name(s.partij)} {s.naam} {s.functie}" for s in signing.ondertekenaars] if signing else []
        intro = text(doc.titel, doc.aanhef, doc.overwegingen, doc.komen_overeen, doc.geldigheid, *signatories)
        found.append(_record(Place(site, page), base, f"{name} · {doc.titel}", intro))
    for chapter in page.chapters():
        if page.is_main:
            groups = [t for g in chapter.groepen for t in (g.titel, g.doelstelling, g.kader)]
            own = [chapter.inleiding, chapter.ambitie, chapter.doel, chapter.richtingen, chapter.slot, *groups]
            boxes = [f"{b.titel}\n\n{b.tekst}" for b in chapter.kaders]
            content = "\n".join(p for p in (text(*own, *boxes), _tables(t for t in chapter.tabellen if not t.na_afspraak)) if p)
            if content:
                place = Place(site, page, chapter)
                found.append(_record(place, f"{base}#{chapter.id}", f"{name} · {chapter.full_title}", content))
        found += [_agreement(site, page, chapter, a) for a in page.agreements(chapter)]
    for appendix in doc.bijlagen if page.is_main else []:
        terms = [f"{t.term}: {t.uitleg}" for t in appendix.begrippen]
        content = "\n".join(p for p in (text(appendix.tekst, *terms), _tables(appendix.tabellen)) if p)
        title = f"{name} · {'Bijlage ' + appendix.nummer + ': ' if appendix.nummer else ''}{appendix.titel}"
        found.append(_record(Place(site, page), f"{base}#{appendix.id}", title, content or text(appendix.titel)))
    return found


def _glossary(site: Site) -> list[Record]:
    """One record per letter of /begrippen/: a term has no anchor of its own there."""
    found = []
    for letter, entries in glossary.by_letter(glossary.entries(site.registry)):
        parts = [p for e in entries for p in (e.term, e.afkorting, e.uitleg, *(d.tekst for d in e.definities))]
        found.append(Record(url=f"/begrippen/#{letter.lower()}", title=f"Begrippen · {letter}", content=text(*parts)))
    return found


def records(site: Site) -> Iterator[Record]:
    """Every search record of the site, in reading order (see `runs`)."""
    for run in runs(site):
        yield from run


def runs(site: Site) -> Iterator[list[Record]]:
    """Every search record of the site in reading order, in runs that a part of the index keeps
    together when they fit in one (see pagefind_index.prepare): the documents of gemeenten that
    share a regional document, with that document, then the glossary. Reading order is by
    gemeente, then year, except that such gemeenten stay together, where the first of them stands.
    It is the listing order of a search without a word. The records are made one run at a time:
    at national scale they are written away as they come."""
    for pages in _sharing(site):
        yield [record for page in pages if not page.document.is_concept for record in _page(site, page)]
    yield _glossary(site)


def _sharing(site: Site) -> list[list[Page]]:
    """The document pages, grouped: gemeenten that a regional document joins share a group, in
    the order of their first page; within it the pages keep their order."""
    joined: dict[str, str] = {}

    def root(gemeente: str) -> str:
        while (up := joined.setdefault(gemeente, gemeente)) != gemeente:
            gemeente = up
        return gemeente

    for page in site.pages:
        for member in page.document.gemeenten:
            joined[root(member)] = root(page.gemeente)
    groups: dict[str, list[Page]] = {}
    for page in site.pages:
        groups.setdefault(root(page.gemeente), []).append(page)
    return list(groups.values())
