"""Who has published the agreements for a year before the legal deadline, from the data alone:
the status pages are the same whoever builds them and whenever. Pure functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.layout import is_region
from generator.model import CONCEPT, PUBLISHED, REPLACED, SIGNED, Document, Registry

MISSING = "ontbreekt"
LABELS = {
    SIGNED: "Ondertekend",
    PUBLISHED: "Gepubliceerd",
    REPLACED: "Vervangen",
    CONCEPT: "In concept",
    MISSING: "Ontbreekt",
}


@dataclass(frozen=True)
class Row:
    """One gemeente's state for one year."""

    gemeente: str
    state: str
    document: Document | None = None

    @property
    def label(self) -> str:
        return LABELS[self.state]


@dataclass(frozen=True)
class YearStatus:
    year: int
    rows: list[Row]

    @property
    def deadline(self) -> datetime.date:
        """The agreements for a year are due before 15 December of the year before."""
        return datetime.date(self.year - 1, 12, 15)

    def count(self, *states: str) -> int:
        return sum(1 for row in self.rows if row.state in states)


def page_url(path: str, base: str) -> str:
    """The address of a generated file: absolute when the site's address is known, else from the root."""
    url = "/" + path.removesuffix("index.md")
    return base.rstrip("/") + url if base else url


def status_path(year: int | None = None) -> str:
    return f"publicatie/{year}/index.md" if year else "publicatie/index.md"


def upcoming_year(documents: list[Document]) -> int:
    """The year whose agreements are being made now: the one after the latest published document."""
    published = [d.jaar for d in documents if not d.is_concept] or [d.jaar for d in documents]
    return max(published) + 1


def status_years(documents: list[Document]) -> list[int]:
    """Every year from the first document to the upcoming one, without gaps."""
    if not documents:
        return []
    last = max([upcoming_year(documents), *(d.jaar for d in documents)])
    return list(range(min(d.jaar for d in documents), last + 1))


def year_status(registry: Registry, year: int) -> YearStatus:
    """Per gemeente that has any document: its document for `year` (its own `<jaar>.yaml` before a
    further document or an addendum), or that it is missing. A year shown only as a column of a
    later document is not that year's publication; a region has no duty of its own to publish."""
    documents = [d for d in registry.documenten if not is_region(d.gemeente)]
    gemeenten = sorted({d.gemeente for d in documents}, key=lambda g: registry.partijen[f"gemeente-{g}"].korte_naam)
    first: dict[str, Document] = {}
    for document in sorted(documents, key=lambda d: (d.is_addendum, d.deel)):
        if document.jaar == year:
            first.setdefault(document.gemeente, document)
    rows = [Row(g, first[g].status if g in first else MISSING, first.get(g)) for g in gemeenten]
    return YearStatus(year, rows)


def replacement(document: Document, documents: list[Document]) -> Document | None:
    """The document on this site that replaced `document`, if any."""
    ref = document.vervangen_door
    if document.status != REPLACED or ref is None or ref.jaar is None:
        return None
    gemeente = ref.gemeente or document.gemeente
    return next((d for d in documents if d.gemeente == gemeente and d.jaar == ref.jaar and not d.deel), None)


def dates(document: Document, documents: list[Document]) -> tuple[str | None, str | None]:
    """When a document was new and when it last changed, from the data: its signing date, and the
    signing date of the document that replaced it. Never the day of the build."""
    signed = document.signed_on
    replaced_by = replacement(document, documents)
    changed = replaced_by.signed_on if replaced_by else None
    return signed, max(filter(None, (signed, changed)), default=None)


def newest(documents: list[Document]) -> str | None:
    """The date of the newest data among published documents."""
    return max(filter(None, (dates(d, documents)[1] for d in documents if not d.is_concept)), default=None)
