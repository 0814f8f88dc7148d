"""A handout says on the page that its sliders are static, and its widget text uses the page's font."""

from __future__ import annotations

import pytest

from .test_handouts import handout  # noqa: F401  (the fixture: notebook 03 exported as the handouts are)

pytestmark = pytest.mark.browser

FONT = "element => getComputedStyle(element).fontFamily"


def test_handout_says_its_sliders_are_static_and_widgets_use_the_page_font(handout, page):  # noqa: F811
    page.goto(handout.as_uri())
    page.locator(".step-slider .widget-readout").wait_for()
    banner = page.locator(".handout-static-note")
    assert banner.count() == 1 and banner.is_visible()
    assert banner.inner_text().startswith("This is a static handout: the sliders show the stored run")
    assert "open the notebook in JupyterLab" in banner.inner_text()
    # The banner comes before the notebook's title.
    assert page.evaluate("""() => Boolean(document.querySelector('.handout-static-note').compareDocumentPosition(
        document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING)""")

    page_font = page.locator(".jp-RenderedMarkdown p").first.evaluate(FONT)
    for widget_text in (".step-slider .widget-label", ".step-slider .widget-readout", ".run-summary"):
        assert page.locator(widget_text).first.evaluate(FONT) == page_font, widget_text
    # The slider cannot be dragged: it would move without redrawing anything.
    assert page.locator(".step-slider .noUi-target").evaluate("e => getComputedStyle(e).pointerEvents") == "none"
    assert page.context.blocked == []
