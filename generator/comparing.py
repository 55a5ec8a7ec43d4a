"""Compare two years of a municipality: new, changed, dropped and unchanged agreements."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.indexes import Page
from generator.model import Agreement, Chapter

NEW, CHANGED, DROPPED, SAME = "nieuw", "gewijzigd", "vervallen", "ongewijzigd"
STATUSES = (NEW, CHANGED, DROPPED, SAME)


@dataclass(frozen=True)
class Piece:
    """A run of words in a word-level diff: kept, added or removed."""

    op: str
    text: str


@dataclass
class Row:
    status: str
    chapter: Chapter
    old: Agreement | None
    new: Agreement | None
    diff: list[Piece] = field(default_factory=list)


@dataclass
class Comparison:
    old: Page
    new: Page
    rows: list[Row]

    def by_chapter(self) -> list[tuple[Chapter, dict[str, list[Row]]]]:
        chapters: dict[str, tuple[Chapter, dict[str, list[Row]]]] = {}
        for row in self.rows:
            _, statuses = chapters.setdefault(row.chapter.id, (row.chapter, {s: [] for s in STATUSES}))
            statuses[row.status].append(row)
        return list(chapters.values())


def year_text(page: Page, agreement: Agreement) -> str:
    """What an agreement says for the page's year, as plain words."""
    parts = [agreement.doelstelling, agreement.kader, agreement.tekst]
    parts += [f"{s.label} {s.tekst}" for s in agreement.steps_for(page.year)]
    return " ".join(" ".join(p.split()) for p in parts if p)


def word_diff(old: str, new: str) -> list[Piece]:
    a, b = re.findall(r"\S+", old), re.findall(r"\S+", new)
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


def _predecessor_key(page: Page, old: Page, agreement: Agreement) -> str | None:
    """The anchor this agreement has on the old page: the same anchor within one document,
    else the anchor its `vervolg_van` names."""
    if page.document is old.document:
        return agreement.anchor
    ref = agreement.vervolg_van
    if ref and ref.jaar == old.year and (ref.gemeente or page.gemeente) == old.gemeente:
        return f"afspraak-{ref.afspraak}"
    return None


def compare(old: Page, new: Page) -> Comparison:
    old_items = {a.anchor: (c, a) for c, a in old.all_agreements()}
    matched: set[str] = set()
    rows = []
    for chapter, agreement in new.all_agreements():
        key = _predecessor_key(new, old, agreement)
        if key is None or key not in old_items:
            rows.append(Row(NEW, chapter, None, agreement))
            continue
        matched.add(key)
        before = old_items[key][1]
        old_text, new_text = year_text(old, before), year_text(new, agreement)
        if old_text == new_text:
            rows.append(Row(SAME, chapter, before, agreement))
        else:
            rows.append(Row(CHANGED, chapter, before, agreement, word_diff(old_text, new_text)))
    for key, (chapter, agreement) in old_items.items():
        if key not in matched:
            rows.append(Row(DROPPED, chapter, agreement, None))
    return Comparison(old, new, rows)
