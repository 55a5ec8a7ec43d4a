"""Both cores for the slowest step of a build: MkDocs turns every page's Markdown into HTML one
page after the other, more than half of a build's time. A second process, forked once MkDocs
knows every file, renders half of the generated pages; MkDocs renders the rest meanwhile and then
takes over the second half's results, so writing the pages and checking links and anchors still
happen in one place, over the whole site. The second process then also does one more job that
the build needs only at its end (the search records), while MkDocs writes the pages.

MkDocs reads each page in `_populate_page` (its plugin events included); that function is what
the second process runs, so the result is the same as MkDocs' own. Warnings logged there are
logged again here, so `strict` still counts them."""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs")
T = TypeVar("T")


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


_job: tuple[MkDocsConfig, Files, list[str], Callable[[], Any]] | None = None


def _render_share() -> tuple[list[Rendered], list[str]]:
    """In the second process: read and render the pages of its share."""
    assert _job is not None
    config, files, share, _extra = _job
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


def _extra() -> Any:
    assert _job is not None
    return _job[3]()


class Split(Generic[T]):
    """Half of the generated pages, rendered in a second process while MkDocs renders the rest,
    and then `extra`, whose result `collect` returns."""

    def __init__(self, config: MkDocsConfig, files: Files, generated: list[File], extra: Callable[[], T]) -> None:
        global _job
        share = [f for i, f in enumerate(sorted(generated, key=lambda f: f.src_uri)) if i % 2]
        self.inclusion: dict[str, InclusionLevel] = {f.src_uri: f.inclusion for f in share}
        _job = (config, files, list(self.inclusion), extra)
        self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        # Objects that exist now are left out of garbage collection while the process forks: the
        # collector would otherwise visit, and so copy, every page of memory the two share.
        gc.freeze()
        self.rendered: Future[tuple[list[Rendered], list[str]]] = self.executor.submit(_render_share)
        self.future: Future[T] = self.executor.submit(_extra)
        gc.unfreeze()
        _job = None
        # Forked by now: this process leaves the share to the other one until `collect`.
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED

    def pages(self, config: MkDocsConfig, files: Files) -> None:
        """Wait for the second process's pages and put them back, as if MkDocs had read them here."""
        rendered, warnings = self.rendered.result()
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

    def extra(self) -> T:
        """The result of the extra job."""
        try:
            return self.future.result()
        finally:
            self.executor.shutdown()
