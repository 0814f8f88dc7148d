"""In a real JupyterLab: an explorer's cell before it runs shows a sentence, not an object's repr."""

from __future__ import annotations

import nbformat
import pytest

import helpers

from .test_lab_sliders import KERNEL_IDLE, NOTEBOOKS

pytestmark = pytest.mark.browser

NOTEBOOK = "03_hot_and_cold.ipynb"


def test_an_explorer_that_has_not_run_shows_a_sentence(lab, page):
    """The notebook as a student opens it: its stored outputs, but no widget state (no kernel has run it)."""
    nb = nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, lab.root / NOTEBOOK)
    page.goto(lab.notebook_url(NOTEBOOK))
    page.wait_for_function(KERNEL_IDLE)
    page.get_by_text(helpers.widgets.PLACEHOLDER_TEXT).first.wait_for()
    text = page.locator(".jp-Notebook").inner_text()
    assert "StepSizeExplorer object at" not in text and "VBox(children" not in text
