"""Slide metadata: every notebook is cut into slides by tools/slides.py, and cutting again changes nothing."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import slides

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
APPLY = "python -m tools.slides --metadata"


def course_check(source="# Course check (hidden from students): ...\nassert True"):
    return new_code_cell(source, metadata={"tags": ["course-check"], "jupyter": {"source_hidden": True}})


def long_markdown(lines: int) -> str:
    return "\n".join(f"line {i}" for i in range(lines))


# --- the rules, on small made-up notebooks -------------------------------------------------------


def test_headings_open_slides_and_subslides():
    cells = [
        new_markdown_cell("# 01 · Title\n\n**You will be able to:**"),
        new_markdown_cell("## 1. A section"),
        new_markdown_cell("### A subsection"),
        new_markdown_cell("### Exercise 1: something"),
        new_markdown_cell("**Exercise 2: the hidden layer's gradients.** Write ..."),
        new_markdown_cell("**Predict, then check.** Both rules ..."),
        new_markdown_cell("## Summary"),
    ]
    assert slides.slide_types(cells) == ["slide", "slide", "subslide", "subslide", "subslide", "subslide", "slide"]


def test_code_goes_with_its_markdown_and_later_cells_are_fragments():
    cells = [
        new_markdown_cell("## 1. A section"),
        new_code_cell("x = 1"),
        new_code_cell("print(x)"),
        new_markdown_cell("So x is 1."),
    ]
    assert slides.slide_types(cells) == ["slide", "-", "fragment", "fragment"]


def test_course_checks_are_skipped_and_do_not_break_the_flow():
    cells = [new_markdown_cell("## 1. A section"), course_check(), new_code_cell("x = 1")]
    # the check is skipped; the code still follows a code cell in the file, but the last cell shown
    # before it is the markdown, so it goes with it
    assert slides.slide_types(cells) == ["slide", "skip", "-"]


def test_the_first_shown_cell_opens_the_first_slide_even_without_a_heading():
    cells = [course_check(), new_code_cell("import numpy as np")]
    assert slides.slide_types(cells) == ["skip", "slide"]


def test_a_cell_that_would_overflow_the_slide_starts_a_subslide():
    cells = [
        new_markdown_cell("## 1. A section\n" + long_markdown(slides.SLIDE_LINES - 3)),
        new_code_cell("y = 2\nprint(y)"),  # 2 lines of source: still fits
        new_code_cell("z = 3"),  # one more line: now it does not
    ]
    assert slides.slide_types(cells) == ["slide", "-", "subslide"]


def test_outputs_count_towards_the_height_of_a_slide():
    figure = new_code_cell("show(fig)", outputs=[new_output("display_data", data={"image/png": "iVBORw0KGgo="})])
    text = new_code_cell("print(table)", outputs=[new_output("stream", name="stdout", text="row\n" * 30)])
    assert slides.cell_lines(figure) == 1 + slides.IMAGE_LINES
    assert slides.cell_lines(text) == 1 + 31
    cells = [new_markdown_cell("## 1. A section\n" + long_markdown(5)), figure, text]
    assert slides.slide_types(cells) == ["slide", "-", "subslide"]


def test_long_markdown_lines_wrap():
    assert slides.text_lines("x" * slides.LINE_CHARS) == 1
    assert slides.text_lines("x" * (slides.LINE_CHARS + 1)) == 2
    assert slides.text_lines("a\n\nb") == 3


def test_apply_metadata_sets_every_cell_and_the_rise_settings_then_changes_nothing():
    nb = new_notebook(cells=[new_markdown_cell("# 01 · Title"), new_code_cell("x = 1"), course_check()])
    nb.cells[1].metadata["nbgrader"] = {"solution": True}
    assert slides.apply_metadata(nb) is True
    assert [cell.metadata.slideshow.slide_type for cell in nb.cells] == ["slide", "-", "skip"]
    assert nb.cells[1].metadata["nbgrader"] == {"solution": True}  # other metadata kept
    assert nb.metadata.rise == slides.RISE_SETTINGS
    before = copy.deepcopy(nb)
    assert slides.apply_metadata(nb) is False
    assert nb == before


def test_apply_metadata_corrects_a_wrong_slide_type():
    nb = new_notebook(cells=[new_markdown_cell("# 01 · Title"), course_check()])
    nb.cells[1].metadata["slideshow"] = {"slide_type": "slide"}
    assert slides.apply_metadata(nb) is True
    assert nb.cells[1].metadata.slideshow.slide_type == "skip"


def test_write_metadata_rewrites_a_notebook_once(tmp_path):
    shutil.copy(NOTEBOOKS[0], tmp_path)
    path = tmp_path / NOTEBOOKS[0].name
    slides.write_metadata(tmp_path)
    written = path.read_bytes()
    assert slides.write_metadata(tmp_path) == []
    assert path.read_bytes() == written
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].metadata.slideshow.slide_type == "slide"
    nbformat.validate(nb)


def test_write_metadata_without_notebooks_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        slides.write_metadata(tmp_path)


# --- the course's notebooks ----------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_cell_of_every_notebook_has_a_valid_slide_type(path):
    nb = nbformat.read(path, as_version=4)
    missing = [i for i, cell in enumerate(nb.cells) if "slide_type" not in cell.metadata.get("slideshow", {})]
    assert missing == [], f"cells {missing} of {path.name} have no slide type: run `{APPLY}`"
    types = [cell.metadata.slideshow.slide_type for cell in nb.cells]
    assert set(types) <= set(slides.SLIDE_TYPES)
    assert types[0] == "slide"
    for cell, kind in zip(nb.cells, types, strict=True):
        if slides.is_skipped(cell):
            assert kind == "skip"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_slide_metadata_is_up_to_date(path):
    """Running the tool again changes nothing (after editing a notebook, run it again)."""
    nb = nbformat.read(path, as_version=4)
    assert slides.apply_metadata(nb) is False, f"{path.name}: slide metadata out of date: run `{APPLY}`"
