"""Read YAML while remembering where every value came from, so errors can name a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class Problem:
    """One thing wrong (or suspicious) in one file, printable as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "waarschuwing: " if self.warning else ""
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}: {kind}{where}{self.message}"


@dataclass
class Source:
    """A parsed YAML file with the line of every node (1-based), keyed by its path."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, at: Path_) -> int:
        """Line of the deepest known node on `at`: a missing key points at its parent."""
        while at not in self.lines and at:
            at = at[:-1]
        return self.lines.get(at, 1)


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem

    def __str__(self) -> str:
        return str(self.problem)


def field_name(at: Path_) -> str:
    """Render a node path the way authors read it: `hoofdstukken[2].afspraken[0].nummer`."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _convert(node: yaml.Node, at: Path_, lines: dict[Path_, int]) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                raise LoadError(Problem("", key_node.start_mark.line + 1, field_name((*at, key)), "sleutel staat er twee keer"))
            result[key] = _convert(value_node, (*at, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*at, i), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe scalars, but dates stay strings: the schema checks their form."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
_constructor = _Constructor()


def _scalar(node: yaml.Node) -> Any:
    return _constructor.construct_object(node, deep=True)


def parse(text: str, path: str) -> Source:
    """Parse one YAML text; a syntax error becomes a LoadError with its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise LoadError(Problem(path, line, "", f"YAML-fout: {error.problem or error}")) from error
    lines: dict[Path_, int] = {}
    try:
        data = _convert(root, (), lines) if root is not None else None
    except LoadError as error:
        error.problem.file = path
        raise
    return Source(path, data, lines)


def load_file(path: Path, root: Path) -> Source:
    try:
        name = str(path.relative_to(root.parent))
    except ValueError:
        name = str(path)
    return parse(path.read_text(encoding="utf-8"), name)
