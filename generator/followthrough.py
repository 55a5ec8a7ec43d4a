"""Follow-through as pages show it: each agreement's concreteness and progress on a year's page,
and the counts per theme. Computed once per site build and handed to the templates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator import concreteness, forking, progress
from generator.comparing import Comparison, Row
from generator.indexes import Entry, Page, Site
from generator.model import Agreement, Chapter
from generator.summary import group_of

LEVELS = [(level, concreteness.LABELS[level]) for level in concreteness.LEVELS]
STATUSES = [(s, progress.LABELS[s]) for s in progress.STATUSES] + [(progress.UNKNOWN, progress.UNKNOWN_LABEL)]


@dataclass(frozen=True)
class Tally:
    """Counts for one theme (a chapter) of one page, or for all of them when `chapter` is None."""

    chapter: Chapter | None
    levels: dict[str, int]
    statuses: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.levels.values())


@dataclass
class View:
    site: Site
    _cache: dict[tuple[str, int, int], concreteness.Assessment] = field(default_factory=dict)

    def assess_all(self, cores: int) -> None:
        """Assess every agreement of the site now, on `cores` processes when there are many: the
        totals need them all before a build forks, and at national scale that took 40 s on one
        core."""
        entries = [(p, c, a) for p in self.site.pages for c, a in p.all_agreements()]
        todo = [e for e in entries if _key(*e) not in self._cache]
        done = forking.fork_map(lambda entry: self.assessment(*entry), todo, cores, PARALLEL_FROM)
        self._cache.update(zip((_key(*e) for e in todo), done, strict=True))

    def assessment(self, page: Page, chapter: Chapter, agreement: Agreement) -> concreteness.Assessment:
        """The agreement's level for the year of `page`, with the editor's override if it applies."""
        key = _key(page, chapter, agreement)
        if key not in self._cache:
            judgement = agreement.concreetheid
            if judgement and judgement.jaar not in (None, page.year):
                judgement = None
            self._cache[key] = concreteness.assess(
                agreement,
                agreement.steps_for(page.year),
                self.site.registry.partijen,
                page.document,
                group_of(chapter, agreement),
                judgement,
            )
        return self._cache[key]

    def updates(self, page: Page, agreement: Agreement) -> tuple[progress.Update, ...]:
        found = page.document.voortgang.get(page.year)
        return found.updates(agreement.anchor) if found else ()

    def origins(self, page: Page) -> list[progress.Origin]:
        """The sources the progress on a page comes from, each once, so the page can say how it was derived."""
        return list(dict.fromkeys(u.bron for _, a in page.all_agreements() for u in self.updates(page, a)))

    def status(self, page: Page, agreement: Agreement) -> str:
        return progress.status_of(page.document.voortgang.get(page.year), agreement.anchor)

    def status_label(self, status: str) -> str:
        return progress.status_label(status)

    def tallies(self, page: Page) -> list[Tally]:
        """Per chapter with agreements on the page, then the page as a whole."""
        rows = []
        for chapter in page.chapters():
            agreements = page.agreements(chapter)
            if agreements:
                rows.append(self._tally(chapter, [(page, chapter, a) for a in agreements]))
        everything = [(page, c, a) for c, a in page.all_agreements()]
        return [*rows, self._tally(None, everything)] if rows else []

    def tally_entries(self, entries: list[Entry]) -> Tally:
        return self._tally(None, [(e.page, e.chapter, e.agreement) for e in entries])

    def _tally(self, chapter: Chapter | None, entries: list[tuple[Page, Chapter, Agreement]]) -> Tally:
        levels = Counter(self.assessment(p, c, a).niveau for p, c, a in entries)
        statuses = Counter(self.status(p, a) for p, _c, a in entries)
        return Tally(chapter, {k: levels[k] for k, _ in LEVELS}, {k: statuses[k] for k, _ in STATUSES})

    def has_progress(self, pages: list[Page]) -> bool:
        return any(p.year in p.document.voortgang for p in pages)

    def carried_over(self, comparison: Comparison) -> list[tuple[Row, progress.Update]]:
        """Agreements of the older year known not to be realised that the newer year still holds."""
        found = []
        for row in comparison.rows:
            if row.old is None or row.new is None:
                continue
            updates = self.updates(row.old.page, row.old.agreement)
            if updates and updates[-1].status in progress.NOT_REALISED:
                found.append((row, updates[-1]))
        return found

    def search_filters(self, page: Page, chapter: Chapter | None, agreement: Agreement | None) -> dict[str, list[str]]:
        """An agreement's level and latest status as search filter values; none for other text."""
        if chapter is None or agreement is None:
            return {"concreetheid": [], "voortgang": []}
        return {
            "concreetheid": [self.assessment(page, chapter, agreement).label],
            "voortgang": [progress.status_label(self.status(page, agreement))],
        }

    def unknown_in(self, comparison: Comparison) -> int:
        return sum(1 for r in comparison.rows if r.old and not self.updates(r.old.page, r.old.agreement))


PARALLEL_FROM = 2000
"""From this many agreements on, `assess_all` uses more than one process."""


def _key(page: Page, chapter: Chapter, agreement: Agreement) -> tuple[str, int, int]:
    return (page.path, id(chapter), id(agreement))


_shared: list[View] = []


def view(site: Site) -> View:
    """The view of one site, shared by its pages and its search records so every agreement is
    assessed once per build."""
    if not _shared or _shared[0].site is not site:
        _shared[:] = [View(site)]
    return _shared[0]
