"""Notebook 03 in Voila (the code-free view), in Chromium with the network blocked: every cell runs
without an error, the step-size explorer renders, and moving its slider with the keyboard redraws
the summary and the plot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import helpers

from .servers import running_voila
from .test_lab_sliders import NOTEBOOK_03_STEPS

pytestmark = pytest.mark.browser

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOK = "03_hot_and_cold.ipynb"

#: Voila 0.5's own page template links Font Awesome from a CDN; blocked here, the page only loses icons.
VOILA_CDN_STYLESHEETS = "https://cdn.jsdelivr.net/npm/@fortawesome/"


@pytest.fixture
def voila(tmp_path, chromium):
    """Voila serving a copy of notebook 03; after ``chromium`` so that no server starts when skipped."""
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(NOTEBOOKS / NOTEBOOK, root)
    with running_voila(root, tmp_path / "home") as server:
        yield server


def test_notebook_03_runs_in_voila_and_its_slider_moves_with_the_keyboard(voila, page):
    page.goto(voila.url(f"/voila/render/{NOTEBOOK}"))
    slider = page.locator(".step-slider")
    summary = page.locator(".run-summary")
    image = page.locator("img.loss-plot")
    # Voila removes its "Executing cell N of M" spinner once every cell has run.
    page.wait_for_function("() => document.getElementById('loading') === null")
    image.wait_for()

    # No cell errored, nothing printed a traceback or a widget's text repr instead of the widget.
    text = page.locator("body").inner_text()
    assert "There was an error when executing cell" not in text
    assert "Traceback (most recent call last)" not in text
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert "VBox(children" not in text and "FloatLogSlider(" not in text

    # The explorer: one step slider, one epochs slider, a summary and a plot.
    assert slider.count() == 1 and page.locator(".epochs-slider").count() == 1
    readout = slider.locator(".widget-readout")
    step_before = float(readout.inner_text())
    summary_before, image_before = summary.inner_text(), image.get_attribute("src")
    assert summary_before.startswith(f"s = {helpers.widgets.format_step(step_before)}: loss ")

    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "([element, text]) => element.innerText !== text", arg=[summary.element_handle(), summary_before]
    )
    page.wait_for_function(
        "([element, src]) => element.getAttribute('src') !== src", arg=[image.element_handle(), image_before]
    )
    # One press moves the slider to the next smaller of its round steps.
    step_after = NOTEBOOK_03_STEPS[NOTEBOOK_03_STEPS.index(step_before) - 1]
    assert readout.inner_text() == helpers.widgets.format_step(step_after)
    assert summary.inner_text().startswith(f"s = {helpers.widgets.format_step(step_after)}: loss ")

    assert [url for url in page.context.blocked if not url.startswith(VOILA_CDN_STYLESHEETS)] == []
