"""Next year's document from this year's: the same parties, chapters and structure, every
agreement carried over as a continuation, signing cleared, marked as a concept. `next_year` is
pure; `to_yaml` writes it the way an editor would, in the schema's order, long text as blocks."""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml

from generator import construct
from generator.model import CONCEPT
from generator.validation import agreement_nodes, schema

TODO = "TODO"
"""Marks what an editor still has to decide; `klaar` refuses a document that contains it."""


class NextYearError(Exception):
    """The next year cannot be derived from this document without a decision by the editor."""


def next_year(doc: dict[str, Any], year: int) -> dict[str, Any]:
    """The concept for `year`, from the validated data of the latest document."""
    old = doc["jaar"]
    if year <= old:
        raise NextYearError(f"{year} ligt niet na {old}, het jaar van het laatste document")
    new = copy.deepcopy(doc)
    new["titel"] = re.sub(rf"(?<!\d){old}(?!\d)", str(year), doc["titel"])
    new["jaar"] = year
    new.pop("jaren", None)
    new["status"] = CONCEPT
    new.pop("vervangen_door", None)
    new.pop("publicatie", None)
    periode = new["periode"]
    if doc["soort"] == "jaarafspraken":
        shift = year - old
        new["periode"] = {"van": periode["van"] + shift, "tot": periode["tot"] + shift}
    elif not periode["van"] <= year <= periode["tot"]:
        raise NextYearError(
            f"{year} valt buiten de looptijd {periode['van']}-{periode['tot']} van {doc['titel']}: "
            "nieuwe meerjarige afspraken begin je met een eigen document"
        )
    new["bron"] = {"bestand": "", "titel": new["titel"]}
    new["ondertekening"] = {
        "datum": None,
        "plaats": None,
        "ondertekenaars": [{"partij": p["partij"]} for p in doc.get("partijen", [])],
    }
    for _at, chapter, agreement in agreement_nodes(new):
        _carry_over(agreement, chapter, old, year)
    _mark_notes(new, year)
    return new


def _carry_over(agreement: dict[str, Any], chapter: dict[str, Any], old: int, year: int) -> None:
    """Continue an agreement: its predecessor named, its text kept, this year's steps as next year's."""
    agreement["vervolg_van"] = {"jaar": old, "afspraak": construct.anchor(chapter, agreement["nummer"]).removeprefix("afspraak-")}
    agreement["ongewijzigd"] = True
    agreement.pop("status", None)
    if "stappen" in agreement:
        agreement["stappen"] = [{**step, "jaar": year} for step in agreement["stappen"] if step["jaar"] == old]
        if not agreement["stappen"]:
            del agreement["stappen"]


def _mark_notes(node: Any, year: int) -> None:
    """An editorial note describes last year's source; the editor decides whether it still holds."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "redactie" and isinstance(value, str):
                node[key] = f"{TODO}: nakijken of deze noot nog geldt voor {year}.\n\n{value}"
            else:
                _mark_notes(value, year)
    elif isinstance(node, list):
        for item in node:
            _mark_notes(item, year)


def _definition(node: dict[str, Any]) -> dict[str, Any]:
    root = schema("document")
    while "$ref" in node:
        node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def ordered(data: Any, node: dict[str, Any] | None = None) -> Any:
    """`data` with every mapping's keys in the order the schema describes them."""
    node = _definition(node if node is not None else schema("document"))
    if isinstance(data, dict):
        properties = node.get("properties", {})
        keys = [k for k in properties if k in data] + [k for k in data if k not in properties]
        return {k: ordered(data[k], properties.get(k, {})) for k in keys}
    if isinstance(data, list):
        return [ordered(item, node.get("items", {})) for item in data]
    return data


class _Dumper(yaml.SafeDumper):
    """Block scalars for text with line breaks or of some length, short lists on one line, list
    items indented under their key as in the existing documents."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") or len(value) > 100 or value.endswith("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    short = bool(value) and all(isinstance(v, str | int) and len(str(v)) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


def _mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    short = len(value) <= 3 and all(
        v is None or (isinstance(v, str | int) and len(str(v)) < 40 and "\n" not in str(v)) for v in value.values()
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=short)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _mapping)


def to_yaml(doc: dict[str, Any], origin: str) -> str:
    head = (
        "# yaml-language-server: $schema=../../generator/schema/document.yaml\n"
        f"# Concept voor {doc['jaar']}, gemaakt met 'python -m generator nieuw' uit {origin}.\n"
        f"# Vul aan, haal elke {TODO} weg en controleer met: python -m generator klaar {doc['gemeente']} {doc['jaar']}\n\n"
    )
    body = yaml.dump(ordered(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=2)
    return head + body
