"""Both cores for the slowest steps of a build: MkDocs turns every page's Markdown into HTML and
then writes it through the theme's templates, one page after the other. A second process, forked
once MkDocs knows every file, reads and writes about half of the generated pages (SHARE), each page
in turn, so neither process holds all of them. This process does the rest meanwhile, and only then
learns the second process's titles, anchors and links, so that links and anchors are still checked
in one place, over the whole site.

The second process runs what MkDocs runs for each page: `_populate_page` (reading, with its plugin
events) and `_build_page` (the template and the file), so the result is the same as MkDocs' own.
Warnings logged there are logged again here, so `strict` still counts them."""

from __future__ import annotations

import functools
import gc
import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.forking import Child

log = logging.getLogger("mkdocs")


@dataclass
class Written:
    """What other pages need to know of a page the second process wrote."""

    src_uri: str
    meta: dict[str, Any]
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


SHARE = 0.515
"""The second process's part of the generated pages, spread evenly over them: a little over half,
because this process prepares the search index's input once its own pages are written, which at
national scale takes about 3% of the time both spend on pages (8 s, against 2 x 140 s)."""


def _write_share(config: MkDocsConfig, files: Files, nav: Navigation, share: list[str]) -> tuple[list[Written], list[str]]:
    """In the second process: read and write the pages of its share, one at a time."""
    warnings = _Warnings()
    log.addHandler(warnings)
    env = config.theme.get_env()
    doc_files = files.documentation_pages()
    written = []
    for src_uri in share:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        page = file.page or Page(None, file, config)
        _populate_page(page, config, files)
        _build_page(page, config, doc_files, nav, env)
        links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
        written.append(Written(src_uri, page.meta, page._title_from_render, page.present_anchor_ids, links))
        page.content = page.markdown = None
    return written, warnings.messages


class Split:
    """About half of the generated pages (SHARE), read and written in a second process while
    MkDocs does the rest."""

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, generated: list[File]) -> None:
        ordered = sorted(generated, key=lambda f: f.src_uri)
        share = [f for i, f in enumerate(ordered) if int((i + 1) * SHARE) > int(i * SHARE)]
        self.share = [f.src_uri for f in share]
        self.shared = frozenset(self.share)
        self.config, self.files = config, files
        # Objects that exist now are left out of garbage collection until both processes are done:
        # the collector writes to every object it visits, so each process would copy every page of
        # memory the two share (at national scale, half a gigabyte in this process alone).
        gc.freeze()
        self.child = Child(functools.partial(_write_share, config, files, nav, self.share))
        # Forked by now: MkDocs here neither reads nor writes the share.
        for file in share:
            file.inclusion = InclusionLevel.EXCLUDED

    def join(self) -> None:
        """Wait for the second process's pages, learn their titles, anchors and links, and check
        the links into them. MkDocs has written this process's pages by now, without waiting for
        the second's, and checked their anchors: it skips a page whose anchors it does not know."""
        config, files = self.config, self.files
        try:
            written, warnings = self.child.result()
        finally:
            self.close()
        pages = []
        for result in written:
            file = files.get_file_from_path(result.src_uri)
            assert file is not None
            page = file.page or Page(None, file, config)
            page.markdown, page.meta, page._title_from_render = "", result.meta, result.title
            page.present_anchor_ids = result.anchors
            if result.links is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in result.links.items()}
            pages.append(page)
        for message in warnings:
            log.warning(message)
        self._check_anchors(pages)

    def listed(self) -> list[File]:
        """Every page MkDocs lists, as in a build without a second process: MkDocs leaves the
        share out of what it lists (the sitemap), since this process neither reads nor writes it."""
        return [f for f in self.files if f.is_documentation_page() and (f.inclusion.is_included() or f.src_uri in self.shared)]

    def _check_anchors(self, pages: list[Page]) -> None:
        """The links of the share's `pages`, and this process's links into the share (not checked
        before: see `join`). This process's pages are written, so their links are not needed again."""
        level = self.config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=self.files, log_level=level)
        for file in self.files.documentation_pages():
            page = file.page
            if page is not None and page.links_to_anchors:
                page.links_to_anchors = {f: a for f, a in page.links_to_anchors.items() if f.src_uri in self.shared}
                page.validate_anchor_links(files=self.files, log_level=level)

    def close(self) -> None:
        self.child.close()
        gc.unfreeze()
