"""Hostile and broken data never reaches a reader: every case in tests/hostile/ (one file per case,
format in tests/hostile/README.md) is refused with exit code 1 and a `file:line: field: message`,
never a traceback, and the site that was already published stays exactly as it was."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, copy_project

CASES = sorted((ROOT / "tests" / "hostile").glob("*.yaml"))
MEMORY_LIMIT = 3 * 1024**3
PROBLEM = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?:waarschuwing: )?(?P<field>[^:]+): (?P<message>.+)$")
SUMMARY = re.compile(r"^\d+ (fout\(en\)|document\(en\))[ ,]")


def project_copy(target: Path) -> Path:
    project = copy_project(target)
    (project / "generator").symlink_to(ROOT / "generator")
    return project


def content(spec: dict[str, Any]) -> bytes:
    """The bytes a step writes: `text`, `base64`, or a list of `parts`, each optionally repeated."""
    if "parts" in spec:
        return b"".join(content(part) for part in spec["parts"])
    data = base64.b64decode(spec["base64"]) if "base64" in spec else spec["text"].encode()
    return data * spec.get("repeat", 1)


def apply(step: dict[str, Any], project: Path) -> None:
    """One change to the throwaway project; paths are relative to the project root."""
    if "write" in step:
        path = project / step["write"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content(step))
    elif "replace" in step:
        path = project / step["replace"]
        data, old = path.read_bytes(), step["old"].encode()
        new = base64.b64decode(step["new_base64"]) if "new_base64" in step else step["new"].encode()
        assert old in data, f"{step['old']!r} staat niet in {step['replace']}"
        path.write_bytes(data.replace(old, new, step.get("count", 1)))
    elif "append" in step:
        with (project / step["append"]).open("ab") as handle:
            handle.write(content(step))
    elif "copy" in step:
        shutil.copy(project / step["copy"], project / step["to"])
    elif "delete" in step:
        path = project / step["delete"]
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    elif "mkdir" in step:
        (project / step["mkdir"]).mkdir(parents=True)
    elif "symlink" in step:
        link = project / step["symlink"]
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(step["target"])
    elif "fifo" in step:
        os.mkfifo(project / step["fifo"])
    else:
        raise ValueError(f"onbekende stap: {step}")


def line_of(project: Path, file: str, text: str) -> int:
    data = (project / file).read_bytes()
    at = data.find(text.encode())
    assert at >= 0, f"{text!r} staat niet in {file}"
    return data.count(b"\n", 0, at + len(text) - len(text.lstrip("\n"))) + 1


def snapshot(tree: Path) -> dict[str, str]:
    """Every path under `tree` with its mode and a hash of its bytes."""
    found = {}
    for path in sorted(tree.rglob("*")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "map"
        found[str(path.relative_to(tree))] = f"{path.stat().st_mode:o} {digest}"
    return found


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_hostile_input_is_refused_clearly(case: Path, site: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    project = project_copy(tmp_path / "project")
    shutil.copytree(site, project / "site")
    for step in spec["steps"]:
        apply(step, project)
    before = snapshot(project / "site")
    run = subprocess.run(
        [sys.executable, "-m", "generator", spec.get("command", "build")],
        cwd=project,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=180,
        preexec_fn=limited,
    )
    output = run.stdout + run.stderr
    expect = spec["expect"]
    assert "Traceback" not in output, output
    assert run.returncode == expect.get("exit", 1), output
    lines = run.stderr.splitlines()
    for line in lines:
        assert PROBLEM.match(line) or SUMMARY.match(line), f"regel zonder bestand:regel: veld: {line!r}"
    for message in expect["messages"]:
        line = message.get("line") or line_of(project, message["file"], message["line_of"])
        start = f"{message['file']}:{line}: {message['field']}: "
        assert any(out.startswith(start) and message["contains"] in out for out in lines), (
            f"verwacht {start}...{message['contains']}...\n{run.stderr}"
        )
    for secret in expect.get("absent", []):
        assert secret not in output
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_the_gallery_is_large_enough_and_covers_every_class() -> None:
    """At least 40 cases, and a few of each kind of attack the loader must withstand."""
    assert len(CASES) >= 40
    prefixes = {case.stem.split("-")[0] for case in CASES}
    assert {"tekens", "tag", "anker", "sleutel", "omvang", "yaml", "indeling", "koppeling", "verlies", "tekst"} <= prefixes
