"""Both cores for the slowest step of a build: MkDocs turns every page's Markdown into HTML one
page after the other, more than half of a build's time. A second process, forked once MkDocs
knows every file, renders half of the generated pages; MkDocs renders the rest meanwhile and then
takes over the second half's results, so writing the pages and checking links and anchors still
happen in one place, over the whole site.

MkDocs reads each page in `_populate_page` (its plugin events included); that function is what
the second process runs, so the result is the same as MkDocs' own. Warnings logged there are
logged again here, so `strict` still counts them."""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs")


@dataclass
class Rendered:
    """What reading one page left on its Page object, in a form that crosses processes."""

    src_uri: str
    markdown: str | None
    meta: dict[str, Any]
    content: str | None
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_job: tuple[MkDocsConfig, Files, list[str]] | None = None


def _render_share() -> tuple[list[Rendered], list[str]]:
    """In the second process: read and render the pages of its share."""
    assert _job is not None
    config, files, share = _job
    warnings = _Warnings()
    log.addHandler(warnings)
    rendered = []
    for src_uri in share:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        page = file.page or Page(None, file, config)
        _populate_page(page, config, files)
        links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
        rendered.append(
            Rendered(
                src_uri, page.markdown, page.meta, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links
            )
        )
    return rendered, warnings.messages


class Split:
    """Half of the generated pages, rendered in a second process while MkDocs renders the rest."""

    def __init__(self, config: MkDocsConfig, files: Files, generated: list[File]) -> None:
        global _job
        share = [f for i, f in enumerate(sorted(generated, key=lambda f: f.src_uri)) if i % 2]
        self.inclusion: dict[str, InclusionLevel] = {f.src_uri: f.inclusion for f in share}
        _job = (config, files, list(self.inclusion))
        self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self.future: Future[tuple[list[Rendered], list[str]]] = self.executor.submit(_render_share)
        _job = None
        # Forked by now: this process leaves the share to the other one until `collect`.
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED

    def collect(self, config: MkDocsConfig, files: Files) -> None:
        """Wait for the second process and put its pages back, as if MkDocs had read them here."""
        try:
            rendered, warnings = self.future.result()
        finally:
            self.executor.shutdown()
        for result in rendered:
            file = files.get_file_from_path(result.src_uri)
            assert file is not None
            file.inclusion = self.inclusion[result.src_uri]
            page = file.page or Page(None, file, config)
            page.markdown, page.meta, page.content, page.toc = result.markdown, result.meta, result.content, result.toc
            page._title_from_render = result.title
            page.present_anchor_ids = result.anchors
            if result.links is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in result.links.items()}
        for message in warnings:
            log.warning(message)
