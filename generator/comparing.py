"""Compare two years of a municipality. Every agreement of either year lands in exactly one
status, with the rule that paired it and, where a year has nothing comparable, the reason why."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.indexes import Page
from generator.model import Agreement, Chapter
from generator.summary import group_of, headline

NEW, CHANGED, DROPPED, SAME, APART = "nieuw", "gewijzigd", "vervallen", "ongewijzigd", "niet-te-vergelijken"
STATUSES = (NEW, CHANGED, DROPPED, SAME, APART)
STATUS_LABELS = {
    NEW: "Nieuw",
    CHANGED: "Gewijzigd",
    DROPPED: "Vervallen",
    SAME: "Ongewijzigd",
    APART: "Niet te vergelijken",
}

SAME_ROW, FOLLOWS, NUMBER = "zelfde-rij", "vervolg-van", "nummer"
RULE_LABELS = {
    SAME_ROW: "dezelfde rij van het document",
    FOLLOWS: "vervolg op de afspraak uit het eerdere jaar (vervolg_van)",
    NUMBER: "hetzelfde nummer in hetzelfde hoofdstuk",
}


@dataclass(frozen=True)
class Piece:
    """A run of words in a word-level diff: kept, added or removed."""

    op: str
    text: str


@dataclass(frozen=True)
class Part:
    """One field of an agreement as one year shows it. `key` names the field the same way in
    every year (the printed `label` of a yearly step carries the year), so parts can be paired."""

    key: str
    label: str
    text: str


@dataclass(frozen=True)
class Version:
    """An agreement as it stands on one year's page."""

    page: Page
    chapter: Chapter
    agreement: Agreement
    parts: tuple[Part, ...]
    note: str = ""

    @property
    def yearly(self) -> list[Part]:
        """The parts written for this year only: its steps."""
        return [p for p in self.parts if p.key.startswith("stap:")]

    @property
    def standing(self) -> list[Part]:
        """The parts that are not tied to a year: text, goal, framework, parties, deadline."""
        return [p for p in self.parts if not p.key.startswith("stap:")]

    @property
    def summary(self) -> str:
        """The agreement in one readable line, as this year has it."""
        return headline(self.agreement, self.page.year, group_of(self.chapter, self.agreement))


@dataclass(frozen=True)
class Change:
    """One field that differs between the years, with both texts and the words that changed."""

    key: str
    old: Part | None
    new: Part | None
    diff: tuple[Piece, ...]


@dataclass
class Row:
    status: str
    old: Version | None
    new: Version | None
    rule: str = ""
    reason: str = ""
    shared: list[Part] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def shown(self) -> Version:
        """The version whose number and summary head the item: the newer one if there is one."""
        version = self.new or self.old
        assert version is not None
        return version

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, "")

    @property
    def notes(self) -> list[tuple[int, str]]:
        """Editorial notes of either version, each once, with the year it came from."""
        found = {v.note: v.page.year for v in (self.old, self.new) if v and v.note}
        return [(year, note) for note, year in found.items()]

    @property
    def framework_only(self) -> bool:
        """True for an unchanged row of one document that has no yearly text in either year,
        only the framework agreement that holds for both."""
        if self.status != SAME or not self.old or not self.new or self.old.page.document is not self.new.page.document:
            return False
        return not any(p.key == "tekst" or p.key.startswith("stap:") for p in self.shared)

    @property
    def only_wording(self) -> bool:
        """True when the years differ in punctuation or capitals only."""
        return self.status == CHANGED and all(
            _letters(c.old.text if c.old else "") == _letters(c.new.text if c.new else "") for c in self.changes
        )


@dataclass
class Section:
    """The agreements of one status within one chapter. `reason` is set when every one of them
    is incomparable for the same reason, so the page can say it once."""

    status: str
    rows: list[Row]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def reason(self) -> str:
        reasons = {r.reason for r in self.rows}
        return reasons.pop() if len(reasons) == 1 and len(self.rows) > 1 else ""


@dataclass
class Comparison:
    old: Page
    new: Page
    rows: list[Row]

    @property
    def same_document(self) -> bool:
        return self.old.document is self.new.document

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    def summary(self) -> list[tuple[str, str, int]]:
        """Per status: its key, its label and how many agreements have it."""
        return [(s, STATUS_LABELS[s], n) for s, n in self.counts().items()]

    def remains(self, row: Row) -> bool:
        """Whether a dropped agreement's row still stands on the newer page: within one
        document a row keeps its framework agreement after its yearly step has lapsed."""
        return row.status == DROPPED and self.same_document

    def chapters(self) -> list[tuple[Chapter, list[Section]]]:
        """Rows grouped by chapter (the newer year's, then chapters only the older year has),
        and within a chapter by status in a fixed order."""
        order: dict[str, Chapter] = {}
        for row in self.rows:
            order.setdefault(row.shown.chapter.id, row.shown.chapter)
        grouped = []
        for chapter_id, chapter in order.items():
            rows = [r for r in self.rows if r.shown.chapter.id == chapter_id]
            sections = [Section(s, [r for r in rows if r.status == s]) for s in STATUSES]
            grouped.append((chapter, [s for s in sections if s.rows]))
        return grouped


