"""Which files in data/ are data: the registers at the top, `<gemeente>/<jaar>.yaml` below, and
`<gemeente>/<jaar>-<deel>.yaml` for a further document of the same year (one per corporation, or an
addendum). A folder `regio-<naam>` holds the documents of a region of several gemeenten.

Anything else in data/ is named as an error rather than skipped, because a file that is silently
ignored is an agreement that silently disappears from the site."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.loading import Problem, Source, display_name, file_problem

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STEM = re.compile(r"(?P<jaar>[0-9]{4})(?:-(?P<deel>[a-z0-9]+(?:-[a-z0-9]+)*))?")
REGION_PREFIX = "regio-"
MAX_LISTED = 20
Report = Callable[..., None]


@dataclass
class Layout:
    registers: dict[str, Path] = field(default_factory=dict)
    documents: list[Path] = field(default_factory=list)
    progress: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Like DirEntry.is_dir, but a link that loops is simply not a directory."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda e: e.name)


def survey(data_dir: Path, registers: tuple[str, ...]) -> Layout:
    """Sort every entry of data/ into registers, documents and problems."""
    layout = Layout()
    root = data_dir.resolve()

    def problem(path: Path, message: str, warning: bool = False) -> None:
        name = display_name(path, data_dir) + ("/" if path.is_dir() else "")
        layout.problems.append(Problem(name, 1, "bestand", message, warning))

    try:
        top = _entries(data_dir)
    except OSError as error:
        layout.problems.append(file_problem(str(data_dir), f"map kan niet gelezen worden ({error.strerror})"))
        return layout
    register_files = {f"{name}.yaml": name for name in registers}
    for entry in top:
        path = Path(entry.path)
        if entry.name.startswith("."):
            problem(path, "verborgen, wordt overgeslagen", warning=True)
        elif entry.name in register_files:
            if _is_dir(entry):
                problem(path, "is een map; hier hoort het register als bestand")
            else:
                layout.registers[register_files[entry.name]] = path
        elif _is_dir(entry):
            if not path.resolve().is_relative_to(root):
                problem(path, "verwijst naar een map buiten data/; die wordt niet gelezen")
            elif not SLUG.fullmatch(entry.name):
                problem(path, "de mapnaam is de gemeente: kleine letters, cijfers en '-', bijvoorbeeld 'hardenberg'")
            else:
                _gemeente(path, problem, layout)
        elif Path(entry.name).stem in register_files.values():
            problem(path, f"registers eindigen op .yaml: hernoem het naar {Path(entry.name).stem}.yaml")
        else:
            names = ", ".join(register_files)
            problem(path, f"hoort niet in data/: daar staan alleen {names} en een map per gemeente")
    return layout


def _gemeente(directory: Path, problem: Report, layout: Layout) -> None:
    entries = _entries(directory)
    documents = 0
    for entry in entries:
        path = Path(entry.path)
        stem, _dot, suffix = entry.name.partition(".")
        if entry.name.startswith("."):
            problem(path, "verborgen, wordt overgeslagen", warning=True)
        elif _is_dir(entry):
            problem(path, "een map in een gemeentemap wordt niet gelezen: een document is data/<gemeente>/<jaar>.yaml")
            for deeper in _files_below(path):
                problem(deeper, "staat te diep en wordt niet gelezen: een document is data/<gemeente>/<jaar>.yaml")
        elif STEM.fullmatch(stem) and suffix == "yaml":
            layout.documents.append(path)
            documents += 1
        elif STEM.fullmatch(stem) and suffix == "voortgang.yaml":
            layout.progress.append(path)
        elif STEM.fullmatch(stem) and suffix.lower() in ("yml", "yaml"):
            problem(path, f"documenten eindigen op .yaml (kleine letters): hernoem het naar {stem}.yaml")
        else:
            problem(
                path,
                "de bestandsnaam is het jaar: <jaar>.yaml, of <jaar>-<deel>.yaml voor een tweede document van dat jaar "
                "(bv. 2027-addendum.yaml), en <jaar>.voortgang.yaml voor de voortgang",
            )
    if documents == 0:
        problem(directory, "map zonder documenten", warning=True)


def _files_below(directory: Path) -> list[Path]:
    found: list[Path] = []
    for base, dirs, files in os.walk(directory):
        dirs.sort()
        found += [Path(base, name) for name in sorted(files)]
        if len(found) >= MAX_LISTED:
            break
    return found[:MAX_LISTED]


def part(path: Path) -> str:
    """The `<deel>` of `<jaar>-<deel>.yaml`; "" for a gemeente's own `<jaar>.yaml`."""
    found = STEM.fullmatch(path.name.partition(".")[0])
    return (found.group("deel") or "") if found else ""


def is_region(slug: str) -> bool:
    return slug.startswith(REGION_PREFIX)


def placement_problems(source: Source, path: Path) -> list[Problem]:
    """The folder is the gemeente (or region) and the file name the year; the document must say the
    same. A region's document names its gemeenten; a gemeente's document does not."""
    data = source.data
    problems = []
    if is_region(path.parent.name) and "gemeenten" not in data:
        message = "een regionaal document (map regio-...) noemt de gemeenten waarvoor het geldt"
        problems.append(Problem(source.path, source.line(()), "gemeenten", message))
    if not is_region(path.parent.name) and "gemeenten" in data:
        message = "alleen een regionaal document (map regio-<naam>/) noemt gemeenten; verplaats het of haal 'gemeenten' weg"
        problems.append(Problem(source.path, source.line(("gemeenten",)), "gemeenten", message))
    if data.get("gemeente") != path.parent.name:
        folder = path.parent.name
        message = f"'{data.get('gemeente')}' past niet bij de map {folder}/; verplaats het bestand of verbeter de gemeente"
        problems.append(Problem(source.path, source.line(("gemeente",)), "gemeente", message))
    if str(data.get("jaar")) != path.name[:4]:
        message = f"{data.get('jaar')} past niet bij de bestandsnaam {path.name}; hernoem het bestand of verbeter het jaar"
        problems.append(Problem(source.path, source.line(("jaar",)), "jaar", message))
    return problems
