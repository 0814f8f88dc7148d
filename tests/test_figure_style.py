"""Every figure is readable from the back row and fits a 720-px screen; the math never draws.

Each builder below makes one of the notebooks' figures the way its cell does (same figure
size, same drawing function, small data), in the course style; the tests render it as
``helpers.figures.show`` would and read every text on it.
"""

import ast
import functools
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Text
from test_bad_input import SEED_B, SEED_W, SEED_X  # tests/ is on sys.path under pytest

import helpers
import helpers.exercises
from helpers import comparison
from helpers.figures import (
    COURSE_STYLE,
    MAX_HEIGHT_PX,
    MAX_WIDTH_PX,
    backprop_figures,
    comparison_plots,
    hot_and_cold_plots,
    loss_plots,
    plotting,
    png_size,
    render,
    use_course_style,
)

ROOT = Path(__file__).resolve().parents[1]

#: The style's smallest sizes, in points: every text, and a legend's entries.
MIN_TEXT_PT = 12.0
MIN_LEGEND_PT = 11.0


# ---------------------------------------------------------------------------------------------
# The math never imports matplotlib or ipywidgets.
# ---------------------------------------------------------------------------------------------


def _math_modules():
    """Every top-level module of helpers except the UI (``widgets``) and ``figures``, and helpers.exercises."""
    top = [
        f"helpers.{info.name}"
        for info in pkgutil.iter_modules(helpers.__path__)
        if info.name not in ("widgets", "figures")
    ]
    exercises = [f"helpers.exercises.{info.name}" for info in pkgutil.iter_modules(helpers.exercises.__path__)]
    return ["helpers"] + top + ["helpers.exercises"] + exercises


def test_the_math_modules_are_all_listed():
    modules = _math_modules()
    assert {"helpers.losses", "helpers.two_layer", "helpers.comparison", "helpers.exercises.losses"} <= set(modules)
    assert not any("figures" in name or "widgets" in name for name in modules)


#: One fresh interpreter imports every math module in turn and prints, after each, which of the two are loaded.
_PROBE = """import importlib, json, sys
loaded = {}
for module in sys.argv[1:]:
    importlib.import_module(module)
    loaded[module] = [name for name in ('matplotlib', 'ipywidgets') if name in sys.modules]
print(json.dumps(loaded))"""


@functools.cache
def _loaded_after_importing_each_math_module() -> dict:
    """``{module: [names loaded once it was imported]}``, from one interpreter (not one per module).

    The modules are imported in turn, so a module that brings matplotlib in shows it, and so does
    every module after it: the test of the first one to show it names the culprit.
    """
    command = [sys.executable, "-c", _PROBE, *_math_modules()]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", _math_modules())
def test_a_math_module_imports_neither_matplotlib_nor_ipywidgets(module):
    loaded = _loaded_after_importing_each_math_module()[module]
    assert loaded == [], f"importing {module} (after the math modules before it) loaded {loaded}"


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for p in (ROOT / "helpers").rglob("*.py")
        if "figures" not in p.relative_to(ROOT).parts and p.name != "widgets.py"
    ),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_math_source_names_matplotlib_or_ipywidgets_in_an_import(path):
    """Also an import inside a function, which the subprocess test above would not see."""
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in ("matplotlib", "ipywidgets"), f"{path.name} imports {name}"
            assert "figures" not in name.split(".") and name.split(".")[-1] != "widgets", f"{path.name} imports {name}"


# ---------------------------------------------------------------------------------------------
# The course style.
# ---------------------------------------------------------------------------------------------


def _style_file_params():
    return matplotlib.rc_params_from_file(COURSE_STYLE, use_default_template=False)


@pytest.fixture
def restore_rc():
    saved = matplotlib.rcParams.copy()
    yield
    matplotlib.rcParams.update(saved)


def test_use_course_style_applies_the_file_whatever_was_set_before(restore_rc):
    plt.style.use("dark_background")
    matplotlib.rcParams.update(
        {
            "font.size": 5,
            "lines.linewidth": 0.2,
            "legend.fontsize": 4,
            "axes.prop_cycle": matplotlib.cycler(color=["red", "green"]),
            "axes.titlesize": "xx-small",
            "xtick.labelsize": 3,
            "axes.facecolor": "pink",
            "lines.dashed_pattern": [1, 1],
        }
    )
    use_course_style()
    for key, value in _style_file_params().items():
        assert matplotlib.rcParams[key] == value, key
    # and what the file does not set is matplotlib's own default, not the reader's setting
    assert matplotlib.rcParams["axes.facecolor"] == "white"
    assert matplotlib.rcParams["lines.dashed_pattern"] == matplotlib.rcParamsDefault["lines.dashed_pattern"]


