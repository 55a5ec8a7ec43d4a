"""The typed model of the published agreements. Built from validated data; no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.progress import Progress

DEFAULT_HEADINGS = {
    "doelstelling": "Doelstelling",
    "kader": "Meerjarige afspraak",
    "tekst": "Afspraak",
    "stappen": "Afspraak {jaar}",
    "toelichting": "Toelichting",
    "initiatief": "Initiatief",
    "betrokken": "Betrokken partijen",
    "wanneer": "Wanneer",
}


@dataclass(frozen=True)
class Party:
    id: str
    naam: str
    korte_naam: str
    soort: str
    afkorting: str = ""
    huurders_van: tuple[str, ...] = ()
    ook_genoemd: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    naam: str
    beschrijving: str


@dataclass(frozen=True)
class Definition:
    """What one document itself says a term means, quoted; it holds on that document's pages only."""

    gemeente: str
    jaar: int
    tekst: str
    anker: str = ""
    plaats: str = ""


@dataclass(frozen=True)
class Term:
    """A glossary entry. `uitleg` is the site's own plain explanation, valid everywhere; in a
    document's appendix it is that document's printed definition. `afkorting` is what the reader
    sees in the text, if it is an abbreviation."""

    term: str
    uitleg: str = ""
    afkorting: str = ""
    definities: tuple[Definition, ...] = ()


@dataclass(frozen=True)
class Figure:
    """One printed figure read by a check: as printed, its value, and where it stands."""

    gedrukt: str
    waarde: float
    plaats: str


@dataclass(frozen=True)
class FigureNote:
    """Printed figures that should agree but do not; shown next to each of them.

    soort 'som': `totaal` should equal the sum of `delen` minus `af`, which is `berekend`.
    soort 'gelijk': every figure in `gelijk` should be the same.
    """

    soort: str
    omschrijving: str
    totaal: Figure | None = None
    delen: tuple[Figure, ...] = ()
    af: tuple[Figure, ...] = ()
    gelijk: tuple[Figure, ...] = ()
    berekend: str = ""


@dataclass
class Column:
    naam: str
    soort: str = "tekst"
    eenheid: str = ""
    som_van: list[str] = field(default_factory=list)


@dataclass
class TotalRow:
    cellen: list[Any]
    som: bool = False


@dataclass
class Table:
    id: str
    kolommen: list[Column]
    rijen: list[list[Any]]
    titel: str = ""
    totalen: list[TotalRow] = field(default_factory=list)
    noten: list[str] = field(default_factory=list)
    inleiding: str = ""
    bijschrift: str = ""
    na_afspraak: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)


@dataclass
class Step:
    jaar: int
    tekst: str
    label: str = ""
    partijen: list[str] = field(default_factory=list)


@dataclass
class Predecessor:
    jaar: int
    afspraak: str
    gemeente: str = ""
    deel: str = ""


@dataclass(frozen=True)
class Amends:
    """The document an addendum changes: same gemeente, this year and file-name part."""

    jaar: int
    deel: str = ""


@dataclass(frozen=True)
class Judgement:
    """An editor's concreteness level for an agreement, shown instead of the computed one and
    always with its reason; `jaar` limits it to one year's page of a jaarschijf."""

    niveau: str
    reden: str
    jaar: int | None = None


@dataclass
class Agreement:
    nummer: str
    anchor: str
    doelstelling: str = ""
    kader: str = ""
    tekst: str = ""
    stappen: list[Step] = field(default_factory=list)
    toelichting: str = ""
    initiatief: list[str] = field(default_factory=list)
    betrokken: list[str] = field(default_factory=list)
    wanneer: str = ""
    themas: list[str] = field(default_factory=list)
    tabellen: list[Table] = field(default_factory=list)
    status: str = ""
    vervolg_van: Predecessor | None = None
    ongewijzigd: bool = False
    redactie: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)
    concreetheid: Judgement | None = None
    wijzigt: str = ""
    """In an addendum: the anchor id (without 'afspraak-') of the agreement it changes."""

    def steps_for(self, year: int) -> list[Step]:
        return [step for step in self.stappen if step.jaar == year]

    def parties(self) -> list[str]:
        """Every party named on this agreement: initiator, involved, or in a step."""
        named = [*self.initiatief, *self.betrokken, *(p for s in self.stappen for p in s.partijen)]
        return list(dict.fromkeys(named))


@dataclass
class Group:
    afspraken: list[Agreement]
    titel: str = ""
    partijen: list[str] = field(default_factory=list)
    doelstelling: str = ""
    kader: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)


@dataclass
class Box:
    tekst: str
    titel: str = ""


@dataclass
class Chapter:
    id: str
    titel: str
    kopjes: dict[str, str]
    groepen: list[Group] = field(default_factory=list)
    nummer: str = ""
    thema: str = ""
    inleiding: str = ""
    ambitie: str = ""
    doel: str = ""
    richtingen: str = ""
    kaders: list[Box] = field(default_factory=list)
    tabellen: list[Table] = field(default_factory=list)
    slot: str = ""
    redactie: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)

    @property
    def afspraken(self) -> list[Agreement]:
        return [a for g in self.groepen for a in g.afspraken]

    @property
    def full_title(self) -> str:
        return f"{self.nummer} {self.titel}" if self.nummer else self.titel


