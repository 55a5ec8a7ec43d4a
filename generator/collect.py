"""Load and validate a whole data directory, then build the model. The only stage that reads files."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import construct, docstatus, progress
from generator.forking import fork_map
from generator.layout import placement_problems, survey
from generator.loading import LoadError, Problem, Source, display_name, field_name, file_problem, load_file, texts
from generator.model import Document, Registry
from generator.validation import agreement_nodes, document_problems, register_problems, schema_problems

REGISTERS = ("partijen", "themas", "begrippen", "synoniemen")


@dataclass
class Collected:
    registry: Registry | None
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)
    """Each valid document's data as `check` accepted it, by path: what open data publishes."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def _load(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    try:
        return load_file(path, root)
    except LoadError as error:
        problems += error.problems
        return None


_last: list[tuple[tuple[Any, ...], Collected]] = []


def _fingerprint(data_dir: Path) -> tuple[Any, ...]:
    """What `data/` looks like on disk: every path with its size and modification time."""
    entries = []
    root = data_dir.resolve()
    for folder, dirs, files in os.walk(root):  # never follows a link: a loop cannot trap it
        for name in sorted(dirs + files):
            stat = os.lstat(os.path.join(folder, name))
            entries.append((folder, name, stat.st_mode, stat.st_size, stat.st_mtime_ns))
    return (str(root), *sorted(entries))


def collect(data_dir: Path, reuse: bool = False) -> Collected:
    """Every problem of every file, and the model if there were no errors. A build checks the
    data and then MkDocs asks for it again: unchanged files are read once. With `reuse` (the
    preview) a document whose size and modification time did not change since the last call is
    not read and checked again: after a save only that file is."""
    try:
        fingerprint = _fingerprint(data_dir)
    except OSError:
        return _collect(data_dir, reuse)
    if _last and _last[0][0] == fingerprint:
        return _last[0][1]
    result = _collect(data_dir, reuse)
    _last[:] = [(fingerprint, result)]
    return result


Registers = tuple[dict[str, str], set[str]]
"""What a document is checked against: each party's kind by id, and the theme ids."""
Checked = tuple[Source | None, list[Problem]]


_checked: dict[str, tuple[tuple[int, int, int], Source | None, list[Problem]]] = {}


def _document(path: Path, data_dir: Path, reuse: bool) -> Checked:
    """One document read and checked on its own: schema, text policy and place in data/."""
    try:
        stat = os.stat(path)
        key: tuple[int, int, int] | None = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:  # a broken or looping link: reading it reports what is wrong
        key = None
    held = _checked.get(str(path))
    if reuse and held and key is not None and held[0] == key:
        return held[1], list(held[2])
    problems: list[Problem] = []
    source = _load(path, data_dir, problems)
    found = (schema_problems(source, "document") or placement_problems(source, path)) if source else []
    problems += found
    checked = None if found else source
    if reuse and key is not None:
        _checked[str(path)] = (key, checked, problems)
    return checked, list(problems)


PARALLEL_FROM = 64
"""From this many documents on, a build reads and checks them on every core: at national scale
the schema check alone takes a minute on one."""


def _document_against(path: Path, data_dir: Path, reuse: bool, registers: Registers | None) -> Checked:
    """`_document`, then the document against the registers, unless they failed. Not kept with
    the checked file: the registers may change."""
    source, problems = _document(path, data_dir, reuse)
    if source is not None and registers is not None:
        problems += document_problems(source, *registers)
    return source, problems


def _documents(paths: list[Path], data_dir: Path, reuse: bool, registers: Registers | None) -> list[Checked]:
    """Each document read and checked on its own, in order; in forked processes when there are
    many (not in the preview, whose cache of checked files lives in this process)."""
    cores = 1 if reuse else os.cpu_count() or 1
    check = functools.partial(_document_against, data_dir=data_dir, reuse=reuse, registers=registers)
    return fork_map(check, paths, cores, PARALLEL_FROM)


def _collect(data_dir: Path, reuse: bool = False) -> Collected:
    layout = survey(data_dir, REGISTERS)
    problems: list[Problem] = list(layout.problems)
    registers: dict[str, Source | None] = {}
    for name in REGISTERS:
        path = layout.registers.get(name)
        if path is None:
            problems.append(file_problem(display_name(data_dir / f"{name}.yaml", data_dir), "ontbreekt"))
            registers[name] = None
            continue
        source = _load(path, data_dir, problems)
        found = schema_problems(source, name) if source else []
        problems += found or (register_problems(source) if source else [])
        registers[name] = None if found else source
    parties, themes = registers["partijen"], registers["themas"]
    known = (
        ({p["id"]: p["soort"] for p in parties.data}, {t["id"] for t in themes.data})
        if parties is not None and themes is not None
        else None
    )
    documents: list[Source] = []
    for source, found in _documents(layout.documents, data_dir, reuse, known):
        problems += found
        if source is not None:
            documents.append(source)
    models = [construct.document(s.data, s.path) for s in documents]
    problems += _across_documents(documents, models)
    problems += _progress(layout.progress, data_dir, documents, models)
    problems += _definitions(registers["begrippen"], models)
    if any(not p.warning for p in problems) or None in registers.values():
        return Collected(None, problems)
    registry = Registry(
        partijen=construct.parties(parties.data),
        themas=construct.themes(themes.data),
        begrippen=construct.terms(registers["begrippen"].data),
        synoniemen=[list(group) for group in registers["synoniemen"].data],
        documenten=models,
    )
    return Collected(registry, problems, {s.path: s.data for s in documents})


