"""Classroom mode: slide metadata for every notebook, and reveal.js slides that work offline.

``--metadata`` writes each cell's ``metadata.slideshow.slide_type``, decided from
the cell itself (see :func:`slide_types`), and the notebook's ``metadata.rise``
settings, so that a teacher presents a notebook live in JupyterLab with
jupyterlab-rise. Running it again changes nothing.

Without ``--metadata`` it exports every notebook with nbconvert's SlidesExporter, in two
sets (``tools/versions.py``): ``slides/student/<name>.slides.html`` (no solutions, no course
checks) and ``slides/teacher/<name>.teacher.slides.html`` (solutions in, marked on every
slide). Every slide fits 1280 x 720 (``templates/fit_slides.js`` scales down what does not).
The slides load nothing from the internet: reveal.js and jQuery, and the handouts'
require.js, widget manager and MathJax, are copied next to them from the npm packages that
``package.json`` pins.

Usage (``make slides`` runs ``npm ci`` first)::

    python -m tools.slides --metadata [--notebooks notebooks]
    python -m tools.slides [--notebooks notebooks] [--output slides] [--node-modules node_modules]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from functools import partial
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

from tools import handouts
from tools._atomic import write_text_atomic

ROOT = handouts.ROOT
TEMPLATES = handouts.TEMPLATES

#: Where the slides load reveal.js and jQuery from, relative to a slides file.
#: nbconvert's reveal template loads ``<prefix>/dist/reveal.js`` and
#: ``<prefix>/plugin/notes/notes.js``: the layout of reveal.js 4 (package.json pins 4.6.0).
REVEAL = f"{handouts.STATIC}/reveal.js"
REVEAL_PARTS = ("dist", "plugin/notes")
JQUERY = f"{handouts.STATIC}/jquery.min.js"
#: reveal.js's "white" theme loads its fonts from dist/theme/fonts; "simple" (nbconvert's default)
#: and most others import Google Fonts, which offline slides must not.
THEME = "white"

#: The values nbconvert and jupyterlab-rise accept ("-" continues the current slide).
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "-")
#: Tag of the course's hidden regression checks: never shown in class.
SKIP_TAG = "course-check"

#: Settings jupyterlab-rise reads from the notebook's metadata: long cells scroll, slides are numbered,
#: and the theme is the exported slides' (RISE's default, "simple", fetches Google Fonts).
RISE_SETTINGS = {"scroll": True, "slideNumber": "c/t", "theme": "white"}

#: A first line that opens a new slide (the title, ``## `` sections) or a subslide.
SLIDE_HEADING = re.compile(r"#{1,2}\s")
SUBSLIDE_HEADING = re.compile(r"###\s")
PROMPT = re.compile(r"\*\*(Exercise\b|Predict, then check)")

#: Lines of text that fit on one slide at the slides' font size (about 1280 x 720).
SLIDE_LINES = 24
#: Characters in a line of markdown before it wraps on a slide.
LINE_CHARS = 90
#: Lines a figure or a widget takes on a slide.
IMAGE_LINES = 14
WIDGET_LINES = 12


def is_skipped(cell) -> bool:
    """True for the course's hidden regression checks (tag ``course-check``)."""
    return SKIP_TAG in cell.get("metadata", {}).get("tags", [])


def first_line(cell) -> str:
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    return source.lstrip("\n").split("\n", 1)[0]


def text_lines(text: str) -> int:
    """Lines ``text`` takes on a slide, long lines wrapped at ``LINE_CHARS``."""
    return sum(max(1, math.ceil(len(line) / LINE_CHARS)) for line in text.split("\n"))


def output_lines(output) -> int:
    """Lines one stored output takes on a slide."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return text_lines("".join(text) if isinstance(text, list) else text)
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        return WIDGET_LINES
    if any(key.startswith("image/") for key in data):
        return IMAGE_LINES
    text = data.get("text/plain", "")
    return text_lines("".join(text) if isinstance(text, list) else text) if text else 1


def cell_lines(cell) -> int:
    """Lines a cell takes on a slide: its source, and for a code cell its stored outputs."""
    source = cell.get("source", "")
    lines = text_lines("".join(source) if isinstance(source, list) else source)
    return lines + sum(output_lines(output) for output in cell.get("outputs", []))


def heading_type(cell) -> str | None:
    """``"slide"`` for the title and ``## `` sections, ``"subslide"`` for ``### `` and prompts, else None."""
    if cell.get("cell_type") != "markdown":
        return None
    line = first_line(cell)
    if SLIDE_HEADING.match(line):
        return "slide"
    if SUBSLIDE_HEADING.match(line) or PROMPT.match(line):
        return "subslide"
    return None


