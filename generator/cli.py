"""Command line: turn domain results into messages and exit codes."""

from __future__ import annotations

import argparse
import functools
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


def build(config: Path, site_dir: Path, allow_removal: bool = False, concepts: bool = False) -> int:
    from generator.building import BuildError, build_site

    data_dir = config.parent / "data"
    try:
        check = functools.partial(_checked, data_dir, site_dir, allow_removal, concepts)
        build_site(config, site_dir, allow_removal, concepts, check)
    except BuildError as error:
        if str(error):
            print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"bouwen afgebroken; {site_dir}/ is niet vervangen", file=sys.stderr)
        return 130
    print(f"site gebouwd in {site_dir}/")
    return 0


def _checked(data_dir: Path, site_dir: Path, allow_removal: bool, concepts: bool) -> list[str]:
    """The data checked, in the build's process (which holds the model): the documents the site
    will show, or BuildError once the problems are reported."""
    from generator.building import BuildError

    result = collect(data_dir)
    try:
        if _report(result) != 0 or result.registry is None:
            if not allow_removal:
                _report_missing_files(data_dir, site_dir)
            raise BuildError("")
        return [d.path for d in result.registry.documenten if concepts or not d.is_concept]
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _report_missing_files(data_dir: Path, site_dir: Path) -> None:
    """Data with errors is not built, but a document whose file is gone is still worth naming."""
    from generator.sitedir import lost, lost_line

    on_disk = [str(p.relative_to(data_dir.parent)) for p in data_dir.glob("*/*.yaml")]
    for path in lost(site_dir, on_disk) or []:
        print(lost_line(path), file=sys.stderr)


def render(data_dir: Path, out_dir: Path) -> int:
    from generator.writing import write_pages

    result = collect(data_dir)
    if result.registry is None:
        return check(data_dir)
    from generator.rendering import render_site

    write_pages(render_site(result.registry), out_dir)
    return 0


def new(data_dir: Path, gemeente: str, year: int) -> int:
    """Write next year's concept from the gemeente's latest document; never overwrite."""
    from generator.loading import LoadError, load_file
    from generator.nextyear import NextYearError, next_year, to_yaml

    target = data_dir / gemeente / f"{year}.yaml"
    if target.exists():
        print(f"{target}:1: bestand: bestaat al; niets overschreven", file=sys.stderr)
        return 1
    result = collect(data_dir)
    if _report(result) != 0 or result.registry is None:
        return 1
    own = [d for d in result.registry.documenten if d.gemeente == gemeente and not d.deel]
    if not own:
        print(f"{data_dir / gemeente}:1: bestand: geen document van gemeente '{gemeente}' om van uit te gaan", file=sys.stderr)
        return 1
    latest = max(own, key=lambda d: d.jaar)
    try:
        source = load_file(data_dir / gemeente / f"{latest.jaar}.yaml", data_dir)
        text = to_yaml(next_year(source.data, year), source.path)
    except (LoadError, NextYearError) as error:
        print(f"{latest.path}:1: jaar: {error}", file=sys.stderr)
        return 1
    with open(target, "x", encoding="utf-8") as out:
        out.write(text)
    print(f"{target} geschreven: concept met {len(latest.afspraken)} afspraken uit {latest.jaar}")
    print(f"volgende stap: vul het aan en draai python -m generator klaar {gemeente} {year}")
    return 0


def ready(data_dir: Path, gemeente: str, year: int) -> int:
    """Everything that stands between a concept and publication; 0 only when nothing does."""
    from generator.loading import LoadError, load_file
    from generator.readiness import readiness

    path = data_dir / gemeente / f"{year}.yaml"
    if not path.is_file():
        print(f"{path}:1: bestand: bestaat niet; begin met python -m generator nieuw {gemeente} {year}", file=sys.stderr)
        return 1
    result = collect(data_dir)
    if result.registry is None:
        return _report(result)
    try:
        source = load_file(path, data_dir)
    except LoadError as error:
        print(error, file=sys.stderr)
        return 1
    problems = [p for p in result.problems if p.file == source.path] + readiness(source, result.registry)
    problems.sort(key=lambda p: p.line)
    for problem in problems:
        print(problem)
    blocking = [p for p in problems if not p.warning]
    if blocking:
        print(f"niet klaar: {len(blocking)} punt(en) open, {len(problems) - len(blocking)} waarschuwing(en)")
        return 1
    status = source.data.get("status")
    advice = " Zet nu 'status: ondertekend' en bouw met make site." if status == "concept" else ""
    print(f"{source.path} is klaar voor publicatie.{advice}")
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
    build_cmd.add_argument(
        "--concepten",
        action="store_true",
        dest="concepts",
        help="bouw ook de concepten mee, met een concept-melding (nooit in de zoekindex)",
    )
    new_cmd = commands.add_parser("nieuw", help="maak het document van volgend jaar uit het laatste document")
    ready_cmd = commands.add_parser("klaar", help="wat moet er nog gebeuren voor een document gepubliceerd kan worden")
    for cmd in (new_cmd, ready_cmd):
        cmd.add_argument("gemeente")
        cmd.add_argument("jaar", type=int)
        cmd.add_argument("--data-dir", default="data", type=Path)
    render_cmd = commands.add_parser("render", help="schrijf de gegenereerde Markdown naar een map")
    render_cmd.add_argument("out_dir", type=Path)
    render_cmd.add_argument("--data-dir", default="data", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data_dir)
    if args.command == "build":
        return build(args.config, args.site_dir, args.allow_removal, args.concepts)
    if args.command == "nieuw":
        return new(args.data_dir, args.gemeente, args.jaar)
    if args.command == "klaar":
        return ready(args.data_dir, args.gemeente, args.jaar)
    return render(args.data_dir, args.out_dir)