def _progress(paths: list[Path], data_dir: Path, documents: list[Source], models: list[Document]) -> list[Problem]:
    """Load and check every voortgang file, and attach it to the document that shows its year. A
    document's words are found once for all its years, and only when there is progress to check."""
    problems: list[Problem] = []
    if not paths:
        return problems
    shown: dict[tuple[str, int, str], progress.Shown] = {}
    for source, doc in zip(documents, models, strict=True):
        text = " ".join(progress.words(t) for _, t in texts(source.data))
        for year in doc.jaren:
            shown[doc.gemeente, year, doc.deel] = progress.Shown(
                doc, frozenset(a.anchor for a in doc.afspraken if doc.includes(a, year)), text
            )
    for path in paths:
        source = _load(path, data_dir, problems)
        found = (schema_problems(source, "voortgang") or progress.problems(source, shown)) if source else []
        problems += found
        if source and not found:
            gemeente, year, deel = progress.place(source.path)
            shown[gemeente, year, deel].document.voortgang[year] = progress.construct(source.data, gemeente, year, source.path)
    return problems


def _definitions(glossary: Source | None, models: list[Document]) -> list[Problem]:
    """A document's own definition in the glossary must name a document that exists."""
    known = {(d.gemeente, d.jaar) for d in models}
    problems = []
    for i, term in enumerate(glossary.data if glossary else []):
        for j, definition in enumerate(term.get("definities", [])):
            if (definition["gemeente"], definition["jaar"]) not in known:
                where = (i, "definities", j)
                message = f"geen document {definition['gemeente']} {definition['jaar']} in data/"
                problems.append(Problem(glossary.path, glossary.line(where), field_name(where), message))
    return problems


def _across_documents(documents: list[Source], models: list[Document]) -> list[Problem]:
    """One document per file name and year (a second document of a year has a name of its own),
    and whatever a document points to, a predecessor or the document an addendum changes, exists."""
    problems = []
    pages: dict[tuple[str, int, str], str] = {}
    anchors: dict[tuple[str, int, str], set[str]] = {}
    for source, doc in zip(documents, models, strict=True):
        for year in doc.jaren:
            key = (doc.gemeente, year, doc.deel)
            if key in pages:
                message = f"{doc.gemeente} {year}{'-' + doc.deel if doc.deel else ''} staat ook in {pages[key]}"
                problems.append(Problem(source.path, source.line(("jaar",)), "jaar", message))
            pages[key] = source.path
            anchors[key] = {a.anchor for a in doc.afspraken if doc.includes(a, year)}

    def problem(source: Source, where: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(source.path, source.line(where), field_name(where), message))

    for source, doc in zip(documents, models, strict=True):
        amended = (doc.gemeente, doc.wijzigt.jaar, doc.wijzigt.deel) if doc.wijzigt else None
        if amended is not None and (amended not in anchors or amended == doc.key):
            problem(source, ("wijzigt",), f"geen ander document {_name(amended)} om te wijzigen")
            amended = None
        for at, _chapter, agreement in agreement_nodes(source.data):
            ref = agreement.get("vervolg_van")
            if ref is not None:
                key = (ref.get("gemeente", doc.gemeente), ref["jaar"], ref.get("deel", ""))
                if f"afspraak-{ref['afspraak']}" not in anchors.get(key, set()):
                    problem(source, (*at, "vervolg_van"), f"afspraak {ref['afspraak']} van {_name(key)} bestaat niet")
            changed = agreement.get("wijzigt")
            if changed is not None and amended is None and doc.wijzigt is None:
                message = "een afspraak wijzigt alleen iets als het document zegt welk document het wijzigt"
                problem(source, (*at, "wijzigt"), message)
            elif changed is not None and amended is not None and f"afspraak-{changed}" not in anchors[amended]:
                problem(source, (*at, "wijzigt"), f"afspraak {changed} van {_name(amended)} bestaat niet")
    return problems + _replacements(documents, models)


def _name(key: tuple[str, int, str]) -> str:
    gemeente, year, deel = key
    return f"{gemeente} {year}{'-' + deel if deel else ''}"


def _replacements(documents: list[Source], models: list[Document]) -> list[Problem]:
    """A superseded document links to its replacement, which must exist and be published."""
    by_key = {(d.gemeente, d.jaar): d for d in models if not d.deel}
    problems = []
    for source in documents:
        key = docstatus.replacement_key(source.data)
        if key is None:
            continue
        target = by_key.get(key)
        if target is None or target.is_concept:
            where = ("vervangen_door", "jaar")
            reason = "bestaat niet" if target is None else "is nog een concept"
            message = f"het vervangende document {key[0]} {key[1]} {reason}"
            problems.append(Problem(source.path, source.line(where), field_name(where), message))
    return problems
