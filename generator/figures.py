"""Printed figures that should agree: the `cijfers` declarations of a document. Pure functions.

A declaration names figures by quoting them from the text (a quote holding one number) or by
table cell. `problems` checks the declarations and reports figures that disagree; `notes` says,
per element of the document, which disagreements must be shown there, so the page never shows
contradicting figures without saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.model import Document, Figure, FigureNote
from generator.tables import PERCENTAGE, number, shown

Path_ = tuple[str | int, ...]

TEXT_FIELDS = {
    "titel", "inleiding", "ambitie", "doel", "richtingen", "tekst", "slot", "doelstelling", "kader",
    "toelichting", "wanneer", "aanhef", "overwegingen", "komen_overeen", "geldigheid", "noten",
    "uitleg", "bijschrift", "publicatie",
}  # fmt: skip
NOT_SOURCE_TEXT = {"bron", "redactie", "cijfers", "kopjes"}
ELEMENTS = {"hoofdstukken", "groepen", "afspraken", "tabellen", "bijlagen"}
_NUMBER = re.compile(r"(€\s?)?(\d[\d.,]*\d|\d)(\s?%)?")
_TOLERANCE = 1e-9


class FigureError(Exception):
    """A declaration that cannot be read: the data must be fixed, not the figures."""

    def __init__(self, at: Path_, message: str) -> None:
        super().__init__(message)
        self.at = at


@dataclass(frozen=True)
class Located:
    figure: Figure
    element: Path_
    prefix: str = ""
    suffix: str = ""


def node(doc: dict[str, Any], at: Path_) -> Any:
    for key in at:
        doc = doc[key]
    return doc


def element_of(at: Path_) -> Path_:
    """The deepest element (chapter, group, agreement, table, appendix) a path lies in; () is the document."""
    found: Path_ = ()
    for i, key in enumerate(at[:-1]):
        if key in ELEMENTS and isinstance(at[i + 1], int):
            found = at[: i + 2]
    return found


def _texts(value: Any, at: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_SOURCE_TEXT:
                yield from _texts(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*at, index))
    elif isinstance(value, str) and any(k in TEXT_FIELDS for k in at[-2:] if isinstance(k, str)):
        yield at, value


DOCUMENT_PARTS = {"titel": "de titel", "overwegingen": "de overwegingen", "voetnoten": "de voetnoten"}


def place(doc: dict[str, Any], element: Path_, field: str | int = "") -> str:
    """How the reader finds an element on the page, in words; `field` names a part of the document itself."""
    if not element:
        return DOCUMENT_PARTS.get(str(field), "het begin van het document")
    data = node(doc, element)
    kind = element[-2]
    if kind == "afspraken":
        chapter = node(doc, element[:2])
        numbered = chapter.get("nummering") == "per-hoofdstuk"
        return f"afspraak {data['nummer']}" + (f" van ‘{chapter['titel']}’" if numbered else "")
    if kind == "tabellen":
        caption = data.get("titel") or data.get("bijschrift")
        if not caption:
            return f"de tabel bij {place(doc, element[:-2])}"
        return f"de tabel ‘{caption.split(':')[0] if caption.startswith('Tabel') else caption}’"
    if kind == "bijlagen":
        return f"bijlage {data['nummer']}" if data.get("nummer") else f"de bijlage ‘{data['titel']}’"
    if kind == "groepen":
        return f"‘{data['titel']}’" if data.get("titel") else place(doc, element[:-2])
    return f"hoofdstuk ‘{' '.join(filter(None, [data.get('nummer'), data['titel']]))}’"


def _quoted(doc: dict[str, Any], scope: Path_, quote: str, at: Path_) -> Located:
    hits = [(where, text) for where, text in _texts(node(doc, scope), scope) for _ in range(text.count(quote))]
    if not hits:
        raise FigureError(at, f"het citaat '{quote}' staat niet in de tekst")
    if len(hits) > 1:
        raise FigureError(at, f"het citaat '{quote}' staat {len(hits)} keer in de tekst; maak het langer")
    numbers = list(_NUMBER.finditer(quote))
    if len(numbers) != 1:
        raise FigureError(at, f"het citaat '{quote}' moet precies één getal bevatten, niet {len(numbers)}")
    match = numbers[0]
    value = number(match.group(2).rstrip(".,"))
    if value is None:
        raise FigureError(at, f"'{match.group(2)}' in '{quote}' is geen getal")
    element = element_of(hits[0][0])
    printed = match.group(0).strip()
    label = place(doc, element, hits[0][0][0])
    return Located(Figure(printed, value, label), element, match.group(1) or "", match.group(3) or "")


def _tables(doc: dict[str, Any], at: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "tabellen":
                yield from (((*at, key, i), t) for i, t in enumerate(value))
            yield from _tables(value, (*at, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from _tables(value, (*at, i))


def _cell(doc: dict[str, Any], scope: Path_, ref: dict[str, str], at: Path_) -> Located:
    if "tabel" in ref:
        where = next((p for p, t in _tables(doc) if t["id"] == ref["tabel"]), None)
        if where is None:
            raise FigureError(at, f"onbekende tabel '{ref['tabel']}'")
    elif len(scope) >= 2 and scope[-2] == "tabellen":
        where = scope
    else:
        raise FigureError(at, "geef met 'tabel' aan uit welke tabel het getal komt")
    table = node(doc, where)
    names = [c["naam"] for c in table["kolommen"]]
    if ref["kolom"] not in names:
        raise FigureError(at, f"tabel '{table['id']}' heeft geen kolom '{ref['kolom']}'")
    rows = [*table["rijen"], *(t["cellen"] for t in table.get("totalen", []))]
    row = next((r for r in rows if r and str(r[0]) == ref["rij"]), None)
    if row is None:
        raise FigureError(at, f"tabel '{table['id']}' heeft geen rij '{ref['rij']}'")
    index = names.index(ref["kolom"])
    value = number(row[index])
    if value is None:
        raise FigureError(at, f"in tabel '{table['id']}', rij '{ref['rij']}', kolom '{ref['kolom']}' staat geen getal")
    suffix = "%" if table["kolommen"][index].get("soort") == PERCENTAGE else ""
    label = f"{place(doc, where)}, rij ‘{ref['rij']}’, kolom ‘{ref['kolom']}’"
    return Located(Figure(f"{row[index]}{suffix}", value, label), where, suffix=suffix)


def _figure(doc: dict[str, Any], scope: Path_, ref: Any, at: Path_) -> Located:
    return _quoted(doc, scope, ref, at) if isinstance(ref, str) else _cell(doc, scope, ref, at)


def evaluate(doc: dict[str, Any], scope: Path_, check: dict[str, Any], at: Path_) -> tuple[FigureNote | None, list[Path_]]:
    """The note for one declaration if its figures disagree (else None), and the elements they stand in."""
    if ("gelijk" in check) == ("totaal" in check) or ("totaal" in check) != ("delen" in check):
        raise FigureError(at, "geef 'totaal' met 'delen' (en eventueel 'af'), of 'gelijk'")

    def figures(key: str) -> list[Located]:
        return [_figure(doc, scope, ref, (*at, key, i)) for i, ref in enumerate(check.get(key, []))]

    if "gelijk" in check:
        same = figures("gelijk")
        if len(same) < 2:
            raise FigureError((*at, "gelijk"), "noem ten minste twee cijfers die gelijk moeten zijn")
        elements = [f.element for f in same]
        if max(f.figure.waarde for f in same) - min(f.figure.waarde for f in same) <= _TOLERANCE:
            return None, elements
        return FigureNote("gelijk", check["omschrijving"], gelijk=tuple(f.figure for f in same)), elements
    total = _figure(doc, scope, check["totaal"], (*at, "totaal"))
    parts, minus = figures("delen"), figures("af")
    computed = sum(p.figure.waarde for p in parts) - sum(m.figure.waarde for m in minus)
    elements = [f.element for f in [total, *parts, *minus]]
    if abs(computed - total.figure.waarde) <= _TOLERANCE:
        return None, elements
    note = FigureNote(
        "som",
        check["omschrijving"],
        totaal=total.figure,
        delen=tuple(p.figure for p in parts),
        af=tuple(m.figure for m in minus),
        berekend=f"{total.prefix}{shown(computed)}{total.suffix}",
    )
    return note, elements


def declarations(doc: dict[str, Any], at: Path_ = ()) -> Iterator[tuple[Path_, Path_, dict[str, Any]]]:
    """Every declaration: the element that holds it (its scope), its own path, and the declaration."""
    value = node(doc, at)
    if isinstance(value, dict):
        for i, check in enumerate(value.get("cijfers", [])):
            yield at, (*at, "cijfers", i), check
        for key, item in value.items():
            if key != "cijfers" and isinstance(item, dict | list):
                yield from declarations(doc, (*at, key))
    elif isinstance(value, list):
        for i in range(len(value)):
            yield from declarations(doc, (*at, i))


def problems(doc: dict[str, Any]) -> list[tuple[Path_, str, bool]]:
    """Unreadable declarations as errors; figures that disagree as warnings."""
    found: list[tuple[Path_, str, bool]] = []
    for scope, at, check in declarations(doc):
        try:
            note, _ = evaluate(doc, scope, check, at)
        except FigureError as error:
            found.append((error.at, error.args[0], False))
            continue
        if note is not None:
            found.append((at, f"cijfers kloppen niet: {describe(note)}", True))
    found += _placement_problems(doc)
    return found


def describe(note: FigureNote) -> str:
    """One line for `check`: what is printed and what it conflicts with or adds up to."""
    if note.soort == "gelijk":
        return f"{note.omschrijving}: " + " tegenover ".join(f"{f.gedrukt} ({f.plaats})" for f in note.gelijk)
    terms = " + ".join(p.gedrukt for p in note.delen) + "".join(f" − {m.gedrukt}" for m in note.af)
    assert note.totaal is not None
    return f"{note.omschrijving}: gedrukt {note.totaal.gedrukt} ({note.totaal.plaats}), maar {terms} = {note.berekend}"


def notes(doc: dict[str, Any]) -> dict[Path_, list[FigureNote]]:
    """Per element, the disagreements to show there: one note at each element that holds one of the figures."""
    placed: dict[Path_, list[FigureNote]] = {}
    for scope, at, check in declarations(doc):
        try:
            note, elements = evaluate(doc, scope, check, at)
        except FigureError:
            continue
        for element in dict.fromkeys(elements) if note else ():
            placed.setdefault(element, []).append(note)
    return placed


def _placement_problems(doc: dict[str, Any]) -> list[tuple[Path_, str, bool]]:
    """A table placed after an agreement must name an agreement of its own chapter."""
    found: list[tuple[Path_, str, bool]] = []
    for at, table in _tables(doc):
        if "na_afspraak" not in table:
            continue
        owner = node(doc, at[:-2])
        if at[0] != "hoofdstukken" or len(at) != 4:
            found.append(((*at, "na_afspraak"), "alleen een tabel van een hoofdstuk kan na een afspraak staan", False))
            continue
        numbers = [a["nummer"] for a in owner.get("afspraken", [])]
        numbers += [a["nummer"] for g in owner.get("groepen", []) for a in g["afspraken"]]
        if table["na_afspraak"] not in numbers:
            found.append(((*at, "na_afspraak"), f"hoofdstuk '{owner['id']}' heeft geen afspraak {table['na_afspraak']}", False))
    return found


def attach(document: Document, placed: dict[Path_, list[FigureNote]]) -> Document:
    """The document with each element carrying the notes that belong next to its figures."""
    for at, found in placed.items():
        target: Any = document
        for key, index in zip(at[::2], at[1::2], strict=True):
            target = getattr(target, str(key))[index]
        target.cijfernoten = [*target.cijfernoten, *found]
    return document
