"""The whole country: build a synthetic national data set made from the five real documents and
print what the build costs at 10, 40, 160 and 342 gemeenten, so ratios come from one run.

Run with `make bench-national` (or `python bench/national.py --sizes 10 40 --years 2`). Every
gemeente gets renamed copies of one of the five documents, shifted by whole periods to cover
`--years` documents; corporations come from a national pool of 280, and each works in a few
neighbouring gemeenten: at 342 gemeenten every one of the 280 has agreements somewhere. The
register of parties holds the real one and the parties the new documents name, as a site of that
size would: no pages of corporations without agreements. Every shape is in it: one gemeente in
four also has a document of its own with one corporation each year (`<jaar>-<corporatie>.yaml`),
one in five an addendum in its last year that changes three agreements, and every six
neighbouring gemeenten share a regional document each year. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The generator of this checkout, also where another checkout's is installed: the builds use it.
sys.path.insert(0, str(ROOT))
CORPORATIONS = 280
NATIONAL = 342
"""The gemeenten of the country: corporations are spread over this many, so that at full size every
one of them works somewhere, and neighbours share them."""
KIND = "woningcorporatie"
SYLLABLES = ["aal", "berg", "dam", "dijk", "ee", "horst", "kamp", "lo", "meer", "oord", "ren", "sted", "veen", "wold", "zand"]
PAGE_TYPES = [
    ("vergelijking", re.compile(r"^gemeenten/[^/]+/vergelijk/[^/]+/$")),
    ("document", re.compile(r"^gemeenten/[^/]+/\d{4}[^/]*/$")),
    ("gemeente", re.compile(r"^gemeenten/[^/]+/$")),
    ("thema", re.compile(r"^themas/[^/]+/")),
    ("partij", re.compile(r"^partijen/[^/]+/")),
    ("jaar", re.compile(r"^jaren/[^/]+/")),
    ("overzicht", re.compile(r"^(gemeenten|themas|partijen|jaren|begrippen)/$|^$")),
]


def gemeente_name(i: int) -> str:
    first, second = SYLLABLES[i % len(SYLLABLES)], SYLLABLES[(i // len(SYLLABLES) + 3) % len(SYLLABLES)]
    return f"{first.capitalize()}{second}-{i:03d}"


def shifted(node: Any, years: int, key: str | None = None) -> Any:
    """A document moved `years` later: every year, period and date in its fields."""
    if isinstance(node, dict):
        return {k: shifted(v, years, k) for k, v in node.items()}
    if isinstance(node, list):
        return [shifted(v, years, key) for v in node]
    if isinstance(node, int) and not isinstance(node, bool) and key in ("jaar", "jaren", "van", "tot"):
        return node + years
    if isinstance(node, str) and key in ("datum", "publicatie") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
        return f"{int(node[:4]) + years}{node[4:]}"
    return node


def renamed(node: Any, parties: dict[str, str]) -> Any:
    """Party references moved to the synthetic gemeente's own parties."""
    if isinstance(node, dict):
        return {k: renamed(v, parties) for k, v in node.items()}
    if isinstance(node, list):
        return [renamed(v, parties) for v in node]
    if isinstance(node, str):
        return parties.get(node, node)
    return node