def test_the_style_file_sets_readable_sizes_and_a_colour_blind_safe_cycle():
    params = _style_file_params()
    assert params["font.size"] >= MIN_TEXT_PT and params["legend.fontsize"] >= MIN_LEGEND_PT
    for key in ("axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize"):
        assert params[key] >= MIN_TEXT_PT, key
    assert params["lines.linewidth"] >= 2
    cycle = params["axes.prop_cycle"].by_key()
    assert cycle["color"][:3] == ["#0072B2", "#D55E00", "#009E73"]  # Okabe-Ito
    # no two entries of the cycle differ by colour alone
    pairs = list(zip(cycle["linestyle"], cycle["marker"], strict=True))
    assert len(set(pairs)) == len(pairs)


def test_the_style_file_ships_with_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"helpers.figures"' in pyproject and "course.mplstyle" in pyproject and '"helpers.exercises"' in pyproject


def test_every_notebook_applies_the_course_style_and_shows_with_figures_show():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = [
            "".join(cell["source"]) for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"
        ]
        first_with_helpers = next(source for source in cells if "import helpers" in source)
        assert "helpers.figures.use_course_style()" in first_with_helpers, path.name
        for source in cells:
            assert "plt.show()" not in source and "helpers.plotting" not in source, path.name
            if "plt.subplots" in source or "plt.figure(" in source:
                assert "helpers.figures.show(fig)" in source, path.name


# ---------------------------------------------------------------------------------------------
# Every figure: text at least the style's sizes, and the shown picture fits the screen.
# ---------------------------------------------------------------------------------------------


def _unit_problem():
    x = np.linspace(-2.0, 2.0, 5).reshape(1, -1)
    y = np.array([[0.1, 0.2, 0.5, 0.8, 0.9]])
    return x, y, np.array([[0.0]]), np.array([-1.0])


def _losses_against_prediction():
    fig, axes = plt.subplots(1, 2, figsize=(9.7, 4.4))
    for ax, y in zip(axes, [0.0, 1.0], strict=True):
        loss_plots.plot_losses_against_prediction(ax, y)
    return fig


def _gradients_against_z():
    fig, ax = plt.subplots(figsize=(9.2, 4.4))
    loss_plots.plot_gradients_against_z(ax, 1.0, np.linspace(-15, 15, 301))
    return fig


def _network():
    fig, ax = plt.subplots(figsize=(8, 5))
    loss_plots.draw_network(ax, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [1, 2], x=[1, 2, 3])
    ax.set_title("The seed's network: one layer, 3 inputs → 2 sigmoid units")
    return fig


def _sigmoid_reach():
    fig, ax = plt.subplots(figsize=(9.2, 4.4))
    loss_plots.plot_sigmoid_reach(ax, [0.95, 1.23])
    ax.set_title("The seed's targets against the sigmoid's range (0, 1)")
    return fig


def _weight_runs():
    from helpers import one_weight

    runs = {rule: one_weight.run(0.5, x=0.5, y=0.8, s=0.25, iterations=40, rule=rule) for rule in one_weight.RULES}
    fig, (ax_all, ax_end) = plt.subplots(1, 2, figsize=(9.7, 4.6))
    hot_and_cold_plots.plot_weight_runs(ax_all, runs, goal=1.6, title="All iterations")
    hot_and_cold_plots.plot_weight_runs(ax_end, runs, goal=1.6, first=30, title="Zoomed in")
    return fig


def _compare_runs():
    x, y, W, b = SEED_X, np.array([0.95, 0.99]), SEED_W, SEED_B
    runs = {
        nudge: helpers.hot_and_cold(x, W, b, y, step=0.005, epochs=20, nudge=nudge) for nudge in ("together", "each")
    }
    fig, axes = plt.subplots(1, 2, figsize=(9.7, 4.6))
    hot_and_cold_plots.compare_runs(axes, runs, floor=0.0, log_y=False, title="target [0.95, 0.99]")
    return fig


def _seed_cost_against_its_mse():
    x, W, b, y = SEED_X, SEED_W, SEED_B, [0.95, 1.23]
    epochs, step = 30, 0.005
    together = helpers.hot_and_cold(x, W, b, y, step=step, epochs=epochs, nudge="together")
    path = [
        helpers.mean_squared_error(y, helpers.sigmoid_layer(x, W + k * step, b + k * step))
        for k in range(1, epochs + 1)
    ]
    costs = [2 * value + 0.05 for value in path]  # a stand-in for the seed's printed cost: only its drawing is tested
    fig, axes = plt.subplots(1, 2, figsize=(9.7, 4.6))
    hot_and_cold_plots.seed_cost_against_its_mse(
        axes, costs, path, together.losses, floor=0.0265, best_epoch=int(np.argmin(path)) + 1
    )
    return fig


