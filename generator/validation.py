"""Check sources against the schema and against each other; report every problem at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

from generator import construct, docstatus, figures, textpolicy
from generator.layout import is_region
from generator.loading import Path_, Problem, Source, field_name, texts
from generator.tables import mismatches

FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")


@cache
def schema(name: str) -> dict[str, Any]:
    return yaml.safe_load(resources.files("generator.schema").joinpath(f"{name}.yaml").read_text(encoding="utf-8"))


def _message(error: jsonschema.ValidationError) -> tuple[Path_, str]:
    at: Path_ = tuple(error.absolute_path)
    if error.validator == "required":
        missing = re.search(r"'([^']+)'", error.message)
        key = missing.group(1) if missing else "?"
        return (*at, key), "verplicht veld ontbreekt"
    if error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        return at, "onbekend veld " + ", ".join(f"'{e}'" for e in extra)
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return at, f"'{error.instance}' is geen geldige waarde (kies uit: {options})"
    if error.validator == "type":
        return at, f"verwacht {error.validator_value}, gevonden {error.instance!r}"
    if error.validator == "pattern":
        return at, f"'{error.instance}' heeft niet de juiste vorm ({error.validator_value})"
    return at, error.message


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    """The schema with each `$ref` replaced by the definition it names, which gives the same
    errors: jsonschema looks a reference up again at each use, and that was half of a check."""
    definitions = schema(name).get("$defs", {})

    def inlined(node: Any) -> Any:
        if isinstance(node, list):
            return [inlined(item) for item in node]
        if not isinstance(node, dict):
            return node
        own = {key: inlined(value) for key, value in node.items() if key not in ("$ref", "$defs")}
        if "$ref" not in node:
            return own
        named = inlined(definitions[node["$ref"].removeprefix("#/$defs/")])
        if set(named) & set(own) - {"description"}:
            raise ValueError(f"schema {name}: {node['$ref']} naast eigen regels")
        return {**named, **own}

    return jsonschema.Draft202012Validator(inlined(schema(name)), format_checker=jsonschema.FormatChecker())


def schema_problems(source: Source, name: str) -> list[Problem]:
    """What is wrong with one file on its own: its schema, and the text policy for every value."""
    problems = []
    for error in sorted(_validator(name).iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path))):
        at, message = _message(error)
        problems.append(Problem(source.path, source.line(at), field_name(at), message))
    return problems + text_problems(source)


def text_problems(source: Source) -> list[Problem]:
    """The text policy, applied to every string of a file, registers included."""
    found = []
    for at, text in texts(source.data, ()):
        messages = textpolicy.problems(text)
        if at and at[-1] == "url" and (reason := textpolicy.url_problem(text)):
            messages.append(reason)
        found += [Problem(source.path, source.line(at), field_name(at), message) for message in messages]
    return found


def _party_refs(doc: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    for i, p in enumerate(doc.get("partijen", [])):
        yield ("partijen", i, "partij"), p["partij"]
    for i, p in enumerate(doc.get("ondertekening", {}).get("ondertekenaars", [])):
        yield ("ondertekening", "ondertekenaars", i, "partij"), p["partij"]
    for at, _chapter, agreement in agreement_nodes(doc):
        for key in ("initiatief", "betrokken"):
            for j, party in enumerate(agreement.get(key, [])):
                yield (*at, key, j), party
        for s, step in enumerate(agreement.get("stappen", [])):
            for j, party in enumerate(step.get("partijen", [])):
                yield (*at, "stappen", s, "partijen", j), party
    for c, chapter in enumerate(doc["hoofdstukken"]):
        for g, group in enumerate(chapter.get("groepen", [])):
            for j, party in enumerate(group.get("partijen", [])):
                yield ("hoofdstukken", c, "groepen", g, "partijen", j), party


def agreement_nodes(doc: dict[str, Any]) -> Iterator[tuple[Path_, dict[str, Any], dict[str, Any]]]:
    for c, chapter in enumerate(doc["hoofdstukken"]):
        for i, agreement in enumerate(chapter.get("afspraken", [])):
            yield ("hoofdstukken", c, "afspraken", i), chapter, agreement
        for g, group in enumerate(chapter.get("groepen", [])):
            for i, agreement in enumerate(group["afspraken"]):
                yield ("hoofdstukken", c, "groepen", g, "afspraken", i), chapter, agreement


def _tables(node: Any, at: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "tabellen":
                for i, table in enumerate(value):
                    yield (*at, key, i), table
            else:
                yield from _tables(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _tables(value, (*at, index))


def document_problems(source: Source, parties: dict[str, str], themes: set[str]) -> list[Problem]:
    """Cross-reference checks on one schema-valid document; `parties` maps id to kind."""
    doc = source.data
    found: list[tuple[Path_, str, bool]] = []

    def problem(at: Path_, message: str, warning: bool = False) -> None:
        found.append((at, message, warning))

    if is_region(doc["gemeente"]):
        if doc["gemeente"] not in parties:
            problem(("gemeente",), f"geen partij '{doc['gemeente']}' (de regio) in het partijenregister")
        for i, member in enumerate(doc.get("gemeenten", [])):
            if parties.get(f"gemeente-{member}") != "gemeente":
                problem(("gemeenten", i), f"geen gemeente 'gemeente-{member}' in het partijenregister")
    elif parties.get(f"gemeente-{doc['gemeente']}") != "gemeente":
        problem(("gemeente",), f"geen gemeente 'gemeente-{doc['gemeente']}' in het partijenregister")
    if (doc.get("soort") == "addendum") != ("wijzigt" in doc):
        message = "een addendum noemt het document dat het wijzigt ('wijzigt'), en alleen een addendum doet dat"
        problem(("wijzigt" if "wijzigt" in doc else "soort",), message)
    for at, party in _party_refs(doc):
        if party not in parties:
            problem(at, f"onbekende partij '{party}'")
    van, tot = doc["periode"]["van"], doc["periode"]["tot"]
    if van > tot:
        problem(("periode",), f"looptijd begint ({van}) na het einde ({tot})")
    years = doc.get("jaren", [doc["jaar"]])
    if doc["jaar"] not in years:
        problem(("jaren",), f"het jaar {doc['jaar']} ontbreekt in 'jaren'")
    for i, year in enumerate([doc["jaar"], *years]):
        if not van <= year <= tot:
            problem(("jaar",) if i == 0 else ("jaren", i - 1), f"{year} valt buiten de looptijd {van}-{tot}")
    seen_ids: dict[str, Path_] = {}
    for c, chapter in enumerate(doc["hoofdstukken"]):
        if chapter["id"] in seen_ids:
            problem(("hoofdstukken", c, "id"), f"hoofdstuk-id '{chapter['id']}' komt al voor")
        seen_ids[chapter["id"]] = ("hoofdstukken", c)
        has_agreements = bool(chapter.get("afspraken") or chapter.get("groepen"))
        if "thema" in chapter and chapter["thema"] not in themes:
            problem(("hoofdstukken", c, "thema"), f"onbekend thema '{chapter['thema']}'")
        elif has_agreements and "thema" not in chapter:
            problem(("hoofdstukken", c, "thema"), "hoofdstuk met afspraken heeft een landelijk thema nodig")
        if "afspraken" in chapter and "groepen" in chapter:
            problem(("hoofdstukken", c), "gebruik 'afspraken' of 'groepen', niet allebei")
    anchors: dict[str, Path_] = {}
    for at, chapter, agreement in agreement_nodes(doc):
        anchor = construct.anchor(chapter, agreement["nummer"])
        if anchor in anchors:
            first = source.line(anchors[anchor])
            problem((*at, "nummer"), f"nummer '{agreement['nummer']}' komt al voor (regel {first})")
        anchors.setdefault(anchor, at)
        if agreement.get("ongewijzigd") and "vervolg_van" not in agreement:
            problem((*at, "ongewijzigd"), "ongewijzigd voortgezet, maar van welke afspraak? 'vervolg_van' ontbreekt")
        for j, theme in enumerate(agreement.get("themas", [])):
            if theme not in themes:
                problem((*at, "themas", j), f"onbekend thema '{theme}'")
        for s, step in enumerate(agreement.get("stappen", [])):
            if not van <= step["jaar"] <= tot:
                problem((*at, "stappen", s, "jaar"), f"{step['jaar']} valt buiten de looptijd {van}-{tot}")
    table_ids: set[str] = set()
    for at, data in _tables(doc, ()):
        if data["id"] in table_ids:
            problem((*at, "id"), f"tabel-id '{data['id']}' komt al voor")
        table_ids.add(data["id"])
        width = len(data["kolommen"])
        for key in ("rijen", "totalen"):
            for r, row in enumerate(data.get(key, [])):
                cells = row if key == "rijen" else row["cellen"]
                if len(cells) != width:
                    problem((*at, key, r), f"rij heeft {len(cells)} cellen, de tabel {width} kolommen")
        names = {c["naam"] for c in data["kolommen"]}
        for k, column in enumerate(data["kolommen"]):
            for name in column.get("som_van", []):
                if name not in names:
                    problem((*at, "kolommen", k, "som_van"), f"onbekende kolom '{name}'")
        for mismatch in mismatches(construct.table(data)):
            problem(at, f"totaal klopt niet: {mismatch}", warning=True)
    notes = {f["nummer"] for f in doc.get("voetnoten", [])}
    for at, text in texts(doc, ()):
        for ref in FOOTNOTE_REF.findall(text):
            if ref not in notes:
                problem(at, f"voetnoot [^{ref}] bestaat niet")
    found += figures.problems(doc)
    found += [(at, message, False) for at, message in docstatus.status_problems(doc)]
    return [Problem(source.path, source.line(at), field_name(at), msg, warning) for at, msg, warning in found]


def register_problems(source: Source) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, entry in enumerate(source.data or []):
        if not isinstance(entry, dict):
            continue
        key = entry.get("id", entry.get("term"))
        if key in seen:
            problems.append(Problem(source.path, source.line((i,)), field_name((i,)), f"'{key}' staat er twee keer in"))
        seen.add(key)
    return problems
