"""The committed Markdown of every generated page. Regenerate with `make golden` when a change is intended."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.collect import collect
from generator.rendering import render_site
from generator.writing import write_pages

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
TODAY = datetime.date(2026, 6, 1)


def rendered() -> dict[str, str]:
    registry = collect(ROOT / "data").registry
    assert registry is not None, "de data in data/ is ongeldig: draai python -m generator check data"
    return render_site(registry, today=TODAY)


if __name__ == "__main__":
    pages = rendered()
    write_pages(pages, GOLDEN)
    print(f"{len(pages)} pagina's geschreven naar {GOLDEN.relative_to(ROOT)}/")
