"""Which parties an agreement's text names, so that a party's page also lists agreements in
documents that name who does what in the text instead of in role columns. Pure functions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from generator.model import Agreement, Document, Party, Step
from generator.summary import sentences

# "in de gemeente" is a place, not the party: "woningen in de gemeente Harderwijk".
_PLACE = "".join(f"(?<!{w} )(?<!{w} de )" for w in ("in", "In", "binnen", "buiten", "over"))
# In a gemeente's own document "de gemeente" is that gemeente, unless a name follows ("gemeente Zwolle").
_BARE_GEMEENTE = r"[Gg]emeente(?![\w-])(?! [A-Z])"


def display_name(party: Party) -> str:
    """The name a reader recognises: 'Gemeente Hardenberg' (the bare place name is a place,
    not the party), otherwise the short name ('Vechtdal Wonen', 'HOV')."""
    return party.naam if party.soort == "gemeente" else party.korte_naam


def _spellings(name: str) -> list[str]:
    """A name as written, and with the case of its first letter changed when a later word still
    marks it as a name ('de Veste', 'gemeente Tynaarlo') or when it is a document's own lowercase
    term at the start of a sentence ('De corporatie'); never 'andere gemeenten' for the party
    'Andere gemeenten'."""
    words = name.split()
    if name[:1].islower() or (len(words) > 1 and any(w[:1].isupper() for w in words[1:])):
        return [name, name[0].swapcase() + name[1:]]
    return [name]


def _pattern(names: Iterable[str], extra: Iterable[str] = (), place_guard: bool = False) -> re.Pattern[str] | None:
    """Whole words, case as written: 'Cascade' the party, not 'cascade' the word."""
    spellings = sorted({s for n in names if n for s in _spellings(n)}, key=len, reverse=True)
    alternatives = [*map(re.escape, spellings), *extra]
    if not alternatives:
        return None
    guard = _PLACE if place_guard else ""
    return re.compile(guard + r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?!\w)")


def party_pattern(party: Party, document: Document) -> re.Pattern[str] | None:
    """How a document's text names a party: its names, the document's own 'hierna: ...' term,
    and, for the document's own gemeente, the bare word 'gemeente' not followed by a name."""
    own = tuple(r.aangeduid_als for r in document.partijen if r.partij == party.id and r.aangeduid_als)
    return _party_pattern(party, party.id == f"gemeente-{document.gemeente}", own)


@functools.cache
def _party_pattern(party: Party, own_gemeente: bool, own: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compiled once per party and document wording: re's own cache holds fewer patterns than
    there are parties in the country."""
    if party.soort != "gemeente":
        return _pattern([party.naam, party.korte_naam, party.afkorting, *party.ook_genoemd, *own])
    bare = [_BARE_GEMEENTE] if own_gemeente else []
    return _pattern([party.naam, *party.ook_genoemd, *own], extra=bare, place_guard=True)


def agreement_text(agreement: Agreement, steps: Iterable[Step]) -> str:
    """Everything a reader reads as the agreement itself, for the steps shown."""
    parts = [agreement.doelstelling, agreement.kader, agreement.tekst]
    parts += [f"{s.label}\n\n{s.tekst}" if s.label else s.tekst for s in steps]
    parts += [agreement.toelichting, agreement.wanneer]
    return "\n\n".join(p for p in parts if p)


def naming_sentences(text: str, patterns: dict[str, re.Pattern[str]]) -> dict[str, tuple[str, ...]]:
    """Per party, the sentences of `text` that name it. A name inside a longer name of another
    party does not count: 'Omnia Wonen' in 'Stichting Huurdersorganisatie Omnia Wonen'."""
    found: dict[str, list[str]] = {}
    for sentence in sentences(text):
        spans = [(m.start(), m.end(), party) for party, p in patterns.items() for m in p.finditer(sentence)]
        for start, end, party in spans:
            inside = any(s <= start and end <= e and (e - s) > (end - start) and p != party for s, e, p in spans)
            if not inside and sentence not in found.setdefault(party, []):
                found[party].append(sentence)
    return {party: tuple(s) for party, s in found.items() if s}


def named_parties(
    parties: Iterable[Party], document: Document, agreement: Agreement, steps: Iterable[Step]
) -> dict[str, tuple[str, ...]]:
    """The parties that an agreement's text names, each with the sentences that name it."""
    patterns = {p.id: pattern for p in parties if (pattern := party_pattern(p, document))}
    return naming_sentences(agreement_text(agreement, steps), patterns)
