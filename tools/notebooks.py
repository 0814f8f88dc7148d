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
Jupyter writes), only if the bytes changed, in one step (``tools._atomic``).

The run ends, whatever a notebook does, and names what went wrong:

* a cell that raises, or runs past ``--timeout``: that notebook is not written;
* a kernel that dies (a cell calls ``os._exit``, crashes in C code, runs out
  of memory): nbclient notices within a couple of seconds and the notebook is
  reported with the cell that was running;
* a notebook that cannot be read (not UTF-8, not JSON) or written (a read-only
  folder): named in one line;

and in each case the other notebooks still run; the exit status is 1.  SIGTERM
or Ctrl-C ends the kernel and the run at once (exit status 143 or 130).

Usage::

    python -m tools.notebooks              # every notebook in notebooks/
    python -m tools.notebooks 03 04        # the ones whose name starts with 03 or 04 (or paths)
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import os
import re
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

from tools._atomic import describe_error, write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The namespace of the derived model ids: ``uuid5(NAMESPACE, "<notebook stem>/<n>")``.
NAMESPACE = uuid.UUID("5d0f0c1e-3b5a-4c44-9a57-1f1c0d2b7e11")
REFERENCE = re.compile(r"IPY_MODEL_([0-9A-Za-z_-]+)")
#: Seconds a single cell may run before the execution is abandoned.
CELL_TIMEOUT = 600
#: Seconds to wait for the execution to wind up once its kernel has been ended (SIGTERM, Ctrl-C).
WIND_UP = 30


class NotebookFailed(Exception):
    """One notebook could not be refreshed; the message says why in one line (the file is unchanged)."""


class KernelDied(NotebookFailed):
    """The kernel's process ended while a cell was running."""


class Stopped(BaseException):
    """``make notebooks`` received SIGTERM (a ``BaseException``, like ``KeyboardInterrupt``)."""


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


def kernel_config(sockets: Path) -> Config:
    """Kernel manager settings: local sockets (IPC) under ``sockets`` instead of TCP ports.

    Given as configuration, so that nbclient creates, owns and watches the
    kernel manager itself: a kernel manager passed in as ``km=`` is not watched,
    and a run whose kernel died then waited forever.
    """
    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")}})


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh kernel started in ``cwd``; fail on the first error.

    The kernel is this environment's Python (``python3`` resolves to
    ``sys.executable``) and talks over local sockets (IPC) in a temporary
    folder, not TCP.  Stale widget state is dropped before the run.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        A cell raised.
    nbclient.exceptions.CellTimeoutError
        A cell ran longer than ``timeout`` seconds.
    KernelDied
        The kernel's process ended while a cell ran, naming the cell.
    """
    nb.metadata.pop("widgets", None)
    running: dict = {}

    def note_cell(cell, cell_index, **_) -> None:
        running.update(cell=cell, index=cell_index)

    with tempfile.TemporaryDirectory(prefix="notebooks-") as sockets:
        client = NotebookClient(
            nb,
            kernel_name="python3",
            config=kernel_config(Path(sockets)),
            timeout=timeout,
            record_timing=False,
            on_cell_execute=note_cell,
            resources={"metadata": {"path": str(cwd)}},
        )
        try:
            run_stoppably(client, kernel_environment())
        except DeadKernelError:
            raise KernelDied(kernel_died_message(nb, running)) from None
        finally:  # nbclient leaves its exit-time cleanup registered when the kernel failed to start
            atexit.unregister(client._cleanup_kernel)
    return nb


def kernel_died_message(nb: nbformat.NotebookNode, running: dict) -> str:
    """One line naming the cell whose kernel died (``running``: what ``on_cell_execute`` last saw)."""
    if "cell" not in running:
        return "the kernel died before the first cell ran"
    code_cells = [n for n, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    number = code_cells.index(running["index"]) + 1 if running["index"] in code_cells else running["index"] + 1
    first_line = running["cell"].source.strip().split("\n", 1)[0][:60]
    return (
        f"the kernel died while running code cell {number} ({first_line!r}): the cell ended the Python "
        "process (os._exit, a crash in compiled code, or out of memory)"
    )


def run_stoppably(client: NotebookClient, env: dict) -> None:
    """``client.execute(env=env)`` in a worker thread, so that SIGTERM and Ctrl-C end it at once.

    nbclient, in the main thread, replaces SIGTERM's and SIGINT's handlers by
    its own, which shut the kernel down but let the run go on; in another thread
    it cannot install them.  Here the main thread only waits: a ``Stopped``
    (SIGTERM, see :func:`raise_stopped`) or ``KeyboardInterrupt`` ends the
    kernel's processes, waits up to ``WIND_UP`` seconds for nbclient to notice
    and clean up, and propagates.
    """
    failure: list = []
    done = threading.Event()  # not Thread.join: a signal interrupting join() marks a running thread stopped

    def work() -> None:
        try:
            asyncio.run(client.async_execute(env=env))
        except BaseException as error:  # handed to the main thread
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=work, name="nbclient", daemon=True).start()
    try:
        while not done.wait(0.2):
            pass
    except BaseException:
        deadline = time.monotonic() + WIND_UP
        while not done.is_set() and time.monotonic() < deadline:
            end_kernel(client)  # again and again: the kernel may still be starting
            done.wait(0.2)
        raise
    if failure:
        raise failure[0]


def end_kernel(client: NotebookClient) -> None:
    """Kill the kernel's process group, if it has started (it runs in a session of its own)."""
    provisioner = getattr(client.km, "provisioner", None)
    group = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
    if group:
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)


