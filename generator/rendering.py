"""Render the model into Markdown pages with Jinja2: `render_site(registry) -> {path: markdown}`."""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator import concreteness, followthrough, glossary, indexes, layout, opendata, paging, publishing, textpolicy
from generator.comparing import compare
from generator.indexes import Entry, Site, build_site
from generator.model import Document, Registry
from generator.tables import mismatches, shown

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


_AS_IS = (Markup, int, float, type(None))
"""What a template prints as it is: markup made by a filter or macro, and numbers (a bool is an int)."""


def escape(value: Any) -> Any:
    """Jinja's finalize hook: every value a template prints is plain text unless a filter or
    macro marked it as Markdown, so data can never add markup by accident."""
    if isinstance(value, _AS_IS):
        return value
    return _plain(str(value))


@functools.lru_cache(maxsize=1 << 12)
def _plain(text: str) -> Markup:
    """Names, titles and labels recur on thousands of pages: each is escaped once."""
    return Markup(textpolicy.plain(text))


def md(text: str | None) -> Markup:
    """Author Markdown, under the text policy: no raw HTML, no attribute lists."""
    return Markup(textpolicy.markdown_text(text or ""))


def cell(value: Any) -> Markup:
    """A table cell: one line, pipes escaped."""
    if value is None:
        return Markup("")
    return Markup(md(str(value)).replace("|", "\\|").replace("\n", " "))


def rel(target: str, here: str) -> Markup:
    """Link from page `here` to page `target`, both paths of Markdown files from the site's root:
    what posixpath.relpath gives, without its look at the working directory on every link."""
    to, start = target.split("/"), here.split("/")[:-1]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return Markup("/".join([".."] * (len(start) - common) + to[common:]) or ".")


def url(address: str) -> Markup:
    """An outside address as a Markdown link target; `check` has refused unsafe ones."""
    return Markup(textpolicy.url(address))


def front_matter(meta: dict[str, Any]) -> Markup:
    """Page metadata written by a YAML library. Strings are HTML-escaped because the theme puts
    them into HTML (title, attributes) without escaping them itself."""
    values = {k: _html_escaped(v) for k, v in meta.items() if v is not None}
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return Markup(f"---\n{dumped}---\n")


def _html_escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_html_escaped(v) for v in value]
    return value


def date_nl(iso: str | None) -> str:
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


SCHEMAS = ("document", "partijen", "themas", "begrippen", "synoniemen")


def number(value: int) -> str:
    """A count as Dutch writes it, with a point between the thousands: 10.650. Not for years."""
    return f"{value:,}".replace(",", ".")


def count(value: int, one: str, many: str) -> str:
    """A number with the words that agree with it: 1 afspraak, 3 afspraken, 10.650 afspraken."""
    return f"{number(value)} {one if value == 1 else many}"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
        finalize=escape,
        auto_reload=False,
    )
    env.filters.update(
        md=md, cell=cell, rel=rel, url=url, front_matter=front_matter, date_nl=date_nl, shown=shown, count=count, number=number
    )
    env.globals.update(
        doc_path=indexes.doc_path,
        gemeente_path=indexes.gemeente_path,
        theme_path=indexes.theme_path,
        party_path=indexes.party_path,
        year_path=indexes.year_path,
        compare_path=indexes.compare_path,
        is_region=layout.is_region,
        href=paging.href,
        listing_anchor=paging.anchor,
        page_json=opendata.page_json,
        definitions=glossary.shown_definitions,
        status_path=publishing.status_path,
        upcoming_year=publishing.upcoming_year,
        mismatches=mismatches,
    )
    return env


@dataclass(frozen=True)
class Total:
    """Concreteness and progress of many documents together: one row of a national overview."""

    documenten: int
    tally: followthrough.Tally


def totals_by_year(site: Site, volgen: followthrough.View) -> dict[int, Total]:
    """Per year, newest first, the documents with agreements counted together: /concreetheid/
    gets one row per year however many documents there are (the gemeente pages count per document)."""
    found = {}
    for year, pages in reversed(site.by_year.items()):
        shown = [p for p in pages if p.all_agreements()]
        if shown:
            found[year] = Total(len(shown), volgen.tally_entries([Entry(p, c, a) for p in shown for c, a in p.all_agreements()]))
    return found


def totals_by_theme(site: Site, volgen: followthrough.View) -> dict[str, Total]:
    """Per national theme, every agreement with that theme in every year; one with two themes counts in both."""
    return {
        theme: Total(len({e.page.path for e in entries}), volgen.tally_entries(entries))
        for theme in site.registry.themas
        if (entries := site.by_theme.get(theme))
    }


