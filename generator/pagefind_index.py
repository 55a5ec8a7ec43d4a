"""Pagefind's index: one record per agreement (see generator/searchrecords.py) plus the hand-written
pages marked `zoeken: true` (their HTML has `data-pagefind-body`), made byte-identical between builds of the same data.

Pagefind 1.5 writes each filter file in hash-map order, so the filter files, the metadata that
names them and pagefind-entry.json differ on every run. After indexing we sort every filter's
values, name each rewritten file after its content and update the references. The files are
gzip-compressed CBOR behind a signature; the small codec below covers the subset Pagefind writes
and refuses anything else, so a change of format stops the build instead of breaking search."""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlencode

from generator import glossary
from generator.pagefind_service import Service, ServiceError
from generator.searchrecords import Record

SIGNATURE = b"pagefind_dcd"
LANGUAGE = "nl"
PART_SIZE = 11_000
"""Records per Pagefind run, at most. Pagefind holds 50 to 70 KB per record while it indexes: the
national benchmark's records (342 gemeenten x 5 years) took 6.9 GB in one run, 1.76 GB in parts of
25,000. Two parts of 10,000 side by side (AT_ONCE) took 1.4 GB together. Every part costs a search
without a gemeente or party its metadata and a chunk, and parts end where a run of records does
(see `prepare`): parts of 11,000 made as many parts of the benchmark's runs as 10,000 made of its
records, 14."""
AT_ONCE = 2
"""Pagefind runs at a time. Each uses one core; more would take more memory than the build's budget."""
PARTS = "delen.json"
"""The parts after the first (`delen`, folders relative to site/pagefind/), the filter the search
page adds to every search (`filter`) and the filters that tell which parts to load (`bij`, see
NARROWING)."""
HIDDEN = "woordenlijst"
"""The filter that marks each part's word list (see `vocabulary`)."""
PAGES = "paginas.json"
"""In the prepared input: the hand-written pages that are searched, address: HTML."""
WORDS = "woorden.txt"
"""In the prepared input: every word of the records, when there is more than one part."""
CHOICES = "zoekfilters.json"
"""Every filter's values, for the search page's selects. Pagefind's own `filters()` loads every
filter chunk (megabytes at national scale) and from then on counts every value on every search."""
NARROWING = ("gemeente", "partij")
"""Filters whose values sit in few parts: parts are runs of documents in reading order, gemeente by
gemeente, and a party works in a few gemeenten. For each, `delen-<filter>.json` gives every value
the parts that hold it (`delen`), so a search within one gemeente or party loads those parts only
(a search within a year or a theme would need every part), and a filter of the value's own
(`filter`, see OWN). Pagefind loads a filter's values in one file per part: at national scale the
gemeente filter's is some 20 KB in each part a search within one gemeente loads, its own under one."""
OWN = "ja"
"""The value of a record's own filter for each value of NARROWING it has, named by number in
reading order (`gemeente:12`, the thirteenth gemeente): a name by number keeps the metadata that
lists every filter small."""
OVERVIEW = "overzicht"
"""When the index has parts: a small index of its own (site/pagefind/overzicht/) with one record
per gemeente, holding every word of the gemeente's agreements once and the parties they name, the
records of no gemeente (the glossary's letters) and the hand-written pages. A search for one word
without filters, or for a party alone, asks it first: which gemeenten have agreements with it
(content/assets/zoeken.js). A search in every part loads every record's name and word count, 465
KB for the whole country; the overview loads one per gemeente."""
PLACES = "gemeenten.json"
"""In the overview's folder: the name of each gemeente's record, and the gemeente's name."""


class SearchIndexError(Exception):
    """Pagefind failed, or wrote something this module does not understand."""


def index(site: Path, runs: Iterable[Sequence[Record]], pages: Mapping[str, str], part_size: int = PART_SIZE) -> None:
    """Index the records (in runs, see `prepare`) and the hand-written `pages` (address: HTML) into
    site/pagefind/ in one go: `prepare`, then `index_prepared`."""
    with tempfile.TemporaryDirectory(prefix="zoekinvoer-") as folder:
        prepare(Path(folder), runs, part_size)
        add_pages(Path(folder), pages)
        index_prepared(site, Path(folder))