@dataclass
class Representative:
    """A party of a document and who represents it there."""

    partij: str
    vertegenwoordiger: str = ""
    functie: str = ""
    aangeduid_als: str = ""


@dataclass
class Signatory:
    partij: str
    naam: str = ""
    functie: str = ""


@dataclass
class Signing:
    datum: str | None = None
    plaats: str | None = None
    tekst: str = ""
    ondertekenaars: list[Signatory] = field(default_factory=list)


@dataclass
class Origin:
    """Where the text was taken from."""

    bestand: str
    titel: str = ""
    url: str = ""
    toelichting: str = ""


@dataclass
class Replacement:
    """What replaced a superseded document: a document on this site, or one elsewhere."""

    gemeente: str = ""
    jaar: int | None = None
    url: str = ""


CONCEPT, SIGNED, PUBLISHED, REPLACED = "concept", "ondertekend", "gepubliceerd", "vervangen"
ADDENDUM = "addendum"


@dataclass
class Appendix:
    id: str
    titel: str
    nummer: str = ""
    tekst: str = ""
    tabellen: list[Table] = field(default_factory=list)
    begrippen: list[Term] = field(default_factory=list)
    redactie: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)


@dataclass
class Footnote:
    nummer: str
    tekst: str


@dataclass
class Document:
    gemeente: str
    titel: str
    soort: str
    periode_van: int
    periode_tot: int
    jaar: int
    jaren: list[int]
    bron: Origin
    hoofdstukken: list[Chapter]
    path: str = ""
    titel_afgeleid: bool = False
    periode_tekst: str = ""
    publicatie: str = ""
    aanhef: str = ""
    overwegingen: str = ""
    komen_overeen: str = ""
    partijen: list[Representative] = field(default_factory=list)
    geldigheid: str = ""
    bijlagen: list[Appendix] = field(default_factory=list)
    voetnoten: list[Footnote] = field(default_factory=list)
    ondertekening: Signing | None = None
    status: str = PUBLISHED
    vervangen_door: Replacement | None = None
    redactie: str = ""
    cijfernoten: list[FigureNote] = field(default_factory=list)
    voortgang: dict[int, Progress] = field(default_factory=dict)
    """Progress files by year, from data/<gemeente>/<jaar>.voortgang.yaml."""
    deel: str = ""
    """The `<deel>` of data/<gemeente>/<jaar>-<deel>.yaml: "" for a gemeente's own document."""
    onderdeel: str = ""
    """How the document is told apart from the others of its gemeente and year ('Addendum')."""
    gemeenten: list[str] = field(default_factory=list)
    """A regional document's member gemeenten; empty for a gemeente's own document."""
    wijzigt: Amends | None = None

    @property
    def is_addendum(self) -> bool:
        return self.soort == ADDENDUM

    @property
    def key(self) -> tuple[str, int, str]:
        """What identifies the document: gemeente (or region), year and file-name part."""
        return (self.gemeente, self.jaar, self.deel)

    @property
    def is_concept(self) -> bool:
        return self.status == CONCEPT

    @property
    def signed_on(self) -> str | None:
        """The signing date, only where the document claims to be signed."""
        return self.ondertekening.datum if self.ondertekening and self.status != CONCEPT else None

    @property
    def afspraken(self) -> list[Agreement]:
        return [a for c in self.hoofdstukken for a in c.afspraken]

    def includes(self, agreement: Agreement, year: int) -> bool:
        """Whether an agreement belongs to this document's page for `year`.

        The document's own year shows everything; an earlier year shown from the same
        document (a jaarschijf's previous-year column) shows the rows that have a step for
        that year, plus framework rows that hold only a framework agreement.
        """
        framework_only = not agreement.stappen and not agreement.tekst
        return year == self.jaar or bool(agreement.steps_for(year)) or framework_only


@dataclass
class Registry:
    """Everything the site is made of: the shared registers and all documents."""

    partijen: dict[str, Party]
    themas: dict[str, Theme]
    begrippen: list[Term]
    documenten: list[Document]
    synoniemen: list[list[str]] = field(default_factory=list)

    def place_name(self, slug: str) -> str:
        """A gemeente's short name, or a region's (its folder is its id in the register)."""
        return (self.partijen.get(f"gemeente-{slug}") or self.partijen[slug]).korte_naam

    def label(self, document: Document, year: int) -> str:
        """'Hoogeveen 2026', and for a further document of that year its part: 'Hoogeveen 2026 · Addendum'."""
        label = f"{self.place_name(document.gemeente)} {year}"
        return f"{label} · {document.onderdeel}" if document.deel else label

    def only(self, gemeente: str) -> Registry:
        """The documents of one gemeente, and the regional documents it takes part in; the
        glossary keeps the definitions of those documents only."""
        shown = [d for d in self.documenten if d.gemeente == gemeente or gemeente in d.gemeenten]
        keys = {(d.gemeente, d.jaar) for d in shown}
        terms = [replace(t, definities=tuple(d for d in t.definities if (d.gemeente, d.jaar) in keys)) for t in self.begrippen]
        return replace(self, begrippen=terms, documenten=shown)

    def without_concepts(self) -> Registry:
        """What the public site shows: every document except concepts."""
        shown = [d for d in self.documenten if not d.is_concept]
        return replace(self, documenten=shown)
