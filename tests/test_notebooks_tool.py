"""``make notebooks`` (tools/notebooks.py): an unchanged notebook re-executes to the same bytes.

A small notebook built here has what used to churn on every run: a widget
(random model ids, state in the kernel's order), stdout printed in several
flushed chunks, and the interpreter's version in its metadata.
"""

from __future__ import annotations

import json
import uuid

import nbformat
import pytest

from tools import notebooks

PRINTS = "import time\nfor i in range(3):\n    print(f'chunk {i}', flush=True)\n    time.sleep(0.05)"
WIDGET = (
    "import ipywidgets as widgets\n"
    "box = widgets.VBox([widgets.IntSlider(value=3, description='n'), widgets.Label('hello')])\n"
    "box"
)
AFTER = "print('after the widget')\nprint('and again', flush=True)"


pytestmark = pytest.mark.kernel  # executes notebooks in kernels: `make test`, not `make check`


def fixture_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A fixture"),
        nbformat.v4.new_code_cell(PRINTS),
        nbformat.v4.new_code_cell(WIDGET),
        nbformat.v4.new_code_cell(AFTER),
    ]
    for n, cell in enumerate(nb.cells):
        cell.id = f"cell-{n}"
    nb.metadata.kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """Two runs of the fixture notebook (two kernels in all).

    The first run is ``refresh``'s own steps one by one, so that the raw
    outputs can be looked at before they are normalized; the second is
    ``refresh`` on the file the first one wrote.
    """
    path = tmp_path_factory.mktemp("nb") / "99_fixture.ipynb"
    nb = notebooks.execute(fixture_notebook(), path.parent)
    raw_prints = [dict(output) for output in nb.cells[1].outputs]
    path.write_text(notebooks.canonical_json(notebooks.normalize(nb, path.stem)), encoding="utf-8")
    first = path.read_bytes()
    changed = notebooks.refresh(path)
    return {"raw_prints": raw_prints, "first": first, "second": path.read_bytes(), "changed": changed}


def test_a_second_run_gives_the_same_bytes_and_writes_nothing(refreshed):
    assert refreshed["second"] == refreshed["first"]
    assert refreshed["changed"] is False


def test_the_file_is_nbformats_canonical_json(refreshed):
    text = refreshed["first"].decode()
    nb = nbformat.reads(text, as_version=4)
    assert text == nbformat.writes(nb) + "\n"
    assert text.startswith('{\n "cells": [\n  {\n')  # indent 1, sorted keys


def test_no_interpreter_version_and_no_timings(refreshed):
    nb = nbformat.reads(refreshed["first"].decode(), as_version=4)
    assert "version" not in nb.metadata.language_info
    assert all("execution" not in cell.metadata for cell in nb.cells)
    assert [cell.execution_count for cell in nb.cells if cell.cell_type == "code"] == [1, 2, 3]


def test_chunks_of_one_stream_are_merged(refreshed):
    nb = nbformat.reads(refreshed["first"].decode(), as_version=4)
    prints, _, after = (cell for cell in nb.cells if cell.cell_type == "code")
    assert [(o.output_type, o.name, o.text) for o in prints.outputs] == [
        ("stream", "stdout", "chunk 0\nchunk 1\nchunk 2\n")
    ]
    assert [o.text for o in after.outputs] == ["after the widget\nand again\n"]


def test_the_kernel_did_send_the_prints_in_several_chunks(refreshed):
    """Without merging, the flushed prints are separate outputs: what the merge undoes."""
    assert [output["text"] for output in refreshed["raw_prints"]] == ["chunk 0\n", "chunk 1\n", "chunk 2\n"]


def test_widget_ids_are_derived_from_the_name_and_every_reference_resolves(refreshed):
    nb = nbformat.reads(refreshed["first"].decode(), as_version=4)
    state = nb.metadata.widgets[notebooks.WIDGET_STATE]["state"]
    expected = {uuid.uuid5(notebooks.NAMESPACE, f"99_fixture/{n}").hex for n in range(len(state))}
    assert set(state) == expected
    assert list(state) == sorted(state)
    (view,) = [o.data[notebooks.WIDGET_VIEW] for o in nb.cells[2].outputs if notebooks.WIDGET_VIEW in o.data]
    assert view["model_id"] == uuid.uuid5(notebooks.NAMESPACE, "99_fixture/0").hex  # the displayed box comes first
    assert state[view["model_id"]]["model_name"] == "VBoxModel"
    references = notebooks.REFERENCE.findall(json.dumps(state))
    assert references and set(references) <= set(state)
    models = {model["model_name"] for model in state.values()}
    assert {"VBoxModel", "IntSliderModel", "LabelModel"} <= models


def test_only_consecutive_streams_of_one_name_merge():
    out = nbformat.v4.new_output
    outputs = [
        out("stream", name="stdout", text="a\n"),
        out("stream", name="stdout", text="b\n"),
        out("stream", name="stderr", text="warn\n"),
        out("display_data", data={"text/plain": "picture"}),
        out("stream", name="stdout", text="c\n"),
    ]
    merged = notebooks.merge_streams(outputs)
    assert [(o.output_type, o.get("text")) for o in merged] == [
        ("stream", "a\nb\n"),
        ("stream", "warn\n"),
        ("display_data", None),
        ("stream", "c\n"),
    ]


def test_names_select_notebooks_by_prefix(tmp_path):
    for name in ("01_a.ipynb", "02_b.ipynb", "03_c.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in notebooks.resolve([], tmp_path)] == ["01_a.ipynb", "02_b.ipynb", "03_c.ipynb"]
    assert [p.name for p in notebooks.resolve(["03", "01_a"], tmp_path)] == ["03_c.ipynb", "01_a.ipynb"]
    with pytest.raises(ValueError, match="'04' should match exactly one notebook"):
        notebooks.resolve(["04"], tmp_path)
    with pytest.raises(ValueError, match="matched: 01_a.ipynb, 02_b.ipynb"):
        notebooks.resolve(["0"], tmp_path)
