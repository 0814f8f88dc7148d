"""What every front-end's browser test does with a step-size explorer (helpers/explorer.js).

The explorer draws runs that Python sent; these helpers read the same runs
from the widget state stored in a notebook, so a test can say what the page
must show after a key press or a preset without a kernel: the summary that
``helpers.widgets.summarize_run`` writes for that position.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
from playwright.sync_api import expect

import helpers

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

#: The explorer's parts in the page (class names set by helpers/explorer.js).
EXPLORER = ".hcb-explorer"
STEP = "input.hcb-step"
EPOCHS = "input.hcb-epochs"
PRESET = "button.hcb-preset"
SUMMARY = ".hcb-summary"
CANVAS = "canvas.hcb-plot"


def stored_explorers(notebook: Path) -> list:
    """The synced state of every explorer stored with ``notebook``, in the order their cells come."""
    nb = nbformat.read(notebook, as_version=4)
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    order = [
        output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    return [state[model]["state"] for model in order if state[model]["model_name"] == "AnyModel"]


def summary_for(state: dict, index: int, epochs: int | None = None) -> str:
    """The summary the page must show at step position ``index`` (and ``epochs``), from the stored runs."""
    run = state["runs"][index]
    epochs = state["epochs"] if epochs is None else epochs
    losses, diverged_at, chaotic_from = np.array(run["losses"]), run["diverged_at"], run["chaotic_from"]
    if state["max_epochs"]:
        losses = losses[: epochs + 1]
        diverged_at = diverged_at if diverged_at is not None and diverged_at <= epochs else None
        chaotic_from = chaotic_from if chaotic_from is not None and chaotic_from <= epochs else None
    return helpers.widgets.summarize_run(
        state["steps"][index], losses, symbol=state["symbol"], diverged_at=diverged_at, chaotic_from=chaotic_from
    )


def canvas_pixels(explorer) -> str:
    """A fingerprint of what the explorer's canvas shows (its PNG data URL)."""
    return explorer.locator(CANVAS).evaluate("canvas => canvas.toDataURL()")


def move_a_slider_and_press_a_preset(explorer, state: dict, preset: int = 0) -> None:
    """Check the explorer as its user meets it, with no kernel needed.

    At its stored start; ArrowRight on the focused step slider moves one
    position, names it in ``aria-valuetext`` and redraws the plot and the
    summary; ArrowLeft on the epochs slider (if any) shortens the run; the
    preset ``preset`` jumps to its step.
    """
    explorer.scroll_into_view_if_needed()  # JupyterLab may not lay out a cell far off screen
    step, summary = explorer.locator(STEP), explorer.locator(SUMMARY)
    start = state["index"]
    symbol = state["symbol"]
    assert step.input_value() == str(start)
    assert step.get_attribute("aria-valuetext") == f"{symbol} = {state['step_labels'][start]}"
    expect(summary).to_have_text(summary_for(state, start))
    assert summary.get_attribute("aria-live") == "polite"
    before = canvas_pixels(explorer)

    step.focus()
    step.press("ArrowRight")
    moved = start + 1
    assert step.input_value() == str(moved)
    assert step.get_attribute("aria-valuetext") == f"{symbol} = {state['step_labels'][moved]}"
    expect(summary).to_have_text(summary_for(state, moved))
    assert canvas_pixels(explorer) != before

    if state["max_epochs"]:
        epochs = explorer.locator(EPOCHS)
        epochs.focus()
        epochs.press("ArrowLeft")
        assert epochs.input_value() == str(state["epochs"] - 1)
        expect(summary).to_have_text(summary_for(state, moved, state["epochs"] - 1))
        epochs.press("ArrowRight")

    target = state["presets"][preset]
    explorer.locator(PRESET).nth(preset).click()
    assert step.input_value() == str(target["index"])
    expect(summary).to_have_text(summary_for(state, target["index"]))