def make_data(target: Path, size: int, years: int) -> int:
    """Write the national data set into `target/data`; returns the number of documents."""
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("*.voortgang.yaml"))
    registry = yaml.safe_load((target / "data" / "partijen.yaml").read_text(encoding="utf-8"))
    kinds = {p["id"]: p["soort"] for p in registry}
    seeds = sorted(p for p in (ROOT / "data").glob("*/*.yaml") if not p.name.endswith(".voortgang.yaml"))
    sources = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in seeds]
    used: set[int] = set()
    documents = len(seeds)
    for i in range(size):
        source = sources[i % len(sources)]
        name = gemeente_name(i)
        slug = name.lower()
        registry.append({"id": f"gemeente-{slug}", "naam": f"Gemeente {name}", "korte_naam": name, "soort": "gemeente"})
        parties = {f"gemeente-{source['gemeente']}": f"gemeente-{slug}"}
        corporations = [p for p in dict.fromkeys(_party_ids(source)) if kinds.get(p) == KIND]
        for j, corporation in enumerate(corporations):
            number = (i * CORPORATIONS // NATIONAL + j * 7) % CORPORATIONS
            parties[corporation] = f"corporatie-{number:03d}"
            used.add(number)
        span = source["periode"]["tot"] - source["periode"]["van"] + 1
        for y in range(years):
            doc = shifted(renamed(copy.deepcopy(source), parties), y * span)
            doc["gemeente"] = slug
            documents += write(target / "data" / slug / f"{doc['jaar']}.yaml", doc)
            own = parties.get(corporations[0]) if corporations else None
            if i % 4 == 1 and own:
                part = {**copy.deepcopy(doc), "titel": f"{doc['titel']} ({own})", "onderdeel": own.replace("-", " ").title()}
                documents += write(target / "data" / slug / f"{doc['jaar']}-{own}.yaml", part)
            if i % 5 == 2 and y == years - 1:
                documents += write(target / "data" / slug / f"{doc['jaar']}-addendum.yaml", addendum(doc))
    for r, start in enumerate(range(0, size - 1, REGION_SIZE)):
        members = [gemeente_name(i).lower() for i in range(start, min(start + REGION_SIZE, size))]
        if len(members) < 2:
            continue
        region = f"regio-{r + 1:02d}"
        name = f"Woonregio {r + 1:02d}"
        registry.append({"id": region, "naam": name, "korte_naam": name, "soort": "overig"})
        base = sources[-1]
        for y in range(years):
            doc = regional(base, region, members, base["jaar"] + y)
            documents += write(target / "data" / region / f"{doc['jaar']}.yaml", doc)
    registry += [
        {"id": f"corporatie-{c:03d}", "naam": f"Woonstichting {c:03d}", "korte_naam": f"Wonen {c:03d}", "soort": KIND}
        for c in sorted(used)
    ]
    registry_text = yaml.safe_dump(registry, allow_unicode=True, sort_keys=False)
    (target / "data" / "partijen.yaml").write_text(registry_text, encoding="utf-8")
    return documents


REGION_SIZE = 6


def write(path: Path, doc: dict[str, Any]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return 1


def addendum(doc: dict[str, Any]) -> dict[str, Any]:
    """An addendum to `doc` that rewrites its first three agreements."""
    changed, year = [], doc["jaar"]
    for chapter in doc["hoofdstukken"]:
        listed = chapter.get("afspraken") or [a for g in chapter.get("groepen", []) for a in g["afspraken"]]
        for agreement in listed:
            per_chapter = chapter.get("nummering") == "per-hoofdstuk"
            changed.append(f"{chapter['id']}-{agreement['nummer']}" if per_chapter else agreement["nummer"])
    return {
        "gemeente": doc["gemeente"],
        "titel": f"Addendum op {doc['titel']}",
        "soort": "addendum",
        "wijzigt": {"jaar": doc["jaar"]},
        "periode": doc["periode"],
        "jaar": doc["jaar"],
        "bron": {"bestand": "addendum.txt"},
        "partijen": [{"partij": r["partij"]} for r in doc.get("partijen", [])],
        "hoofdstukken": [
            {
                "id": "wijzigingen",
                "titel": "Wijzigingen",
                "thema": "samenwerking",
                "afspraken": [
                    {"nummer": str(n), "wijzigt": anchor, "tekst": f"Partijen evalueren dit in het vierde kwartaal van {year}."}
                    for n, anchor in enumerate(changed[:3], start=1)
                ],
            }
        ],
    }


def regional(base: dict[str, Any], region: str, members: list[str], year: int) -> dict[str, Any]:
    """A regional document for `members`: the first chapters of a real document, in `year`."""
    chapters = [c for c in base["hoofdstukken"] if c.get("afspraken")][:2]
    for chapter in chapters:
        for agreement in chapter["afspraken"]:
            for key in ("vervolg_van", "stappen", "initiatief", "betrokken", "concreetheid", "cijfers", "tabellen"):
                agreement.pop(key, None)
        chapter.pop("tabellen", None)
        chapter.pop("cijfers", None)
    return {
        "gemeente": region,
        "gemeenten": members,
        "titel": f"Regionale woonafspraken {region} {year}",
        "soort": "jaarafspraken",
        "periode": {"van": year, "tot": year},
        "jaar": year,
        "bron": {"bestand": "regio.txt"},
        "partijen": [{"partij": f"gemeente-{m}"} for m in members],
        "hoofdstukken": copy.deepcopy(chapters),
    }


def _party_ids(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [p for v in node.values() for p in _party_ids(v)]
    if isinstance(node, list):
        return [p for v in node for p in _party_ids(v)]
    return [node] if isinstance(node, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", node) else []


def project(target: Path) -> None:
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "generator").symlink_to(ROOT / "generator")


MEASURE = """import glob, resource, subprocess, sys, threading, time
def tree(root):
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found
def pss(pid):
    try:
        return next(int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0
peak = 0
def sample(root):
    global peak
    while run.poll() is None:
        peak = max(peak, sum(pss(pid) for pid in tree(root)))
        time.sleep(0.5)
start = time.perf_counter()
run = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
threading.Thread(target=sample, args=(run.pid,), daemon=True).start()
out, err = run.communicate()
print(run.returncode, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, peak)
sys.stderr.write(err[-3000:])
"""
"""Runs the build and measures it from outside: wall time, the largest process's peak (Linux
ru_maxrss, the largest single process) and, sampled twice a second, the sum of the proportional
set size of every process of the build, which counts memory that forked processes share once."""


def build(target: Path) -> tuple[float, float, float]:
    """Wall seconds, the largest process's peak memory and the peak of all processes together
    (GB) of `python -m generator build`, in a process of its own."""
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "generator", "build", "--toestaan-verwijderen"],
        cwd=target,
        capture_output=True,
        text=True,
    )
    code, seconds, rss_kb, pss_kb = run.stdout.split()
    if code != "0":
        sys.exit(f"bouwen mislukt:\n{run.stderr}")
    return float(seconds), int(rss_kb) / 1024 / 1024, int(pss_kb) / 1024 / 1024


def page_sizes(site: Path) -> dict[str, list[int]]:
    sizes: dict[str, list[int]] = defaultdict(list)
    for page in site.rglob("index.html"):
        where = str(page.parent.relative_to(site)) + "/" if page.parent != site else ""
        kind = next((name for name, pattern in PAGE_TYPES if pattern.match(where)), "overig")
        sizes[kind].append(page.stat().st_size)
    return sizes


def search_seconds(target: Path) -> tuple[float, float]:
    """Seconds to make the search records from the model, and for Pagefind to index them, measured
    apart from the build (the three hand-written pages it also indexes are left out here)."""
    from generator import pagefind_index, searchrecords
    from generator.collect import collect
    from generator.indexes import build_site

    registry = collect(target / "data").registry
    if registry is None:
        sys.exit("de data is niet geldig")
    site = build_site(registry.without_concepts())
    start = time.perf_counter()
    runs = list(searchrecords.runs(site))
    made = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="pagefind-") as out:
        start = time.perf_counter()
        pagefind_index.index(Path(out), runs, {})
        indexed = time.perf_counter() - start
    return made, indexed


