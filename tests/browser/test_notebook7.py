"""Notebook 03 in Jupyter Notebook 7, in Chromium with the network blocked: Run All, focus the step
slider, press the left arrow twice, and check that the slider moved and the notebook did not (no other
cell selected, no heading folded); then press a preset.

Notebook 7 runs its command-mode shortcuts before a focused ipywidgets slider sees the key
(https://github.com/jupyter/notebook/issues/7716): ArrowLeft selects the heading above and a second
press folds it. The explorer's slider is a native range input that keeps its keys to itself
(helpers/explorer.js stops them on the window, before the notebook's shortcuts see them), so the keys
move it with Notebook 7's own settings too;
the course's settings (tools/jupyter_config/labconfig/default_setting_overrides.json) still keep those
shortcuts off any slider handle.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .explorer import EXPLORER, PRESET, STEP, SUMMARY, stored_explorers, summary_for
from .jupyter_lab import ALL_EXECUTED, KERNEL_IDLE, RUN_ALL
from .servers import running_notebook

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "03_hot_and_cold.ipynb"
COURSE_CONFIG = ROOT / "tools" / "jupyter_config"
UPSTREAM = "https://github.com/jupyter/notebook/issues/7716"

#: What the notebook shows around the focused slider: the selected cell, folded headings, hidden cells.
NOTEBOOK_STATE = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    return {
        active: notebook.activeCellIndex,
        folded: notebook.widgets.filter(cell => cell.headingCollapsed).length,
        hidden: notebook.widgets.filter(cell => cell.isHidden).length,
    };
}"""

#: True once the run summary's text differs from ``text`` or the notebook's state from ``state``.
SOMETHING_CHANGED = f"""([element, text, state]) => {{
    const now = ({NOTEBOOK_STATE})();
    return element.innerText !== text || Object.keys(state).some(key => state[key] !== now[key]);
}}"""


def press_arrow_left_twice_on_the_slider(page, server) -> tuple:
    """Run All in Notebook 7, focus the step slider's handle, press ArrowLeft twice.

    Returns (readouts before/after, notebook state before/after).
    """
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, server.root)
    page.goto(server.url(f"/notebooks/{NOTEBOOK}"))
    page.wait_for_function(KERNEL_IDLE)
    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_EXECUTED)
    page.locator(f"{EXPLORER} {SUMMARY}").wait_for()
    readout = page.locator(STEP)
    readout.focus()
    before = readout.input_value(), page.evaluate(NOTEBOOK_STATE)
    summary = page.locator(SUMMARY)
    for _ in range(2):
        summary_before, state_now = summary.inner_text(), page.evaluate(NOTEBOOK_STATE)
        page.keyboard.press("ArrowLeft")
        # Wait until either the slider's summary redraws or the notebook changes.
        page.wait_for_function(SOMETHING_CHANGED, arg=[summary.element_handle(), summary_before, state_now])
    after = readout.input_value(), page.evaluate(NOTEBOOK_STATE)
    assert page.context.blocked == []
    return before, after


def check_keys_moved_the_slider_only(before, after) -> None:
    (readout_before, state_before), (readout_after, state_after) = before, after
    assert int(readout_after) == int(readout_before) - 2 and state_after == state_before, (
        f"slider position {readout_before} -> {readout_after}; notebook {state_before} -> {state_after}"
    )


@pytest.fixture
def course_notebook(tmp_path, chromium):
    """Notebook 7 with the course's settings on JUPYTER_CONFIG_PATH, as the README says to start it."""
    root = tmp_path / "root"
    root.mkdir()
    with running_notebook(root, tmp_path / "home", config_path=COURSE_CONFIG) as server:
        yield server


@pytest.fixture
def plain_notebook(tmp_path, chromium):
    """Notebook 7 with its own default settings."""
    root = tmp_path / "root"
    root.mkdir()
    with running_notebook(root, tmp_path / "home") as server:
        yield server


def test_arrow_keys_move_a_focused_slider_with_the_course_settings(course_notebook, page):
    before, after = press_arrow_left_twice_on_the_slider(page, course_notebook)
    check_keys_moved_the_slider_only(before, after)
    (state,) = stored_explorers(ROOT / "notebooks" / NOTEBOOK)
    assert int(before[0]) == state["index"]
    assert page.locator(SUMMARY).inner_text() == summary_for(state, state["index"] - 2)
    page.locator(PRESET).nth(1).click()
    assert page.locator(SUMMARY).inner_text() == summary_for(state, state["presets"][1]["index"])
    # Off the slider the arrow keys still move the notebook's selection.
    page.evaluate("""() => { const notebook = window.jupyterapp.shell.currentWidget.content;
        notebook.mode = 'command'; notebook.activeCellIndex = 10; notebook.activeCell.node.focus(); }""")
    page.keyboard.press("ArrowUp")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex === 9")


def test_arrow_keys_move_a_focused_slider_with_notebook_7_defaults(plain_notebook, page):
    """Upstream runs its shortcuts before an ipywidgets slider (UPSTREAM); the explorer's slider is unaffected."""
    before, after = press_arrow_left_twice_on_the_slider(page, plain_notebook)
    check_keys_moved_the_slider_only(before, after)
