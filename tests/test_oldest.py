"""tools/oldest.py: the constraints ``make test-oldest`` installs, one ``name==lowest`` per direct dependency."""

import pytest
from test_environment import pip_requirements  # tests/ is on sys.path under pytest

from tools.oldest import ROOT, lowest_pins, main, project_requirements


def test_every_bound_becomes_a_pin():
    assert lowest_pins(["numpy>=1.24", "PyYAML >= 6.0.1", "ipywidgets[extra]>=8.0,<9"]) == [
        "numpy==1.24",
        "pyyaml==6.0.1",
        "ipywidgets==8.0",
    ]


@pytest.mark.parametrize("requirement", ["numpy", "numpy==1.26", "numpy<2", "numpy>1.24", "numpy~=1.24"])
def test_a_requirement_without_a_lower_bound_is_an_error(requirement):
    with pytest.raises(ValueError, match="has no lower bound of the form name>=version"):
        lowest_pins([requirement])


def test_the_pins_cover_every_direct_dependency_of_pyproject(capsys):
    assert main([]) == 0
    pins = dict(line.split("==") for line in capsys.readouterr().out.splitlines())
    assert pins == {
        name: constraint.split(",")[0].removeprefix(">=") for name, constraint in pip_requirements().items()
    }
    assert "tqdm" in pins and "numpy" in pins
    assert len(pins) == len(project_requirements(ROOT / "pyproject.toml"))
