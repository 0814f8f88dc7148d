"""``python -m benchmarks``: print the benchmark table and save ``docs/benchmark.png``.

Options
-------
--quick
    Few repeats and a small parameter subset: a smoke test, seconds long.
--with-test-suite
    Also time ``make test`` once (minutes); otherwise it shows "not measured".
--blas-threads N
    Threads for NumPy's BLAS (default 1; 0 keeps the library's default).
--figure PATH
    Where to save the figure (default ``docs/benchmark.png`` in the repository).
--no-figure
    Do not save a figure.

Nothing that imports NumPy is imported at module level: the BLAS thread
count has to be set in the environment before NumPy loads.
"""

from __future__ import annotations

import argparse
import os
import sys

from .settings import FULL, QUICK
from .suite_wall_time import REPO_ROOT

DEFAULT_FIGURE = REPO_ROOT / "docs" / "benchmark.png"

#: Environment variables read by the BLAS libraries NumPy may be built with.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def parse_arguments(argv=None) -> argparse.Namespace:
    """The command line, parsed; ``argv`` defaults to ``sys.argv[1:]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time the course's helpers against the seed and print a table; save a figure.",
    )
    parser.add_argument("--quick", action="store_true", help="few repeats: a smoke test")
    parser.add_argument("--with-test-suite", action="store_true", help="also time `make test` once (takes minutes)")
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=1,
        metavar="N",
        help="BLAS threads (default: %(default)s, steadier timings on a shared machine; 0: library default)",
    )
    parser.add_argument("--figure", default=str(DEFAULT_FIGURE), help="PNG to save (default: %(default)s)")
    parser.add_argument("--no-figure", action="store_true", help="do not save the figure")
    return parser.parse_args(argv)


def limit_blas_threads(threads: int) -> str:
    """Set the BLAS thread variables to ``threads`` (unless 0) before NumPy is imported.

    Returns
    -------
    str
        What the run uses, for the report header.
    """
    if threads <= 0:
        return "BLAS threads: library default"
    if "numpy" in sys.modules:
        return f"BLAS threads: library default (NumPy was imported before --blas-threads {threads} could apply)"
    for name in BLAS_THREAD_VARIABLES:
        os.environ[name] = str(threads)
    return f"BLAS threads: {threads}"


def main(argv=None) -> int:
    """Run the benchmark, print the report, save the figure; return the exit code 0."""
    arguments = parse_arguments(argv)
    environment_before = dict(os.environ)  # `make test` runs in it, BLAS threads as the user had them
    blas = limit_blas_threads(arguments.blas_threads)

    import matplotlib

    matplotlib.use("Agg")  # before pyplot is imported below: no windows, no GUI toolkit
    from .figure import save_figure
    from .run import describe_run, timed_run
    from .table import format_report

    settings = QUICK if arguments.quick else FULL

    def progress(message):
        print(f"[benchmarks] {message} ...", file=sys.stderr, flush=True)

    sections, elapsed = timed_run(settings, arguments.with_test_suite, progress, environment_before)
    header = f"{describe_run(settings, elapsed)}; {blas}"
    print(format_report(sections, header), flush=True)
    if not arguments.no_figure:
        path = save_figure(
            sections,
            arguments.figure,
            subtitle=header,
            backprop_target=settings.backprop_target,
            budget_seconds=settings.slider_budget_seconds,
            target_fraction=settings.slider_target_fraction,
        )
        print(f"\nfigure saved to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
