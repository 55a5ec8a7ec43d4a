"""Read YAML while remembering where every value came from, so errors can name a line.

Data files come from many hands, so reading must never fall over: bytes that are not UTF-8,
control characters, tags, anchors and aliases, keys that are lists, absurd nesting and huge files
all become problems with a file, a line and a field, never an exception or a runaway."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
# libyaml, when PyYAML was built with it: the same events, about ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 200_000
MAX_CHAR_PROBLEMS = 10
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
# What YAML itself refuses, plus line breaks editors do not count, bidirectional overrides and
# stray byte order marks; lone surrogates stand for bytes that were not UTF-8.
BAD_CHARACTER = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
KEY_ON_LINE = re.compile(r"\s*([^\s:#\[\]{},'\"&*!|>%@`-][^:#]*?):(?:\s|$)")
# A key that cannot be used (a list, an alias, a repeat); it cannot clash with a real key,
# because control characters are replaced before parsing.
_DROPPED = "\x00"


@dataclass
class Problem:
    """One thing wrong (or suspicious) in one file, printable as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        """Always with a field; a problem with the file as a whole names the field `bestand`."""
        kind = "waarschuwing: " if self.warning else ""
        return f"{self.file}:{self.line}: {kind}{self.field or 'bestand'}: {self.message}"


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

    def field_at(self, line: int) -> str:
        """The field written on `line`, or the one whose value runs over it."""
        best: tuple[int, int, Path_] = (0, 0, ())
        for at, start in self.lines.items():
            if start <= line and (start, len(at)) > best[:2]:
                best = (start, len(at), at)
        return field_name(best[2])


class LoadError(Exception):
    """A file that could not be read faithfully; it carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(map(str, self.problems))


def texts(node: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in parsed data, with its path: what the text checks walk over."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, (*at, index))
    elif isinstance(node, str):
        yield at, node


def field_name(at: Path_) -> str:
    """Render a node path the way authors read it: `hoofdstukken[2].afspraken[0].nummer`."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def file_problem(path: str, message: str, line: int = 1) -> Problem:
    """A problem with the file as a whole (its name, place or kind), not with one of its fields."""
    return Problem(path, line, "bestand", message)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe scalars, but dates stay strings: the schema checks their form."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
_constructor = _Constructor()
_resolver = yaml.resolver.Resolver()


def _short(value: str) -> str:
    return value if len(value) <= 40 else f"{value[:37]}..."


