"""On a projector: a 1280x720 screen at 150% zoom (853x480 CSS pixels) shows every explorer whole inside
JupyterLab, with the file browser open: slider, presets, hint, plot and summary, no scrolling between them.

A screenshot of each explorer is saved as test-artifacts/projector-<notebook>-<n>.png, to be looked at.
"""

from __future__ import annotations

import pytest

from .chromium import ARTIFACTS
from .explorer import CANVAS, EXPLORER, PRESET, STEP, SUMMARY
from .test_lab_sliders import EXPLORERS, run_all

pytestmark = pytest.mark.browser

#: 1280 x 720 device pixels at 150% zoom.
PROJECTOR = {"viewport": {"width": 853, "height": 480}, "device_scale_factor": 1.5}

#: The notebook's scrolling area in JupyterLab.
NOTEBOOK_AREA = ".jp-NotebookPanel-notebook"


#: Scroll the notebook so that the explorer's top is at the notebook area's top (as a teacher would).
SCROLL_TO = """explorer => {
    let scroller = explorer.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                         && getComputedStyle(scroller).overflowY !== 'visible')) {
        scroller = scroller.parentElement;
    }
    scroller.scrollTop += explorer.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 4;
}"""


def box(locator) -> dict:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, "
        "left: r.left, right: r.right}; }"
    )


@pytest.mark.parametrize("notebook", list(EXPLORERS))
def test_every_explorer_fits_a_projector_inside_jupyterlab(notebook, lab, chromium):
    context = chromium.new_context(**PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        run_all(lab, page, notebook, EXPLORERS[notebook])
        news = page.get_by_role("button", name="No", exact=True)  # JupyterLab's "get notified about news?"
        if news.count():
            news.first.click()
        area = box(page.locator(NOTEBOOK_AREA))
        explorers = page.locator(EXPLORER)
        for number in range(explorers.count()):
            explorer = explorers.nth(number)
            for _ in range(20):  # JupyterLab's windowed notebook re-measures the cells above as they appear
                if abs(box(explorer)["top"] - area["top"]) <= 8:
                    break
                explorer.evaluate(SCROLL_TO)
                page.wait_for_timeout(250)
            whole = box(explorer)
            assert whole["bottom"] - whole["top"] <= area["bottom"] - area["top"], "taller than the notebook area"
            for part in (STEP, PRESET, ".hcb-hint", CANVAS, SUMMARY):
                shown = box(explorer.locator(part).first)
                assert area["top"] <= shown["top"] and shown["bottom"] <= area["bottom"], part
                assert area["left"] <= shown["left"] and shown["right"] <= area["right"], part
            assert box(explorer.locator(CANVAS))["bottom"] - box(explorer.locator(CANVAS))["top"] <= 300
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"projector-{notebook[:2]}-{number + 1}.png"))
            explorer.locator(PRESET).last.click()  # "too large": a frozen, diverged or chaotic run
            page.screenshot(path=str(ARTIFACTS / f"projector-{notebook[:2]}-{number + 1}-too-large.png"))
    finally:
        context.close()
