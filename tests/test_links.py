"""No internal link or anchor in the built site is broken."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.rendering import rel
from tests.golden import rendered

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
ID = re.compile(r'\bid="([^"]+)"')


@cache
def ids(page: Path) -> frozenset[str]:
    return frozenset(ID.findall(page.read_text(encoding="utf-8")))


def target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = site if parts.path.startswith("/") else page.parent
    path = (base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else page
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_no_broken_internal_links_or_anchors(site: Path) -> None:
    broken = []
    checked = 0
    for page in site.rglob("*.html"):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            found = target(site, page, href)
            if found is None:
                continue
            path, anchor = found
            checked += 1
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {href} (pagina bestaat niet)")
            elif anchor and path.suffix == ".html" and anchor not in ids(path):
                broken.append(f"{page.relative_to(site)}: {href} (anker bestaat niet)")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


def test_a_generated_link_is_the_relative_path_between_the_two_pages() -> None:
    paths = sorted(rendered()) + ["index.md", "gemeenten/index.md", "themas/wonen/2/index.md"]
    for here in paths:
        for to in paths:
            assert rel(to, here) == posixpath.relpath(to, posixpath.dirname(here)), (to, here)
