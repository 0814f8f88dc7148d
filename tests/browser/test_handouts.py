"""A static HTML handout opens offline in Chromium with its slider, plot and equations."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import handouts

from .exports import export_one_notebook, remote_urls

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "03_hot_and_cold.ipynb"


def stored_slider_value(notebook: Path) -> str:
    """The label of the step slider (a SelectionSlider) in the widget state saved with the notebook."""
    state = nbformat.read(notebook, as_version=4).metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
    sliders = [
        m["state"]
        for m in state["state"].values()
        if m["model_name"] == "SelectionSliderModel" and "step-slider" in m["state"].get("_dom_classes", [])
    ]
    assert len(sliders) == 1, f"expected one step-size slider in {notebook.name}, found {len(sliders)}"
    return sliders[0]["_options_labels"][sliders[0]["index"]]


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    return export_one_notebook(
        tmp_path_factory,
        NOTEBOOK,
        handouts.export_handouts,
        "@jupyter-widgets/html-manager",
        "widget manager",
        kind="handouts",
    )


def test_handout_loads_only_local_files(handout):
    html = handout.read_text()
    remote = remote_urls(html)
    assert remote == []
    assert "cdnjs.cloudflare.com" not in html and "unpkg.com" not in html  # nbconvert's default CDNs
    for script in (handouts.REQUIRE_JS, handouts.WIDGET_RENDERER, handouts.MATHJAX.split("?")[0]):
        assert (handout.parent / script).is_file(), script


def test_handout_shows_the_slider_offline(handout, page):
    page.goto(handout.as_uri())
    slider = page.locator(".step-slider")
    slider.wait_for()
    value = stored_slider_value(ROOT / "notebooks" / NOTEBOOK)
    assert slider.locator(".widget-readout").inner_text() == value
    assert page.locator(".run-summary").inner_text().startswith(f"s = {value}: loss ")
    assert page.locator(".epochs-slider").count() == 1
    image = page.locator("img.loss-plot")
    assert image.get_attribute("src").startswith("blob:") or image.get_attribute("src").startswith("data:")
    page.wait_for_function("document.querySelectorAll('.MathJax_CHTML').length > 0")
    assert page.context.blocked == []