def slide_types(cells) -> list:
    """The slide type of every cell, decided from the cells alone.

    - a ``course-check`` cell: ``skip``;
    - the first shown cell (the title), a markdown ``# `` or ``## `` heading: ``slide``;
    - a ``### `` heading, an exercise prompt (``**Exercise``) or a ``**Predict, then check**``: ``subslide``;
    - a cell that would push the current (sub)slide past ``SLIDE_LINES`` lines: ``subslide``
      (a long section continues below, a cell longer than a slide scrolls);
    - a code cell right after its markdown: ``-`` (shown with it);
    - any other cell: ``fragment`` (revealed by the next key press).
    """
    types, used, previous = [], 0, None
    for cell in cells:
        if is_skipped(cell):
            types.append("skip")
            continue
        lines = cell_lines(cell)
        kind = "slide" if previous is None else heading_type(cell)
        if kind is None and used + lines > SLIDE_LINES:
            kind = "subslide"
        if kind is None:
            kind = "-" if cell.get("cell_type") == "code" and previous == "markdown" else "fragment"
            used += lines
        else:
            used = lines
        types.append(kind)
        previous = cell.get("cell_type")
    return types


def apply_metadata(nb) -> bool:
    """Write every cell's slide type and the notebook's RISE settings into ``nb``; True if anything changed."""
    changed = False
    for cell, kind in zip(nb.cells, slide_types(nb.cells), strict=True):
        slideshow = cell.metadata.setdefault("slideshow", nbformat.NotebookNode())
        if slideshow.get("slide_type") != kind:
            slideshow["slide_type"] = kind
            changed = True
    rise = nb.metadata.setdefault("rise", nbformat.NotebookNode())
    for key, value in RISE_SETTINGS.items():
        if rise.get(key) != value:
            rise[key] = value
            changed = True
    return changed


def write_metadata(notebooks: Path) -> list:
    """Apply :func:`apply_metadata` to every ``*.ipynb`` in ``notebooks``; return the notebooks rewritten."""
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {notebooks}")
    written = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except ValueError as error:  # not UTF-8, not JSON: named (the notebooks before it are written)
            raise ValueError(f"{path} cannot be read: {handouts.describe_error(error)}") from None
        if apply_metadata(nb):
            text = nbformat.writes(nb)
            write_text_atomic(path, text if text.endswith("\n") else text + "\n")  # as nbformat.write does
            written.append(path)
    return written


def copy_static_files(node_modules: Path, output: Path) -> None:
    """Copy what the handouts load, plus reveal.js and jQuery, into ``output/static``."""
    handouts.copy_static_files(node_modules, output)
    sources = {f"reveal.js/{part}": output / REVEAL / part for part in REVEAL_PARTS}
    sources["jquery/dist/jquery.min.js"] = output / JQUERY
    handouts.copy_from_node_modules(node_modules, sources)


def slides_exporter() -> SlidesExporter:
    """nbconvert's reveal.js exporter, every script pointing at the local copies."""
    exporter = SlidesExporter(extra_template_paths=[str(TEMPLATES)], template_file="slides.html.j2")
    handouts.use_local_scripts(exporter)
    exporter.jquery_url = JQUERY
    exporter.reveal_url_prefix = REVEAL
    exporter.reveal_theme = THEME
    exporter.reveal_scroll = True
    exporter.reveal_number = "c/t"
    # a projector's 1280 x 720 (nbconvert's default 960 x 700 cuts the course's longer code lines)
    exporter.reveal_width, exporter.reveal_height = "1280", "720"
    return exporter


def export_notebook(
    notebook: Path, output: Path, exporter: SlidesExporter, version: str = handouts.versions.TEACHER
) -> Path:
    """Write ``output/<name>.slides.html`` (``<name>.teacher.slides.html`` for the teacher) from the stored outputs.

    A notebook without slide metadata is cut into slides by :func:`slide_types`
    in memory (the file is not changed).
    """
    nb, name = handouts.versioned_notebook(notebook, version)
    if not any("slideshow" in cell.metadata for cell in nb.cells):
        apply_metadata(nb)
    return handouts.write_export(nb, name, exporter, output / f"{name}.slides.html", version)


def export_slides(notebooks: Path, output: Path, node_modules: Path) -> list:
    """Export every ``*.ipynb`` in ``notebooks`` to ``output/student/`` and ``output/teacher/``; return the files."""
    copy_static = partial(copy_static_files, node_modules)
    return handouts.export_every_notebook(notebooks, output, copy_static, export_notebook, slides_exporter)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metadata", action="store_true", help="write slide metadata into the notebooks")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "slides")
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args(argv)
    try:
        if args.metadata:
            written = write_metadata(args.notebooks)
        else:
            exported = export_slides(args.notebooks, args.output, args.node_modules)
    except handouts.NotAllExported as partly:
        return handouts.report("slides", partly.written, partly.problems)
    except (OSError, ValueError) as error:
        return handouts.report("slides", [], [handouts.one_line(error)])
    if args.metadata:
        print(f"slide metadata written to {len(written)} notebook(s)" + "".join(f"\n  {p.name}" for p in written))
        return 0
    return handouts.report("slides", exported)


if __name__ == "__main__":
    sys.exit(main())
