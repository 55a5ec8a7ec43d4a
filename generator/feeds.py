"""Atom feeds (RFC 4287) that announce new and replaced documents, for the whole site and per
gemeente. Every date comes from the data, so two builds of the same data give the same bytes."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from generator import indexes, publishing
from generator.model import Document, Registry
from generator.publishing import page_url
from generator.rendering import date_nl

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "atom.xml"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "prestatieafspraken-wonen")


def feed_path(gemeente: str | None = None) -> str:
    return f"gemeenten/{gemeente}/atom.xml" if gemeente else SITE_FEED


def _id(path: str) -> str:
    """Stable across rebuilds and moves of the site: derived from the page's path only."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, path)}"


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _summary(document: Document, registry: Registry, replaced_by: Document | None) -> str:
    signing = document.ondertekening
    parts = [document.titel + "."]
    if document.signed_on and signing:
        parts.append(f"Ondertekend op {date_nl(document.signed_on)}{f' te {signing.plaats}' if signing.plaats else ''}.")
    names = ", ".join(registry.partijen[r.partij].korte_naam for r in document.partijen)
    if names:
        parts.append(f"Partijen: {names}.")
    parts.append(f"{len(document.afspraken)} afspraken.")
    if replaced_by:
        parts.append(f"Vervangen door {replaced_by.titel} ({date_nl(replaced_by.signed_on)}).")
    return " ".join(parts)


def _entry(feed: ET.Element, document: Document, registry: Registry, base: str) -> None:
    published, updated = publishing.dates(document, registry.documenten)
    assert published and updated
    replaced_by = publishing.replacement(document, registry.documenten)
    path = indexes.doc_path(document.gemeente, document.jaar, document.deel)
    name = registry.place_name(document.gemeente)
    entry = _add(feed, "entry")
    _add(entry, "id", _id(path))
    _add(entry, "title", f"{registry.label(document, document.jaar)}: {document.titel}{' (vervangen)' if replaced_by else ''}")
    _add(entry, "published", _timestamp(published))
    _add(entry, "updated", _timestamp(updated))
    _add(entry, "link", rel="alternate", type="text/html", href=page_url(path, base))
    _add(entry, "category", term=document.gemeente, label=name)
    _add(entry, "summary", _summary(document, registry, replaced_by))


def feed(registry: Registry, gemeente: str | None, base: str) -> str:
    """One feed, newest first. A document whose source gives no signing date has no moment to be
    announced at, so it is left out rather than dated by the build."""
    documents = [d for d in registry.documenten if not d.is_concept and (gemeente is None or d.gemeente == gemeente)]
    dated = [d for d in documents if publishing.dates(d, registry.documenten)[1]]
    dated.sort(key=lambda d: (publishing.dates(d, registry.documenten)[1], d.gemeente, d.jaar), reverse=True)
    name = registry.place_name(gemeente) if gemeente else ""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _add(root, "id", _id(feed_path(gemeente)))
    _add(root, "title", f"Prestatieafspraken {name}".strip() if gemeente else "Prestatieafspraken Wonen: nieuwe documenten")
    newest = [publishing.dates(d, registry.documenten)[1] for d in dated] or [publishing.newest(registry.documenten)]
    _add(root, "updated", _timestamp(max(filter(None, newest), default="2000-01-01")))
    _add(_add(root, "author"), "name", "Prestatieafspraken Wonen")
    _add(root, "link", rel="self", type="application/atom+xml", href=page_url(feed_path(gemeente), base))
    home = indexes.gemeente_path(gemeente) if gemeente else "index.md"
    _add(root, "link", rel="alternate", type="text/html", href=page_url(home, base))
    for document in dated:
        _entry(root, document, registry, base)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def feeds(registry: Registry, base: str = "") -> dict[str, str]:
    """The site's feed and one per gemeente with a published document."""
    gemeenten = sorted({d.gemeente for d in registry.documenten if not d.is_concept})
    return {feed_path(None): feed(registry, None, base), **{feed_path(g): feed(registry, g, base) for g in gemeenten}}
