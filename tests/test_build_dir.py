"""The build directory deploys as is: identical bytes for identical data, readable by a web server,
complete at every moment (even when a build is killed), one build at a time, clear messages."""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.building import build_site
from tests.conftest import ROOT
from tests.test_hostile import project_copy, snapshot

TITLE = "titel: Prestatieafspraken Tynaarlo 2023\n"


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", *args], cwd=project, capture_output=True, text=True, timeout=300
    )


def start(project: Path, **options: Any) -> subprocess.Popen[str]:
    """A build in a process group of its own, to be killed or interrupted as a whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"], cwd=project, text=True, start_new_session=True, **options
    )


def test_two_builds_of_the_same_data_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build_site(ROOT / "mkdocs.yml", again)
    assert snapshot(again) == snapshot(site)
    assert list((site / "pagefind" / "filter").iterdir()), "the comparison must include Pagefind's filters"


def test_every_file_is_readable_by_a_web_server(site: Path) -> None:
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in [site, *site.rglob("*")]}
    assert {oct(m) for p, m in modes.items() if p.is_dir()} == {"0o755"}
    assert {oct(m) for p, m in modes.items() if p.is_file()} == {"0o644"}


@pytest.fixture
def project(tmp_path: Path, site: Path) -> Path:
    """A project with a published site built from its own data."""
    project = project_copy(tmp_path / "project")
    shutil.copytree(site, project / "site")
    return project


def test_a_killed_build_never_leaves_an_incomplete_site(project: Path, site: Path, tmp_path: Path) -> None:
    """Kill builds at random moments, alternating between two versions of the data: site/ is
    always exactly one of the two complete sites. The next build cleans up what was left."""
    doc = project / "data" / "tynaarlo" / "2023.yaml"
    original = doc.read_text(encoding="utf-8")
    changed = original.replace(TITLE, TITLE.replace("2023", "2023 (gewijzigd)"), 1)
    assert changed != original
    doc.write_text(changed, encoding="utf-8")
    started = time.monotonic()
    assert build(project).returncode == 0
    duration = time.monotonic() - started
    versions = {"origineel": snapshot(site), "gewijzigd": snapshot(project / "site")}
    assert versions["origineel"] != versions["gewijzigd"]
    chance = random.Random(20261125)
    # One kill in each sixth of 1.6 times the duration of a build, in shuffled order.
    moments = [(k + chance.random()) / 6 * 1.6 * duration for k in range(6)]
    chance.shuffle(moments)
    outcomes = []
    shown = "gewijzigd"
    for attempt, moment in enumerate(moments):
        wanted = "origineel" if shown == "gewijzigd" else "gewijzigd"  # the version site/ does not show
        doc.write_text(original if wanted == "origineel" else changed, encoding="utf-8")
        process = start(project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = snapshot(project / "site")
        assert now in versions.values(), f"site/ is incomplete after a kill in attempt {attempt}"
        shown = next(name for name, tree in versions.items() if tree == now)
        outcomes.append(shown)
    (project / ".site-old").mkdir()
    (project / ".site-abc123" / "assets").mkdir(parents=True)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert snapshot(project / "site") == versions[wanted]
    assert not list(project.glob(".site-*")), "stale staging folders are removed"
    print("na elke kill:", list(zip([round(m / duration, 2) for m in moments], outcomes, strict=True)))


def test_ctrl_c_stops_the_build_at_once_with_a_message_and_keeps_the_site(project: Path, site: Path) -> None:
    process = start(
        project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    )
    deadline = time.monotonic() + 60
    while not list(project.glob(".site-*")) and time.monotonic() < deadline:  # building, not starting up
        time.sleep(0.05)
    time.sleep(1)
    os.killpg(process.pid, signal.SIGINT)
    stopped = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - stopped < 10
    assert process.returncode == 130, err
    assert "bouwen afgebroken; site/ is niet vervangen" in err and "Traceback" not in err
    assert snapshot(project / "site") == snapshot(site)
    assert not list(project.glob(".site-*")), "the staging and work folders are removed"
    deadline = time.monotonic() + 10
    with pytest.raises(ProcessLookupError):  # no process of the build is left running
        while time.monotonic() < deadline:
            os.killpg(process.pid, 0)
            time.sleep(0.1)


def test_a_second_build_at_the_same_time_stops_with_a_message(project: Path) -> None:
    before = snapshot(project / "site")
    with open(project / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = build(project)
    assert result.returncode == 1
    assert "er loopt al een build naar site/" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(project / "site") == before


def test_a_read_only_target_gets_a_clear_message(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "alleen-lezen"
    shutil.copytree(project / "site", target / "site")
    before = snapshot(target / "site")
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(target)]).returncode != 0:
            pytest.skip("as root, a read-only directory needs chattr +i")
        undo = ["chattr", "-i", str(target)]
    else:
        target.chmod(0o555)
        undo = ["chmod", "755", str(target)]
    try:
        result = build(project, "--site-dir", str(target / "site"))
    finally:
        subprocess.run(undo, check=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"kan de site niet schrijven in {target}/" in result.stderr
    assert snapshot(target / "site") == before


def test_a_site_that_is_not_ours_is_not_replaced(project: Path, tmp_path: Path) -> None:
    """--site-dir pointed at a folder with other content: nothing is deleted without consent."""
    other = tmp_path / "ander"
    (other / "site").mkdir(parents=True)
    (other / "site" / "foto.jpg").write_bytes(b"\xff\xd8 vakantie")
    result = build(project, "--site-dir", str(other / "site"))
    assert result.returncode == 1
    assert "documenten.json:1: bestand: ontbreekt" in result.stderr
    assert "--toestaan-verwijderen" in result.stderr
    assert [p.name for p in (other / "site").iterdir()] == ["foto.jpg"]
