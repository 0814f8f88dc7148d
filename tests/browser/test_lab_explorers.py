"""Every step-size explorer in a real JupyterLab, in a real browser, with the network blocked (the explorer
needs nothing but the page):

* before any kernel has run the notebook, an explorer's cell shows a sentence, not an object's repr;
* on a projector, a 1280x720 screen at 150% zoom (853x480 CSS pixels), every explorer shows whole inside
  JupyterLab, with the file browser open: slider, presets, hint, plot and summary, no scrolling between them;
* after Run All, every explorer's sliders move with the keyboard and its presets jump: the page shows exactly the
  runs the helpers computed, and the kernel sees where each slider is.

Each notebook runs once (``lab_run``, one page per notebook: Run All takes most of these tests' time) and both
checks are made on that page, in this order: pytest runs the tests of a module-scoped fixture's parameter
together, in the order they are defined.  The projector check comes first and presses nothing, so that it
measures the explorers at the position Run All leaves (it checks that they are there); the slider check then
moves them in a 1280x1000 window (still at 150% zoom: a browser context keeps its device scale), and ends with
the projector's "too large" screenshots (their faint "previous" line is the slider check's last preset).

Screenshots to be looked at: test-artifacts/projector-<notebook>-<n>.png (at the start) and
projector-<notebook>-<n>-too-large.png (a frozen, diverged or chaotic run).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

import helpers

from .chromium import ARTIFACTS, block_non_local_requests, save_screenshot
from .explorer import (
    CANVAS,
    EXPLORER,
    PRESET,
    STEP,
    SUMMARY,
    move_a_slider_and_press_a_preset,
    stored_explorers,
)
from .jupyter_lab import ALL_EXECUTED, KERNEL_IDLE, RUN_ALL

pytestmark = pytest.mark.browser

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: Each notebook with the names of its explorers, in the order their cells come.
EXPLORERS = {
    "03_hot_and_cold.ipynb": ["explorer"],
    "04_backpropagation.ipynb": ["explorer"],
    "05_hot_and_cold_vs_backprop.ipynb": ["hc_explorer", "gd_explorer"],
}

#: 1280 x 720 device pixels at 150% zoom.
PROJECTOR = {"width": 853, "height": 480}
PROJECTOR_ZOOM = 1.5
#: The window the slider check moves the explorers in.
LAPTOP = {"width": 1280, "height": 1000}

#: The notebook's scrolling area in JupyterLab.
NOTEBOOK_AREA = ".jp-NotebookPanel-notebook"


# --- one Run All per notebook ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class LabRun:
    """A notebook after Run All in JupyterLab, in a page the size of a projector's screen."""

    notebook: str
    page: object
    check_index: int
    #: What ``make notebooks`` stored for each explorer: the same runs as this page's kernel computed.
    states: list


@pytest.fixture(scope="module", params=list(EXPLORERS))
def lab_run(request, lab, chromium):
    """Run All of one notebook in ``lab`` (tests/browser/conftest.py: one JupyterLab for the session)."""
    notebook = request.param
    context = chromium.new_context(viewport=PROJECTOR, device_scale_factor=PROJECTOR_ZOOM)
    context.blocked = block_non_local_requests(context)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        check_index = run_all(lab, page, notebook, EXPLORERS[notebook])
        news = page.get_by_role("button", name="No", exact=True)  # JupyterLab's "get notified about news?"
        if news.count():
            news.first.click()
        yield LabRun(notebook, page, check_index, stored_explorers(NOTEBOOKS / notebook))
    finally:
        context.close()


@pytest.fixture
def run(lab_run, request):
    """``lab_run`` for one test; a screenshot of the page is saved if the test fails."""
    yield lab_run
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        print(f"screenshot of the failed page: {save_screenshot(lab_run.page, request.node.name)}")


# --- before a kernel has run the notebook ---------------------------------------------------------------


def test_an_explorer_that_has_not_run_shows_a_sentence(lab, page):
    """The notebook as a student opens it: its stored outputs, but no widget state (no kernel has run it).

    Its copy lives in a folder of its own, apart from the copy ``lab_run`` runs.
    """
    notebook = "unrun/03_hot_and_cold.ipynb"
    nb = nbformat.read(NOTEBOOKS / Path(notebook).name, as_version=4)
    nb.metadata.pop("widgets", None)
    (lab.root / notebook).parent.mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / notebook)
    page.goto(lab.notebook_url(notebook))
    page.wait_for_function(KERNEL_IDLE)
    page.get_by_text(helpers.widgets.PLACEHOLDER_TEXT).first.wait_for()
    text = page.locator(".jp-Notebook").inner_text()
    assert "StepSizeExplorer object at" not in text and "VBox(children" not in text


# --- on a projector ---------------------------------------------------------------------------------------

