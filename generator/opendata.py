"""Open data: every published document as JSON that validates against the published schema, and
every agreement as one CSV row that a spreadsheet opens as it is and never runs as a formula."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from generator.indexes import Page, Site, doc_path
from generator.model import Agreement
from generator.paging import Listings, Sheet
from generator.publishing import page_url

CSV_PATH = "data/afspraken.csv"
COLUMNS = ("gemeente", "jaar", "document", "hoofdstuk", "nummer", "thema", "partijen", "tekst", "wanneer", "url")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP, 'CSV injection')."""


@dataclass(frozen=True)
class YearDownloads:
    """A year on /data/: how many documents of that year have a JSON file, and the pages of the
    year listing that link each one, so /data/ holds one row per year however many there are."""

    jaar: int
    documenten: int
    sheets: list[Sheet[Page]]


def json_path(gemeente: str, jaar: int, deel: str = "") -> str:
    return f"data/documenten/{gemeente}-{jaar}{'-' + deel if deel else ''}.json"


def document_json(data: dict[str, Any]) -> str:
    """The validated source of a document, exactly as `check` accepted it."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def safe_cell(value: Any) -> Any:
    """A text that a spreadsheet would take for a formula gets a leading apostrophe, which makes it
    text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _text(agreement: Agreement, page: Page) -> str:
    """The agreement as written, steps with their label; the deadline and the parties have their own columns."""
    steps = [f"{s.label}\n\n{s.tekst}" if s.label else s.tekst for s in page.steps(agreement)]
    parts = [agreement.doelstelling, agreement.kader, agreement.tekst, *steps, agreement.toelichting]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def rows(site: Site, base: str = "") -> Iterator[list[Any]]:
    """One row per agreement of every published document, in site order."""
    for page in site.pages:
        if not page.is_main or page.document.is_concept:
            continue
        name = site.gemeente_name(page.gemeente)
        for chapter, agreement in page.all_agreements():
            themes = [site.registry.themas[t].naam for t in dict.fromkeys([chapter.thema, *agreement.themas]) if t]
            url = page_url(doc_path(page.gemeente, page.year, page.document.deel), base) + f"#{agreement.anchor}"
            yield (
                [
                    name,
                    page.year,
                    page.document.titel,
                    chapter.full_title,
                    agreement.nummer,
                    "; ".join(themes),
                    "; ".join(
                        f"{site.party_name(party_id)} ({', '.join(entry.roles) or 'genoemd'})"
                        for party_id, entry in site.listed_parties(page, agreement)
                    ),
                    _text(agreement, page),
                    agreement.wanneer,
                    url,
                ]
            )


def write_agreements_csv(site: Site, out: TextIO, base: str = "") -> None:
    """UTF-8 with a byte order mark and semicolons, as a Dutch spreadsheet expects; every text
    quoted. Written row by row: at national scale the table is some 60 MB."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(site, base):
        writer.writerow([safe_cell(value) for value in row])


def page_json(page: Page) -> str | None:
    """The JSON of the document a page shows (for a year from a later document's column, that
    later document's); none for a concept, whose JSON is never published."""
    if page.document.is_concept:
        return None
    return json_path(page.gemeente, page.document.jaar, page.document.deel)


def year_downloads(site: Site, listings: Listings) -> list[YearDownloads]:
    """Per year with published documents: their number and the year listing's pages that hold them."""
    found = []
    for year, pages in site.by_year.items():
        published = [p for p in pages if p.is_main and page_json(p)]
        if published:
            listing = listings.year(year)
            sheets = {s.number: s for s in map(listing.sheet_for, published)}
            found.append(YearDownloads(year, len(published), list(sheets.values())))
    return found
