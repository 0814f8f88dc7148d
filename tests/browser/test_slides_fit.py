"""Every slide of every exported deck fits a 1280 x 720 window: stepped through one by one and measured.

Both sets (student and teacher) of all five notebooks are exported as ``make slides`` does. For every
slide, in a 1280 x 720 viewport with reveal.js's transitions off:

- the slide's content box (fit_slides.js scales it down when it is taller or wider than the slide)
  lies inside the slide, on all four sides;
- it does not run under the slide number or the version tag;
- no code line or output is cut at the right (an element wider than its box);
- the scale stays at or above ``MIN_SCALE``, so a scaled slide is still readable from the back.

The measurements are written to ``test-artifacts/slides_fit.txt``, and the most scaled slide of each
deck is saved as a screenshot beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import slides

from .chromium import ARTIFACTS
from .exports import NODE_MODULES, ROOT, skip_or_fail

pytestmark = pytest.mark.browser

REVEAL = f"{slides.REVEAL}/dist/reveal.js"
WIDTH, HEIGHT = 1280, 720
#: The smallest scale a slide may be drawn at (its 20-px body text then reads as 11 px or more).
MIN_SCALE = 0.55

MEASURE = """() => {
  const inside = document.querySelector('.reveal .slides').getBoundingClientRect();
  const box = Reveal.getCurrentSlide().querySelector(':scope > .slide-fit');
  const r = box.getBoundingClientRect();
  const overlaps = selector => [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null)
    .some(e => { const o = e.getBoundingClientRect();
                 return r.bottom > o.top + 1 && r.top < o.bottom && r.right > o.left + 1 && r.left < o.right; });
  const cut = [...box.querySelectorAll('pre, .jp-OutputArea-output, .jp-RenderedHTMLCommon, .widget-box, img')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).length;
  return {
    scale: Number(box.dataset.fitScale),
    past: Math.max(inside.top - r.top, r.bottom - inside.bottom, inside.left - r.left, r.right - inside.right),
    under_number: overlaps('.reveal .slide-number'),
    under_tag: overlaps('.course-version-tag'),
    cut,
  };
}"""


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    if not (NODE_MODULES / "reveal.js/dist").exists():
        skip_or_fail(f"{NODE_MODULES} has no reveal.js: run `npm ci` (make test does when npm is installed)")
    return slides.export_slides(ROOT / "notebooks", tmp_path_factory.mktemp("slides"), NODE_MODULES)


#: Steps through every slide of the deck in the page, in order: shows it (reveal.js's transitions are off),
#: lets two frames pass (layout, and fit_slides.js's ResizeObserver, which fits a box whose size changed),
#: fits it again and measures it (MEASURE); resolves to ``[index, indices, measurement]`` for each.  One call
#: for the whole deck: the browser steps on its own instead of waiting for a round trip per step.
MEASURE_EVERY_SLIDE = f"""async () => {{
  const measure = {MEASURE};
  const results = [];
  for (const [number, slide] of Reveal.getSlides().entries()) {{
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v || 0);
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    fitCurrentSlide();
    results.push([number, at, measure()]);
  }}
  return results;
}}"""


def measure_every_slide(page, deck: Path) -> list:
    """``(index, indices, measurement)`` for every slide of ``deck``, in order."""
    page.goto(deck.as_uri())
    page.locator(".reveal.ready").wait_for()
    page.evaluate("() => new Promise(done => MathJax.Hub.Queue(done))")  # equations typeset: their final size
    page.evaluate(f"() => {{ window.Reveal = require('{REVEAL}'); Reveal.configure({{transition: 'none'}}); }}")
    return [tuple(result) for result in page.evaluate(MEASURE_EVERY_SLIDE)]


def overflows(measurement: dict) -> bool:
    return (
        measurement["past"] > 1
        or measurement["under_number"]
        or measurement["under_tag"]
        or measurement["cut"] > 0
        or measurement["scale"] < MIN_SCALE
    )


def test_every_slide_of_every_deck_fits_1280_by_720(decks, chromium):
    assert len(decks) == 10  # five notebooks, student and teacher
    context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.set_default_timeout(60_000)
    report, failures = [], []
    try:
        for deck in decks:
            results = measure_every_slide(page, deck)
            bad = [(number, at, m) for number, at, m in results if overflows(m)]
            smallest = min(results, key=lambda result: result[2]["scale"])
            report.append(
                f"{deck.parent.name}/{deck.name}: {len(results)} slides, {len(bad)} overflow, "
                f"smallest scale {smallest[2]['scale']:.3f} (slide {smallest[0] + 1})"
            )
            failures += [f"{deck.name} slide {number + 1} {at}: {m}" for number, at, m in bad]
            page.evaluate(f"() => Reveal.slide({smallest[1]['h']}, {smallest[1]['v'] or 0})")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"slides-fit-smallest-{deck.name}.png"))
            assert len(results) > 10
    finally:
        context.close()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "slides_fit.txt").write_text("\n".join(report + failures) + "\n")
    print("\n".join(report))
    assert failures == []
