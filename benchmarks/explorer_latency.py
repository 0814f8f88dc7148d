"""What a student feels: how long a step-size explorer takes from an input event to the drawn plot, in Chromium.

Every explorer of notebooks 03, 04 and 05 is opened in its static handout
(``tools.handouts``: the real widget manager and anywidget, the state stored
by ``make notebooks``, no kernel), and its step slider is moved with the
keyboard (at least 20 moves), its epochs slider likewise, then dragged with
the mouse.  In the page, ``performance.now()`` after the explorer's own
input handler gives *input → canvas drawn* (the event's ``timeStamp`` is the
time the input reached the page), and a ``requestAnimationFrame`` callback
after that gives *input → next frame*, the frame that shows the new curve.
Target: a median of at most 16 ms input → next frame, one frame at 60 Hz.

Run by ``make bench`` (needs npm's packages and Debian's chromium)::

    python -m benchmarks.explorer_latency [--moves 30]

Self-contained on purpose: it needs Playwright and the exports, not the
rest of ``benchmarks``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ("03_hot_and_cold.ipynb", "04_backpropagation.ipynb", "05_hot_and_cold_vs_backprop.ipynb")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
#: One frame at 60 Hz, rounded down: the target for the median input → next frame.
TARGET_MS = 16.0

#: Records, for every input event on an explorer's slider, when it came, when the canvas was drawn (the
#: explorer's own listener, on the input itself, has run by the time the event bubbles to the document)
#: and when the next frame started.
RECORDER = """() => {
    window.latencies = [];
    document.addEventListener('input', event => {
        if (!event.target.matches('input.hcb-step, input.hcb-epochs')) return;
        const record = {input: event.timeStamp, drawn: performance.now(), frame: null};
        window.latencies.push(record);
        requestAnimationFrame(() => { record.frame = performance.now(); });
    });
}"""


def export_handouts(folder: Path) -> list:
    """The three notebooks' handouts, exported into ``folder``; returns their paths."""
    from tools import handouts

    source = folder / "notebooks"
    source.mkdir()
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, source)
    return handouts.export_handouts(source, folder / "handouts", ROOT / "node_modules")


def take_records(page) -> list:
    """The records since the last call, once each has its frame."""
    page.wait_for_function("() => window.latencies.every(record => record.frame !== null)")
    records = page.evaluate("() => window.latencies.splice(0)")
    return [(r["drawn"] - r["input"], r["frame"] - r["input"]) for r in records]


def press(page, slider, moves: int) -> list:
    """``moves`` arrow-key presses on ``slider``, sweeping its range back and forth; the records."""
    slider.focus()
    low, high = int(slider.get_attribute("min")), int(slider.get_attribute("max"))
    key = "ArrowRight"
    for _ in range(moves):
        value = int(slider.input_value())
        if value == high:
            key = "ArrowLeft"
        elif value == low:
            key = "ArrowRight"
        page.keyboard.press(key)
        page.wait_for_timeout(30)  # a key every 30 ms: each move stands alone, as a student's would
    return take_records(page)


def drag(page, slider, seconds: float = 1.5) -> tuple:
    """Drag the slider's thumb across its range and back at 60 mouse moves a second; (records, moves)."""
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    moves = int(seconds * 60)
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    for i in range(moves):
        fraction = 1 - abs(1 - 2 * i / (moves - 1))
        page.mouse.move(box["x"] + 2 + fraction * (box["width"] - 4), y)
        page.wait_for_timeout(16)
    page.mouse.up()
    return take_records(page), moves


def median_ms(values) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def measure(moves: int) -> list:
    """Rows ``(explorer, what, n, median input→drawn, median input→frame, max input→frame)``."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for handout in export_handouts(Path(folder)):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(handout.as_uri())
            page.locator(".hcb-explorer .hcb-summary").first.wait_for()
            page.evaluate(RECORDER)
            explorers = page.locator(".hcb-explorer")
            for number in range(explorers.count()):
                explorer = explorers.nth(number)
                explorer.scroll_into_view_if_needed()
                name = f"{handout.stem[:2]} {explorer.locator('label.hcb-symbol').first.inner_text()}"
                for what, records in (
                    ("step slider, keys", press(page, explorer.locator("input.hcb-step"), moves)),
                    ("epochs slider, keys", press(page, explorer.locator("input.hcb-epochs"), moves)),
                    ("step slider, drag", drag(page, explorer.locator("input.hcb-step"))[0]),
                ):
                    drawn, frame = [r[0] for r in records], [r[1] for r in records]
                    rows.append((name, what, len(records), median_ms(drawn), median_ms(frame), max(frame, default=0)))
            page.close()
        browser.close()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="key presses per slider (default %(default)s, >= 20)")
    args = parser.parse_args(argv)
    if not (ROOT / "node_modules" / "anywidget").exists() or not CHROMIUM.exists():
        print("explorer latency: not measured (needs `npm ci` and Debian's chromium)")
        return 0
    rows = measure(max(args.moves, 20))
    print("Explorer latency in Chromium (handouts, no kernel), milliseconds")
    print(f"{'explorer':<10}{'moves':<22}{'n':>4}{'input→drawn':>14}{'input→frame':>14}{'max':>8}")
    for name, what, n, drawn, frame, worst in rows:
        print(f"{name:<10}{what:<22}{n:>4}{drawn:>14}{frame:>14}{worst:>8.1f}")
    keys = [row for row in rows if row[1] == "step slider, keys"]
    met = all(row[2] >= 20 and float(row[4]) <= TARGET_MS for row in keys)
    print(
        f"target: median input → next frame <= {TARGET_MS:g} ms over >= 20 step-slider moves of every explorer: "
        + ("met" if met else "NOT met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
