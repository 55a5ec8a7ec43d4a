"""Bad input gets a clear error with file and line, exit code 1, and changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.collect import collect
from generator.loading import parse
from tests.conftest import ROOT, copy_project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_published_data_is_valid() -> None:
    result = run("check", "data", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "fout" not in result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the project with three mistakes in two files."""
    project = copy_project(tmp_path / "project")
    doc = project / "data" / "hardenberg" / "2026.yaml"
    text = doc.read_text()
    text = text.replace("initiatief: [vechtdal-wonen]", "initiatief: [vechtdal]", 1)
    text = text.replace('- nummer: "2"\n', '- nummer: "1"\n', 1)
    doc.write_text(text)
    (project / "data" / "tynaarlo" / "2023.yaml").write_text("gemeente: tynaarlo\ntitel: [niet afgesloten\n")
    return project


def test_check_reports_every_problem_with_file_and_line(broken: Path) -> None:
    result = run("check", "data", cwd=broken)
    assert result.returncode == 1
    doc = broken / "data" / "hardenberg" / "2026.yaml"
    unknown = line_of(doc, "initiatief: [vechtdal]")
    duplicate = [i for i, line in enumerate(doc.read_text().splitlines(), 1) if line.strip() == '- nummer: "1"'][1]
    lines = result.stderr.splitlines()
    assert (
        f"data/hardenberg/2026.yaml:{unknown}: hoofdstukken[0].afspraken[0].initiatief[0]: onbekende partij 'vechtdal'" in lines
    )
    assert any(
        line.startswith(f"data/hardenberg/2026.yaml:{duplicate}: ") and "nummer '1' komt al voor" in line for line in lines
    )
    assert any(line.startswith("data/tynaarlo/2023.yaml:3: ") and "YAML-fout" in line for line in lines)


def test_failed_build_leaves_previous_site_untouched(broken: Path) -> None:
    site = broken / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie")
    result = run("build", cwd=broken)
    assert result.returncode == 1
    assert "onbekende partij 'vechtdal'" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "vorige versie"
    assert not list(broken.glob(".site-*"))


def test_make_site_fails_the_same_way(broken: Path) -> None:
    for name in ("Makefile", "pyproject.toml"):
        (broken / name).symlink_to(ROOT / name)
    (broken / ".venv").symlink_to(ROOT / ".venv")
    (broken / "generator").symlink_to(ROOT / "generator")
    result = subprocess.run(["make", "-s", "site"], cwd=broken, capture_output=True, text=True)
    assert result.returncode != 0
    assert "onbekende partij 'vechtdal'" in result.stderr
    assert not (broken / "site").exists()


def test_schema_errors_name_the_field_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    doc = project / "data" / "tynaarlo" / "2023.yaml"
    doc.write_text(doc.read_text().replace("soort: jaarafspraken", "soort: jaarlijks", 1))
    result = collect(project / "data")
    assert [str(p) for p in result.errors] == [
        f"data/tynaarlo/2023.yaml:{line_of(doc, 'soort: jaarlijks')}: soort: 'jaarlijks' is geen geldige waarde "
        "(kies uit: jaarafspraken, kader-met-jaarschijf, meerjarig-met-jaarschijf, addendum)"
    ]


def test_html_in_text_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    doc = project / "data" / "tynaarlo" / "2023.yaml"
    doc.write_text(doc.read_text().replace("titel: Prestatieafspraken Tynaarlo 2023", "titel: <b>Tynaarlo</b>", 1))
    messages = [p.message for p in collect(project / "data").errors]
    assert messages == ["HTML is niet toegestaan: '<b>'"]


def test_duplicate_keys_are_an_error() -> None:
    with pytest.raises(Exception, match="x.yaml:2: titel: sleutel staat er twee keer"):
        parse("titel: a\ntitel: b\n", "x.yaml")
