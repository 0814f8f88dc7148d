"""``python -m benchmarks RESULTS.json``: the course's table, its targets and ``docs/benchmark.png``.

``make bench`` first has pytest-benchmark time ``benchmarks/bench_*.py`` into RESULTS.json (its own
table of statistics is printed then), then runs this on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .targets import read_rows, report

DEFAULT_FIGURE = Path(__file__).resolve().parents[1] / "docs" / "benchmark.png"


def describe(path) -> str:
    """Versions and machine, from the JSON's ``machine_info``."""
    info = json.loads(Path(path).read_text())["machine_info"]
    return f"Python {info['python_version']}, {info['machine']} {info['system']}, {info['cpu'].get('brand_raw', '')}"


def main(argv=None) -> int:
    """Print the report; save the figure unless ``--no-figure``; exit 1 if a target is not met."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=main.__doc__)
    parser.add_argument("results", help="pytest-benchmark's --benchmark-json file")
    parser.add_argument("--figure", default=str(DEFAULT_FIGURE), help="PNG to save (default: %(default)s)")
    parser.add_argument("--no-figure", action="store_true")
    arguments = parser.parse_args(argv)
    rows = read_rows(arguments.results)
    print(report(rows))
    if not arguments.no_figure:
        from .figure import save_figure

        print(f"\nfigure saved to {save_figure(rows, arguments.figure, describe(arguments.results))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