def _decision_boundary():
    X, Y = helpers.make_xor(5)
    fig, ax = plt.subplots(figsize=(5.5, 5))
    plotting.plot_decision_boundary(ax, helpers.init_two_layer(2, 3, 1, seed=0), X, Y, resolution=30)
    ax.set_title("n_hidden = 1, trained: one straight line")
    return fig


def _training_panels():
    X, Y = helpers.make_xor(5)
    params = helpers.init_two_layer(2, 3, 1, seed=0)
    fig, axes = plt.subplot_mosaic([["before", "after"], ["loss", "loss"]], figsize=(9.7, 7.0), height_ratios=(3, 2))
    plotting.plot_decision_boundary(axes["before"], params, X, Y, resolution=30)
    losses = helpers.gradient_descent(params, X, Y, step=1.0, epochs=30)
    plotting.plot_decision_boundary(axes["after"], params, X, Y, resolution=30)
    plotting.plot_loss_curve(axes["loss"], losses, marker="none")
    plotting.label_loss_axes(axes["loss"], ylabel="mean cross-entropy", title="step = 1.0", log_y=True)
    return fig


def _backprop_graph():
    fig = plt.figure(figsize=(9.7, 4))
    backprop_figures.draw_backprop_graph(fig.add_axes((0, 0, 1, 1)))
    return fig


def _numbers_graph():
    params = {
        "W1": np.array([[0.3, 0.8], [0.6, -0.5]]),
        "b1": np.array([[-0.4], [0.7]]),
        "W2": np.array([[-1.0, 0.6]]),
        "b2": np.array([[0.6]]),
    }
    fig = plt.figure(figsize=(9.7, 6.6))
    backprop_figures.draw_numbers_graph(fig.add_axes((0, 0, 1, 1)), params, [1.0, 0.5], 1.0)
    return fig


def _paths_on_surface():
    x, y, W, b = _unit_problem()
    w_values, b_values = np.linspace(-1, 3, 20), np.linspace(-2, 2, 20)
    surface = comparison.layer_loss_grid(x, y, w_values, b_values)
    rules = {
        "hot and cold, together": lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1),
        "hot and cold, each": lambda W_, b_: helpers.hot_and_cold(x, W_, b_, y, step=0.1, epochs=1, nudge="each"),
        "gradient descent": lambda W_, b_: helpers.layer_gradient_descent(x, W_, b_, y, step=2.0, epochs=1),
    }
    paths = {name: comparison.trace_path(rule, W, b, 4) for name, rule in rules.items()}
    fig, ax = plt.subplots(figsize=(8, 6))
    comparison_plots.draw_paths_on_surface(
        fig, ax, w_values, b_values, surface, paths, start=(0.0, -1.0), minimum=(1.0, 0.0), epochs=4
    )
    return fig


def _best_runs():
    X, Y = helpers.make_xor(5)
    params = helpers.init_two_layer(2, 3, 1, seed=0)
    hc = helpers.hot_and_cold_two_layer(params, X, Y, step=0.1, epochs=3, nudge="each")
    gd = helpers.gradient_descent({k: v.copy() for k, v in params.items()}, X, Y, step=1.0, epochs=10)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.7, 4.6))
    comparison_plots.draw_best_runs(
        left, right, hc, gd, labels=("hot and cold, each (s = 0.1)", "gradient descent (alpha = 1)"), levels=(0.5,)
    )
    return fig


def _cost_and_measured():
    measured = {
        "hot and cold": np.array([[np.inf, np.inf, 289.0], [511.0, 409.0, np.inf]]),
        "gradient descent": np.array([[501.0, 283.0, 299.0], [295.0, 281.0, 215.0]]),
    }
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.7, 5))
    comparison_plots.draw_cost_growth(left, [9, 17, 33, 65], title="Counted: forward passes per update")
    comparison_plots.draw_measured_over_seeds(
        right,
        [9, 17],
        measured,
        labels={"hot and cold": "hot and cold, each (s = 0.1)", "gradient descent": "gradient descent (alpha = 1)"},
        budget=5000,
        target=0.1,
    )
    return fig


FIGURES = {
    "01 losses against h": _losses_against_prediction,
    "01 gradients against z": _gradients_against_z,
    "02 network diagram": _network,
    "02 sigmoid reach": _sigmoid_reach,
    "03 weight runs": _weight_runs,
    "03 compare runs": _compare_runs,
    "03 seed cost against its MSE": _seed_cost_against_its_mse,
    "04 decision boundary": _decision_boundary,
    "04 training panels": _training_panels,
    "04 backprop graph": _backprop_graph,
    "04 numbers graph": _numbers_graph,
    "05 paths on surface": _paths_on_surface,
    "05 best runs": _best_runs,
    "05 cost and measured": _cost_and_measured,
}


@pytest.fixture
def course_style(restore_rc):
    use_course_style()


