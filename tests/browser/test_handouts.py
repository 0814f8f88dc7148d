"""A static HTML handout opens offline in Chromium, and its explorers work with no kernel: a slider moved with
the keyboard and a preset pressed redraw the plot and the summary from the runs stored in the notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import handouts

from .explorer import EXPLORER, move_a_slider_and_press_a_preset, stored_explorers
from .exports import export_one_notebook, remote_urls

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "03_hot_and_cold.ipynb"


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
    for script in (handouts.REQUIRE_JS, handouts.WIDGET_RENDERER, handouts.ANYWIDGET, handouts.MATHJAX.split("?")[0]):
        assert (handout.parent / script).is_file(), script
    assert 'require.config({paths: {anywidget: "static/anywidget/index"}})' in html


def test_the_handouts_explorer_moves_offline(handout, page):
    page.goto(handout.as_uri())
    explorer = page.locator(EXPLORER)
    explorer.first.wait_for()
    (state,) = stored_explorers(ROOT / "notebooks" / NOTEBOOK)
    assert explorer.count() == 1 and explorer.get_attribute("data-previous") == ""
    move_a_slider_and_press_a_preset(explorer, state, preset=1)
    assert page.locator(".handout-static-note").count() == 0  # no "static" banner: the sliders work
    page.wait_for_function("document.querySelectorAll('.MathJax_CHTML').length > 0")
    assert page.context.blocked == []
