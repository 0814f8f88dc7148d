"""``make bench-suite``: time ``make test`` several times, with its CPU time and the machine's load.

``make bench-suite`` builds ``.venv`` first, so every run is a second ``make test``.  Each run is
printed with its wall time, the CPU time (user + system) of everything it ran (pytest's workers,
kernels, servers, Chromium: ``RUSAGE_CHILDREN``), and the 1-minute load average before it: on a
shared machine the load says whether a slow run was the suite or its neighbours, and the CPU time
is what the suite itself costs, whatever the neighbours do.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def last_summary_line(output: str) -> str:
    """pytest's last summary line, e.g. ``'12 passed in 3.4s'``, without ``=`` padding (not make's lines)."""
    lines = [line.strip(" =") for line in output.splitlines() if line.strip(" =")]
    lines = [line for line in lines if not line.startswith("make")] or lines
    return lines[-1] if lines else "(no output)"


def children_cpu_seconds() -> float:
    """User plus system CPU time of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_command(command=("make", "test"), cwd: Path = REPO_ROOT):
    """Run ``command`` once; return ``(wall seconds, CPU seconds, subprocess.CompletedProcess)``."""
    cpu, start = children_cpu_seconds(), time.perf_counter()
    completed = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, children_cpu_seconds() - cpu, completed


def main(argv=None) -> int:
    """Time ``make test`` ``--runs`` times; print each run and the medians; exit 1 if a run failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.suite_wall_time", description=main.__doc__)
    parser.add_argument("--runs", type=int, default=3, help="how many runs (default: %(default)s)")
    parser.add_argument("command", nargs="*", default=["make", "test"], help="default: make test")
    arguments = parser.parse_args(argv)
    walls, cpus, failed = [], [], False
    for run in range(1, arguments.runs + 1):
        load = os.getloadavg()[0]
        wall, cpu, completed = timed_command(arguments.command)
        walls.append(wall)
        cpus.append(cpu)
        failed |= completed.returncode != 0
        print(
            f"run {run}: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {completed.returncode}, "
            f"load average before it {load:.2f}; {last_summary_line(completed.stdout)}",
            flush=True,
        )
        if completed.returncode != 0:
            print(completed.stdout[-3000:] + completed.stderr[-3000:], file=sys.stderr)
    print(
        f"{' '.join(arguments.command)}: median {statistics.median(walls):.1f} s wall "
        f"(fastest {min(walls):.1f} s), median {statistics.median(cpus):.1f} s CPU, over {len(walls)} runs; "
        f"{os.cpu_count()} cores"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
