"""Which parties an agreement's text names, so that a party's page also lists agreements in
documents that name who does what in the text instead of in role columns. Pure functions."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

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


def _names(party: Party) -> list[str]:
    if party.soort == "gemeente":
        return [party.naam, *party.ook_genoemd]
    return [party.naam, party.korte_naam, party.afkorting, *party.ook_genoemd]


@functools.cache
def _party_pattern(party: Party, own_gemeente: bool, own: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compiled once per party and document wording: re's own cache holds fewer patterns than
    there are parties in the country."""
    if party.soort != "gemeente":
        return _pattern([*_names(party), *own])
    bare = [_BARE_GEMEENTE] if own_gemeente else []
    return _pattern([*_names(party), *own], extra=bare, place_guard=True)


_WORD = re.compile(r"\w+")


def _by_key_word(parties: Iterable[Party]) -> dict[str, tuple[Party, ...]]:
    """Parties by one word of each way of writing their name, the one fewest names share. A
    pattern only matches where every word of the name stands in the text as a whole word, so the
    words of a text select the few parties worth matching out of the country's hundreds; the
    rarest word ('Aalberg', not 'Gemeente') selects the fewest."""
    spellings = [(party, _WORD.findall(s)) for party in parties for n in _names(party) if n for s in _spellings(n)]
    frequency = Counter(w for _party, words in spellings for w in set(words))
    index: dict[str, list[Party]] = {}
    for party, words in spellings:
        key = min(words, key=lambda w: (frequency[w], -len(w))) if words else ""
        index.setdefault(key, []).append(party)
    return {word: tuple(dict.fromkeys(found)) for word, found in index.items()}


_indexes: dict[int, tuple[Mapping[str, Party], dict[str, tuple[Party, ...]], dict[str, int]]] = {}


def _index(parties: Mapping[str, Party]) -> tuple[dict[str, tuple[Party, ...]], dict[str, int]]:
    """`_by_key_word` and each party's place in the register, made once per register (held, so
    its id is not reused)."""
    held = _indexes.get(id(parties))
    if held is None or held[0] is not parties:
        if len(_indexes) > 4:
            _indexes.clear()
        held = _indexes[id(parties)] = (parties, _by_key_word(parties.values()), {i: n for n, i in enumerate(parties)})
    return held[1], held[2]


def patterns(parties: Mapping[str, Party], document: Document, text: str) -> dict[str, re.Pattern[str]]:
    """The name patterns, by party id in register order, of the parties that `text` in `document`
    may name: those with the key word of a name among the words of the text, and the document's own parties,
    whose wording ('de gemeente', 'hierna: ...') is the document's. Only the chosen few are
    visited: visiting the country's register for every text grew with agreements x parties."""
    index, order = _index(parties)
    chosen = {p.id for word in {"", *_WORD.findall(text)} for p in index.get(word, ())}
    chosen |= {r.partij for r in document.partijen} | {f"gemeente-{document.gemeente}"}
    return {
        i: pattern
        for i in sorted(chosen & order.keys(), key=order.__getitem__)
        if (pattern := party_pattern(parties[i], document))
    }


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
    parties: Mapping[str, Party], document: Document, agreement: Agreement, steps: Iterable[Step]
) -> dict[str, tuple[str, ...]]:
    """The parties that an agreement's text names, each with the sentences that name it."""
    text = agreement_text(agreement, steps)
    return naming_sentences(text, patterns(parties, document, text))
