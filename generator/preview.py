"""The live preview (`make serve`): a bad edit puts its errors on every page instead of leaving
the server waiting for a build that never succeeds, and search works because every preview
build gets its own Pagefind index.

MkDocs' server holds back every request until a rebuild succeeds, so a failed rebuild looks like a
hang. In the preview a data error therefore does not fail the build: the pages of the last good
data (or none, if there never was any) are built again with the errors on top, and the next good
save replaces them."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.structure.files import Files

from generator.collect import Collected
from generator.model import Registry
from generator.pagefind_index import SearchIndexError, index
from generator.searchrecords import Record

log = logging.getLogger("mkdocs.plugins.prestatieafspraken.preview")
BODY = re.compile(r"<body[^>]*>")
EMPTY = Collected(Registry(partijen={}, themas={}, begrippen=[], documenten=[], synoniemen=[]))


def _banner() -> jinja2.Template:
    text = resources.files("generator").joinpath("templates/preview.html.j2").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True).from_string(text)


class Preview:
    """State kept across rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self.last_good: Collected | None = None
        self.problems: list[str] = []

    def files(self, gather: Callable[[], Collected], add: Callable[[Collected], Files]) -> Files:
        """Add the pages of the current data, or of the last good data with the errors shown."""
        result: Collected | None = None
        try:
            result = gather()
            files = add(result)
        except Exception as error:  # the preview must answer whatever went wrong; the build command is strict
            errors = result.errors if result is not None else []
            self.problems = [str(p) for p in errors] or [f"{type(error).__name__}: {error}"]
            for problem in self.problems:
                log.info("fout: %s", problem)
            return add(self.last_good or EMPTY)
        self.last_good, self.problems = result, []
        return files

    def mark(self, html: str) -> str:
        """Put the errors at the top of a built page."""
        if not self.problems:
            return html
        banner = _banner().render(problems=self.problems, stale=self.last_good is not None)
        return BODY.sub(lambda body: body.group(0) + banner, html, count=1)

    def index(self, site_dir: str, runs: Iterable[Sequence[Record]], pages: dict[str, str]) -> None:
        try:
            index(Path(site_dir), runs, pages)
        except (SearchIndexError, OSError) as error:
            log.info("zoekindex niet gebouwd: %s", error)