def _written(tag: str) -> str:
    """A tag the way an author writes it: `!!python/object`, not its long form."""
    return _short("!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag)


def _scalar(event: yaml.ScalarEvent) -> tuple[Any, str]:
    """The value of a scalar and, if it does not fit its tag, why."""
    tag = event.tag or _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    construct = _Constructor.yaml_constructors.get(tag)
    if construct is None:  # the merge key `<<` resolves to a tag without a value of its own
        return event.value, ""
    try:
        return construct(_constructor, node), ""
    except (ValueError, ArithmeticError, yaml.YAMLError):
        return event.value, f"'{_short(event.value)}' is geen geldige waarde voor {_written(tag)}"


class _Stop(Exception):
    """Reading this file further is pointless or unsafe; what was found so far is reported."""


@dataclass
class _Frame:
    value: dict[str, Any] | list[Any]
    at: Path_
    key: str | None = None
    drop: bool = False


class _Composer:
    """Builds plain data from parser events with an explicit stack: no recursion, no aliases."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.nodes = 0

    def report(self, mark: yaml.Mark | None, at: Path_, message: str) -> None:
        self.problems.append(Problem(self.path, mark.line + 1 if mark else 1, field_name(at) or "bestand", message))

    def here(self) -> Path_:
        """Where the next node goes."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.at, len(top.value))
        return (*top.at, top.key) if top.key is not None else top.at

    def failed_at(self, text: str, mark: yaml.Mark | None) -> Path_:
        """Where a syntax error is: the parser reads ahead, so a key on the line of the error
        may not have reached us yet."""
        at = self.here()
        if mark is None or not self.expects_key():
            return at
        written = KEY_ON_LINE.match(text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else "")
        return (*at, written.group(1)) if written else at

    def expects_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None

    def compose(self, text: str) -> Any:
        documents = 0
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.report(event.start_mark, (), "meer dan één YAML-document in één bestand (een tweede '---')")
                    raise _Stop
            elif isinstance(event, yaml.CollectionEndEvent):
                self.end()
            elif isinstance(event, yaml.NodeEvent):
                self.node(event)
        return self.root

    def node(self, event: yaml.NodeEvent) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.report(event.start_mark, self.here(), f"meer dan {MAX_NODES} waarden in één bestand")
            raise _Stop
        is_key = self.expects_key()
        at = self.here()
        mark = event.start_mark
        if event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.report(mark, at, f"anker '&{_short(event.anchor)}' is niet toegestaan; schrijf de waarde voluit")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in PLAIN_TAGS:
            self.report(mark, at, f"tag '{_written(tag)}' is niet toegestaan; gebruik gewone YAML-waarden")
        if isinstance(event, yaml.AliasEvent):
            self.report(mark, at, f"verwijzing '*{_short(event.anchor)}' is niet toegestaan; schrijf de waarde voluit")
            self.place(None, at, mark, is_key)
        elif isinstance(event, yaml.ScalarEvent):
            value, problem = _scalar(event) if tag is None or tag in PLAIN_TAGS else (event.value, "")
            if problem:
                self.report(mark, at, problem)
            if event.style in ("|", ">") and not is_key:
                # A block text starts on the line after its `|`: point at the text itself.
                mark = yaml.Mark(mark.name, mark.index, mark.line + 1, 0, None, None)
            self.place(value if not is_key else event.value, at, mark, is_key)
        else:
            if len(self.stack) >= MAX_DEPTH:
                self.report(mark, at, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
                raise _Stop
            if is_key:
                self.report(mark, at, "een sleutel moet tekst zijn, geen lijst of tabel")
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            drop = is_key or self.dropping()
            if not drop:
                self.lines[at] = mark.line + 1
            self.stack.append(_Frame(container, at, drop=drop))

    def dropping(self) -> bool:
        return bool(self.stack) and (self.stack[-1].drop or self.stack[-1].key == _DROPPED)

    def end(self) -> None:
        frame = self.stack.pop()
        if not self.stack:
            self.root = frame.value
        elif frame.drop and self.expects_key():
            self.stack[-1].key = _DROPPED
        else:
            self.attach(frame.value)

    def place(self, value: Any, at: Path_, mark: yaml.Mark, is_key: bool) -> None:
        if not self.stack:
            self.lines[at] = mark.line + 1
            self.root = value
        elif is_key:
            key = _DROPPED if value is None else str(value)
            top = self.stack[-1]
            if key in top.value:
                self.report(mark, (*top.at, key), "sleutel staat er twee keer")
                key = _DROPPED
            top.key = key
            if key != _DROPPED and not top.drop:
                self.lines[(*top.at, key)] = mark.line + 1
        else:
            if not self.dropping():
                self.lines[at] = mark.line + 1
            self.attach(value)

    def attach(self, value: Any) -> None:
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            if top.key != _DROPPED and not top.drop:
                top.value[top.key] = value
            top.key = None


def _clean(text: str, path: str) -> tuple[str, list[Problem]]:
    """Characters a reader would not see or YAML would refuse, each reported and replaced."""
    problems = []
    for number, match in enumerate(BAD_CHARACTER.finditer(text)):
        if number == MAX_CHAR_PROBLEMS:
            problems.append(Problem(path, problems[-1].line, "", "en meer ongeldige tekens; alleen de eerste zijn genoemd"))
            break
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            message = f"geen geldige UTF-8 (byte 0x{ord(char) - 0xDC00:02X}, kolom {column}); sla het bestand op als UTF-8"
        else:
            message = f"ongeldig of onzichtbaar teken U+{ord(char):04X} in kolom {column}"
        problems.append(Problem(path, line, "", message))
    return BAD_CHARACTER.sub("\ufffd", text), problems


def parse(text: str, path: str) -> Source:
    """Parse one YAML text; every problem in it becomes part of one LoadError."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, char_problems = _clean(text, path)
    composer = _Composer(path)
    try:
        data = composer.compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        composer.report(mark, composer.failed_at(text, mark), f"YAML-fout: {error.problem or error.context or 'onleesbaar'}")
        data = None
    except yaml.YAMLError as error:
        composer.report(None, composer.here(), f"YAML-fout: {error}")
        data = None
    except _Stop:
        data = None
    source = Source(path, data, composer.lines)
    for problem in char_problems:
        problem.field = problem.field or source.field_at(problem.line) or "bestand"
    problems = sorted(char_problems + composer.problems, key=lambda p: p.line)
    if problems:
        raise LoadError(problems)
    return source


def display_name(path: Path, root: Path) -> str:
    """How messages name a data file: relative to the project, like `data/hardenberg/2026.yaml`."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_bytes(path: Path, root: Path) -> bytes:
    """The file's bytes, but only for a regular, not too large file that really lies inside `root`;
    the content of anything else is never read, so it cannot end up in a message."""
    name = display_name(path, root)
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve(strict=True)):
            raise LoadError([file_problem(name, "verwijst naar een bestand buiten data/; dat wordt niet gelezen")])
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            raise LoadError([file_problem(name, "is geen gewoon bestand")])
        if info.st_size > MAX_BYTES:
            raise LoadError([file_problem(name, f"is groter dan {MAX_BYTES // (1024 * 1024)} MB")])
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            return handle.read(MAX_BYTES + 1)[:MAX_BYTES]
    except FileNotFoundError as error:
        raise LoadError([file_problem(name, "verwijst naar een bestand dat niet bestaat")]) from error
    except PermissionError as error:
        raise LoadError([file_problem(name, "kan niet gelezen worden: geen leesrechten")]) from error
    except RuntimeError as error:
        raise LoadError([file_problem(name, "is een koppeling die in een kring naar zichzelf verwijst")]) from error
    except OSError as error:
        raise LoadError([file_problem(name, f"kan niet gelezen worden ({error.strerror or 'onleesbaar'})")]) from error


def load_file(path: Path, root: Path) -> Source:
    return parse(read_bytes(path, root).decode("utf-8", errors="surrogateescape"), display_name(path, root))
