"""Export every notebook to a static HTML handout that renders offline.

Two sets are written (see ``tools/versions.py``): ``handouts/student/`` (no solutions, no
course checks: the one to share with students) and ``handouts/teacher/`` (solutions in, each
file called ``<name>.teacher.html`` and marked as the teacher's on the page). Each set is a
folder that works on its own: it has its own copy of the scripts.

Each handout shows the notebook's stored outputs and its widgets (from the
widget state saved in the notebook), and loads nothing from the internet:
require.js, the Jupyter widget manager, anywidget and MathJax are copied next
to the handouts from the npm packages that ``package.json`` pins.  The
step-size explorers (anywidgets) carry their runs in that state and draw them
in the browser, so their sliders and presets work in a handout too.

Usage (``make handouts`` runs ``npm ci`` first)::

    python -m tools.handouts [--notebooks notebooks] [--output handouts] [--node-modules node_modules]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from functools import partial
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from tools import versions
from tools._atomic import copy_file_atomic, describe_error, write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: What each handout loads, relative to the handout, and where it comes from in node_modules.
STATIC = "static"
REQUIRE_JS = f"{STATIC}/require.js"
WIDGET_RENDERER = f"{STATIC}/html-manager/embed-amd.js"
#: anywidget's AMD module, which the templates point require.js at (else the widget manager asks a CDN).
ANYWIDGET = f"{STATIC}/anywidget/index.js"
MATHJAX = f"{STATIC}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"

#: The parts of the mathjax package that the TeX-AMS_CHTML configuration loads.
MATHJAX_PARTS = (
    "MathJax.js",
    "config/TeX-AMS_CHTML-full.js",
    "config/Safe.js",
    "extensions",
    "jax/input/TeX",
    "jax/output/CommonHTML",
    "jax/element",
    "fonts/HTML-CSS/TeX/woff",
    "localization/en",
)


def copy_from_node_modules(node_modules: Path, sources: dict) -> None:
    """Copy each ``node_modules/<source>`` (a file or a folder) to its target path.

    ``sources`` maps a path inside ``node_modules`` to where it goes. Raises
    ``FileNotFoundError`` naming the missing package, with the command that
    installs it, if ``npm ci`` has not been run.
    """
    for source, target in sources.items():
        path = node_modules / source
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `npm ci` in {ROOT} (or `make handouts`)")
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            shutil.copytree(path, target, dirs_exist_ok=True, copy_function=copy_file_atomic)
        else:
            copy_file_atomic(path, target)


def copy_static_files(node_modules: Path, output: Path) -> None:
    """Copy require.js, the widget manager, anywidget and MathJax from ``node_modules`` into ``output/static``.

    Raises ``FileNotFoundError`` naming the missing package, with the command
    that installs it, if ``npm ci`` has not been run.
    """
    sources = {
        "requirejs/require.js": output / REQUIRE_JS,
        "@jupyter-widgets/html-manager/dist": output / STATIC / "html-manager",
        "anywidget/dist/index.js": output / ANYWIDGET,
    }
    sources.update({f"mathjax/{part}": output / STATIC / "mathjax" / part for part in MATHJAX_PARTS})
    copy_from_node_modules(node_modules, sources)


def use_local_scripts(exporter: HTMLExporter) -> HTMLExporter:
    """Point ``exporter``'s require.js, widget manager and MathJax at the copies in ``static/``."""
    exporter.require_js_url = REQUIRE_JS
    exporter.widget_renderer_url = WIDGET_RENDERER
    exporter.mathjax_url = MATHJAX
    return exporter


def handout_exporter() -> HTMLExporter:
    """An nbconvert HTML exporter whose scripts point at the local copies."""
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)], template_file="handout.html.j2")
    return use_local_scripts(exporter)