def _tidy(text: str) -> str:
    """Collapse the blank lines that template blocks leave behind."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_site(
    registry: Registry, today: datetime.date | None = None, concepten: bool = False, site: Site | None = None
) -> dict[str, str]:
    """Every page, rendered: see `plan_site`."""
    return {path: page() for path, page in plan_site(registry, today, concepten, site).items()}


def plan_site(
    registry: Registry,
    today: datetime.date | None = None,
    concepten: bool = False,
    site: Site | None = None,
    cores: int = 1,
) -> dict[str, Callable[[], str]]:
    """Every page's path, each with the function that renders it. A build renders a page only when
    MkDocs reads it, in whichever process reads it, so no process holds every page's Markdown.
    Concepts are shown only when asked for; the publication status pages always say that a
    concept exists, never what it contains. `site` is the model of the shown documents, when the
    caller has built it already. Every agreement is assessed here, on `cores` processes: the
    totals need them all, and pages rendered in either process of a build find them made."""
    site = site or build_site(registry if concepten else registry.without_concepts(), today, cores)
    env = environment()
    volgen = followthrough.view(site)
    volgen.assess_all(cores)
    listings = paging.Listings(site)
    pages: dict[str, Callable[[], str]] = {}

    def put(path: str, template: str, later: dict[str, Callable[[], Any]] | None = None, **context: Any) -> None:
        """`later` holds context that is costly to make: made when the page is rendered."""
        if path in pages:
            raise ValueError(f"page {path} rendered twice")

        def page() -> str:
            made = {key: make() for key, make in (later or {}).items()}
            return _tidy(
                env.get_template(template).render(site=site, volgen=volgen, listings=listings, here=path, **context, **made)
            )

        pages[path] = page

    short_names = {p.id: p.korte_naam for p in registry.partijen.values()}
    put("index.md", "home.md.j2")
    put("gemeenten/index.md", "gemeenten.md.j2")
    for gemeente, gemeente_pages in site.by_gemeente.items():
        put(indexes.gemeente_path(gemeente), "gemeente.md.j2", gemeente=gemeente, pages=gemeente_pages)
    for page in site.pages:
        previous, following = site.neighbours(page)
        put(page.path, "document.md.j2", page=page, previous=previous, next=following)
        if previous:
            put(
                indexes.compare_path(page.gemeente, previous.year, page.year, page.document.deel),
                "vergelijk.md.j2",
                later={"comparison": functools.partial(compare, previous, page, short_names)},
            )
    put("themas/index.md", "themas.md.j2")
    for theme in registry.themas.values():
        listing = listings.theme(theme.id)
        for sheet in listing.sheets:
            put(sheet.path, "thema.md.j2", theme=theme, listing=listing, sheet=sheet)
    put("jaren/index.md", "jaren.md.j2")
    for year in site.by_year:
        listing = listings.year(year)
        for sheet in listing.sheets:
            put(sheet.path, "jaar.md.j2", year=year, listing=listing, sheet=sheet)
    years = publishing.status_years(registry.documenten)
    upcoming = publishing.upcoming_year(registry.documenten) if registry.documenten else None
    put(publishing.status_path(), "publicaties.md.j2", years=years, upcoming=upcoming)
    shown = {d.path for d in site.registry.documenten}
    for year in years:
        put(publishing.status_path(year), "publicatie.md.j2", status=publishing.year_status(registry, year), shown=shown)
    put(
        "data/index.md",
        "data.md.j2",
        years=opendata.year_downloads(site, listings),
        csv_path=opendata.CSV_PATH,
        newest=publishing.newest(registry.documenten),
        schemas=SCHEMAS,
    )
    put("begrippen/index.md", "begrippen.md.j2", letters=glossary.by_letter(glossary.entries(site.registry)))
    put(
        "concreetheid/index.md",
        "concreetheid.md.j2",
        regels=concreteness,
        per_year=totals_by_year(site, volgen),
        per_theme=totals_by_theme(site, volgen),
    )
    kinds = paging.party_kinds(site)
    put("partijen/index.md", "partijen.md.j2", kinds=kinds)
    for kind in kinds:
        if kind.path:
            put(kind.path, "partijsoort.md.j2", kind=kind)
    for party in registry.partijen.values():
        listing = listings.party(party.id)
        for sheet in listing.sheets:
            put(
                sheet.path,
                "partij.md.j2",
                party=party,
                entries=site.by_party.get(party.id, []),
                signed=site.signed_by.get(party.id, []),
                listing=listing,
                sheet=sheet,
            )
    return pages


def abbreviations(registry: Registry, site: Site | None = None) -> glossary.Abbreviations:
    """Markdown abbreviation definitions to append to pages: on a document's own pages its own
    definitions win; elsewhere only the site's explanations apply. The glossary page explains
    every term in place, so it gets none. `site` is the model of `registry`, if already built."""
    template = environment().get_template("abbreviations.md.j2")
    terms = glossary.entries(registry)

    @functools.cache
    def definition(tooltip: glossary.Tooltip) -> glossary.Definition:
        return glossary.Definition(tooltip.key, template.render(tooltip=tooltip))

    def definitions(document: Document | None) -> tuple[glossary.Definition, ...]:
        return tuple(definition(t) for t in glossary.tooltips(terms, document))

    pages = glossary.document_pages(site or build_site(registry))
    own = {id(d): definitions(d) for d in registry.documenten}
    return glossary.Abbreviations(
        neutral=definitions(None),
        by_page={**{path: own[id(document)] for path, document in pages.items()}, "begrippen/index.md": ()},
    )
