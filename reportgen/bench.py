"""The benchmark: wall time and peak memory of cold builds and no-change rebuilds, seed data and synthetic sets.

Each build runs in a child process (as a user runs it); its peak memory is the largest resident set of that
process and its workers, read from ``os.wait4``. Results go to ``build/bench.json`` and a table.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SEED_PROJECTS = 8


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
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    error = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"reportgen {' '.join(args)} failed:\n{error}")
    return Timing(round(seconds, 3), round(usage.ru_maxrss / 1024, 1))  # Linux reports kilobytes


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


def run_bench(data: Path, sizes: list[int], work: Path, jobs: int) -> dict:
    """Run every case and return the results as plain data: the seed data for every audience and for `full`,
    the synthetic sets for `full` (the audience the scale targets are stated for)."""
    from reportgen.synth import write_synth

    cases = [bench_case("seed, all audiences", data, SEED_PROJECTS, work / "out-seed-all", jobs, "all"),
             bench_case("seed, full", data, SEED_PROJECTS, work / "out-seed", jobs, "full")]
    for n in sizes:
        folder = work / f"data-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        write_synth(folder, n)
        cases.append(bench_case(f"synth {n}, full", folder, n, work / f"out-{n}", jobs, "full"))
    wall, imports = help_seconds()
    return {"jobs": jobs, "cpus": os.cpu_count(), "python": sys.version.split()[0], "help_seconds": wall,
            "cli_import_seconds": imports,
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
    console.print(table)
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
    args = parser.parse_args(argv)
    results = run_bench(args.data, [int(n) for n in args.sizes.split(",") if n.strip()], args.work, args.jobs)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)


if __name__ == "__main__":
    main()
