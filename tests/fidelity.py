"""How much of each source text reaches its built page, measured with shared 8-word shingles.

Run `python -m tests.fidelity` for a table of coverage and the longest missing passages per seed.
"""

from __future__ import annotations

import html
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "bronnen"
SHINGLE = 8
REPEATED = 5

PAGES = {
    "000_5ba528a1bb5b96d7.txt": "hardenberg/2026",
    "001_cd4ac45136e72242.txt": "harderwijk/2024",
    "002_1e07a056d08fd47d.txt": "hoogeveen/2026",
    "003_84c5a4f8734e3d80.txt": "steenwijkerland/2026",
    "004_cca5c5f429943ddb.txt": "tynaarlo/2023",
}

HEADERS = {
    "000_5ba528a1bb5b96d7.txt": [
        r"nr (procesafspraken|prestatieafspraken thema) .*",
        r"partijen",
        r"(beschikbaarheid|betaalbaarheid|leefbaarheid)( beschikbaarheid)?",
    ],
    "001_cd4ac45136e72242.txt": [
        r"doelstelling kaderafspraak .*",
        r"afspraak toelichting trekker gereed",
        r"prestatieafspraken sociale huur omnia wonen .* jaarschijf 2024",
    ],
    "003_84c5a4f8734e3d80.txt": [
        r"prestatieafspraken steenwijkerland 2023 2027",
        r"inhoud|inleiding 3|partijen handtekeningenblad 4|bijlage [12] [a-z ]+ 1[45]",
        r"(bijdragen aan|zorgen voor|investeren in|realiseren van|huisvesten van) [a-z ]+ (5|7|9|11|12|13)",
    ],
}

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
BULLET = re.compile(r"^\s*(?:o\s+|\d{1,2}\.?\s+(?=[A-Z]))")


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def seed_lines(seed: str) -> list[str]:
    """The seed's lines as words, without bullets, item numbers, page numbers, repeated banners and known headers."""
    lines = [" ".join(words(BULLET.sub("", TAG.sub(" ", line)))) for line in (SEEDS / seed).read_text().splitlines()]
    counts = Counter(lines)
    header = re.compile("|".join(HEADERS.get(seed, [])) or "(?!)")
    return [line for line in lines if line and not line.isdigit() and counts[line] < REPEATED and not header.fullmatch(line)]


def page_words(site: Path, page: str) -> list[str]:
    text = (site / "gemeenten" / page / "index.html").read_text()
    article = text.split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r"<(script|style|nav|header|footer)\b.*?</\1>", " ", article, flags=re.S)
    # What the site adds around the signed text (citations, concreteness, progress) is marked for search to skip.
    article = re.sub(r"<p\b[^>]*data-pagefind-ignore[^>]*>.*?</p>", " ", article, flags=re.S)
    return words(html.unescape(TAG.sub(" ", article.partition(">")[2])))


@dataclass
class Fidelity:
    tokens: list[str]
    covered: list[bool]

    @property
    def coverage(self) -> float:
        return sum(self.covered) / len(self.tokens)

    def missing(self, limit: int = 5) -> list[str]:
        """The longest runs of seed words that no shared shingle covers."""
        runs: list[tuple[int, int]] = []
        start: int | None = None
        for i, hit in enumerate([*self.covered, True]):
            if not hit and start is None:
                start = i
            elif hit and start is not None:
                runs.append((start, i))
                start = None
        runs.sort(key=lambda run: run[0] - run[1])
        return [" ".join(self.tokens[a:b]) for a, b in runs[:limit]]


def measure(seed: str, site: Path) -> Fidelity:
    """Each page shingle can vouch for one seed shingle only, so a repeated paragraph must appear as often as in the seed."""
    tokens = " ".join(seed_lines(seed)).split()
    page = page_words(site, PAGES[seed])
    budget = Counter(tuple(page[i : i + SHINGLE]) for i in range(len(page) - SHINGLE + 1))
    covered = [False] * len(tokens)
    for i in range(len(tokens) - SHINGLE + 1):
        shingle = tuple(tokens[i : i + SHINGLE])
        if budget[shingle] > 0:
            budget[shingle] -= 1
            covered[i : i + SHINGLE] = [True] * SHINGLE
    return Fidelity(tokens, covered)


def describe(seed: str, result: Fidelity) -> str:
    head = f"{seed}  {PAGES[seed]:<21} {result.coverage:7.2%} of {len(result.tokens)} words"
    return "\n".join([head, *(f"    {len(run.split()):4d}  {run[:110]}" for run in result.missing())])


def report(site: Path) -> str:
    return "\n".join(describe(seed, measure(seed, site)) for seed in PAGES)


if __name__ == "__main__":
    from generator.building import build_site

    with tempfile.TemporaryDirectory() as tmp:
        build_site(Path(__file__).resolve().parent.parent / "mkdocs.yml", Path(tmp) / "site")
        print(report(Path(tmp) / "site"))
