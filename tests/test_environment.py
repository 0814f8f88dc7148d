"""environment.yml (conda) and pyproject.toml (pip) must name the same packages.

conda is not available offline, so the files are parsed and compared instead.
"""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONDA_ONLY = {"python", "pip"}


def split_requirement(requirement: str) -> tuple:
    """``"numpy>=1.24"`` -> ``("numpy", ">=1.24")``, names lower-cased."""
    name, constraint = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement).groups()
    return name.lower().replace("_", "-"), constraint.replace(" ", "")


def pip_requirements() -> dict:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return dict(split_requirement(r) for r in requirements)


def conda_environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_requirements() -> dict:
    packages = [entry for entry in conda_environment()["dependencies"] if isinstance(entry, str)]
    return {name: constraint for name, constraint in map(split_requirement, packages) if name not in CONDA_ONLY}


def test_conda_and_pip_name_the_same_packages_and_versions():
    assert conda_requirements() == pip_requirements()


def test_conda_installs_the_helpers_package_editable():
    pip_section = [entry for entry in conda_environment()["dependencies"] if isinstance(entry, dict)]
    assert pip_section == [{"pip": ["-e ."]}]


def test_both_ask_for_the_same_python():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    conda_python = [entry for entry in conda_environment()["dependencies"] if str(entry).startswith("python")]
    assert conda_python == [f"python{requires}"]