def raise_stopped(signum, frame) -> None:
    """SIGTERM's handler while ``make notebooks`` runs."""
    raise Stopped(signal.Signals(signum).name)


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


def read_notebook(path: Path) -> tuple[str, nbformat.NotebookNode]:
    """The text of the notebook at ``path`` and the notebook; ``NotebookFailed`` saying why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise NotebookFailed(f"NOT run, it is not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise NotebookFailed(f"NOT run, it cannot be read: {describe_error(error)}") from None
    try:
        return text, nbformat.reads(text, as_version=4)
    except Exception as error:  # not JSON, not a notebook
        raise NotebookFailed(f"NOT run, it is not a readable notebook: {describe_error(error)}") from None


def refresh(path: Path, timeout: int = CELL_TIMEOUT) -> bool:
    """Execute the notebook at ``path``, normalize it and write it back if it changed; return whether it did.

    Raises ``NotebookFailed`` (one line: the notebook cannot be read or written,
    or its kernel died), or nbclient's ``CellExecutionError`` or
    ``CellTimeoutError``; the file is then unchanged.
    """
    path = Path(path)
    before, nb = read_notebook(path)
    execute(nb, path.parent, timeout)
    after = canonical_json(normalize(nb, path.stem))
    if after == before:
        return False
    try:
        write_text_atomic(path, after)
    except OSError as error:
        raise NotebookFailed(f"NOT written, it ran but cannot be written: {describe_error(error)}") from None
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


def refresh_verdict(path: Path, timeout: int) -> tuple[bool, str]:
    """Refresh one notebook; return whether it failed and the line that says what happened to it."""
    try:
        return False, "changed" if refresh(path, timeout) else "unchanged"
    except CellExecutionError as error:
        return True, f"NOT written, a cell raised an error:\n{error}"
    except CellTimeoutError:
        return True, f"NOT written, a cell ran longer than --timeout ({timeout} s)"
    except NotebookFailed as error:
        return True, str(error) if str(error).startswith("NOT") else f"NOT written, {error}"
    except RuntimeError as error:  # nbclient's and jupyter_client's own: a kernel that never started, ...
        return True, f"NOT written, the kernel failed: {describe_error(error)}"


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    try:
        paths = resolve(arguments.notebooks)
    except ValueError as error:
        print(f"make notebooks: {error}", file=sys.stderr)
        return 2
    failed = []
    previous_handler = signal.signal(signal.SIGTERM, raise_stopped)
    try:
        for n, path in enumerate(paths):
            start = time.perf_counter()
            try:
                failure, verdict = refresh_verdict(path, arguments.timeout)
            except (Stopped, KeyboardInterrupt) as stop:
                why = str(stop) if isinstance(stop, Stopped) else "Ctrl-C (SIGINT)"
                print(f"{path.name}: NOT written, stopped by {why}; its kernel was ended", flush=True)
                left = ", ".join(p.name for p in paths[n + 1 :]) or "none"
                print(f"make notebooks: stopped; notebooks not run: {left}", file=sys.stderr, flush=True)
                return 143 if isinstance(stop, Stopped) else 130
            if failure:
                failed.append(path.name)
            print(f"{path.name}: {verdict} ({time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    if failed:
        print(f"make notebooks: {len(failed)} notebook(s) failed and were left as they were: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
