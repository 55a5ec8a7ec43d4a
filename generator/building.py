"""Build the whole site next to the old one and swap it in only when everything succeeded."""

from __future__ import annotations

import errno
import functools
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.forking import ChildDied, in_child
from generator.pagefind_index import SearchIndexError, index_prepared
from generator.sitedir import MANIFEST, BuildError, locked, lost, lost_line, make_readable, published, staging_dir, swap_in

__all__ = ["BuildError", "build_site"]

ALLOW_REMOVAL = "--toestaan-verwijderen"
REASONS = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "niet toegestaan (alleen-lezen of beveiligd)",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
}


def _mkdocs(config: Path, out: Path, concepts: bool, work: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        loaded = load_config(str(config), site_dir=str(out), strict=True)
        plugin = loaded.plugins["prestatieafspraken"].config
        plugin.concepten, plugin.werkmap = concepts, str(work)
        mkdocs_build(loaded)
    except MkDocsException as error:
        raise BuildError(f"mkdocs: {error}") from error
    except SystemExit as error:
        raise BuildError("mkdocs: bouwen mislukt") from error


def _pages(
    config: Path,
    site_dir: Path,
    staging: Path,
    allow_removal: bool,
    concepts: bool,
    check: Callable[[], list[str]] | None,
    work: Path,
) -> None:
    if check is not None:
        _refuse_loss(site_dir, check(), allow_removal)
    _mkdocs(config, staging, concepts, work)


def _in_child(function: Callable[[], None]) -> None:
    try:
        in_child(function)
    except ChildDied as error:
        raise BuildError(
            "bouwen afgebroken: een proces van de bouw stopte onverwacht (bijvoorbeeld door te weinig geheugen); "
            "de site is niet vervangen"
        ) from error


def _index(site: Path, work: Path) -> None:
    """The search index, from the input the build left in `work` (see generator/searchrecords.py);
    a site without one is not published."""
    try:
        index_prepared(site, work)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error
    if not (site / "pagefind" / "pagefind.js").is_file():
        raise BuildError(f"pagefind: geen zoekindex in {site.name}/pagefind/")


def _refuse_loss(site_dir: Path, documents: list[str], allow_removal: bool) -> None:
    """Publishing fewer documents than the current site has is a decision, not a side effect."""
    missing = lost(site_dir, documents)
    if allow_removal or missing == []:
        return
    if missing is None:
        listing = os.path.relpath(site_dir / MANIFEST)
        raise BuildError(
            f"{listing if not listing.startswith('..') else site_dir / MANIFEST}:1: bestand: ontbreekt, dus is niet te zien "
            f"welke documenten de huidige site heeft; de site is niet vervangen. Hernoem of verwijder {site_dir.name}/ "
            f"zelf, of bouw met {ALLOW_REMOVAL}"
        )
    lines = [lost_line(path) for path in missing]
    lines.append(
        f"{len(missing)} document(en) zou(den) van de site verdwijnen; de site is niet vervangen. "
        f"Is dat de bedoeling, bouw dan met {ALLOW_REMOVAL}"
    )
    raise BuildError("\n".join(lines))


def build_site(
    config: Path,
    site_dir: Path,
    allow_removal: bool = False,
    concepts: bool = False,
    check: Callable[[], list[str]] | None = None,
) -> None:
    """Build into a staging directory under a lock, then swap it in whole; site/ is always complete.
    `check` (the caller's check of the data, which raises BuildError or returns the documents the
    site will show) lets a loss be refused before building.

    The check and MkDocs run in a process of their own. It leaves the search index's input on disk
    and ends, and gives back the memory of the model and the pages before Pagefind starts here:
    at national scale Pagefind's memory and theirs would otherwise add up."""
    site_dir = Path(os.path.abspath(site_dir))
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with locked(site_dir):
            staging = staging_dir(site_dir)
            # Named as staging is: a build that is killed leaves it for the next one to remove.
            work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
            try:
                _in_child(functools.partial(_pages, config, site_dir, staging, allow_removal, concepts, check, work))
                _index(staging, work)
                _refuse_loss(site_dir, published(staging) or [], allow_removal)
                make_readable(staging)
                swap_in(staging, site_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
                shutil.rmtree(work, ignore_errors=True)
    except OSError as error:
        where = error.filename or site_dir.parent
        reason = REASONS.get(error.errno or 0, error.strerror or str(error))
        raise BuildError(f"kan de site niet schrijven in {site_dir.parent}/: {where}: {reason}") from error
