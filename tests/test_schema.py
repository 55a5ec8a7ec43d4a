"""Every field an author can write is documented, and the schema ships with the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.validation import schema


def properties(node: Any, at: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{at}.{key}", value))
        for key, value in node.items():
            found += properties(value, f"{at}.{key}" if key not in ("properties",) else at)
    elif isinstance(node, list):
        for item in node:
            found += properties(item, at)
    return found


@pytest.mark.parametrize("name", ["document", "partijen", "themas", "begrippen", "synoniemen"])
def test_every_field_has_a_description(name: str) -> None:
    root = schema(name)
    fields = properties(root) or [("[]", root["items"]), ("[][]", root["items"]["items"])]
    undocumented = [path for path, spec in fields if "description" not in spec and spec.get("type") != "array"]
    assert fields and not undocumented


KEYWORDS = {
    *("description", "type", "$ref", "enum", "items", "pattern", "format", "required", "properties", "oneOf"),
    *("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "uniqueItems", "minProperties"),
    "additionalProperties",
}
"""What the schemas' fields may say: every keyword of JSON Schema they use."""


@pytest.mark.parametrize("name", ["document", "partijen", "themas", "begrippen", "synoniemen", "voortgang"])
def test_every_description_is_whole(name: str) -> None:
    """An unquoted description with a comma in a one-line YAML mapping ends at the comma, and the
    rest of it becomes a keyword no editor shows: an author reads half of what the field means."""
    unknown = {path: sorted(set(spec) - KEYWORDS) for path, spec in properties(schema(name)) if set(spec) - KEYWORDS}
    assert unknown == {}


def test_schema_is_published(site: Path) -> None:
    published = json.loads((site / "schema" / "document.schema.json").read_text())
    assert published["properties"]["gemeente"]["description"].startswith("Slug van de gemeente")
