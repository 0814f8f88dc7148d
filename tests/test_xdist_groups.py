"""conftest.py's work units for pytest-xdist: what must stay on one worker does."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
root_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(root_conftest)
group_of = root_conftest.group_of


@pytest.mark.parametrize("cell", ["Cell 0", "Cell 17"])
def test_every_cell_of_a_notebook_is_one_unit(cell):
    assert group_of(f"notebooks/03_hot_and_cold.ipynb::{cell}") == "notebooks/03_hot_and_cold.ipynb"


def test_two_notebooks_are_two_units():
    assert group_of("notebooks/01_defining_the_loss.ipynb::Cell 0") != group_of(
        "notebooks/02_sigmoid_network.ipynb::Cell 0"
    )


def test_a_file_of_browser_tests_is_one_unit():
    first = group_of("tests/browser/test_lab_explorers.py::test_slider_moved_with_the_keyboard_shows_the_exact_run[a]")
    second = group_of("tests/browser/test_lab_explorers.py::test_slider_moved_with_the_keyboard_shows_the_exact_run[b]")
    assert first == second == "tests/browser/test_lab_explorers.py"
    assert group_of("tests/browser/test_handouts.py::test_handout_loads_only_local_files") != first


def test_other_tests_go_one_by_one():
    for nodeid in (
        "tests/test_losses.py::test_mean_and_sum_of_squared_errors",
        "tests/test_student_notebooks.py::test_student_notebook_runs_top_to_bottom_raising_only_in_its_stubs[05.ipynb]",
        "helpers/losses.py::helpers.losses.mean_squared_error",
    ):
        assert group_of(nodeid) == nodeid


def test_browser_files_go_first_then_notebooks_then_the_biggest_groups():
    units = {
        "tests/test_losses.py::test_a": 1,
        "notebooks/01_defining_the_loss.ipynb": 20,
        "tests/browser/test_presets.py": 1,
        "notebooks/05_hot_and_cold_vs_backprop.ipynb": 27,
        "tests/browser/test_lab_explorers.py": 2,
    }
    assert sorted(units, key=lambda group: root_conftest.queue_order(group, units[group])) == [
        "tests/browser/test_lab_explorers.py",
        "tests/browser/test_presets.py",
        "notebooks/05_hot_and_cold_vs_backprop.ipynb",
        "notebooks/01_defining_the_loss.ipynb",
        "tests/test_losses.py::test_a",
    ]
