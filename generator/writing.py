"""Put rendered pages on disk, for inspection and golden tests."""

from __future__ import annotations

import shutil
from pathlib import Path


def write_pages(pages: dict[str, str], out_dir: Path) -> None:
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for path, text in pages.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