def prepare(folder: Path, runs: Iterable[Sequence[Record]], part_size: int = PART_SIZE) -> None:
    """Write the records to `folder` as the search index's input, in parts of at most `part_size`,
    with what needs all of them at once: every filter's values and every word. The records are
    written as they come, a run at a time, and Pagefind can run later in a process that never held
    the model they come from (see generator/building.py).

    Pagefind holds 50 to 70 KB per record while it indexes, so more than `part_size` records are
    indexed in parts, two at a time (see PART_SIZE): the first in site/pagefind/, the others in
    site/pagefind/deel-2/ and on, listed in PARTS. The search page asks every part and merges the
    answers (content/assets/zoeken.js). Parts are runs of records in reading order, so a search
    without a word lists part after part. A run that no longer fits in a part starts the next: a
    run is a gemeente's documents, or those of gemeenten that share a regional document (see
    searchrecords.runs), so a search within one gemeente loads one part unless its run is larger
    than a part. Each record gets the own filter (OWN) of each of its gemeenten and parties."""
    held: dict[str, dict[str, set[int]]] = {}
    own: dict[str, dict[str, str]] = {key: {} for key in NARROWING}
    places: dict[str, set[str]] = {}
    parties: dict[str, set[str]] = {}
    general: list[Record] = []
    parts = 0
    with contextlib.ExitStack() as stack:
        for part, record in _parted(runs, part_size):
            if part == parts:
                stack.close()
                out = stack.enter_context((folder / f"{_part(part)}.jsonl").open("w", encoding="utf-8"))
                parts += 1
            filters = dict(record.filters)
            for key, names in own.items():
                filters.update((names.setdefault(value, f"{key}:{len(names)}"), [OWN]) for value in record.filters.get(key, ()))
            out.write(_line(Record(record.url, record.title, record.content, filters)))
            for key, found in record.filters.items():
                values = held.setdefault(key, {})
                for value in found:
                    values.setdefault(value, set()).add(parts)
            said = _words(record)
            for gemeente in record.filters.get("gemeente", ()):
                places.setdefault(gemeente, set()).update(said)
                parties.setdefault(gemeente, set()).update(record.filters.get("partij", ()))
            if not record.filters.get("gemeente"):
                general.append(record)
    if parts == 0:
        (folder / f"{_part(0)}.jsonl").touch()
    choices = {key: sorted(held[key]) for key in sorted(held)}
    (folder / CHOICES).write_text(json.dumps(choices, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if parts > 1:
        words = set().union(*places.values(), *map(_words, general))
        (folder / WORDS).write_text(" ".join(sorted(words)), encoding="utf-8")
        overview = [
            *(Record(_within(g), g, " ".join(sorted(places[g])), {"partij": sorted(parties[g])}) for g in sorted(places)),
            *general,
        ]
        (folder / f"{OVERVIEW}.jsonl").write_text("".join(_line(record) for record in overview), encoding="utf-8")
    for key, names in own.items():
        where = {value: {"delen": sorted(held[key][value]), "filter": {names[value]: OWN}} for value in sorted(names)}
        (folder / _narrowing(key)).write_text(json.dumps(where, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _words(record: Record) -> set[str]:
    return {*record.content.split(), *record.title.split()}


def _line(record: Record) -> str:
    return json.dumps([record.url, record.title, record.content, record.filters], ensure_ascii=False) + "\n"


def _within(gemeente: str) -> str:
    """Where the overview's record of a gemeente leads: the search within the gemeente."""
    return f"/zoeken/?{urlencode({'gemeente': gemeente})}"


def _parted(runs: Iterable[Sequence[Record]], part_size: int) -> Iterator[tuple[int, Record]]:
    """Each record with the number of its part, from 0: a part holds at most `part_size` records,
    and a run that does not fit in what is left of a part starts the next one."""
    part, filled = -1, part_size
    for run in runs:
        if filled + len(run) > part_size:
            filled = part_size
        for record in run:
            if filled == part_size:
                part, filled = part + 1, 0
            filled += 1
            yield part, record


def prepared_parts(folder: Path) -> list[Path]:
    """The parts `prepare` wrote to `folder`, in order."""
    return sorted(folder.glob("deel-*.jsonl"), key=lambda path: int(path.stem.split("-")[1]))


def add_pages(folder: Path, pages: Mapping[str, str]) -> None:
    """The hand-written pages marked `zoeken: true` (address: HTML), searched as a whole. They are
    handed over, not looked for in the site: Pagefind would read every page of the site to find
    the few that are marked."""
    (folder / PAGES).write_text(json.dumps(dict(pages), ensure_ascii=False), encoding="utf-8")


def index_prepared(site: Path, folder: Path) -> None:
    """Index what `prepare` and `add_pages` wrote to `folder` into site/pagefind/, deterministically.

    The records reach Pagefind as custom records, in reading order (see `_index_part`). Pagefind
    compares each custom record's address with every record before it in the same run, which
    grows with the square of a run's records: parts keep that small. Pagefind indexes on one
    core, so AT_ONCE parts are indexed side by side, each into a folder of its own. Each part
    holds a word list of the whole index (see `vocabulary`) and loads the first part's
    WebAssembly (see `normalise`), as does the OVERVIEW of an index in parts."""
    bundle = site / "pagefind"
    parts = prepared_parts(folder)
    overview = folder / f"{OVERVIEW}.jsonl"
    try:
        pages: dict[str, str] = json.loads((folder / PAGES).read_text(encoding="utf-8"))
        words = vocabulary((folder / WORDS).read_text(encoding="utf-8").split(), pages) if len(parts) > 1 else None
        firsts = list(itertools.accumulate((_count_lines(path) for path in parts[:-1]), initial=0))
        jobs = [
            (bundle / _part(n) if n else bundle, path, firsts[n], pages if n == 0 else {}, words, n == 0)
            for n, path in enumerate(parts)
        ]
        if overview.exists():
            jobs.append((bundle / OVERVIEW, overview, 0, pages, None, False))
        with ThreadPoolExecutor(AT_ONCE) as pool:
            list(pool.map(lambda job: _index_one(*job), jobs))
        if overview.exists():
            _write_places(bundle / OVERVIEW)
        _no_words_without_a_word(bundle / "pagefind.js")
        for name in [CHOICES, *map(_narrowing, NARROWING)]:
            (bundle / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    except (ServiceError, OSError, KeyError, ValueError) as error:
        raise SearchIndexError(f"pagefind: {error}") from error
    delen: dict[str, object] = {
        "delen": [f"{_part(n)}/" for n in range(1, len(parts))],
        "filter": {"not": {HIDDEN: "ja"}} if words else {},
        "bij": list(NARROWING),
    }
    if overview.exists():
        delen["overzicht"] = f"{OVERVIEW}/"
    (bundle / PARTS).write_text(json.dumps(delen), encoding="utf-8")


def _index_one(target: Path, path: Path, position: int, pages: Mapping[str, str], words: Record | None, first: bool) -> None:
    """One part: the records in `path`, the first at `position`, indexed into `target`. Only the
    first part keeps Pagefind's scripts and WebAssembly; the others load the first's."""
    files = short_fragment_names(_index_part(_read_records(path), position, pages, words))
    _write_bundle(target, [f for f in files if first or _index_file(f["path"])])
    del files
    if not (target / "pagefind-entry.json").exists() or (first and not (target / "pagefind.js").exists()):
        raise SearchIndexError("pagefind: geen index geschreven")
    normalise(target, first=first)


def _write_places(target: Path) -> None:
    """The overview's PLACES, read back from its fragments: which record is which gemeente."""
    (meta_path,) = target.glob("pagefind.*.pf_meta")
    places = {}
    for name, _ in read(meta_path)[1]:
        raw = gzip.decompress((target / "fragment" / f"{name}.pf_fragment").read_bytes())
        meta = json.loads(raw.removeprefix(SIGNATURE))["meta"]
        if meta.get("adres") == _within(meta["title"]):
            places[name] = meta["title"]
    (target / PLACES).write_text(json.dumps(places, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


def _read_records(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as lines:
        return [Record(*json.loads(line)) for line in lines]


def _index_part(records: Sequence[Record], position: int, pages: Mapping[str, str], words: Record | None) -> list[dict[str, str]]:
    """One Pagefind run over the pages, then the records (the first at `position`) and the
    word list if any: the files of its index. Pagefind numbers what it is given in the order it is
    given, and a search without a word lists in that order: reading order, with no sort key (a
    sort names every record once more in the metadata each search loads, a quarter of its bytes).
    A record's own address is its position, so two records never merge; `adres` is where it links."""
    with Service({"exclude_selectors": [".headerlink"]}) as pagefind:
        for url in sorted(pages):
            pagefind.send({"type": "AddFile", "file_path": None, "url": url, "file_contents": pages[url]})
        pagefind.send_many(
            {
                "type": "AddRecord",
                "url": f"/{position + at:06d}",
                "content": record.content,
                "language": LANGUAGE,
                "meta": {"title": record.title, "adres": record.url},
                "filters": record.filters,
            }
            for at, record in enumerate([*records, words] if words else records)
        )
        files: list[dict[str, str]] = pagefind.send({"type": "GetFiles"})["files"]
        return files


def vocabulary(words: Iterable[str], pages: Mapping[str, str]) -> Record:
    """Every word of the index (the records' `words` and the pages'), as one hidden record for each
    part. Pagefind matches a word by its extensions (statushouder: statushouders) and, where a part
    has none, by the longest word the term starts with (status): without the list, a part that
    lacks a word would answer with unrelated results the whole index never gives. The search page
    leaves the record out with a `not` filter on HIDDEN."""
    found = set(words)
    for html in pages.values():
        found.update(glossary.html_text(html, within="data-pagefind-body").split())
    return Record(url="/zoeken/", title="", content=" ".join(sorted(found)), filters={HIDDEN: ["ja"]})


def _part(number: int) -> str:
    return f"deel-{number + 1}"


def _narrowing(key: str) -> str:
    return f"delen-{key}.json"


def _index_file(path: str) -> bool:
    """What a part needs of its own: its entry, metadata, fragments, word and filter chunks."""
    return path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.startswith(("fragment/", "index/", "filter/"))


WORDLESS = (
    "let index_resp=this.backend.request_indexes(ptr,term);",
    'let index_resp=filter_only?"[]":this.backend.request_indexes(ptr,term);',
)
"""Pagefind 1.5.2's search script, and what a search without a word should do there."""


def _no_words_without_a_word(script: Path) -> None:
    """A search without a word (filters only) needs no part of the word index, and Pagefind's
    search ignores it then, but its script asks for the chunks that match the empty term: every
    chunk, 2 MB at national scale. Ask for none. Any other script stops the build."""
    text = script.read_text(encoding="utf-8")
    if text.count(WORDLESS[0]) != 1:
        raise SearchIndexError(f"pagefind: {script.name} is niet de verwachte versie")
    script.write_text(text.replace(*WORDLESS), encoding="utf-8")


def _write_bundle(bundle: Path, files: Sequence[dict[str, str]]) -> None:
    """Write the files the service handed over. With the service's own WriteFiles, about one build
    in six got a different pagefind-modular-ui.css: the files are not all on disk when it answers.
    A national index has 134,000 files: each folder is made once, and a path is checked as text."""
    made: set[Path] = set()
    for file in files:
        path = PurePosixPath(file["path"])
        if path.is_absolute() or not path.parts or ".." in path.parts:
            raise SearchIndexError(f"pagefind: onverwacht pad {file['path']!r}")
        target = bundle.joinpath(*path.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(base64.b64decode(file["content"], validate=True))


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def short_fragment_names(files: list[dict[str, str]]) -> list[dict[str, str]]:
    """Pagefind names each record's fragment after a hash of it, and every search first loads the
    metadata, which lists every record's name: seven random characters each, half of a first
    search's bytes at national scale. Each fragment is named by its position instead, after a
    prefix made from all the old names (so an index that changed gets names no browser has
    cached), which compresses to about half. Only the metadata and the fragments' file names hold
    these names; the word and filter index refer to records by number."""
    metas = [f for f in files if f["path"].startswith("pagefind.") and f["path"].endswith(".pf_meta")]
    renamed: dict[str, str] = {}
    for file in metas:
        meta = _decoded(base64.b64decode(file["content"], validate=True), file["path"])
        if not (isinstance(meta, list) and len(meta) > 1 and all(isinstance(p, list) and len(p) == 2 for p in meta[1])):
            raise SearchIndexError(f"pagefind: {file['path']} heeft een onbekend formaat")
        prefix = hashlib.sha256(" ".join(name for name, _ in meta[1]).encode()).hexdigest()[:8]
        for number, record in enumerate(meta[1]):
            old = record[0]
            record[0] = renamed[old] = f"{old.partition('_')[0]}_{prefix}{_base36(number)}"
        file["content"] = base64.b64encode(_compressed(SIGNATURE + encode(meta))).decode()
    found = 0
    for file in files:
        folder, _, name = file["path"].partition("/")
        if folder == "fragment" and name.endswith(".pf_fragment"):
            if (short := renamed.get(name.removesuffix(".pf_fragment"))) is None:
                raise SearchIndexError(f"pagefind: fragment {name} staat niet in de metadata")
            file["path"] = f"fragment/{short}.pf_fragment"
            found += 1
    if found != len(renamed):
        raise SearchIndexError(f"pagefind: {len(renamed)} fragmenten in de metadata, {found} geschreven")
    return files


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = DIGITS[digit] + digits
        if not number:
            return digits


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise SearchIndexError("pagefind: getal te groot")


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise SearchIndexError(f"pagefind: onverwachte waarde {value!r}")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode()
        return _head(3, len(data)) + data
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise SearchIndexError(f"pagefind: onverwachte waarde {type(value).__name__}")


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    major, extra = data[at] >> 5, data[at] & 31
    at += 1
    if extra < 24:
        value = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise SearchIndexError("pagefind: onbekende CBOR-codering")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw if major == 2 else raw.decode()), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise SearchIndexError("pagefind: onbekende CBOR-codering")


def read(path: Path) -> Any:
    return _decoded(path.read_bytes(), path.name)


def _decoded(data: bytes, name: str) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise SearchIndexError(f"pagefind: {name} heeft een onbekend formaat")
    value, end = decode(raw, len(SIGNATURE))
    if end != len(raw) or encode(value) != raw[len(SIGNATURE) :]:
        raise SearchIndexError(f"pagefind: {name} heeft een onbekend formaat")
    return value


def _compressed(payload: bytes) -> bytes:
    return gzip.compress(payload, compresslevel=9, mtime=0)


def write(directory: Path, prefix: str, suffix: str, digits: int, value: Any) -> str:
    """Write `value` under a name taken from its content; return that name's hash part."""
    payload = SIGNATURE + encode(value)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (directory / f"{name}{suffix}").write_bytes(_compressed(payload))
    return name


def normalise(bundle: Path, first: bool = True) -> None:
    """Sort the filter values and rename what depends on them. A part after the first loads the
    first part's WebAssembly: Pagefind fetches `wasm.<name>.pagefind` from the part's folder, and
    `<name>/../../` leads from there to the first part, so a reader's browser fetches it once."""
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        old = path.name.removesuffix(".pf_filter")
        name, values = read(path)
        values = sorted([value, sorted(pages)] for value, pages in values)
        path.unlink()
        renamed[old] = write(bundle / "filter", old.split("_")[0], ".pf_filter", 7, [name, values])
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and all(len(f) == 2 for f in meta[3])):
            raise SearchIndexError(f"pagefind: {meta_path.name} heeft een onbekend formaat")
        meta[3] = sorted([name, renamed.get(chunk, chunk)] for name, chunk in meta[3])
        meta_path.unlink()
        prefix = language["hash"].split("_")[0]
        language["hash"] = write(bundle, f"pagefind.{prefix}", ".pf_meta", 10, meta).removeprefix("pagefind.")
        if not first:
            language["wasm"] = f"{language['wasm']}/../../wasm.{language['wasm']}"
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