def plain_words(text: str) -> str:
    """Markdown as running words: links become their text, list and emphasis marks go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.M)
    text = re.sub(r"^\s*#+\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))", "", text)
    return " ".join(text.split())


def word_diff(old: str, new: str) -> list[Piece]:
    a, b = plain_words(old).split(), plain_words(new).split()
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("gelijk", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("weg", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("erbij", " ".join(b[j1:j2])))
    return pieces


def _letters(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", plain_words(text).lower()).split())


def parts(page: Page, chapter: Chapter, agreement: Agreement, names: Mapping[str, str]) -> tuple[Part, ...]:
    """Every field that says what was agreed for the page's year, in reading order."""
    h = chapter.kopjes
    group = group_of(chapter, agreement)
    found = [
        Part("groep-doelstelling", h["doelstelling"], group.doelstelling if group else ""),
        Part("groep-kader", h["kader"], group.kader if group else ""),
        Part("doelstelling", h["doelstelling"], agreement.doelstelling),
        Part("kader", h["kader"], agreement.kader),
        Part("tekst", h["tekst"], agreement.tekst),
    ]
    heading = h["stappen"].replace("{jaar}", str(page.year))
    for step in agreement.steps_for(page.year):
        label = f"{heading} ({step.label})" if step.label else heading
        found.append(Part(f"stap:{step.label}", label, step.tekst))
    found += [
        Part("toelichting", h["toelichting"], agreement.toelichting),
        Part("initiatief", h["initiatief"], ", ".join(names.get(p, p) for p in agreement.initiatief)),
        Part("betrokken", h["betrokken"], ", ".join(names.get(p, p) for p in agreement.betrokken)),
        Part("wanneer", h["wanneer"], agreement.wanneer),
    ]
    return tuple(p for p in found if p.text.strip())


def _all(page: Page) -> list[tuple[Chapter, Agreement]]:
    return [(c, a) for c in page.chapters() for a in c.afspraken]


def _holds(page: Page, agreement: Agreement) -> bool:
    """Whether the page's year has this agreement. A document with a column per year shows
    every row on its own year's page, but a row whose only yearly step is for another year
    holds no agreement for this year."""
    if not page.document.includes(agreement, page.year):
        return False
    other_years_only = agreement.stappen and not agreement.steps_for(page.year) and not agreement.tekst
    return not (other_years_only and len(page.document.jaren) > 1)


def _without_columns(old: Page, new: Page, agreement: Agreement) -> str:
    """Why an agreement cannot be compared, or "": within one document, an agreement with one
    text and no yearly step has no column for the earlier year to compare with."""
    if old.document is not new.document or agreement.stappen:
        return ""
    return (
        f"Het document geeft hier één tekst zonder kolom per jaar, vastgesteld voor {new.document.jaar}; "
        f"een jaarafspraak {old.year} staat er niet bij. Of en hoe dit in {old.year} gold, staat niet "
        "in dit document."
    )


def _pair(old: Version, new: Version, rule: str) -> Row:
    before = {p.key: p for p in old.parts}
    after = {p.key: p for p in new.parts}
    shared, changes = [], []
    for key in dict.fromkeys([*before, *after]):
        a, b = before.get(key), after.get(key)
        if a and b and " ".join(a.text.split()) == " ".join(b.text.split()):
            shared.append(b)
        else:
            changes.append(Change(key, a, b, tuple(word_diff(a.text if a else "", b.text if b else ""))))
    return Row(CHANGED if changes else SAME, old, new, rule=rule, shared=shared, changes=changes)


Key = tuple[str, str]


def _predecessor(current: Version, old: Page, earlier: dict[Key, Version]) -> tuple[Key, str] | None:
    """The older agreement this one continues, by the first rule that applies: the same row of
    one document, `vervolg_van`, then the same number in the same chapter."""
    agreement, chapter = current.agreement, current.chapter
    if old.document is current.page.document:
        key = (chapter.id, agreement.anchor)
        return (key, SAME_ROW) if key in earlier else None
    ref = agreement.vervolg_van
    if ref:
        if ref.jaar != old.year or (ref.gemeente or current.page.gemeente) != old.gemeente:
            return None
        anchor = f"afspraak-{ref.afspraak}"
        return next(((k, FOLLOWS) for k, v in earlier.items() if v.agreement.anchor == anchor), None)
    return next(
        ((k, NUMBER) for k, v in earlier.items() if k[0] == chapter.id and v.agreement.nummer == agreement.nummer),
        None,
    )


def compare(old: Page, new: Page, names: Mapping[str, str] | None = None) -> Comparison:
    """Classify every agreement of two years of one municipality."""
    names = names or {}

    def version(page: Page, chapter: Chapter, agreement: Agreement) -> Version:
        return Version(page, chapter, agreement, parts(page, chapter, agreement, names), agreement.redactie)

    earlier = {(c.id, a.anchor): version(old, c, a) for c, a in _all(old) if _holds(old, a)}
    later = [version(new, c, a) for c, a in _all(new) if _holds(new, a)]
    matches = [_predecessor(v, old, earlier) for v in later]
    followed = {m[0] for m in matches if m and m[1] != NUMBER}
    claimed: set[Key] = set()
    rows: list[Row] = []
    for current, match in zip(later, matches, strict=True):
        if match and match[1] == NUMBER and (match[0] in followed or match[0] in claimed):
            match = None
        if match:
            claimed.add(match[0])
            rows.append(_pair(earlier[match[0]], current, match[1]))
        elif reason := _without_columns(old, new, current.agreement):
            rows.append(Row(APART, None, current, reason=reason))
        else:
            rows.append(Row(NEW, None, current))
    rows += [Row(DROPPED, before, None) for key, before in earlier.items() if key not in claimed]
    return Comparison(old, new, rows)