SEARCHES = {
    "statushouder": "statushouder",
    "scootmobiel": "scootmobiel",
    "?partij=Woonconcept": "?partij=Woonconcept",
    "statushouder in één gemeente": "?gemeente={gemeente}&q=statushouder",
    "statushouder, alle afspraken": "?q=statushouder&overal=ja",
}
"""Label: search. One word lists the gemeenten first when the index has parts (the first two);
the fourth as a gemeente's page sends it from its own search field, for the gemeente halfway
down the list (its documents, and its region's); the last as the button under the gemeenten
sends it: every agreement in the country with the word."""


def searches(site: Path, size: int) -> list[tuple[int, float, float]]:
    """Per search, what a first-time visitor pays (see bench/search.py): bytes the search loads
    (Pagefind's script, WebAssembly, metadata, chunks, fragments, the filter choices) and seconds
    from opening the search address to the first result, each in a fresh browser context: served
    from this machine, and over a phone's 4G connection."""
    from playwright.sync_api import sync_playwright
    from search import PHONE, launch, measure, serve

    httpd, base = serve(site)
    with sync_playwright() as p:
        browser = launch(p)
        queries = [query.format(gemeente=gemeente_name(size // 2)) for query in SEARCHES.values()]
        measure(browser, base, queries[0])  # the browser's own start-up, not counted
        found = [(measure(browser, base, query), measure(browser, base, query, PHONE)) for query in queries]
        browser.close()
    httpd.shutdown()
    return [(here.search_bytes, here.seconds, phone.seconds) for here, phone in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 40, 160, 342])
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    rows = []
    biggest: list[str] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"landelijk-{size}-") as tmp:
            target = Path(tmp)
            project(target)
            documents = make_data(target, size, args.years)
            seconds, *memory = build(target)
            site = target / "site"
            sizes = page_sizes(site)
            pages = sum(len(v) for v in sizes.values())
            index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
            rows.append((size, documents, pages, seconds, memory, sizes, index, search_seconds(target), searches(site, size)))
            largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
            biggest.append(f"{size} gemeenten: {largest.relative_to(site)}, {largest.stat().st_size / 1024:.0f} KB")
            print(f"{size} gemeenten: {documents} documenten, {pages} pagina's, {seconds:.0f} s", file=sys.stderr)
    print(
        "\n| gemeenten x jaren | documenten | pagina's | bouwen | per pagina "
        "| HTML | per MB HTML | piekgeheugen (grootste proces / alle samen) | zoekrecords | Pagefind | index |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size, documents, pages, seconds, memory, sizes, index, (made, indexed), _ in rows:
        html = _html_mb(sizes)
        print(
            f"| {size} x {args.years} | {documents} | {pages} | {seconds:.0f} s | {seconds / pages * 1000:.0f} ms "
            f"| {html:.0f} MB | {seconds / html:.2f} s | {memory[0]:.2f} / {memory[1]:.2f} GB | {made:.1f} s "
            f"| {indexed:.1f} s | {index / 1024 / 1024:.1f} MB |"
        )
    kinds = sorted({k for row in rows for k in row[5]})
    print("\nHTML per paginasoort, mediaan / grootste (KB):\n")
    print("| paginasoort | " + " | ".join(f"{row[0]} gemeenten" for row in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for kind in kinds:
        cells = [
            f"{statistics.median(row[5][kind]) / 1024:.0f} / {max(row[5][kind]) / 1024:.0f}" if row[5].get(kind) else "-"
            for row in rows
        ]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("\nEerste zoekopdracht in Chromium, vanaf het openen van het zoekadres: KB voor het zoeken / ms tot resultaten:\n")
    print("| zoekopdracht | " + " | ".join(f"{row[0]} gemeenten" for row in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for i, label in enumerate(SEARCHES):
        cells = [f"{row[8][i][0] / 1024:.0f} / {row[8][i][1] * 1000:.0f}" for row in rows]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("\nDezelfde zoekopdrachten over 4G (10 Mbit/s, 40 ms heen en terug): ms tot resultaten:\n")
    print("| zoekopdracht | " + " | ".join(f"{row[0]} gemeenten" for row in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for i, label in enumerate(SEARCHES):
        print(f"| {label} | " + " | ".join(f"{row[8][i][2] * 1000:.0f}" for row in rows) + " |")
    print("\nGrootste HTML-pagina:\n")
    print("\n".join(f"- {line}" for line in biggest))
    first, last = rows[0], rows[-1]
    ratio = (last[3] / last[2]) / (first[3] / first[2])
    print(f"\ntijd per pagina bij {last[0]} gemeenten / bij {first[0]}: {ratio:.2f}x")
    ratio = (last[3] / _html_mb(last[5])) / (first[3] / _html_mb(first[5]))
    print(f"tijd per MB HTML bij {last[0]} gemeenten / bij {first[0]}: {ratio:.2f}x")


def _html_mb(sizes: dict[str, list[int]]) -> float:
    """All pages' HTML: listing pages fill up to their budgets as the country grows, so time per
    page grows with it even where the build is linear in what it writes."""
    return sum(sum(found) for found in sizes.values()) / 1024 / 1024


if __name__ == "__main__":
    main()
