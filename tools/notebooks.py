"""Re-execute the course's notebooks in place so that an unchanged notebook comes back byte for byte.

A notebook saved by Jupyter carries things that change from one run to the
next although no number changed: random widget model ids (and widget state in
whatever order the kernel sent it), the interpreter's patch version in
``language_info``, stdout split into however many stream chunks the kernel
happened to flush, and execution timings.  ``make notebooks`` executes each
notebook with nbclient, then normalizes it:

* widget model ids become ids derived from the notebook's name and the order
  in which the outputs and the widget state reach each model (``uuid5``, the
  same 32-hex-digit form as ipywidgets' own), everywhere they appear: the
  outputs' ``model_id``, the keys of ``metadata.widgets`` and the
  ``IPY_MODEL_...`` references inside the state;
* ``language_info.version`` is removed;
* consecutive stream outputs of the same name (stdout, stderr) are merged;
* no ``execution`` timings are recorded in cell metadata;

and writes it as nbformat's canonical JSON (sorted keys, indent 1, as
Jupyter writes), only if the bytes changed.

Usage::

    python -m tools.notebooks              # every notebook in notebooks/
    python -m tools.notebooks 03 04        # the ones whose name starts with 03 or 04 (or paths)
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The namespace of the derived model ids: ``uuid5(NAMESPACE, "<notebook stem>/<n>")``.
NAMESPACE = uuid.UUID("5d0f0c1e-3b5a-4c44-9a57-1f1c0d2b7e11")
REFERENCE = re.compile(r"IPY_MODEL_([0-9A-Za-z_-]+)")
#: Seconds a single cell may run before the execution is abandoned.
CELL_TIMEOUT = 600


def resolve(names: list[str], folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks that ``names`` designate: every ``*.ipynb`` in ``folder`` if empty.

    A name is a path to a notebook, or a prefix of a notebook's file name in
    ``folder`` (``"03"``, ``"03_hot_and_cold"``).  Raises ``ValueError`` for a
    name that matches no notebook, or a prefix that matches several.
    """
    everything = sorted(folder.glob("*.ipynb"))
    if not names:
        return everything
    chosen = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.is_file():
            chosen.append(path.resolve())
            continue
        matches = [nb for nb in everything if nb.name.startswith(name)]
        if len(matches) != 1:
            found = ", ".join(nb.name for nb in matches) or "none"
            raise ValueError(f"notebook name {name!r} should match exactly one notebook in {folder}, matched: {found}")
        chosen.append(matches[0])
    return chosen


def kernel_environment() -> dict:
    """This process's environment, with matplotlib's inline backend as in JupyterLab."""
    return dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline")


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh kernel started in ``cwd``; fail on the first error.

    The kernel is this environment's Python (``python3`` resolves to
    ``sys.executable``) and talks over local sockets (IPC) in a temporary
    folder, not TCP.  Stale widget state is dropped before the run.
    """
    nb.metadata.pop("widgets", None)
    with tempfile.TemporaryDirectory(prefix="notebooks-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(
            nb, km=km, timeout=timeout, record_timing=False, resources={"metadata": {"path": str(cwd)}}
        )
        try:
            client.execute(env=kernel_environment())
        finally:  # nbclient leaves a kernel manager it was given running
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return nb


def merge_streams(outputs: list) -> list:
    """``outputs`` with every run of consecutive stream outputs of one name merged into one."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def widget_state(nb: nbformat.NotebookNode) -> dict:
    """The ``{model_id: model}`` widget state saved in ``nb`` (empty if none)."""
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _references(value) -> list:
    """The model ids an ``IPY_MODEL_...`` string in ``value`` refers to, in sorted-key order."""
    if isinstance(value, str):
        return REFERENCE.findall(value)
    if isinstance(value, dict):
        return [ref for key in sorted(value) for ref in _references(value[key])]
    if isinstance(value, list):
        return [ref for item in value for ref in _references(item)]
    return []


def model_order(nb: nbformat.NotebookNode) -> list:
    """Every model id in ``nb``, in order of appearance.

    First the models the outputs display, cell by cell, each followed by the
    models its state refers to (depth first, keys sorted); then the models of
    the saved state that nothing displays or refers to, in the kernel's
    creation order (the order nbclient saved them in).
    """
    state = widget_state(nb)
    order: list = []

    def visit(model_id: str) -> None:
        if model_id in order:
            return
        order.append(model_id)
        for reference in _references(state.get(model_id, {}).get("state", {})):
            visit(reference)

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                visit(view["model_id"])
    for model_id in state:
        visit(model_id)
    return order


def derived_ids(nb: nbformat.NotebookNode, name: str) -> dict:
    """``{old model id: new model id}``, the new ids derived from ``name`` and the order of appearance."""
    return {old: uuid.uuid5(NAMESPACE, f"{name}/{n}").hex for n, old in enumerate(model_order(nb))}


def _rename(value, ids: dict):
    """``value`` with every ``IPY_MODEL_<old>`` reference replaced by ``IPY_MODEL_<new>``."""
    if isinstance(value, str):
        return REFERENCE.sub(lambda match: "IPY_MODEL_" + ids.get(match.group(1), match.group(1)), value)
    if isinstance(value, dict):
        return type(value)({key: _rename(item, ids) for key, item in value.items()})
    if isinstance(value, list):
        return [_rename(item, ids) for item in value]
    return value


def renumber_widgets(nb: nbformat.NotebookNode, name: str) -> None:
    """Replace the random widget model ids in ``nb`` by ids derived from ``name``; sort the state by id."""
    ids = derived_ids(nb, name)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") in ids:
                view["model_id"] = ids[view["model_id"]]
    state = widget_state(nb)
    if state:
        renamed = {ids[model_id]: _rename(model, ids) for model_id, model in state.items()}
        nb.metadata.widgets[WIDGET_STATE]["state"] = nbformat.from_dict(dict(sorted(renamed.items())))


def normalize(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Remove from an executed ``nb`` everything that changes between two runs of an unchanged notebook."""
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        cell.outputs = merge_streams(cell.outputs)
    renumber_widgets(nb, name)
    return nb


def canonical_json(nb: nbformat.NotebookNode) -> str:
    """``nb`` as Jupyter writes it: nbformat's JSON (sorted keys, indent 1) and a final newline."""
    nbformat.validate(nb)
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def refresh(path: Path, timeout: int = CELL_TIMEOUT) -> bool:
    """Execute the notebook at ``path``, normalize it and write it back if it changed; return whether it did."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    execute(nb, path.parent, timeout)
    after = canonical_json(normalize(nb, path.stem))
    if after == before:
        return False
    path.write_text(after, encoding="utf-8")
    return True


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.notebooks",
        description="Re-execute notebooks in place; an unchanged notebook comes back byte for byte.",
    )
    parser.add_argument(
        "notebooks", nargs="*", metavar="NB", help="notebook paths or name prefixes (default: all in notebooks/)"
    )
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    try:
        paths = resolve(arguments.notebooks)
    except ValueError as error:
        print(f"make notebooks: {error}", file=sys.stderr)
        return 2
    failed = []
    for path in paths:
        start = time.perf_counter()
        try:
            verdict = "changed" if refresh(path, arguments.timeout) else "unchanged"
        except CellExecutionError as error:
            failed.append(path.name)
            verdict = f"NOT written, a cell raised an error:\n{error}"
        print(f"{path.name}: {verdict} ({time.perf_counter() - start:.0f} s)", flush=True)
    if failed:
        print(f"make notebooks: {len(failed)} notebook(s) failed and were left as they were: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
