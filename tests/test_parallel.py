"""A build reads and writes about half of the generated pages in a second process: the site is the same
as MkDocs alone makes it, and a broken link or anchor on a page of either half still fails the
strict build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import building, cli, followthrough, forking, indexes, parallel
from generator import collect as collect_module
from generator.building import build_site
from generator.sitedir import BuildError
from tests.conftest import ROOT
from tests.test_build_dir import snapshot
from tests.test_hostile import project_copy


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs in the test's own process, so that what the build's process records and logs is seen
    here (a build runs it in a process of its own, see generator/building.py)."""
    monkeypatch.setattr(building, "in_child", lambda function: function())


@pytest.mark.usefixtures("here")
def test_the_split_build_is_the_same_as_one_process(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered_here: list[int] = []
    original = parallel.Split.join

    def counting(self: parallel.Split) -> None:
        rendered_here.append(len(self.share))
        original(self)

    monkeypatch.setattr(parallel.Split, "join", counting)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    alone = tmp_path / "alone"
    build_site(ROOT / "mkdocs.yml", alone)
    assert rendered_here == [], "with one core there is no second process"
    assert snapshot(alone) == snapshot(site)


@pytest.mark.usefixtures("here")
@pytest.mark.parametrize(
    "targets",
    [["../../nergens/index.md"], ["../../../themas/index.md#nergens", "../../../jaren/2023/index.md#nergens"]],
    ids=["page", "anchor"],
)
def test_a_broken_link_on_a_page_of_either_process_fails_the_build(
    targets: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = project_copy(tmp_path / "p")
    documents = sorted((project / "data").glob("*/[0-9][0-9][0-9][0-9].yaml"))
    for doc in documents:
        text = doc.read_text(encoding="utf-8")
        links = " ".join(f"[elders]({target})" for target in targets)
        doc.write_text(re.sub(r"(?m)^( *)tekst: \|\n", rf"\1tekst: |\n\1  Zie {links}.\n", text, count=1), encoding="utf-8")
    shares: list[set[str]] = []
    original = parallel.Split.join

    def recording(self: parallel.Split) -> None:
        shares.append(set(self.share))
        original(self)

    monkeypatch.setattr(parallel.Split, "join", recording)
    with pytest.raises(BuildError, match="strict"):
        build_site(project / "mkdocs.yml", project / "site")
    pages = {f"gemeenten/{d.parent.name}/{d.stem}/index.md" for d in documents}
    for target in targets:
        warned = set(re.findall(rf"Doc file '([^']+)' contains a link '{re.escape(target)}'", caplog.text))
        assert pages <= warned, f"every page with the broken link to {target} is named"
    assert pages & shares[0] and pages - shares[0], "pages of both processes have the links"
    anchored = {target.split("/", 3)[3].split("#")[0] for target in targets if "#" in target}
    assert not anchored or (anchored & shares[0] and anchored - shares[0]), "the anchors are on pages of both processes"
    assert not (project / "site").exists()


def test_documents_checked_on_both_cores_give_the_same_model_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A national data set is read in forked processes; what comes back is what one process finds."""
    project = project_copy(tmp_path / "p")
    broken = project / "data" / "tynaarlo" / "2023.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("jaar: 2023", "jaar: twintig", 1), encoding="utf-8")

    def checked(cores: int) -> tuple[list[str], list[object]]:
        monkeypatch.setattr(os, "cpu_count", lambda: cores)
        collect_module._last.clear()
        forked: list[int] = []
        monkeypatch.setattr(collect_module, "PARALLEL_FROM", 1)
        original = forking.ProcessPoolExecutor

        def counting(*args: object, **kwargs: object) -> object:
            forked.append(1)
            return original(*args, **kwargs)

        monkeypatch.setattr(forking, "ProcessPoolExecutor", counting)
        result = collect_module.collect(project / "data")
        assert bool(forked) == (cores > 1)
        return [str(p) for p in result.problems], [collect_module.collect(ROOT / "data").registry]

    alone, together = checked(1), checked(2)
    assert any("tynaarlo/2023.yaml" in p and "jaar" in p for p in alone[0])
    assert together == alone


def test_the_model_and_the_assessments_made_on_both_cores_are_what_one_process_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale, the parties each agreement's text names and every agreement's
    concreteness are found in forked processes before the pages are written."""
    registry = collect_module.collect(ROOT / "data").registry
    assert registry is not None
    forked: list[int] = []
    original = forking.ProcessPoolExecutor

    def counting(*args: object, **kwargs: object) -> object:
        forked.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(forking, "ProcessPoolExecutor", counting)
    monkeypatch.setattr(indexes, "PARALLEL_FROM", 1)
    monkeypatch.setattr(followthrough, "PARALLEL_FROM", 1)

    def made(cores: int) -> tuple[object, ...]:
        site = indexes.build_site(registry.without_concepts(), cores=cores)
        view = followthrough.View(site)
        view.assess_all(cores)
        parties = {
            party: [(e.page.path, e.agreement.anchor, e.roles, e.named) for e in entries]
            for party, entries in site.by_party.items()
        }
        themes = {theme: [(e.page.path, e.agreement.anchor) for e in entries] for theme, entries in site.by_theme.items()}
        levels = [(p.path, a.anchor, view.assessment(p, c, a)) for p in site.pages for c, a in p.all_agreements()]
        return parties, themes, levels, len(view._cache)

    alone = made(1)
    assert forked == []
    together = made(2)
    assert len(forked) == 2, "the names and the assessments were both found in forked processes"
    assert together == alone
    parties, _themes, levels, assessed = alone
    assert any(named for entries in parties.values() for *_rest, named in entries), "some agreements name a party in their text"
    assert assessed == len(levels) > 200


def test_the_search_index_is_made_by_a_process_that_never_held_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale Pagefind's memory and the model's would add up: the build's process ends first."""
    held: list[bool] = []
    original = building.index_prepared

    def indexing(site: Path, folder: Path) -> None:
        held.append(bool(collect_module._last))
        original(site, folder)

    monkeypatch.setattr(collect_module, "_last", [])
    monkeypatch.setattr(building, "index_prepared", indexing)
    assert cli.build(ROOT / "mkdocs.yml", tmp_path / "site") == 0
    assert held == [False]
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.lock", "site"], "nothing else the build wrote is left"


def test_mkdocs_build_on_its_own_makes_the_same_site_search_index_included(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    left = set(Path(tempfile.gettempdir()).glob("prestatieafspraken-*"))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    contents = {path: entry.split()[1] for path, entry in snapshot(out).items()}
    assert contents == {path: entry.split()[1] for path, entry in snapshot(site).items()}
    assert set(Path(tempfile.gettempdir()).glob("prestatieafspraken-*")) == left, "the work folder is removed"


def test_a_build_process_that_dies_fails_the_build_with_a_message_and_keeps_the_site(site: Path, tmp_path: Path) -> None:
    """Killed by the system for lack of memory, say: no traceback, and the previous site stays."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = snapshot(copy)
    with pytest.raises(BuildError, match="stopte onverwacht"):
        build_site(ROOT / "mkdocs.yml", copy, check=lambda: os._exit(9))
    assert snapshot(copy) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.lock", "site"]


def _dies(*job: object) -> None:
    os._exit(9)


def test_a_second_process_that_dies_fails_the_build_with_a_message_and_keeps_the_site(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process that writes the other share of the pages, killed for lack of memory: the same
    message as for the build's own process, no traceback, and the previous site stays."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "_write_share", _dies)
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = snapshot(copy)
    with pytest.raises(BuildError, match="stopte onverwacht"):
        build_site(ROOT / "mkdocs.yml", copy)
    assert snapshot(copy) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.lock", "site"]


def test_the_sitemap_of_a_site_with_an_address_names_every_page_of_either_process(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_description:", "site_url: https://example.org/\nsite_description:", 1),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(config, out)
    listed = set(re.findall(r"<loc>https://example\.org/(.*?)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8")))
    pages = {path.parent.relative_to(out).as_posix() + "/" for path in out.rglob("index.html")}
    assert {"gemeenten/hardenberg/2026/", "themas/beschikbaarheid/"} <= pages
    assert listed == {"" if page == "./" else page for page in pages}
