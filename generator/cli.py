"""Command line: turn domain results into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.collect import Collected, collect


def _report(result: Collected) -> int:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} fout(en), {len(result.warnings)} waarschuwing(en)", file=sys.stderr)
        return 1
    documents = result.registry.documenten if result.registry else []
    print(f"{len(documents)} document(en) in orde, {len(result.warnings)} waarschuwing(en)")
    return 0


def check(data_dir: Path) -> int:
    return _report(collect(data_dir))


def build(config: Path, site_dir: Path, allow_removal: bool = False) -> int:
    from generator.building import BuildError, build_site

    result = collect(config.parent / "data")
    if _report(result) != 0 or result.registry is None:
        return 1
    try:
        build_site(config, site_dir, allow_removal, [d.path for d in result.registry.documenten])
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"site gebouwd in {site_dir}/")
    return 0


def render(data_dir: Path, out_dir: Path) -> int:
    from generator.writing import write_pages

    result = collect(data_dir)
    if result.registry is None:
        return check(data_dir)
    from generator.rendering import render_site

    write_pages(render_site(result.registry), out_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Prestatieafspraken-site")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="controleer de YAML-bestanden")
    check_cmd.add_argument("data_dir", nargs="?", default="data", type=Path)
    build_cmd = commands.add_parser("build", help="bouw de hele site, met zoekindex")
    build_cmd.add_argument("--config", default="mkdocs.yml", type=Path)
    build_cmd.add_argument("--site-dir", default="site", type=Path)
    build_cmd.add_argument(
        "--toestaan-verwijderen",
        action="store_true",
        dest="allow_removal",
        help="vervang de site ook als er documenten van verdwijnen",
    )
    render_cmd = commands.add_parser("render", help="schrijf de gegenereerde Markdown naar een map")
    render_cmd.add_argument("out_dir", type=Path)
    render_cmd.add_argument("--data-dir", default="data", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data_dir)
    if args.command == "build":
        return build(args.config, args.site_dir, args.allow_removal)
    return render(args.data_dir, args.out_dir)