def _shown(build):
    """Build the figure in a tight layout, render it like ``show`` does; return the figure and its PNG size."""
    fig = build()
    if not fig.get_axes() or fig.get_axes()[0].get_position().x0 > 0.0:
        fig.tight_layout()
    size = png_size(render(fig))  # also creates every tick label at its final place
    return fig, size


@functools.cache
def _shown_in_course_style(name):
    """``_shown(FIGURES[name])`` in the course style, built and rendered once for the tests that only read it.

    The figure is closed in pyplot (the tests read its artists; nothing draws it again), and the
    style is undone afterwards, so the cache leaves no state behind but the figure objects.
    """
    with matplotlib.rc_context():
        use_course_style()
        fig, size = _shown(FIGURES[name])
    plt.close(fig)
    return fig, size


@pytest.mark.parametrize("name", FIGURES)
def test_every_text_is_at_least_the_style_size(name):
    fig, _ = _shown_in_course_style(name)
    legend_texts = {id(text) for legend in fig.findobj(matplotlib.legend.Legend) for text in legend.get_texts()}
    texts = [text for text in fig.findobj(Text) if text.get_visible() and text.get_text().strip()]
    assert texts
    for text in texts:
        if not text.get_window_extent().overlaps(fig.bbox):
            continue  # a tick label the axes do not show
        least = MIN_LEGEND_PT if id(text) in legend_texts else MIN_TEXT_PT
        assert text.get_fontsize() >= least, f"{name}: {text.get_text()!r} is {text.get_fontsize()} pt"


@pytest.mark.parametrize("name", FIGURES)
def test_every_marker_only_artist_draws_every_point(name):
    """The style thins markers on long curves (``markevery``); a scatter of lone points must keep them all."""
    fig, _ = _shown_in_course_style(name)
    for line in (line for ax in fig.axes for line in ax.get_lines()):  # not the axes' tick marks
        if line.get_linestyle() == "None" and line.get_marker() not in (None, "None", "none", ""):
            assert line.get_markevery() == 1, f"{name}: {line.get_label()!r} thins its markers"


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_fits_the_screen_at_the_notebook_dpi(name):
    _, (width, height) = _shown_in_course_style(name)
    assert width <= MAX_WIDTH_PX and height <= MAX_HEIGHT_PX, f"{name}: {width}x{height} px"


def test_show_refuses_a_figure_taller_than_the_screen(course_style):
    fig, ax = plt.subplots(figsize=(5, 10))
    ax.plot([0, 1], [0, 1])
    with pytest.raises(ValueError, match="720"):
        plotting.show(fig)


def test_decision_boundary_has_a_class_legend_and_a_colour_bar(course_style):
    fig = _decision_boundary()
    ax, colorbar_ax = fig.axes
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["class 0 ($y = 0$)", "class 1 ($y = 1$)"]
    markers = {
        collection.get_label(): collection.get_paths()[0]
        for collection in ax.collections
        if collection.get_label().startswith("class")
    }
    assert len(markers) == 2 and not np.array_equal(*(path.vertices.shape for path in markers.values()))
    assert "output" in colorbar_ax.get_ylabel()
    plt.close(fig)


def _label_frame(label, renderer):
    """``(anchor, angle, width, height)`` of a rotated label in display pixels: its own box, not the
    axis-aligned box around the rotated text (which matplotlib versions compute differently)."""
    upright = label.axes.text(0, 0, label.get_text(), fontsize=label.get_fontsize(), rotation=0)
    extent = upright.get_window_extent(renderer)
    upright.remove()
    anchor = label.axes.transData.transform(label.get_position())
    return anchor, np.radians(label.get_rotation()), extent.width, extent.height


def test_network_weight_labels_do_not_sit_on_another_arrow(course_style):
    """Every weight label's box is crossed by no arrow but its own (02's diagram, issue 9)."""
    fig = _network()
    fig.tight_layout()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    arrows = [annotation for annotation in ax.texts if isinstance(annotation, matplotlib.text.Annotation)]
    labels = [text for text in ax.texts if text.get_text().startswith("$W_")]
    assert len(labels) == len(arrows) == 6
    to_display = ax.transData.transform
    for label, own in zip(labels, arrows, strict=True):
        anchor, angle, width, height = _label_frame(label, renderer)
        # The label is centred on its anchor and sits above it (ha="center", va="bottom", rotation_mode="anchor").
        rotate_back = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
        for arrow in arrows:
            if arrow is own:
                continue
            start, end = to_display(arrow.xyann), to_display(arrow.xy)
            points = start + np.linspace(0, 1, 400)[:, None] * (end - start)
            local = (points - anchor) @ rotate_back.T
            inside = (np.abs(local[:, 0]) < width / 2 - 1) & (local[:, 1] > 1) & (local[:, 1] < height - 1)
            assert not np.any(inside), f"{label.get_text()} sits on another arrow"
    plt.close(fig)
