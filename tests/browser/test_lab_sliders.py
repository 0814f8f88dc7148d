"""In a real JupyterLab, in a real browser: run a notebook, move its step-size slider with the
keyboard, and check that what the page shows is exactly what the helpers compute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import pytest

import helpers

pytestmark = pytest.mark.browser

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: A cell appended to the copy the browser runs: what the explorer holds after the slider moved.
#: The step slider's grid (the exponent of its minimum, its step in exponent) comes along.
CHECK_CELL = 'print(f"{explorer.slider.value!r} | {explorer.summary.value} | {explorer.line.get_ydata()[-1]:.6f}")'


def run_03(step, epochs=50):
    """The run notebook 03's slider shows: hot and cold ("each") on the seed's layer, reachable target."""
    x, W, b = np.array([1.0, 2.0, 3.0]), np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]), np.array([1.0, 2.0])
    return helpers.hot_and_cold(x, W, b, np.array([0.95, 0.99]), step=step, epochs=epochs, nudge="each").losses


def run_04(step, epochs=500):
    """The run notebook 04's slider shows: a fresh 2-4-1 network, 500 epochs of gradient descent on noisy XOR."""
    X, Y = helpers.make_xor(n_per_corner=25, noise=0.15, seed=0)
    return helpers.gradient_descent(helpers.init_two_layer(2, 4, 1, seed=0), X, Y, step=step, epochs=epochs)


@dataclass(frozen=True)
class SliderCase:
    notebook: str
    run: Callable  # (step, epochs=the notebook's) -> losses, as the notebook's explorer computes them
    symbol: str  # the step's symbol, on the slider and in the summary
    step_range: tuple  # (min_step, max_step) of the notebook's explorer


#: The steps notebook 03's explorer offers: its range, its start and its presets.
NOTEBOOK_03_STEPS = helpers.widgets.step_options(1e-4, 1.0, extra=[0.005, 1e-4, 0.003, 1.0])

CASES = [
    SliderCase("03_hot_and_cold.ipynb", run_03, "s", (1e-4, 1.0)),
    SliderCase("04_backpropagation.ipynb", run_04, "α", (0.01, 100.0)),
]


def prepare_copy(case: SliderCase, root: Path) -> int:
    """Copy the notebook into ``root`` without outputs, append the check cell; return its index."""
    nb = nbformat.read(NOTEBOOKS / case.notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_CELL))
    nbformat.write(nb, root / case.notebook)
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
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for()
    return output.first.inner_text().strip()


def press_and_wait_for_redraw(page, slider, key: str, summary, image) -> None:
    """Focus the slider's handle, press ``key``, and wait until the summary and the plot have changed."""
    summary_before, image_before = summary.inner_text(), image.get_attribute("src")
    slider.locator(".noUi-handle").focus()
    page.keyboard.press(key)
    page.wait_for_function(
        "([element, text]) => element.innerText !== text", arg=[summary.element_handle(), summary_before]
    )
    page.wait_for_function(
        "([element, src]) => element.getAttribute('src') !== src", arg=[image.element_handle(), image_before]
    )


@pytest.mark.parametrize("case", CASES, ids=[case.notebook for case in CASES])
def test_slider_moved_with_the_keyboard_shows_the_exact_run(case, lab, page):
    """``lab`` (tests/browser/conftest.py) is one JupyterLab for the session; each case copies its own notebook."""
    check_index = prepare_copy(case, lab.root)
    page.goto(lab.notebook_url(case.notebook))
    page.wait_for_function(KERNEL_IDLE)
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_EXECUTED)

    step_slider = page.locator(".step-slider")
    summary = page.locator(".run-summary")
    readout = step_slider.locator(".widget-readout")
    image = page.locator("img.loss-plot")
    step_before = float(run_cell(page, check_index).split(" | ")[0])
    assert summary.inner_text() == helpers.widgets.summarize_run(step_before, case.run(step_before), symbol=case.symbol)
    assert readout.inner_text() == helpers.widgets.format_step(step_before)

    # One press of the left arrow moves the slider to the next smaller of its round steps.
    press_and_wait_for_redraw(page, step_slider, "ArrowLeft", summary, image)

    options = helpers.widgets.step_options(*case.step_range, extra=[step_before])
    expected_step = options[options.index(step_before) - 1]
    expected_losses = case.run(expected_step)
    assert readout.inner_text() == helpers.widgets.format_step(expected_step)
    assert summary.inner_text() == helpers.widgets.summarize_run(expected_step, expected_losses, symbol=case.symbol)
    step_after, shown_summary, last_point = run_cell(page, check_index).split(" | ")
    assert float(step_after) == pytest.approx(expected_step, rel=1e-12)
    assert shown_summary == summary.inner_text()
    assert last_point == f"{expected_losses[-1]:.6f}"

    # The epochs slider: one press of the right arrow runs one epoch more.
    epochs_slider = page.locator(".epochs-slider")
    epochs_before = int(epochs_slider.locator(".widget-readout").inner_text())
    press_and_wait_for_redraw(page, epochs_slider, "ArrowRight", summary, image)
    assert epochs_slider.locator(".widget-readout").inner_text() == str(epochs_before + 1)
    assert summary.inner_text() == helpers.widgets.summarize_run(
        expected_step, case.run(expected_step, epochs=epochs_before + 1), symbol=case.symbol
    )