def read_run_notebook(notebook: Path):
    """The notebook at ``notebook``; a ``ValueError`` naming it if it cannot be read or has no stored outputs."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except OSError:
        raise
    except Exception as error:  # not UTF-8, not JSON, not a notebook
        raise ValueError(f"{notebook} cannot be read: {describe_error(error)}") from None
    if not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"):
        raise ValueError(f"{notebook} has no stored outputs: run it (Restart and Run All) before exporting")
    return nb


def version_resources(name: str, version: str) -> dict:
    """nbconvert resources for notebook ``name`` in ``version``: the templates show ``course_version.label``."""
    return {"metadata": {"name": name}, "course_version": {"name": version, "label": versions.LABELS[version]}}


def write_export(nb, name: str, exporter, target: Path, version: str = versions.TEACHER) -> Path:
    """Write ``nb`` (a notebook called ``name``, of ``version``) through ``exporter`` to ``target``; return it."""
    body, _ = exporter.from_notebook_node(nb, resources=version_resources(name, version))
    return write_text_atomic(target, body)


def versioned_notebook(notebook: Path, version: str):
    """The run notebook at ``notebook`` as ``version`` shows it, and the name its files take."""
    nb = versions.export_version(read_run_notebook(notebook), version)
    return nb, notebook.stem + versions.file_suffix(version)


def export_notebook(notebook: Path, output: Path, exporter: HTMLExporter, version: str = versions.TEACHER) -> Path:
    """Write ``output/<name>.html`` (``<name>.teacher.html`` for the teacher) from the stored outputs and widgets."""
    nb, name = versioned_notebook(notebook, version)
    return write_export(nb, name, exporter, output / f"{name}.html", version)


class NotAllExported(Exception):
    """Some notebooks could not be exported; the others were.

    ``problems`` has one line per notebook that failed (naming it), ``written`` the files written.
    """

    def __init__(self, written: list, problems: list):
        super().__init__("; ".join(problems))
        self.written, self.problems = written, problems


def export_every_notebook(notebooks: Path, output: Path, copy_static, export_one, make_exporter) -> list:
    """Export every ``*.ipynb`` in ``notebooks`` in every version; return the files written.

    Each version goes to ``output/<version>/``, where ``copy_static(folder)`` first copies the
    scripts the exports load (so that each set can be shared alone), then
    ``export_one(path, folder, exporter, version)`` writes each notebook with one ``make_exporter()``.
    A notebook that cannot be read or written does not stop the others: once they are all done,
    ``NotAllExported`` names each one that failed.  A folder that cannot be made stops the export.
    """
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks in {notebooks}")
    exporter = make_exporter()
    written, problems = [], []
    for version in versions.VERSIONS:
        folder = output / version
        folder.mkdir(parents=True, exist_ok=True)
        copy_static(folder)
        for path in paths:
            try:
                written.append(export_one(path, folder, exporter, version))
            except (OSError, ValueError) as error:
                problems.append(one_line(error))
    if problems:
        raise NotAllExported(written, list(dict.fromkeys(problems)))  # an unreadable notebook fails both versions
    return written


def report(tool: str, written: list, problems: list = ()) -> int:
    """Print the files written (relative to here where they can be) and, on stderr, one line per problem.

    Returns the tool's exit status: 1 if anything failed, 0 otherwise.
    """
    for path in written:
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    for problem in problems:
        print(f"make {tool}: {problem}", file=sys.stderr)
    return 1 if problems else 0


def export_handouts(notebooks: Path, output: Path, node_modules: Path) -> list:
    """Export every ``*.ipynb`` in ``notebooks`` to ``output/student/`` and ``output/teacher/``; return the handouts."""
    copy_static = partial(copy_static_files, node_modules)
    return export_every_notebook(notebooks, output, copy_static, export_notebook, handout_exporter)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--output", type=Path, default=ROOT / "handouts")
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args(argv)
    try:
        written = export_handouts(args.notebooks, args.output, args.node_modules)
    except NotAllExported as partly:
        return report("handouts", partly.written, partly.problems)
    except (OSError, ValueError) as error:
        return report("handouts", [], [one_line(error)])
    return report("handouts", written)


def one_line(error: Exception) -> str:
    """A tool's failure in one line, naming the file (a read-only folder, an unreadable notebook, ...)."""
    if isinstance(error, OSError) and error.strerror and error.filename:
        return f"cannot write or read {error.filename}: {error.strerror}"
    return " ".join(str(error).split()) or describe_error(error)  # the course's own errors name the file


if __name__ == "__main__":
    sys.exit(main())
