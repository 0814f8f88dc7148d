"""Pin every direct dependency to the lowest version pyproject.toml allows.

pip has no "lowest versions" resolution, so ``make test-oldest`` installs with
a constraints file that this script writes: one ``name==version`` line for
each ``name>=version`` requirement in ``[project] dependencies`` and every
optional-dependency group.  A requirement without a ``>=`` lower bound is an
error (the point is to test the bound we claim).

Usage::

    python -m tools.oldest [--pyproject pyproject.toml] > constraints.txt
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: ``name[extras] >= version`` with an optional ``, <upper`` after it (ignored: the lowest is what we pin).
_REQUIREMENT = re.compile(
    r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][A-Za-z0-9.+!-]*)\s*(?:,.*)?$"
)


def lowest_pins(requirements: list[str]) -> list[str]:
    """``["numpy>=1.24", ...]`` -> ``["numpy==1.24", ...]``; ``ValueError`` for a requirement with no ``>=`` bound."""
    pins = []
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement.split(";")[0])
        if match is None:
            raise ValueError(f"{requirement!r} has no lower bound of the form name>=version")
        name, version = match.groups()
        pins.append(f"{name.lower()}=={version}")
    return pins


def project_requirements(pyproject: Path) -> list[str]:
    """Every direct requirement of ``pyproject``: its dependencies, then each optional group's."""
    project = tomllib.loads(pyproject.read_text())["project"]
    requirements = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        requirements += group
    return requirements


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    arguments = parser.parse_args(argv)
    sys.stdout.write("".join(f"{pin}\n" for pin in lowest_pins(project_requirements(arguments.pyproject))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
