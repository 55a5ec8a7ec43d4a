"""What a document's status claims, checked against what the document states. Pure functions
on validated plain data; `check` and `klaar` report what they return."""

from __future__ import annotations

from typing import Any

from generator.loading import Path_
from generator.model import CONCEPT, PUBLISHED, REPLACED, SIGNED

Found = list[tuple[Path_, str]]


def status_of(doc: dict[str, Any]) -> str:
    """A document without a status predates the field: published, without a claim about signing."""
    return str(doc.get("status", PUBLISHED))


def signing_gaps(doc: dict[str, Any]) -> Found:
    """What a signed document must state: the date, the place, and a named signatory per party."""
    signing = doc.get("ondertekening")
    if not isinstance(signing, dict):
        return [(("ondertekening",), "ondertekening ontbreekt: datum, plaats en ondertekenaars nog invullen")]
    gaps: Found = []
    if not signing.get("datum"):
        gaps.append((("ondertekening", "datum"), "datum van ondertekening ontbreekt"))
    if not signing.get("plaats"):
        gaps.append((("ondertekening", "plaats"), "plaats van ondertekening ontbreekt"))
    signatories = signing.get("ondertekenaars", [])
    named = {s["partij"] for s in signatories if str(s.get("naam", "")).strip()}
    for i, party in enumerate(doc.get("partijen", [])):
        if party["partij"] in named:
            continue
        listed = [j for j, s in enumerate(signatories) if s["partij"] == party["partij"]]
        at = ("ondertekening", "ondertekenaars", listed[0], "naam") if listed else ("partijen", i, "partij")
        gaps.append((at, f"geen ondertekenaar met naam voor partij '{party['partij']}'"))
    return gaps


def status_problems(doc: dict[str, Any]) -> Found:
    """A status must be true of the document: signed means every signing detail is there, and a
    superseded document says what replaced it; a replacement belongs to a superseded document only."""
    status = status_of(doc)
    found: Found = []
    if status == SIGNED:
        found += [(at, f"status ondertekend: {message}") for at, message in signing_gaps(doc)]
    if status == REPLACED and "vervangen_door" not in doc:
        found.append((("status",), "status vervangen: 'vervangen_door' ontbreekt (welk document vervangt dit?)"))
    if status != REPLACED and "vervangen_door" in doc:
        found.append((("vervangen_door",), f"alleen een vervangen document heeft 'vervangen_door' (status is {status})"))
    replacement = doc.get("vervangen_door", {})
    if replacement and ("jaar" in replacement) == ("url" in replacement):
        found.append((("vervangen_door",), "noem het jaar van een document op deze site, of een url, niet allebei"))
    if status == CONCEPT and replacement:
        found.append((("vervangen_door",), "een concept kan niet vervangen zijn"))
    return found


def replacement_key(doc: dict[str, Any]) -> tuple[str, int] | None:
    """The (gemeente, jaar) of the document on this site that replaced `doc`, if it names one."""
    replacement = doc.get("vervangen_door") or {}
    if "jaar" not in replacement:
        return None
    return replacement.get("gemeente", doc["gemeente"]), replacement["jaar"]