#: Scroll the notebook so that the explorer's top is at the notebook area's top (as a teacher would).
SCROLL_TO = """explorer => {
    let scroller = explorer.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                         && getComputedStyle(scroller).overflowY !== 'visible')) {
        scroller = scroller.parentElement;
    }
    scroller.scrollTop += explorer.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 4;
}"""

#: True once the explorer's top is within 8 px of the notebook area's top; else scroll it there again.
AT_THE_TOP = f"""([explorer, areaTop]) => {{
    if (Math.abs(explorer.getBoundingClientRect().top - areaTop) <= 8) return true;
    ({SCROLL_TO})(explorer);
    return false;
}}"""


def box(locator) -> dict:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, "
        "left: r.left, right: r.right}; }"
    )


def scroll_to_the_top(page, explorer, area: dict) -> None:
    """Scroll until ``explorer`` is at the notebook area's top, for at most 5 s.

    JupyterLab's windowed notebook re-measures the cells above as they appear, so one scroll may not be
    enough; after 5 s the explorer is measured where it is (the checks then say what does not fit).
    """
    try:
        page.wait_for_function(AT_THE_TOP, arg=[explorer.element_handle(), area["top"]], polling=100, timeout=5000)
    except PlaywrightTimeoutError:
        pass


def test_every_explorer_fits_a_projector_inside_jupyterlab(run):
    page = run.page
    page.set_viewport_size(PROJECTOR)
    area = box(page.locator(NOTEBOOK_AREA))
    explorers = page.locator(EXPLORER)
    assert explorers.count() == len(run.states)
    for number, state in enumerate(run.states):
        explorer = explorers.nth(number)
        assert explorer.locator(STEP).input_value() == str(state["index"]), "not where Run All leaves it"
        scroll_to_the_top(page, explorer, area)
        whole = box(explorer)
        assert whole["bottom"] - whole["top"] <= area["bottom"] - area["top"], "taller than the notebook area"
        for part in (STEP, PRESET, ".hcb-hint", CANVAS, SUMMARY):
            shown = box(explorer.locator(part).first)
            assert area["top"] <= shown["top"] and shown["bottom"] <= area["bottom"], part
            assert area["left"] <= shown["left"] and shown["right"] <= area["right"], part
        assert box(explorer.locator(CANVAS))["bottom"] - box(explorer.locator(CANVAS))["top"] <= 300
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"projector-{run.notebook[:2]}-{number + 1}.png"))


# --- moved with the keyboard, seen by the kernel ----------------------------------------------------------

#: Seconds the kernel may take to hear of the last moves after the page has drawn them.
KERNEL_CATCHES_UP = 30


def test_every_explorer_moves_in_the_browser_and_the_kernel_sees_it(run):
    page = run.page
    page.set_viewport_size(LAPTOP)
    explorers = page.locator(EXPLORER)
    assert explorers.count() == len(EXPLORERS[run.notebook]) == len(run.states)
    for number, state in enumerate(run.states):
        # After Run All: the starting position, and no faint "previous" line left by the course checks.
        assert explorers.nth(number).get_attribute("data-previous") == ""
        move_a_slider_and_press_a_preset(explorers.nth(number), state)
        assert explorers.nth(number).get_attribute("data-previous") != ""

    # The kernel knows where each slider is now: the last preset pressed, and the summary the page shows.
    # It hears of a move through the widget's comm after the page has drawn it (the widget manager holds a
    # model's later updates while one is in flight): the check cell runs again until the kernel reports the
    # presets, for up to KERNEL_CATCHES_UP seconds, and what it reports last is checked.
    pressed = [state["steps"][state["presets"][0]["index"]] for state in run.states]
    deadline = time.monotonic() + KERNEL_CATCHES_UP
    lines = run_cell(page, run.check_index).splitlines()
    while [float(line.split(" | ")[0]) for line in lines] != pressed and time.monotonic() < deadline:
        page.wait_for_function(KERNEL_IDLE)
        lines = run_cell(page, run.check_index).splitlines()
    for number, (state, line) in enumerate(zip(run.states, lines, strict=True)):
        step, summary = line.split(" | ")
        explorers.nth(number).scroll_into_view_if_needed()
        assert float(step) == state["steps"][state["presets"][0]["index"]]
        expect(explorers.nth(number).locator(SUMMARY)).to_have_text(summary)
        assert explorers.nth(number).locator(STEP).input_value() == str(state["presets"][0]["index"])

    # Last, on the projector again: each explorer's "too large" preset, a screenshot to look at.
    page.set_viewport_size(PROJECTOR)
    area = box(page.locator(NOTEBOOK_AREA))
    ARTIFACTS.mkdir(exist_ok=True)
    for number in range(explorers.count()):
        scroll_to_the_top(page, explorers.nth(number), area)
        explorers.nth(number).locator(PRESET).last.click()
        page.screenshot(path=str(ARTIFACTS / f"projector-{run.notebook[:2]}-{number + 1}-too-large.png"))
