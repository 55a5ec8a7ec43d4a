"""Progress (voortgang) of agreements: what a monitor, an evaluation or a later document says
became of them. One optional file per gemeente and year, data/<gemeente>/<jaar>.voortgang.yaml;
checked against the agreements that year's page shows. Pure functions; `collect` does the reading."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.loading import Path_, Problem, Source, field_name
from generator.model import Document

STATUSES = ("gepland", "loopt", "gerealiseerd", "vertraagd", "vervallen")
LABELS = {
    "gepland": "Gepland",
    "loopt": "Loopt",
    "gerealiseerd": "Gerealiseerd",
    "vertraagd": "Vertraagd",
    "vervallen": "Vervallen",
}
UNKNOWN = "onbekend"
UNKNOWN_LABEL = "Geen voortgang bekend"
NOT_REALISED = ("gepland", "loopt", "vertraagd")
SUFFIX = "voortgang"


@dataclass(frozen=True)
class Origin:
    """Where updates come from. A derived source is a later text that says what happened."""

    id: str
    titel: str
    soort: str
    document: int | None = None
    url: str = ""
    toelichting: str = ""

    @property
    def afgeleid(self) -> bool:
        return self.soort == "afgeleid"


@dataclass(frozen=True)
class Update:
    datum: str
    status: str
    toelichting: str
    bron: Origin
    citaat: str = ""
    vindplaats: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.status]


@dataclass
class Progress:
    """The updates of one gemeente's agreements for one year, by agreement anchor."""

    gemeente: str
    jaar: int
    path: str = ""
    afspraken: dict[str, tuple[Update, ...]] = field(default_factory=dict)

    def updates(self, anchor: str) -> tuple[Update, ...]:
        return self.afspraken.get(anchor, ())

    def latest(self, anchor: str) -> Update | None:
        found = self.updates(anchor)
        return found[-1] if found else None


def status_of(progress: Progress | None, anchor: str) -> str:
    """The latest status of an agreement, or UNKNOWN: never a guess."""
    latest = progress.latest(anchor) if progress else None
    return latest.status if latest else UNKNOWN


def status_label(status: str) -> str:
    return LABELS.get(status, UNKNOWN_LABEL)


def construct(data: dict[str, Any], gemeente: str, jaar: int, path: str = "") -> Progress:
    origins = {b["id"]: Origin(**b) for b in data["bronnen"]}
    return Progress(
        gemeente=gemeente,
        jaar=jaar,
        path=path,
        afspraken={
            f"afspraak-{a['afspraak']}": tuple(Update(**{**u, "bron": origins[u["bron"]]}) for u in a["updates"])
            for a in data["afspraken"]
        },
    )


def place(path: str) -> tuple[str, int, str]:
    """Gemeente, year and file-name part from data/<gemeente>/<jaar>[-<deel>].voortgang.yaml."""
    parts = path.replace("\\", "/").split("/")
    year, _, deel = parts[-1].split(".")[0].partition("-")
    return parts[-2], int(year), deel


def words(text: str) -> str:
    """Text as a run of words, for finding a quotation in its source regardless of line breaks."""
    return " ".join(re.sub(r"[*_`]", "", text).split())


@dataclass(frozen=True)
class Shown:
    """A document as one year's page shows it: the model, the anchors on that page, and its text."""

    document: Document
    anchors: frozenset[str]
    text: str


def problems(source: Source, pages: Mapping[tuple[str, int, str], Shown]) -> list[Problem]:
    """Cross-checks of a schema-valid progress file against the page it belongs to."""
    gemeente, year, deel = place(source.path)
    shown = pages.get((gemeente, year, deel))
    if shown is None:
        message = f"voortgang zonder document: geen document in data/{gemeente}/ toont de afspraken van {year}"
        return [Problem(source.path, 1, "bestand", message)]
    found: list[tuple[Path_, str]] = []
    doc = shown.document
    first, last = datetime.date(doc.periode_van, 1, 1), datetime.date(doc.periode_tot + 1, 12, 31)
    origins = {}
    for i, origin in enumerate(source.data["bronnen"]):
        origins[origin["id"]] = origin
        if "document" in origin and (gemeente, origin["document"], "") not in pages:
            found.append((("bronnen", i, "document"), f"geen document van {gemeente} voor {origin['document']} op deze site"))
    seen: set[str] = set()
    for i, entry in enumerate(source.data["afspraken"]):
        at: Path_ = ("afspraken", i)
        anchor = f"afspraak-{entry['afspraak']}"
        if anchor not in shown.anchors:
            found.append(((*at, "afspraak"), f"afspraak '{entry['afspraak']}' staat niet op de pagina van {gemeente} {year}"))
        if anchor in seen:
            found.append(((*at, "afspraak"), f"afspraak '{entry['afspraak']}' staat er al eerder in"))
        seen.add(anchor)
        previous = ""
        for j, update in enumerate(entry["updates"]):
            found += [((*at, "updates", j, key), message) for key, message in _update_problems(update, origins, pages, gemeente)]
            day = datetime.date.fromisoformat(update["datum"])
            if not first <= day <= last:
                period = f"{doc.periode_van}-{doc.periode_tot}"
                message = f"{update['datum']} valt buiten de looptijd {period} en het jaar erna"
                found.append(((*at, "updates", j, "datum"), message))
            if update["datum"] < previous:
                found.append(((*at, "updates", j, "datum"), "updates staan oudste eerst; deze is ouder dan de vorige"))
            previous = update["datum"]
    return [Problem(source.path, source.line(where), field_name(where), message) for where, message in found]


def _update_problems(
    update: dict[str, Any], origins: Mapping[str, dict[str, Any]], pages: Mapping[tuple[str, int, str], Shown], gemeente: str
) -> Iterator[tuple[str, str]]:
    origin = origins.get(update["bron"])
    if origin is None:
        yield "bron", f"onbekende bron '{update['bron']}' (kies uit: {', '.join(origins)})"
        return
    if origin["soort"] == "afgeleid" and "citaat" not in update:
        yield "bron", "een update uit een afgeleide bron heeft een letterlijk citaat nodig"
    target = pages.get((gemeente, origin["document"], "")) if "document" in origin else None
    if target is None:
        return
    if "citaat" in update and words(update["citaat"]) not in target.text:
        yield "citaat", f"het citaat staat niet letterlijk in {gemeente} {origin['document']}"
    places = {a for a in target.anchors} | {c.id for c in target.document.hoofdstukken}
    if update.get("vindplaats") and update["vindplaats"] not in places:
        yield "vindplaats", f"'{update['vindplaats']}' is geen afspraak of hoofdstuk van {gemeente} {origin['document']}"
