"""The benchmark: wall time and peak memory of cold builds, rebuilds after no change and after one figure changed,
seed data and synthetic sets, side by side with the peer pipeline (matplotlib + pandoc, `bench_peer.py`).

Each build runs in a child process (as a user runs it); its peak memory is the largest resident set of that
process and its workers, read from ``os.wait4``. The seed builds and the peer run `repeat` times each, in turn,
and report their medians. Results go to ``build/bench.json`` and a table.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

SEED_PROJECTS = 8
#: The one-figure change of the rebuild case: a figure of the seed data's money chart, in its value and its text.
FIGURE_EDIT = ("10-governance.yaml", ("追赃14.8亿元", "追赃14.9亿元"), ("value: 14.8\n", "value: 14.9\n"))


@dataclass(frozen=True)
class Timing:
    """One timed child process."""

    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Case:
    """A data set built cold (empty output and cache) and rebuilt with nothing changed."""

    name: str
    projects: int
    cold: Timing
    rebuild: Timing
    rewritten: int

    @property
    def per_project_ms(self) -> float:
        return self.cold.seconds / self.projects * 1000


def timed(args: list[str]) -> Timing:
    """Run `reportgen ARGS` in a child process; return its wall time and peak resident memory."""
    return timed_command([sys.executable, "-m", "reportgen", *args])


def timed_command(command: list[str], cwd: Path | None = None) -> Timing:
    """Run `command` in a child process; return its wall time and peak resident memory (its own or a child's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    error = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return Timing(round(seconds, 3), round(usage.ru_maxrss / 1024, 1))  # Linux reports kilobytes


def median(timings: list[Timing]) -> Timing:
    """Return the median wall time of `timings`, with the largest peak."""
    return Timing(round(statistics.median(t.seconds for t in timings), 3), max(t.peak_mb for t in timings))


def peer_timing(data: Path, work: Path) -> Timing:
    """Run the peer pipeline once on the `full` briefing of `data`, prepared in `work` (untimed); return the
    sum of its steps' wall times and their largest peak."""
    from reportgen.bench_peer import commands

    for stale in [*work.glob("chart*.png"), *work.glob("*.docx"), *work.glob("*.pptx")]:
        stale.unlink()
    steps = [timed_command(command, cwd=work) for command in commands(work)]
    return Timing(round(sum(t.seconds for t in steps), 3), max(t.peak_mb for t in steps))


def prepare_peer(data: Path, work: Path) -> None:
    """Compose the `full` briefing of `data` and write the peer's Markdown and chart specs into `work`."""
    from reportgen.bench_peer import prepare
    from reportgen.compose import compose_audience
    from reportgen.compose.profile import load_profile
    from reportgen.inputs.loader import load_data
    from reportgen.references import References
    from reportgen.resources import Locator

    locator = Locator.default(None, Path.cwd())
    edition = compose_audience(load_data(data).briefing, load_profile("full", locator), locator,
                               References(locator))[0]
    shutil.rmtree(work, ignore_errors=True)
    prepare(edition.documents["docx"], work)


def side_by_side(data: Path, work: Path, jobs: int, repeat: int) -> dict:
    """Time the peer, `build --audience full` and `--audience all` on `data`, each cold, in turn `repeat` times;
    return their medians and the ratios."""
    prepare_peer(data, work / "peer")
    runs: dict[str, list[Timing]] = {"peer": [], "full": [], "all": []}
    for _ in range(repeat):
        runs["peer"].append(peer_timing(data, work / "peer"))
        for audience in ("full", "all"):
            out = work / f"out-side-{audience}"
            shutil.rmtree(out, ignore_errors=True)
            runs[audience].append(timed(["build", "--data", str(data), "--out", str(out), "--audience", audience,
                                         "--quiet", "--jobs", str(jobs)]))
    peer, full, every = (median(runs[k]) for k in ("peer", "full", "all"))
    return {"peer": asdict(peer), "full": asdict(full), "all": asdict(every),
            "full_ratio": round(full.seconds / peer.seconds, 2), "all_ratio": round(every.seconds / peer.seconds, 2)}


#: The audience profile of the picture case: the full briefing with `charts: picture`.
PICTURE_PROFILE = "extends: full\ndescription: 全文版，图表为图片\ncharts: picture\n"


def one_figure_changed(data: Path, work: Path, jobs: int, edit: Callable[[Path], None], pictures: bool) -> dict:
    """Build a copy of `data` (`full`, with `pictures`: its charts as pictures) cold, change one figure with
    `edit`, rebuild; return both times, their ratio and how many chart workbooks or pictures the rebuild made
    (only the charts that show the figure)."""
    name = "pictures" if pictures else "native"
    folder, out = work / f"data-changed-{name}", work / f"out-changed-{name}"
    for stale in (folder, out):
        shutil.rmtree(stale, ignore_errors=True)
    shutil.copytree(data, folder)
    args = ["build", "--data", str(folder), "--out", str(out), "--audience", "full", "--quiet", "--jobs", str(jobs)]
    if pictures:
        profiles = work / "templates-pictures" / "audiences"
        profiles.mkdir(parents=True, exist_ok=True)
        (profiles / "pictures.yaml").write_text(PICTURE_PROFILE, encoding="utf-8")
        args[args.index("full")] = "pictures"
        args += ["--templates", str(profiles.parent)]
    cold = timed(args)
    charts = out / ".reportgen-cache" / "charts"
    before = {p.name for p in charts.iterdir()}
    edit(folder)
    rebuild = timed(args)
    made = {p.name for p in charts.iterdir()} - before
    return {"cold": asdict(cold), "rebuild": asdict(rebuild), "ratio": round(rebuild.seconds / cold.seconds, 2),
            "charts_made": len(made), "charts": len(before)}


def edit_seed_figure(folder: Path) -> None:
    """Change the seed data's figure FIGURE_EDIT in its value and in the sentence that states it."""
    name, *changes = FIGURE_EDIT
    path = folder / name
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        if text.count(old) != 1:
            raise SystemExit(f"{path}: the benchmark's figure edit expects {old!r} once")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def bench_case(name: str, data: Path, projects: int, out: Path, jobs: int, audience: str) -> Case:
    """Build `data` for `audience` cold, then again unchanged; count the files the second build rewrote."""
    shutil.rmtree(out, ignore_errors=True)
    args = ["build", "--data", str(data), "--out", str(out), "--audience", audience, "--quiet", "--jobs", str(jobs)]
    cold = timed(args)
    before = _stamps(out)
    rebuild = timed(args)
    after = _stamps(out)
    return Case(name, projects, cold, rebuild, sum(after.get(k) != v for k, v in before.items()))


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every output file: an atomic rewrite changes both."""
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")
            if p.is_file() and ".reportgen-cache" not in p.parts}


def help_seconds() -> tuple[float, float]:
    """Return (wall time of `reportgen --help`, cumulative import time of reportgen.cli from -X importtime)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportgen", "--help"], check=True, capture_output=True)
    wall = time.perf_counter() - start
    trace = subprocess.run([sys.executable, "-X", "importtime", "-c", "import reportgen.cli"], check=True,
                           capture_output=True, text=True).stderr
    found = re.search(r"\|\s*(\d+)\s*\|\s*reportgen\.cli$", trace, re.M)
    return round(wall, 3), round(int(found.group(1)) / 1e6, 3) if found else float("nan")


def run_bench(data: Path, sizes: list[int], work: Path, jobs: int, repeat: int = 3) -> dict:
    """Run every case and return the results as plain data: the seed data side by side with the peer, for every
    audience and for `full`, a one-figure change, the synthetic sets for `full` (the audience the scale targets
    are stated for)."""
    from reportgen.synth import write_synth

    peer = side_by_side(data, work, jobs, repeat)
    changed = {kind: one_figure_changed(data, work, jobs, edit_seed_figure, kind == "picture")
               for kind in ("native", "picture")}
    cases = [bench_case("seed, all audiences", data, SEED_PROJECTS, work / "out-seed-all", jobs, "all"),
             bench_case("seed, full", data, SEED_PROJECTS, work / "out-seed", jobs, "full")]
    for n in sizes:
        folder = work / f"data-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        write_synth(folder, n)
        cases.append(bench_case(f"synth {n}, full", folder, n, work / f"out-{n}", jobs, "full"))
    wall, imports = help_seconds()
    served = None
    if shutil.which("soffice"):
        from reportgen.bench_serve import serve_figure_change

        served = serve_figure_change(data, work / "serve", edit_seed_figure)
    synth = {c.projects: c.per_project_ms for c in cases if c.name.startswith("synth")}
    scaling = round(synth[max(synth)] / synth[min(synth)], 2) if len(synth) > 1 else None
    return {"jobs": jobs, "cpus": os.cpu_count(), "python": sys.version.split()[0], "help_seconds": wall,
            "cli_import_seconds": imports, "side_by_side": peer, "one_figure_changed": changed,
            "per_project_scaling": scaling, "serve": served,
            "cases": [{**asdict(c), "per_project_ms": round(c.per_project_ms, 1)} for c in cases]}


def print_table(results: dict) -> None:
    """Print the results as a rich table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"reportgen build  (jobs {results['jobs']}, {results['cpus']} CPUs)")
    for column in ("data", "N", "cold s", "cold MB", "rebuild s", "rebuild MB", "rewritten", "ms/project"):
        table.add_column(column, justify="left" if column == "data" else "right")
    for c in results["cases"]:
        table.add_row(c["name"], str(c["projects"]), f"{c['cold']['seconds']:.2f}", f"{c['cold']['peak_mb']:.0f}",
                      f"{c['rebuild']['seconds']:.2f}", f"{c['rebuild']['peak_mb']:.0f}", str(c["rewritten"]),
                      f"{c['per_project_ms']:.0f}")
    console = Console(width=max(Console().width, 96))
    side = results["side_by_side"]
    peer = Table(title="side by side, seed data, cold (medians)")
    for column in ("pipeline", "s", "MB", "× peer"):
        peer.add_column(column, justify="left" if column == "pipeline" else "right")
    peer.add_row("peer: matplotlib + pandoc (.docx + .pptx)", f"{side['peer']['seconds']:.2f}",
                 f"{side['peer']['peak_mb']:.0f}", "1.00")
    for key, label in (("full", "reportgen build --audience full"), ("all", "reportgen build --audience all")):
        peer.add_row(label, f"{side[key]['seconds']:.2f}", f"{side[key]['peak_mb']:.0f}", f"{side[key + '_ratio']:.2f}")
    console.print(peer)
    for kind, changed in results["one_figure_changed"].items():
        console.print(f"one figure changed ({kind} charts): rebuild {changed['rebuild']['seconds']:.2f} s = "
                      f"{changed['ratio']:.2f} × cold {changed['cold']['seconds']:.2f} s; charts made again: "
                      f"{changed['charts_made']} of {changed['charts']}")
    console.print(table)
    if results["per_project_scaling"] is not None:
        console.print(f"per-project cost, largest set / smallest set: {results['per_project_scaling']:.2f}")
    if results.get("serve"):
        served = results["serve"]
        console.print(f"serve, one figure saved: rebuilt in {served['built_seconds']:.2f} s, the open briefing's new "
                      f"pages on the page in {served['pages_seconds']:.2f} s (first pages of every document after "
                      f"start: {served['first_pages_seconds']:.1f} s)")
    console.print(f"reportgen --help: {results['help_seconds']:.3f} s wall, "
                  f"import of reportgen.cli {results['cli_import_seconds']:.3f} s")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark from the command line: python -m reportgen.bench [--sizes 100,1000] [--jobs N]."""
    import argparse

    parser = argparse.ArgumentParser(prog="reportgen bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="seed data folder")
    parser.add_argument("--sizes", default="100,1000", help="synthetic project counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--work", type=Path, default=Path("build/bench"), help="scratch folder")
    parser.add_argument("--json", type=Path, default=Path("build/bench.json"), help="where to write the results")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each seed case and of the peer")
    args = parser.parse_args(argv)
    if not shutil.which("pandoc"):
        raise SystemExit("the peer pipeline needs pandoc: apt-get install pandoc (make bench installs it)")
    results = run_bench(args.data, [int(n) for n in args.sizes.split(",") if n.strip()], args.work, args.jobs,
                        args.repeat)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)


if __name__ == "__main__":
    main()
