"""In a real JupyterLab: an explorer's cell before it runs shows a sentence, and a preset button moves the
slider, the summary and the plot."""

from __future__ import annotations

import nbformat
import pytest

import helpers

from .test_lab_sliders import (
    ALL_EXECUTED,
    CHECK_CELL,
    KERNEL_IDLE,
    NOTEBOOKS,
    RUN_ALL,
    run_03,
    run_cell,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "03_hot_and_cold.ipynb"


def copy_with_outputs_without_widget_state(root) -> int:
    """The notebook as a student opens it: its stored outputs, but no widget state (no kernel has run it).

    A cell that prints what the explorer holds is appended; its index is returned."""
    nb = nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_CELL))
    nbformat.write(nb, root / NOTEBOOK)
    return len(nb.cells) - 1


def test_a_preset_button_moves_the_slider_the_summary_and_the_plot(lab, page):
    check_index = copy_with_outputs_without_widget_state(lab.root)
    page.goto(lab.notebook_url(NOTEBOOK))
    page.wait_for_function(KERNEL_IDLE)
    placeholder = page.get_by_text(helpers.widgets.PLACEHOLDER_TEXT)
    placeholder.first.wait_for()
    assert "VBox(children" not in page.locator(".jp-Notebook").inner_text()

    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_EXECUTED)
    summary, image = page.locator(".run-summary"), page.locator("img.loss-plot")
    readout = page.locator(".step-slider .widget-readout")
    assert readout.inner_text() == "0.005"  # the starting position, after Run All
    assert summary.inner_text() == helpers.widgets.summarize_run(0.005, run_03(0.005), symbol="s")
    assert "Predict first:" in page.locator(".slider-hint").inner_text()  # the line under the slider
    image_before = image.get_attribute("src")

    page.locator(".preset", has_text="good").click()
    expected = helpers.widgets.summarize_run(0.003, run_03(0.003), symbol="s")
    page.wait_for_function("([element, text]) => element.innerText === text", arg=[summary.element_handle(), expected])
    page.wait_for_function(
        "([element, src]) => element.getAttribute('src') !== src", arg=[image.element_handle(), image_before]
    )
    assert readout.inner_text() == "0.003"
    step_after, shown_summary, _ = run_cell(page, check_index).split(" | ")
    assert float(step_after) == 0.003 and shown_summary == summary.inner_text()
    assert summary.inner_text() == "s = 0.003: loss 5.60e-04 → 2.40e-09 after 50 epochs"
