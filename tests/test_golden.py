"""Generated Markdown is pinned: any change to a page shows up as a diff to review."""

from __future__ import annotations

import difflib

from tests.golden import GOLDEN, rendered


def test_every_page_matches_its_golden_file() -> None:
    pages = rendered()
    committed = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(committed), "pagina's toegevoegd of verdwenen: draai make golden"
    for path, text in pages.items():
        if text != committed[path]:
            diff = "".join(difflib.unified_diff(committed[path].splitlines(True), text.splitlines(True), path, path, n=1))
            raise AssertionError(f"{path} wijkt af (make golden als dat de bedoeling is):\n{diff[:3000]}")


def test_the_seed_documents_are_pinned() -> None:
    for path in [
        "hardenberg/2026",
        "harderwijk/2023",
        "harderwijk/2024",
        "hoogeveen/2026",
        "steenwijkerland/2026",
        "tynaarlo/2023",
    ]:
        assert (GOLDEN / "gemeenten" / path / "index.md").exists(), path
