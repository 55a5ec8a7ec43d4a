"""What still stands between a concept and publication: signing, source, agreements copied but
never looked at, parties named but not taking part, and open editorial markers. Pure: a loaded
source and the model in, problems out; `klaar` in cli.py prints them."""

from __future__ import annotations

import re
from typing import Any

from generator import construct, docstatus, mentions
from generator.loading import Path_, Problem, Source, field_name, texts
from generator.model import Agreement, Document, Registry
from generator.validation import agreement_nodes

MARKERS = re.compile(r"\bTODO\b|(?i:\bnog invullen\b)")
"""An editor's placeholder: the word TODO in capitals, or 'nog invullen' in any case."""


def _content(agreement: Agreement, year: int) -> tuple[Any, ...]:
    """What a reader would compare: the texts and this year's steps, not the step's year."""
    steps = tuple((s.label, s.tekst, tuple(s.partijen)) for s in agreement.steps_for(year))
    fields = (agreement.doelstelling, agreement.kader, agreement.tekst, agreement.toelichting, agreement.wanneer)
    return (*(f.strip() for f in fields), steps)


def _predecessor(registry: Registry, doc: Document, agreement: Agreement) -> tuple[Document, Agreement] | None:
    ref = agreement.vervolg_van
    if ref is None:
        return None
    gemeente = ref.gemeente or doc.gemeente
    for other in registry.documenten:
        if other.gemeente == gemeente and ref.jaar in other.jaren:
            for candidate in other.afspraken:
                if candidate.anchor == f"afspraak-{ref.afspraak}" and other.includes(candidate, ref.jaar):
                    return other, candidate
    return None


def readiness(source: Source, registry: Registry) -> list[Problem]:
    """Everything `klaar` reports for one document; warnings do not block publication."""
    data = source.data
    doc = next(d for d in registry.documenten if d.path == source.path)
    found: list[tuple[Path_, str, bool]] = [(at, message, False) for at, message in docstatus.signing_gaps(data)]
    if not str(data["bron"].get("bestand", "")).strip():
        found.append((("bron", "bestand"), "nog invullen: het bestand (pdf) met de ondertekende tekst", False))
    found += _continuations(data, doc, registry)
    found += _outsiders(doc, registry, data)
    for at, text in texts(data, ()):
        if marker := MARKERS.search(text):
            what = "onopgeloste redactienoot" if at[-1] == "redactie" else "tekst nog niet af"
            found.append((at, f"{what}: bevat '{marker.group(0)}'", False))
    return [Problem(source.path, source.line(at), field_name(at), message, warning) for at, message, warning in found]


def _continuations(data: dict[str, Any], doc: Document, registry: Registry) -> list[tuple[Path_, str, bool]]:
    """A carried-over agreement either says it continues unchanged or differs from its predecessor."""
    found = []
    for at, chapter, raw in agreement_nodes(data):
        anchor = construct.anchor(chapter, raw["nummer"])
        agreement = next(a for a in doc.afspraken if a.anchor == anchor)
        pair = _predecessor(registry, doc, agreement)
        if pair is None:
            continue
        earlier, before = pair
        ref = agreement.vervolg_van
        assert ref is not None
        same = _content(agreement, doc.jaar) == _content(before, ref.jaar)
        name = f"afspraak {before.nummer} van {earlier.gemeente} {ref.jaar}"
        if same and not agreement.ongewijzigd:
            message = f"tekst is gelijk aan {name}: pas de afspraak aan of zet 'ongewijzigd: true'"
            found.append(((*at, "tekst"), message, False))
        elif agreement.ongewijzigd and not same:
            message = f"staat als ongewijzigd, maar de tekst wijkt af van {name}: haal 'ongewijzigd' weg"
            found.append(((*at, "ongewijzigd"), message, False))
    return found


def _outsiders(doc: Document, registry: Registry, data: dict[str, Any]) -> list[tuple[Path_, str, bool]]:
    """A registered organisation that the text names but that is not a party of this document:
    perhaps a party that should sign, perhaps only mentioned. The editor decides; it does not block."""
    own = {r.partij for r in doc.partijen}
    found = []
    for at, chapter, raw in agreement_nodes(data):
        anchor = construct.anchor(chapter, raw["nummer"])
        agreement = next(a for a in doc.afspraken if a.anchor == anchor)
        named = mentions.named_parties(registry.partijen, doc, agreement, agreement.stappen)
        for party_id in named:
            if party_id in own:
                continue
            party = registry.partijen[party_id]
            message = (
                f"de tekst noemt {mentions.display_name(party)} ({party.soort}), die geen partij van dit document is; "
                "voeg de partij toe aan 'partijen' als zij meetekent"
            )
            found.append(((*at, "tekst"), message, True))
    return found
