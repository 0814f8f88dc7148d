"""Notebook 03 in Voila (the code-free view), in Chromium with the network blocked: every cell runs
without an error, the step-size explorer renders, and moving its slider with the keyboard and pressing
a preset redraw the summary and the plot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import helpers

from .explorer import EXPLORER, SUMMARY, move_a_slider_and_press_a_preset, stored_explorers
from .servers import running_voila

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


def test_notebook_03_runs_in_voila_and_its_explorer_moves(voila, page):
    page.goto(voila.url(f"/voila/render/{NOTEBOOK}"))
    # Voila removes its "Executing cell N of M" spinner once every cell has run.
    page.wait_for_function("() => document.getElementById('loading') === null")
    explorer = page.locator(EXPLORER)
    explorer.locator(SUMMARY).wait_for()

    # No cell errored, nothing printed a traceback or an object's text repr instead of the widget.
    text = page.locator("body").inner_text()
    assert "There was an error when executing cell" not in text
    assert "Traceback (most recent call last)" not in text
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert "StepSizeExplorer object at" not in text and helpers.widgets.PLACEHOLDER_TEXT not in text

    # The explorer moves in the page: the kernel computed the same runs as the stored notebook holds.
    (state,) = stored_explorers(NOTEBOOKS / NOTEBOOK)
    assert explorer.count() == 1
    move_a_slider_and_press_a_preset(explorer, state)
    assert [url for url in page.context.blocked if not url.startswith(VOILA_CDN_STYLESHEETS)] == []
