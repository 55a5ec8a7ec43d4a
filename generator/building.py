"""Build the whole site next to the old one and swap it in only when everything succeeded."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


class BuildError(Exception):
    pass


def _mkdocs(config: Path, out: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        mkdocs_build(load_config(str(config), site_dir=str(out), strict=True))
    except MkDocsException as error:
        raise BuildError(f"mkdocs: {error}") from error
    except SystemExit as error:
        raise BuildError("mkdocs: bouwen mislukt") from error


def index(site: Path) -> None:
    """Pagefind reads the built HTML and writes its index into site/pagefind/."""
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ".headerlink"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0 or not (site / "pagefind" / "pagefind.js").exists():
        raise BuildError(f"pagefind: {run.stderr or run.stdout}")


def build_site(config: Path, site_dir: Path) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        _mkdocs(config, staging)
        index(staging)
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
