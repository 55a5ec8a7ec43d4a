"""The only MkDocs glue: validate the data, render it and add the pages to the build."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from generator import opendata, pagefind_index, searchrecords, textpolicy
from generator.collect import Collected, collect
from generator.feeds import feed_path, feeds
from generator.glossary import GlossaryError
from generator.indexes import Site, build_site
from generator.pagefind_index import SearchIndexError
from generator.parallel import Split
from generator.preview import Preview
from generator.rendering import abbreviations, plan_site
from generator.sitedir import MANIFEST, manifest
from generator.validation import schema

log = logging.getLogger("mkdocs.plugins.prestatieafspraken")
ONLY = "GEMEENTE"
"""`GEMEENTE=hoogeveen make serve` previews one gemeente (and its regional documents)."""


class PluginConfig(Config):
    data_dir = config_options.Type(str, default="data")
    concepten = config_options.Type(bool, default=False)
    """Build concepts too (`build --concepten`); the preview always does. Never searchable."""
    werkmap = config_options.Type(str, default="")
    """A folder for what the build writes for itself: the publications before MkDocs copies them,
    and the search index's input (see `pagefind_index.prepare`), which the caller indexes once this
    process has ended (`python -m generator build`). Unset, the build makes its own and indexes."""


class PrestatieafsprakenPlugin(BasePlugin[PluginConfig]):
    preview: Preview | None = None
    feeds: dict[str, str] = {}
    work: Path | None = None
    """See `werkmap`; a folder of its own when that is unset, which the build removes."""
    indexes: bool = True
    """Whether this build makes the search index itself: when no `werkmap` is given."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `mkdocs serve` this instance lives across rebuilds and keeps the preview's state."""
        self.preview = Preview() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The processes a build may use; the preview's server runs threads, which do not survive a fork.
        self.cores = 1 if self.preview else os.cpu_count() or 1
        self.data_dir = Path(config.config_file_path).parent / self.config.data_dir
        self.only = os.environ.get(ONLY, "") if self.preview is not None else ""
        if self.only and not (self.data_dir / self.only).is_dir():
            raise PluginError(f"{ONLY}={self.only}: geen map {self.config.data_dir}/{self.only}/")
        if self.only:  # links to other gemeenten point at pages this preview leaves out: not an error here
            config.validation.links.not_found = logging.INFO
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.indexes = not self.config.werkmap
        self.work = Path(tempfile.mkdtemp(prefix="prestatieafspraken-") if self.indexes else self.config.werkmap)
        if self.preview is not None:
            return self.preview.files(self._gather, lambda result: self._add_pages(files, config, result))
        return self._add_pages(files, config, collect(self.data_dir))

    def _gather(self) -> Collected:
        """The preview's data: all of it checked (unchanged files from the last check), and with
        GEMEENTE=<gemeente> only that gemeente's pages built, so a save shows in seconds."""
        result = collect(self.data_dir, reuse=True)
        if not self.only or result.registry is None:
            return result
        return Collected(result.registry.only(self.only), result.problems, result.sources)

    def _add_pages(self, files: Files, config: MkDocsConfig, result: Collected) -> Files:
        for problem in result.problems:
            # Totals that do not add up are published as printed, with a note: not a build failure.
            (log.info if problem.warning or self.preview else log.error)(str(problem))
        if result.registry is None:
            raise PluginError(f"{len(result.errors)} fout(en) in {self.config.data_dir}/; de site is niet gebouwd")
        concepts = self.preview is not None or self.config.concepten
        public = result.registry.without_concepts()
        shown = result.registry if concepts else public
        public_site = build_site(public, cores=self.cores)
        # Built once for the glossary and the pages; without concepts it is the public site.
        shown_site = public_site if len(shown.documenten) == len(public.documenten) else build_site(shown, cores=self.cores)
        try:
            self.abbreviations = abbreviations(shown, site=shown_site)
        except GlossaryError as error:
            raise PluginError(str(error)) from error
        self.public_site = public_site
        self.appendices: dict[str, Callable[[], str]] = {}
        self.later: dict[str, Callable[[], str]] = {}
        self.generated: list[File] = []
        for path, page in plan_site(result.registry, concepten=concepts, site=shown_site, cores=self.cores).items():
            if files.get_file_from_path(path) is not None:
                self.appendices[path] = page
                continue
            # Rendered when MkDocs reads it (on_page_markdown), so no process holds every page.
            self.later[path] = page
            self.generated.append(File.generated(config, path, content=""))
            files.append(self.generated[-1])
        synonyms = json.dumps(result.registry.synoniemen, ensure_ascii=False)
        files.append(File.generated(config, "assets/synoniemen.json", content=synonyms))
        files.append(File.generated(config, MANIFEST, content=manifest(d.path for d in shown.documenten)))
        self._add_publications(files, config, result, public_site)
        for name in ("document", "partijen", "themas", "begrippen", "synoniemen"):
            files.append(
                File.generated(
                    config, f"schema/{name}.schema.json", content=json.dumps(schema(name), ensure_ascii=False, indent=2)
                )
            )
        return files

    def _add_publications(self, files: Files, config: MkDocsConfig, result: Collected, public_site: Site) -> None:
        """Feeds and open data, of published documents only. Written to a folder of their own as
        they are made, and copied from there: at national scale they are some 180 MB, which the
        build would otherwise hold while it writes every page."""
        public = public_site.registry
        base = config.site_url or ""
        self.feeds = {d.gemeente: feed_path(d.gemeente) for d in public.documenten}
        for path, text in feeds(public, base).items():
            self._publish(files, config, path).write_text(text, encoding="utf-8")
        for document in public.documenten:
            text = opendata.document_json(result.sources[document.path])
            self._publish(files, config, opendata.json_path(document.gemeente, document.jaar, document.deel)).write_text(
                text, encoding="utf-8"
            )
        with self._publish(files, config, opendata.CSV_PATH).open("w", encoding="utf-8", newline="") as out:
            opendata.write_agreements_csv(public_site, out, base)

    def _publish(self, files: Files, config: MkDocsConfig, path: str) -> Path:
        """Where to write the file that the site has at `path`."""
        assert self.work is not None
        target = self.work / "publicaties" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        files.append(File.generated(config, path, abs_src_path=str(target)))
        return target

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A build (not the preview, whose server runs threads) reads and writes half the pages in a
        second process."""
        self.held: dict[str, bytes] = {}
        self.split = Split(config, files, nav, self.generated) if self.cores > 1 else None
        self.searchable: dict[str, str] = {}
        return nav

    def _runs(self) -> Iterator[list[searchrecords.Record]]:
        return searchrecords.runs(self.public_site)

    def _prepare_search(self) -> None:
        assert self.work is not None
        pagefind_index.prepare(self.work, self._runs())

    def on_template_context(self, context: Any, template_name: str, config: MkDocsConfig) -> Any:
        """A template of the site as a whole (the sitemap, say) lists every page, also the ones the
        second process wrote."""
        if self.split is not None:
            context["pages"] = self.split.listed()
        return context

    def on_build_error(self, error: Exception) -> None:
        if getattr(self, "split", None) is not None:
            self.split.close()
            self.split = None
        self._clean_up()

    def _clean_up(self) -> None:
        if self.work is not None and self.indexes:
            shutil.rmtree(self.work, ignore_errors=True)
        self.work = None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page is rendered here; a hand-written page with the same path as a generated
        one gets the generated part appended."""
        uri = page.file.src_uri
        if uri in self.later:
            markdown, page.meta = get_data(self.later[uri]())
        parts = uri.split("/")
        if parts[0] == "gemeenten" and len(parts) > 2 and parts[1] in self.feeds:
            page.meta["feed"] = self.feeds[parts[1]]
        extra = self.appendices[uri]() if uri in self.appendices else ""
        markdown = f"{markdown.rstrip()}\n\n{extra}" if extra else markdown
        return f"{markdown.rstrip()}\n\n{self.abbreviations.for_page(uri, markdown)}"

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Read: the page's Markdown is not needed again. MkDocs reads every page before it writes
        any, so a national build would hold thousands of pages' HTML: it is held compressed until
        the page is written (on_page_context)."""
        page.markdown = ""
        self.held[page.file.src_uri] = zlib.compress(first_use_only(textpolicy.tooltip_titles(html)).encode(), 1)
        return ""

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        page.content = zlib.decompress(self.held.pop(page.file.src_uri)).decode()
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A hand-written page marked `zoeken: true` (never the home page) is searched as a whole.
        The page is written: its HTML is not needed again."""
        page.content = None
        output = self.preview.mark(output) if self.preview else output
        if page.meta.get("zoeken") and not page.is_homepage:
            self.searchable[f"/{page.url}"] = output
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self.preview.mark(output_content) if self.preview else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Search: one record per agreement from the model, plus the hand-written pages."""
        try:
            if self.preview:
                self.preview.index(config.site_dir, self._runs(), self.searchable)
                return
            # While the second process, if any, writes its last pages.
            self._prepare_search()
            if self.split is not None:
                self.split.join()
                self.split = None
            assert self.work is not None
            pagefind_index.add_pages(self.work, self.searchable)
            if self.indexes:
                pagefind_index.index_prepared(Path(config.site_dir), self.work)
        except SearchIndexError as error:
            raise PluginError(str(error)) from error
        finally:
            self._clean_up()


ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def first_use_only(html: str) -> str:
    """Explain a term at its first use on a page, reachable by keyboard; later uses stay plain."""
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        title, text = match.groups()
        if text in seen:
            return text
        seen.add(text)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return ABBR.sub(once, html)
