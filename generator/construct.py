"""Turn validated plain data into model objects. Pure: data in, model out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import figures
from generator.layout import part
from generator.model import (
    DEFAULT_HEADINGS,
    Agreement,
    Amends,
    Appendix,
    Box,
    Chapter,
    Column,
    Definition,
    Document,
    Footnote,
    Group,
    Judgement,
    Origin,
    Party,
    Predecessor,
    Replacement,
    Representative,
    Signatory,
    Signing,
    Step,
    Table,
    Term,
    Theme,
    TotalRow,
)


def anchor(chapter: dict[str, Any], nummer: str) -> str:
    """The stable anchor of an agreement: its printed number, prefixed by the chapter when
    numbering restarts per chapter."""
    if chapter.get("nummering") == "per-hoofdstuk":
        return f"afspraak-{chapter['id']}-{nummer}"
    return f"afspraak-{nummer}"


def table(data: dict[str, Any]) -> Table:
    return Table(
        id=data["id"],
        titel=data.get("titel", ""),
        kolommen=[Column(**column) for column in data["kolommen"]],
        rijen=[list(row) for row in data["rijen"]],
        totalen=[TotalRow(**row) for row in data.get("totalen", [])],
        noten=list(data.get("noten", [])),
        inleiding=data.get("inleiding", ""),
        bijschrift=data.get("bijschrift", ""),
        na_afspraak=data.get("na_afspraak", ""),
    )


def agreement(data: dict[str, Any], chapter: dict[str, Any]) -> Agreement:
    nested = ("stappen", "tabellen", "vervolg_van", "cijfers", "concreetheid")
    fields = {k: v for k, v in data.items() if k not in nested}
    return Agreement(
        **fields,
        anchor=anchor(chapter, data["nummer"]),
        stappen=[Step(**step) for step in data.get("stappen", [])],
        tabellen=[table(t) for t in data.get("tabellen", [])],
        vervolg_van=Predecessor(**data["vervolg_van"]) if "vervolg_van" in data else None,
        concreetheid=Judgement(**data["concreetheid"]) if "concreetheid" in data else None,
    )


def groups(data: dict[str, Any]) -> list[Group]:
    if "afspraken" in data:
        return [Group(afspraken=[agreement(a, data) for a in data["afspraken"]])]
    return [
        Group(
            afspraken=[agreement(a, data) for a in group["afspraken"]],
            **{k: v for k, v in group.items() if k != "afspraken"},
        )
        for group in data.get("groepen", [])
    ]


def chapter(data: dict[str, Any], headings: dict[str, str]) -> Chapter:
    skip = ("afspraken", "groepen", "kaders", "tabellen", "kopjes", "nummering", "cijfers")
    plain = {k: v for k, v in data.items() if k not in skip}
    return Chapter(
        **plain,
        kopjes={**headings, **data.get("kopjes", {})},
        groepen=groups(data),
        kaders=[Box(**box) for box in data.get("kaders", [])],
        tabellen=[table(t) for t in data.get("tabellen", [])],
    )


def appendix(data: dict[str, Any]) -> Appendix:
    plain = {k: v for k, v in data.items() if k not in ("tabellen", "begrippen", "cijfers")}
    return Appendix(
        **plain,
        tabellen=[table(t) for t in data.get("tabellen", [])],
        begrippen=[Term(**term) for term in data.get("begrippen", [])],
    )


def signing(data: dict[str, Any]) -> Signing:
    return Signing(
        datum=data.get("datum"),
        plaats=data.get("plaats"),
        tekst=data.get("tekst", ""),
        ondertekenaars=[Signatory(**r) for r in data.get("ondertekenaars", [])],
    )


def document(data: dict[str, Any], path: str = "") -> Document:
    deel = part(Path(path)) if path else ""
    headings = {**DEFAULT_HEADINGS, **data.get("kopjes", {})}
    simple = (
        "gemeente",
        "titel",
        "soort",
        "jaar",
        "titel_afgeleid",
        "publicatie",
        "aanhef",
        "overwegingen",
        "komen_overeen",
        "geldigheid",
        "status",
        "redactie",
        "gemeenten",
    )
    built = Document(
        **{k: data[k] for k in simple if k in data},
        path=path,
        periode_van=data["periode"]["van"],
        periode_tot=data["periode"]["tot"],
        periode_tekst=data["periode"].get("tekst", ""),
        jaren=sorted(data.get("jaren", [data["jaar"]])),
        bron=Origin(**data["bron"]),
        partijen=[Representative(**p) for p in data.get("partijen", [])],
        hoofdstukken=[chapter(c, headings) for c in data["hoofdstukken"]],
        bijlagen=[appendix(b) for b in data.get("bijlagen", [])],
        voetnoten=[Footnote(**f) for f in data.get("voetnoten", [])],
        ondertekening=signing(data["ondertekening"]) if "ondertekening" in data else None,
        vervangen_door=Replacement(**data["vervangen_door"]) if "vervangen_door" in data else None,
        deel=deel,
        onderdeel=data.get("onderdeel", deel.replace("-", " ").capitalize()),
        wijzigt=Amends(**data["wijzigt"]) if "wijzigt" in data else None,
    )
    return figures.attach(built, figures.notes(data))


def parties(data: list[dict[str, Any]]) -> dict[str, Party]:
    lists = ("huurders_van", "ook_genoemd")
    return {p["id"]: Party(**{**p, **{k: tuple(p.get(k, ())) for k in lists}}) for p in data}


def themes(data: list[dict[str, Any]]) -> dict[str, Theme]:
    return {t["id"]: Theme(**t) for t in data}


def terms(data: list[dict[str, Any]]) -> list[Term]:
    return [Term(**{**t, "definities": tuple(Definition(**d) for d in t.get("definities", []))}) for t in data]
