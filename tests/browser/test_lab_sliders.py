"""In a real JupyterLab, in a real browser: Run All, then move every explorer's sliders with the keyboard and press
a preset; the page shows exactly the runs the helpers computed, and the kernel sees where the slider is.

The network is blocked (tests/browser/conftest.py): the explorer needs nothing but the page.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from .explorer import EXPLORER, STEP, SUMMARY, move_a_slider_and_press_a_preset, stored_explorers

pytestmark = pytest.mark.browser

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: Each notebook with the names of its explorers, in the order their cells come.
EXPLORERS = {
    "03_hot_and_cold.ipynb": ["explorer"],
    "04_backpropagation.ipynb": ["explorer"],
    "05_hot_and_cold_vs_backprop.ipynb": ["hc_explorer", "gd_explorer"],
}


def check_cell(names) -> str:
    """A cell that prints, for each explorer, the step and the summary the kernel knows of."""
    return "\n".join(f'print(f"{{{name}.step!r}} | {{{name}.summary()}}")' for name in names)


def prepare_copy(notebook: str, root: Path, names) -> int:
    """Copy the notebook into ``root`` without outputs, append the check cell; return its index."""
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nb.cells.append(nbformat.v4.new_code_cell(check_cell(names)))
    nbformat.write(nb, root / notebook)
    return len(nb.cells) - 1


KERNEL_IDLE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return Boolean(kernel) && kernel.status === 'idle' && panel.content && panel.content.widgets.length > 0;
}"""

RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"

ALL_EXECUTED = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    return panel.sessionContext.session.kernel.status === 'idle'
        && cells.every(cell => cell.model.executionCount !== null);
}"""


def run_cell(page, index: int) -> str:
    """Run one cell through JupyterLab and return the text it printed."""
    page.evaluate(
        """async (index) => {
            const panel = window.jupyterapp.shell.currentWidget;
            panel.content.activeCellIndex = index;
            await window.jupyterapp.commands.execute('notebook:run-cell');
        }""",
        index,
    )
    output = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea-output")
    output.first.wait_for()
    return output.first.inner_text().strip()


def run_all(lab, page, notebook: str, names) -> int:
    """Open a fresh copy of ``notebook`` in ``lab``, Run All, wait for every explorer; return the check cell."""
    check_index = prepare_copy(notebook, lab.root, names)
    page.goto(lab.notebook_url(notebook))
    page.wait_for_function(KERNEL_IDLE)
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_EXECUTED)
    page.locator(EXPLORER).nth(len(names) - 1).locator(SUMMARY).wait_for()
    return check_index


@pytest.mark.parametrize("notebook", list(EXPLORERS))
def test_every_explorer_moves_in_the_browser_and_the_kernel_sees_it(notebook, lab, page):
    """``lab`` (tests/browser/conftest.py) is one JupyterLab for the session; each case copies its own notebook."""
    names = EXPLORERS[notebook]
    check_index = run_all(lab, page, notebook, names)
    states = stored_explorers(NOTEBOOKS / notebook)  # what make notebooks stored: the same runs as this kernel's
    explorers = page.locator(EXPLORER)
    assert explorers.count() == len(names) == len(states)
    for number, state in enumerate(states):
        # After Run All: the starting position, and no faint "previous" line left by the course checks.
        assert explorers.nth(number).get_attribute("data-previous") == ""
        move_a_slider_and_press_a_preset(explorers.nth(number), state)
        assert explorers.nth(number).get_attribute("data-previous") != ""

    # The kernel knows where each slider is now: the last preset pressed, and the summary the page shows.
    lines = run_cell(page, check_index).splitlines()
    for number, (state, line) in enumerate(zip(states, lines, strict=True)):
        step, summary = line.split(" | ")
        explorers.nth(number).scroll_into_view_if_needed()
        assert float(step) == state["steps"][state["presets"][0]["index"]]
        expect(explorers.nth(number).locator(SUMMARY)).to_have_text(summary)
        assert explorers.nth(number).locator(STEP).input_value() == str(state["presets"][0]["index"])
