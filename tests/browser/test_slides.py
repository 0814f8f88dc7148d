"""Reveal.js slides open offline in Chromium, step from slide to slide with the keyboard, and render
their equations and sliders; jupyterlab-rise presents a notebook live from its slide metadata."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import slides

from .explorer import EXPLORER, move_a_slider_and_press_a_preset, stored_explorers
from .exports import export_one_notebook, remote_urls

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "03_hot_and_cold.ipynb"
#: reveal.js as the slides load it through require.js (the module id is its path).
REVEAL = f"{slides.REVEAL}/dist/reveal.js"


def section_titles(notebook: Path) -> list:
    """The ``## `` headings of the notebook, in order: the titles of the horizontal slides after the first."""
    nb = nbformat.read(notebook, as_version=4)
    lines = [slides.first_line(cell) for cell in nb.cells if cell.cell_type == "markdown"]
    return [line[3:].strip() for line in lines if line.startswith("## ")]


@pytest.fixture(scope="module")
def slideshow(tmp_path_factory):
    return export_one_notebook(
        tmp_path_factory, NOTEBOOK, slides.export_slides, "reveal.js/dist", "reveal.js", kind="slides"
    )


#: True once the current slide has equations and each is typeset by MathJax, with no preview left.
EQUATIONS_DRAWN = """reveal => {
    const slide = require(reveal).getCurrentSlide();
    const equations = slide.querySelectorAll('script[type^="math/tex"]').length;
    return equations > 0 && slide.querySelectorAll('.MathJax_CHTML').length === equations
        && slide.querySelectorAll('.MathJax_Preview:not(:empty)').length === 0;
}"""


def indices(page) -> dict:
    return page.evaluate(f"() => require('{REVEAL}').getIndices()")


def test_slides_load_only_local_files(slideshow):
    assert slideshow.name == NOTEBOOK.replace(".ipynb", ".teacher.slides.html")
    html = slideshow.read_text()
    remote = remote_urls(html)
    assert remote == []
    assert "unpkg.com" not in html and "cdnjs.cloudflare.com" not in html  # nbconvert's default CDNs
    for script in (REVEAL, f"{slides.REVEAL}/plugin/notes/notes.js", slides.JQUERY):
        assert (slideshow.parent / script).is_file(), script
    theme = (slideshow.parent / slides.REVEAL / "dist" / "theme" / f"{slides.THEME}.css").read_text()
    assert "@import url(http" not in theme.replace(" ", "")  # the theme's fonts are local too


def test_slides_step_through_offline_with_the_keyboard(slideshow, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(slideshow.as_uri())
    page.locator(".reveal.ready").wait_for()
    assert indices(page) == {"h": 0, "v": 0, "f": None}
    assert page.evaluate(f"() => require('{REVEAL}').getTotalSlides()") > 10
    titles = section_titles(ROOT / "notebooks" / NOTEBOOK)

    for step in (1, 2):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => require('{REVEAL}').getIndices().h === {step}")
        heading = page.locator("section.present h2").first
        heading.wait_for(state="visible")
        # the theme upper-cases headings on screen; the text is the notebook's section title
        assert heading.evaluate("h => h.textContent").replace("¶", "").strip() == titles[step - 1]
        assert page.url.endswith(f"#/{step}")

    # MathJax, offline: every equation of the slide drawn once, none left as a preview (the template's
    # re-render on a slide change used to race the page's first typesetting)
    page.wait_for_function(EQUATIONS_DRAWN, arg=REVEAL)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => require('{REVEAL}').getIndices().h === 1")
    page.wait_for_function(EQUATIONS_DRAWN, arg=REVEAL)

    page.wait_for_function("document.querySelectorAll('.hcb-explorer').length > 0")  # stored widget state
    assert page.context.blocked == []
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


def test_the_explorer_moves_on_its_slide_offline(slideshow, page):
    """On its slide, with no kernel: the step slider moves with the keyboard (reveal.js leaves the arrow keys to
    it), and a preset redraws the plot and the summary."""
    page.goto(slideshow.as_uri())
    page.locator(".reveal.ready").wait_for()
    explorer = page.locator(EXPLORER)
    explorer.first.wait_for(state="attached")
    page.evaluate(
        f"""() => {{
            const reveal = require('{REVEAL}');
            const slide = document.querySelector('{EXPLORER}').closest('section');
            const where = reveal.getIndices(slide);
            reveal.slide(where.h, where.v);
        }}"""
    )
    explorer.wait_for(state="visible")
    before = indices(page)
    (state,) = stored_explorers(ROOT / "notebooks" / NOTEBOOK)
    move_a_slider_and_press_a_preset(explorer, state, preset=2)
    assert indices(page) == before  # the arrow keys moved the slider, not the slides
    assert page.context.blocked == []


def test_rise_presents_a_notebook_live_from_its_slide_metadata(lab, page):
    """JupyterLab's /rise/ view (jupyterlab-rise) cuts the notebook as tools/slides.py says, offline.

    ``lab`` is the session's JupyterLab (tests/browser/conftest.py); the notebook is copied into it.
    """
    name = "01_defining_the_loss.ipynb"
    root = lab.root
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    slides.apply_metadata(nb)
    nbformat.write(nb, root / name)
    titles = section_titles(root / name)
    page.goto(f"{lab.base_url}/rise/{name}?token={lab.token}")
    page.locator(".reveal.ready").wait_for()
    # one horizontal slide for the title, one per ## section
    page.wait_for_function(f"() => document.querySelectorAll('.reveal .slides > section').length === {1 + len(titles)}")
    assert page.locator("section.present h1").first.evaluate("h => h.textContent").startswith("01 ·")
    page.keyboard.press("ArrowRight")
    heading = page.locator("section.present h2").first
    heading.wait_for(state="visible")
    assert heading.evaluate("h => h.textContent").replace("¶", "").strip() == titles[0]
    assert page.locator(".reveal .slide-number").inner_text().strip() != ""  # metadata.rise.slideNumber
    assert page.context.blocked == []
