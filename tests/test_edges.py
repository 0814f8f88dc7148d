"""Helpers keep the contract at the edges (issue 17, item 4).

Every public function of ``helpers`` either raises a ``TypeError`` / ``ValueError`` that names the argument,
or returns a correct, finite result, for huge Python ints (``10**400``), signed zeros, subnormals, ``np.timedelta64``,
malformed shapes and sizes that would not fit in memory; and none of them depends on ``np.seterr``.

``EDGE_CASES`` lists a valid call of every public function and the arguments a caller may spoil;
``test_every_public_function_is_fuzzed`` enumerates the package, so a function added without a row here
(or in one of the older fuzz tables it reads) fails the suite.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import inspect
import math
import warnings

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays
from matplotlib.figure import Figure
from test_bad_input import CASES as BAD_INPUT_CASES  # tests/ is on sys.path under pytest
from test_bad_input import SEED_B, SEED_W, SEED_X
from test_bad_input_figures import CASES as FIGURE_CASES
from test_one_weight import VALID as ONE_WEIGHT_CASES

import helpers
from helpers import (
    TrainingDiverged,
    activations,
    comparison,
    data,
    layer,
    losses,
    one_weight,
    training,
    two_layer,
    widgets,
)
from helpers.figures import backprop_figures, comparison_plots, hot_and_cold_plots, plotting, style

matplotlib.use("Agg")

# helpers.hot_and_cold and helpers.gradient_check are also the names of functions: reach the modules by name.
hot_and_cold_module = importlib.import_module("helpers.hot_and_cold")
gradient_check = importlib.import_module("helpers.gradient_check")

PARAMS = helpers.init_two_layer(2, 2, 1, seed=0)
X, Y = helpers.XOR_X, helpers.XOR_Y
CACHE = helpers.forward(PARAMS, X)[1]
RUN = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, [0.95, 0.99], step=0.01, epochs=3)
GD_LOSSES = [0.7, 0.9, 0.3, 0.1, 0.05, 0.04]
COUNTS = {"hot and cold": np.array([[300.0, np.inf]]), "gradient descent": np.array([[100.0, 120.0]])}
FIGURE = Figure(figsize=(4, 3))
FIGURE.add_subplot().plot([0, 1], [1, 0])


WEIGHT_RUNS = {rule: one_weight.run(0.5, x=0.5, y=0.8, s=0.25, iterations=4, rule=rule) for rule in one_weight.RULES}
SMALL = {
    name: np.random.default_rng(7).uniform(-1, 1, size=shape).round(1)
    for name, shape in {"W1": (2, 2), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}.items()
}
W_VALUES, B_VALUES = np.linspace(-1, 3, 6), np.linspace(-2, 2, 5)
SURFACE = comparison.layer_loss_grid([[0.0, 1.0]], [[0.2, 0.8]], W_VALUES, B_VALUES)
PATH_NAMES = ("hot and cold, together", "hot and cold, each", "gradient descent")


def explorer_train(step, epochs):
    """A run for an explorer: the loss falls at every epoch, faster for a larger step."""
    return 0.7 * np.exp(-np.log1p(step) * np.arange(epochs + 1))


SENT_RUNS = [
    {"losses": [0.7, 0.5, 0.3], "diverged_at": None, "chaotic_from": None},
    {"losses": [0.7, 1.5], "diverged_at": 2, "chaotic_from": None},
]


def one_epoch(W, b):
    return helpers.hot_and_cold([[1.0]], W, b, [[0.8]], step=0.5, epochs=1, nudge="each")


# name -> (function, a valid call's keyword arguments, the arguments to spoil)
EDGE_CASES = {
    # activations, losses
    "sigmoid": (activations.sigmoid, {"z": SEED_X}, "z"),
    "sigmoid_derivative": (activations.sigmoid_derivative, {"z": SEED_X}, "z"),
    "mean_squared_error": (losses.mean_squared_error, {"y": [0.5, 0.5], "h": [0.4, 0.6]}, "y h"),
    "sum_squared_error": (losses.sum_squared_error, {"y": [0.5, 0.5], "h": [0.4, 0.6]}, "y h"),
    "binary_cross_entropy": (losses.binary_cross_entropy, {"y": [0.0, 1.0], "h": [0.4, 0.6]}, "y h"),
    "binary_cross_entropy_from_logits": (
        losses.binary_cross_entropy_from_logits,
        {"y": [0.0, 1.0], "z": [-2.0, 3.0]},
        "y z",
    ),
    # layer
    "sigmoid_layer": (layer.sigmoid_layer, {"x": SEED_X, "W": SEED_W, "b": SEED_B}, "x W b"),
    "sigmoid_layer_gradient": (
        layer.sigmoid_layer_gradient,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.9, 0.9]},
        "x W b y",
    ),
    "check_layer_arguments": (layer.check_layer_arguments, {"x": SEED_X, "W": SEED_W, "b": SEED_B}, "x W b"),
    "check_layer_targets": (layer.check_layer_targets, {"y": [0.9, 0.9], "x": SEED_X, "W": SEED_W}, "y"),
    # training, hot and cold
    "gradient_descent": (
        training.gradient_descent,
        {"params": PARAMS, "X": X, "Y": Y, "step": 0.1, "epochs": 2},
        "params X Y step epochs",
    ),
    "layer_gradient_descent": (
        training.layer_gradient_descent,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.95, 0.99], "step": 0.01, "epochs": 2},
        "x W b y step epochs",
    ),
    "check_trainable": (training.check_trainable, {"params": PARAMS}, ""),  # its argument: see the test below
    "hot_and_cold": (
        hot_and_cold_module.hot_and_cold,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.95, 0.99], "step": 0.01, "epochs": 2, "nudge": "each"},
        "x W b y step epochs nudge",
    ),
    "hot_and_cold_two_layer": (
        hot_and_cold_module.hot_and_cold_two_layer,
        {"params": PARAMS, "X": X, "Y": Y, "step": 0.1, "epochs": 1},
        "params X Y step epochs",
    ),
    # gradient check, two layers
    "numerical_gradient": (
        gradient_check.numerical_gradient,
        {"params": PARAMS, "X": X, "Y": Y, "eps": 1e-5},
        "params X Y eps",
    ),
    "gradient_check": (gradient_check.gradient_check, {"params": PARAMS, "X": X, "Y": Y, "eps": 1e-5}, "X Y eps"),
    "relative_error": (gradient_check.relative_error, {"a": {"W1": np.ones(2)}, "b": {"W1": np.ones(2)}}, "a b"),
    "init_two_layer": (
        two_layer.init_two_layer,
        {"n_in": 2, "n_hidden": 3, "n_out": 1, "seed": 0},
        "n_in n_hidden n_out seed",
    ),
    "check_params": (two_layer.check_params, {"params": PARAMS}, "params"),
    "check_inputs": (two_layer.check_inputs, {"X": X, "params": PARAMS}, "X"),
    "check_targets": (two_layer.check_targets, {"Y": Y, "params": PARAMS, "m": 4}, "Y"),
    "check_problem": (two_layer.check_problem, {"params": PARAMS, "X": X, "Y": Y}, "params X Y"),
    "forward": (two_layer.forward, {"params": PARAMS, "X": X}, "params X"),
    "two_layer_loss": (two_layer.two_layer_loss, {"params": PARAMS, "X": X, "Y": Y}, "params X Y"),
    "backward": (two_layer.backward, {"params": PARAMS, "cache": CACHE, "Y": Y}, "params cache Y"),
    "check_cache": (two_layer.check_cache, {"cache": CACHE, "params": PARAMS}, "cache"),
    "predict": (two_layer.predict, {"params": PARAMS, "X": X}, "params X"),
    # data
    "make_xor": (data.make_xor, {"n_per_corner": 2, "noise": 0.1, "seed": 0}, "n_per_corner noise seed"),
    # one weight
    "loss": (one_weight.loss, {"w": 0.5, "x": 0.5, "y": 0.8}, "w x y"),
    "loss_derivative": (one_weight.loss_derivative, {"w": [0.5, 1.0], "x": 0.5, "y": 0.8}, "w x y"),
    "nudge_slope": (one_weight.nudge_slope, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001}, "w x y s"),
    "step": (one_weight.step, {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "rule": "always"}, "w x y s rule"),
    "run": (
        one_weight.run,
        {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "iterations": 3, "rule": "if_better"},
        "w x y s iterations rule",
    ),
    "descend": (
        one_weight.descend,
        {"w": 0.5, "x": 0.5, "y": 0.8, "s": 0.001, "alpha": 1.0, "iterations": 3},
        "w x y s alpha iterations",
    ),
    "goal_weight": (one_weight.goal_weight, {"x": 0.5, "y": 0.8}, "x y"),
    # comparison
    "trace_path": (
        comparison.trace_path,
        {"train_one_epoch": one_epoch, "W": [[0.0]], "b": [0.0], "epochs": 2},
        "train_one_epoch W b epochs",
    ),
    "each_staircase": (comparison.each_staircase, {"path": [[0.0, 0.0], [0.5, 0.5]]}, "path"),
    "layer_loss_grid": (
        comparison.layer_loss_grid,
        {"x": [[0.0, 1.0]], "y": [[0.2, 0.8]], "w_values": [0.0, 1.0], "b_values": [-1.0, 0.0, 1.0]},
        "x y w_values b_values",
    ),
    "hot_and_cold_work": (comparison.hot_and_cold_work, {"result": RUN}, "result"),
    "gradient_descent_work": (
        comparison.gradient_descent_work,
        {"losses": GD_LOSSES, "backward_cost": 1},
        "losses backward_cost",
    ),
    "passes_to_reach": (
        comparison.passes_to_reach,
        {"passes": [1, 3, 5], "losses": [0.7, 0.4, 0.1], "level": 0.5},
        "passes losses level",
    ),
    "parameter_count": (comparison.parameter_count, {"n_in": 2, "n_hidden": 4, "n_out": 1}, "n_in n_hidden n_out"),
    "passes_per_update": (comparison.passes_per_update, {"P": 17}, "P"),
    "copy_params": (comparison.copy_params, {"params": PARAMS}, "params"),
    "sweeps_in_budget": (comparison.sweeps_in_budget, {"P": 9, "budget": 100}, "P budget"),
    "updates_in_budget": (comparison.updates_in_budget, {"budget": 100}, "budget"),
    "hot_and_cold_run": (
        comparison.hot_and_cold_run,
        {"params": PARAMS, "X": X, "Y": Y, "step": 0.1, "budget": 40},
        "params X Y step budget",
    ),
    "gradient_descent_run": (
        comparison.gradient_descent_run,
        {"params": PARAMS, "X": X, "Y": Y, "step": 0.1, "budget": 9},
        "params X Y step budget",
    ),
    "frozen_after": (comparison.frozen_after, {"run": RUN}, "run"),
    "describe_descent": (comparison.describe_descent, {"losses": GD_LOSSES}, "losses"),
    "final_loss_text": (comparison.final_loss_text, {"losses": GD_LOSSES}, "losses"),
    "show_count": (comparison.show_count, {"count": 2115}, "count"),
    "compare_steps": (
        comparison.compare_steps,
        {"params": PARAMS, "X": X, "Y": Y, "hc_steps": [0.1], "gd_steps": [1.0], "budget": 40, "target": 0.5},
        "params X Y hc_steps gd_steps budget target",
    ),
    "reach_over_seeds": (
        comparison.reach_over_seeds,
        {
            "X": X,
            "Y": Y,
            "n_hidden_values": [2],
            "seeds": [0],
            "hc_step": 0.1,
            "gd_step": 1.0,
            "budget": 40,
            "target": 0.5,
        },
        "X Y n_hidden_values seeds hc_step gd_step budget target",
    ),
    "spread": (comparison.spread, {"counts": [[300.0, 200.0, np.inf]]}, "counts"),
    "seed_table": (comparison.seed_table, {"counts": COUNTS, "n_hidden_values": [2]}, "counts n_hidden_values"),
    # figures: showing, and the course style
    "show": (plotting.show, {"figure": FIGURE, "dpi": 50}, "figure dpi"),
    "render": (plotting.render, {"figure": FIGURE, "dpi": 50}, "figure dpi"),
    "check_figure": (plotting.check_figure, {"figure": FIGURE}, "figure"),
    "check_dpi": (plotting.check_dpi, {"figure": FIGURE, "dpi": 100}, "dpi"),
    "png_size": (plotting.png_size, {"png": plotting.render(FIGURE, 30)}, "png"),
    "sequential_colors": (style.sequential_colors, {"n": 3}, "n"),
    "check_figure_size": (style.check_figure_size, {"width_px": 640, "height_px": 480}, "width_px height_px"),
    "use_course_style": (style.use_course_style, {}, ""),
    # widgets: the explorer's pure functions, and the explorers (each trains every slider position when built)
    "format_loss": (widgets.format_loss, {"loss": 5.6e-4}, "loss"),
    "format_step": (widgets.format_step, {"step": 0.003}, "step"),
    "first_divergence": (widgets.first_divergence, {"losses": [0.7, 0.5, 7.5], "cap": 1.0}, "losses cap"),
    "summarize_run": (
        widgets.summarize_run,
        {"step": 0.1, "losses": [0.7, 0.5], "symbol": "α", "diverged_at": None, "chaotic_from": None},
        "step losses symbol diverged_at chaotic_from",
    ),
    "log_slider_range": (widgets.log_slider_range, {"min_step": 0.1, "max_step": 1.0}, "min_step max_step"),
    "loss_axis": (widgets.loss_axis, {"lowest": 2.4e-9, "highest": 1.1e-3}, "lowest highest"),
    "log_ticks": (widgets.log_ticks, {"bottom": 1e-10, "top": 1.1e-3, "most": 7}, "bottom top most"),
    "linear_ticks": (widgets.linear_ticks, {"bottom": 0.0, "top": 1.4, "most": 6}, "bottom top most"),
    "tick_label": (widgets.tick_label, {"value": 1e-9, "log": True}, "value log"),
    "step_options": (
        widgets.step_options,
        {"min_step": 1e-3, "max_step": 0.1, "extra": [0.007]},
        "min_step max_step extra",
    ),
    "round_losses": (widgets.round_losses, {"losses": [5.6043e-4, 0.69314718]}, "losses"),
    "agreed_length": (
        widgets.agreed_length,
        {"losses": [0.7, 0.5, 0.3], "other": [0.7, 0.5, 0.31], "tolerance": 1e-3},
        "losses other tolerance",
    ),
    "check_epoch_range": (widgets.check_epoch_range, {"epochs": 3, "max_epochs": 5}, "epochs max_epochs"),
    "check_presets": (
        widgets.check_presets,
        {"presets": {"good": 0.003}, "min_step": 1e-4, "max_step": 1.0},
        "presets min_step max_step",
    ),
    "fixed_axis": (widgets.fixed_axis, {"runs": SENT_RUNS, "cap": None, "loss_name": "loss"}, "runs cap"),
    "StepSizeExplorer": (
        widgets.StepSizeExplorer,
        {
            "train": explorer_train,
            "step": 0.5,
            "min_step": 0.1,
            "max_step": 1.0,
            "epochs": 3,
            "max_epochs": 4,
            "presets": {"good": 0.2},
            "cap": 2.0,
        },
        "train step min_step max_step epochs max_epochs presets cap",
    ),
    "hot_and_cold_explorer": (
        widgets.hot_and_cold_explorer,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.95, 0.99], "step": 0.01, "epochs": 2, "min_step": 1e-3},
        "x W b y step epochs min_step max_step cap",
    ),
    "gradient_descent_explorer": (
        widgets.gradient_descent_explorer,
        {"X": X, "Y": Y, "n_hidden": 2, "step": 1.0, "epochs": 2, "seed": 0, "min_step": 0.1},
        "X Y n_hidden step epochs seed min_step max_step cap",
    ),
}

# The figures the notebooks draw (each on axes of its own, made afresh for every call): owned by the classroom
# branch (i15).  Their valid calls run here, and 16 of them are fuzzed with bad values in test_bad_input_figures;
# their edges are NOT fuzzed yet (see test_known_raw_errors_of_the_drawing_functions at the end).
DRAWING_CASES = {
    "label_loss_axes": (plotting.label_loss_axes, {"ax": "AX", "title": "t", "log_y": True}, "ax legend"),
    "place_legend": (plotting.place_legend, {"ax": "AX", "where": "below"}, "ax where"),
    "draw_floor": (hot_and_cold_plots.draw_floor, {"ax": "AX", "floor": 0.1}, "ax floor"),
    "compare_runs": (
        hot_and_cold_plots.compare_runs,
        {"axes": "AXES", "runs": {"together": RUN, "each": RUN}, "floor": 0.0},
        "axes runs floor",
    ),
    "seed_cost_against_its_mse": (
        hot_and_cold_plots.seed_cost_against_its_mse,
        {
            "axes": "AXES",
            "seed_costs": [0.15, 0.13, 0.12],
            "seed_path": [0.028, 0.027, 0.0272],
            "corrected": [0.03, 0.028, 0.027, 0.0269],
            "floor": 0.0265,
            "best_epoch": 2,
        },
        "axes seed_costs seed_path corrected floor best_epoch",
    ),
    "plot_weight_runs": (
        hot_and_cold_plots.plot_weight_runs,
        {"ax": "AX", "runs": WEIGHT_RUNS, "goal": 1.6, "first": 1},
        "ax runs goal first",
    ),
    "draw_backprop_graph": (backprop_figures.draw_backprop_graph, {"ax": "AX"}, "ax"),
    "one_example_numbers": (
        backprop_figures.one_example_numbers,
        {"params": SMALL, "x": [1.0, 0.5], "y": 1.0},
        "params x y",
    ),
    "draw_numbers_graph": (
        backprop_figures.draw_numbers_graph,
        {"ax": "AX", "params": SMALL, "x": [1.0, 0.5], "y": 1.0},
        "ax params x y",
    ),
    "draw_loss_surface": (
        comparison_plots.draw_loss_surface,
        {"ax": "AX", "w_values": W_VALUES, "b_values": B_VALUES, "losses": SURFACE, "levels": 5},
        "ax w_values b_values losses levels",
    ),
    "draw_path": (
        comparison_plots.draw_path,
        {"ax": "AX", "points": [[0.0, -1.0], [0.5, -0.5]], "label": "p"},
        "ax points",
    ),
    "mark_point": (comparison_plots.mark_point, {"ax": "AX", "point": (1.0, 0.5), "label": "m"}, "ax point"),
    "draw_work_curves": (
        comparison_plots.draw_work_curves,
        {"ax": "AX", "curves": {"gd": ([1, 3, 5], [0.7, 0.5, 0.3])}, "levels": (0.5,)},
        "ax curves levels",
    ),
    "draw_passes_to_reach": (
        comparison_plots.draw_passes_to_reach,
        {"ax": "AX", "parameter_counts": [9, 17], "passes": [None, 511], "label": "hc", "budget": 5000},
        "ax parameter_counts passes budget",
    ),
    "draw_cost_growth": (
        comparison_plots.draw_cost_growth,
        {"ax": "AX", "parameter_counts": [9, 17]},
        "ax parameter_counts",
    ),
    "draw_seed_counts": (
        comparison_plots.draw_seed_counts,
        {"ax": "AX", "parameter_counts": [9, 17], "counts": [[300, np.inf], [200, 250]]},
        "ax parameter_counts counts",
    ),
    "draw_paths_on_surface": (
        comparison_plots.draw_paths_on_surface,
        {
            "fig": "FIG",
            "ax": "AX",
            "w_values": W_VALUES,
            "b_values": B_VALUES,
            "surface": SURFACE,
            "paths": {name: np.array([[0.0, -1.0], [0.5, -0.5]]) for name in PATH_NAMES},
            "start": (0.0, -1.0),
            "minimum": (1.0, 0.0),
            "epochs": 1,
        },
        "fig ax w_values b_values surface paths start minimum epochs",
    ),
    "draw_best_runs": (
        comparison_plots.draw_best_runs,
        {
            "ax_epoch": "AX",
            "ax_work": "AX2",
            "hc_run": RUN,
            "gd_losses": GD_LOSSES,
            "labels": ("hc", "gd"),
            "levels": (0.5,),
        },
        "ax_epoch ax_work hc_run gd_losses levels",
    ),
    # the shared checks the drawing functions call first (helpers/figures/plotting.py)
    "check_axes": (plotting.check_axes, {"ax": "AX"}, "ax"),
    "check_axes_sequence": (plotting.check_axes_sequence, {"axes": "AXES", "name": "axes", "n": 2}, "axes"),
    "check_mapping": (plotting.check_mapping, {"value": {"a": RUN}, "name": "value", "of": "labels to runs"}, "value"),
    "check_counts": (plotting.check_counts, {"value": [[300, np.inf], [200, 250]], "name": "value"}, "value"),
    "check_parameter_counts": (plotting.check_parameter_counts, {"value": [9, 17], "name": "value"}, "value"),
    "draw_measured_over_seeds": (
        comparison_plots.draw_measured_over_seeds,
        {
            "ax": "AX",
            "parameter_counts": [9],
            "measured": COUNTS,
            "labels": {"hot and cold": "hc", "gradient descent": "gd"},
            "budget": 5000,
            "target": 0.1,
        },
        "ax parameter_counts measured budget target",
    ),
}

#: Public names that are not functions a caller passes data to, each with the reason it is not fuzzed.
NOT_FUZZED = {
    # records: frozen dataclasses that the helpers build and return
    "LayerRun": "a record the trainers return",
    "HotAndColdTwoLayerResult": "a record hot_and_cold_two_layer returns",
    "OneWeightRun": "a record one_weight.run and descend return",
    "DescentRun": "a record gradient_descent_run returns",
    "DescentFacts": "a record describe_descent returns",
    "StepComparison": "a record compare_steps returns",
    # building blocks that take arrays a public function has already checked (their signatures say ndarray)
    "pre_activation": "takes x, W, b already checked by check_layer_arguments",
    "check_no_overflow": "checks a result the helpers computed, with names they pass",
    "check_log_plottable": "takes a float array as_float_array or check_counts has already checked (ndarray)",
    "figure_legend_below": "a building block: compare_runs and draw_best_runs pass it their own figure and lines",
    "without_checks": "maps a loss function to its unchecked twin; any other value is returned as it is",
    # the seed's own code, verbatim: the reference, faults included on purpose
    **{
        name: "the seed's own code, verbatim (the reference, its faults kept on purpose)"
        for name in (
            "seed_notebook_text",
            "printed_nn_output",
            "printed_losses",
            "weighted_sum",
            "nn",
            "cost_func",
            "train",
        )
    },
}

#: The modules whose public functions must all be fuzzed.
MODULES = [
    "helpers.activations",
    "helpers.losses",
    "helpers.layer",
    "helpers.training",
    "helpers.hot_and_cold",
    "helpers.gradient_check",
    "helpers.two_layer",
    "helpers.data",
    "helpers.one_weight",
    "helpers.comparison",
    "helpers.seed",
    "helpers.figures.plotting",
    "helpers.figures.style",
    "helpers.figures.loss_plots",
    "helpers.figures.hot_and_cold_plots",
    "helpers.figures.backprop_figures",
    "helpers.figures.comparison_plots",
    "helpers.widgets",
]


def public_callables(module_name):
    module = importlib.import_module(module_name)
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == module_name
        and not issubclass_safe(value, BaseException)
    }


def issubclass_safe(value, base):
    return inspect.isclass(value) and issubclass(value, base)


def fuzzed_functions():
    """Every function some fuzz table calls: this file's, and the older tables of bad values."""
    tables = [EDGE_CASES, DRAWING_CASES, BAD_INPUT_CASES, FIGURE_CASES, ONE_WEIGHT_CASES]
    return {id(row[0]) for table in tables for row in table.values()}


def test_every_public_function_is_fuzzed():
    fuzzed, unfuzzed = fuzzed_functions(), []
    for module_name in MODULES:
        for name, value in public_callables(module_name).items():
            if id(value) not in fuzzed and name not in NOT_FUZZED:
                unfuzzed.append(f"{module_name}.{name}")
    # The seed's sigmoid is the seed's too (a second name for it would shadow helpers.sigmoid above).
    unfuzzed = [name for name in unfuzzed if name != "helpers.seed.sigmoid"]
    assert not unfuzzed, (
        "add a valid call of each of these to EDGE_CASES in tests/test_edges.py (or a reason to NOT_FUZZED): "
        + ", ".join(unfuzzed)
    )


# --- the edges -------------------------------------------------------------------------------------

#: Values at the edges of what Python and float64 hold, and shapes and sizes a caller may pass by mistake.
EDGE_VALUES = [
    10**400,
    -(10**400),
    10**5000,  # past Python's int-to-str limit: an error message must not print it
    2**64,  # past int64, within float64
    -0.0,
    5e-324,  # the smallest subnormal
    -5e-324,
    2.2250738585072014e-308,  # the smallest normal
    1e308,
    -1e308,
    np.float64(-0.0),
    np.timedelta64(1, "s"),
    np.datetime64("2020-01-01"),
    np.array(5.0),  # 0-d
    np.array([[1.0, 2.0, 3.0]]),
    np.ones((2, 3, 4)),
    np.zeros((0, 2)),
    [10**400],
    np.array([5e-324, -0.0]),
    np.array([1e308, 1e308]),
    np.array([np.timedelta64(1, "s")]),
    True,
    0,
    1,
    10**9,  # a size that does not fit in memory
    np.int64(2**62),
]

edge_value = st.one_of(
    st.sampled_from(range(len(EDGE_VALUES))).map(lambda k: EDGE_VALUES[k]),
    st.integers(min_value=2**63, max_value=10**400),
    st.floats(min_value=-1e-307, max_value=1e-307, allow_subnormal=True),
    st.floats(min_value=1e300, max_value=1.7e308) | st.floats(min_value=-1.7e308, max_value=-1e300),
    arrays(np.float64, array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3), elements=st.floats(-1e308, 1e308)),
)

SPOILABLE = [(name, argument) for name, (_, _, spoil) in EDGE_CASES.items() for argument in spoil.split()]


#: The placeholders ``fresh`` replaces by a figure or its axes.
AXES_PLACEHOLDERS = ("FIG", "AX", "AX2", "AXES")
#: The last figure ``fresh`` made, and its placeholders; reused while no call has changed it.
_SPARE_AXES = {}


def untouched_axes():
    """A 6x4 figure of two axes for the placeholders: the last one again if no call drew on it since.

    Making axes costs about 25 ms (their ticks and spines, in the course style); most edge values are
    refused before anything is drawn, so the figure a refusal left alone is used for the next value.
    matplotlib marks a figure and axes stale on any change (a line, a label, a limit, a colour bar).
    """
    figure = _SPARE_AXES.get("FIG")
    if figure is None or figure.stale or any(ax.stale for ax in figure.axes):
        figure = Figure(figsize=(6, 4))
        first, second = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
        _SPARE_AXES.update(FIG=figure, AX=first, AX2=second, AXES=(first, second))
        for artist in (figure, first, second):
            artist.stale = False
    return _SPARE_AXES


def fresh(kwargs):
    """Copies, so that an in-place update (gradient_descent) cannot leak between examples; untouched axes for "AX"."""
    uses_axes = any(isinstance(value, str) and value in AXES_PLACEHOLDERS for value in kwargs.values())
    axes = untouched_axes() if uses_axes else {}
    return {
        key: (
            {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in value.items()}
            if isinstance(value, dict)
            else axes.get(value, value)
            if isinstance(value, str)
            else value
        )
        for key, value in kwargs.items()
    }


def assert_finite(value, where="the result"):
    """No NaN and no -inf anywhere in ``value`` (arrays, floats, dicts, tuples, records, text).

    +inf is allowed where a helper documents it: a miss in ``reach_over_seeds``' counts, a squared error
    past float64's range (the right value, with no warning).
    """
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            assert not np.any(np.isnan(value)) and not np.any(np.isneginf(value)), where
    elif isinstance(value, float):
        assert not math.isnan(value) and value != -math.inf, where
    elif isinstance(value, str):
        assert "nan" not in value.lower().split(), f"{where}: {value}"
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_finite(item, f"{where}[{key!r}]")
    elif isinstance(value, (tuple, list)):
        for k, item in enumerate(value):
            assert_finite(item, f"{where}[{k}]")
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            assert_finite(getattr(value, field.name), f"{where}.{field.name}")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("name", list(EDGE_CASES) + list(DRAWING_CASES))
def test_the_valid_call_works_and_is_finite(name, monkeypatch):
    function, kwargs, _ = EDGE_CASES.get(name) or DRAWING_CASES[name]
    monkeypatch.setattr("IPython.display.display", lambda *args, **kwargs: None)
    call = fresh(kwargs)
    if name == "place_legend":
        call["ax"].plot([0, 1], label="a labelled line")  # a legend needs one
    assert_finite(function(**call))


@pytest.mark.parametrize("name, argument", SPOILABLE, ids=[f"{n}-{a}" for n, a in SPOILABLE])
@settings(max_examples=12, deadline=None)
@given(edge=edge_value)
def test_an_edge_value_gets_a_named_error_or_a_finite_result(name, argument, edge):
    function, kwargs, _ = EDGE_CASES[name]
    call = fresh(kwargs)
    call[argument] = edge
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy or matplotlib warning either
        # ipywidgets 8.0 (the oldest the course allows) builds a widget through a traitlets API deprecated in
        # traitlets 4.1 and ipykernel's deprecated Comm: warnings about ipywidgets' code, not about the edge value.
        for message in ("Deprecated in traitlets", "The `ipykernel.comm.Comm` class has been deprecated"):
            warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)
        try:
            result = function(**call)
        except (TypeError, ValueError) as error:
            assert argument in str(error), f"{type(error).__name__}: {error}"
            return
        except TrainingDiverged as error:  # the documented end of a run whose step is far too large
            assert argument == "step" and "step" in str(error), str(error)
            return
        finally:
            import matplotlib.pyplot as plt

            plt.close("all")
    assert_finite(result)


@pytest.mark.parametrize("name", [name for name in EDGE_CASES if name not in ("show", "use_course_style")])
@pytest.mark.parametrize("mode", ["raise", "ignore"])
def test_a_callers_seterr_does_not_change_a_result(name, mode):
    function, kwargs, _ = EDGE_CASES[name]
    expected = function(**fresh(kwargs))
    with np.errstate(all=mode):
        got = function(**fresh(kwargs))
    assert comparable(got) == comparable(expected) or (isinstance(got, bytes) and got == expected)


def comparable(value):
    """``repr(value)``; for an explorer, the state it sends the browser (its repr holds a memory address)."""
    if isinstance(value, widgets.StepSizeExplorer):
        names = sorted(name for name in value.trait_names(sync=True) if not name.startswith("_") and name != "layout")
        return repr({name: getattr(value, name) for name in names})
    return repr(value)


# --- the examples of the issue, one by one -----------------------------------------------------------


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: helpers.make_xor(noise=10**400), "noise"),
        (lambda: one_weight.loss(0.5, x=10**400, y=0.8), "x"),
        (lambda: one_weight.step(0.5, x=0.5, y=0.8, s=10**400, rule="always"), "s"),
        (lambda: one_weight.loss(10**400, x=0.5, y=0.8), "w"),
        (lambda: helpers.sigmoid([10**400]), "z"),
        (lambda: helpers.init_two_layer(10**400, 2, 1), "n_in"),
        (lambda: comparison.gradient_descent_work([0.7, 0.5], backward_cost=10**400), "backward_cost"),
    ],
)
def test_a_huge_python_int_is_named(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_make_xor_takes_a_negative_zero_noise_as_no_noise():
    X, Y = helpers.make_xor(3, noise=-0.0)
    np.testing.assert_array_equal(X, np.repeat(helpers.XOR_X, 3, axis=1))


def test_subnormal_steps_and_nudges_give_finite_results():
    assert helpers.make_xor(2, noise=5e-324)[0].shape == (2, 8)
    assert one_weight.step(0.5, x=0.5, y=0.8, s=5e-324, rule="always") == 0.5  # the nudge moves nothing
    run = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, [0.95, 0.99], step=5e-324, epochs=2)
    assert np.all(np.isfinite(run.losses))


@pytest.mark.parametrize("s", [1e-300, 5e-324, 1e-17, 1e-8, 1.0, 1e3])
@pytest.mark.parametrize("w", [0.5, -3.0, 1e12])
def test_nudge_slope_is_the_derivative_whatever_s_even_below_float64_resolution(w, s):
    assert one_weight.nudge_slope(w, x=0.5, y=0.8, s=s) == pytest.approx(
        one_weight.loss_derivative(w, x=0.5, y=0.8), rel=1e-12
    )


def test_nudge_slope_refuses_by_name_where_its_docstring_says_it_stops():
    assert "Where it stops" in one_weight.nudge_slope.__doc__
    with pytest.raises(ValueError, match="s = 1e[+]100 is more than 2[*][*]40 times"):
        one_weight.nudge_slope(0.5, x=0.5, y=0.8, s=1e100)  # 0.0 before: w and y lost in w + s
    assert one_weight.nudge_slope(0.0, x=0.5, y=0.0, s=1e100) == 0.0  # no scale to lose: exact


def test_descend_with_too_large_a_step_diverges_instead_of_freezing_at_a_huge_loss():
    with pytest.raises(ValueError, match="left float64's range at iteration .*alpha = 9 is too large"):
        one_weight.descend(0.5, x=0.5, y=0.8, s=0.001, alpha=9.0, iterations=2000)


def test_one_weight_runs_are_limited_to_max_epochs_by_name():
    with pytest.raises(ValueError, match="iterations must be at most"):
        one_weight.run(0.5, x=0.5, y=0.8, s=0.1, iterations=10**12, rule="always")
    with pytest.raises(ValueError, match="iterations must be at most"):
        one_weight.descend(0.5, x=0.5, y=0.8, s=0.1, alpha=0.1, iterations=10**12)


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: comparison.hot_and_cold_run(PARAMS, X, Y, step=0.1, budget=10**12), "budget"),
        (lambda: comparison.gradient_descent_run(PARAMS, X, Y, step=0.1, budget=10**12), "budget"),
        (lambda: comparison.gradient_descent_run(PARAMS, X, Y, step=0.1, budget=1), "budget"),
        (lambda: comparison.updates_in_budget(10**12), "budget"),
        (lambda: comparison.sweeps_in_budget(9, 10**12), "budget"),
    ],
)
def test_errors_name_budget_when_the_caller_passed_budget(call, argument):
    with pytest.raises(ValueError) as error:
        call()
    assert argument in str(error.value) and "epochs" not in str(error.value)


def test_comparison_helpers_never_return_nan_or_negative_work_counts():
    with pytest.raises(ValueError, match="counts"):
        comparison.spread([[np.nan, 3.0]])
    with pytest.raises(ValueError, match="counts"):
        comparison.spread([[-1.0, 3.0]])
    with pytest.raises(ValueError, match="backward_cost"):
        comparison.gradient_descent_work(np.ones(5), backward_cost=2**62)
    with pytest.raises(ValueError, match="backward_cost"):
        comparison.gradient_descent_work(np.ones(5), backward_cost=1e308)
    counts = comparison.gradient_descent_work(np.ones(5), backward_cost=2**40)
    assert counts.dtype == np.int64 and np.all(counts > 0) and np.all(np.diff(counts) > 0)


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: comparison.passes_to_reach(5, 0.1, 0.5), "passes"),  # 0-d: an IndexError before
        (lambda: comparison.passes_to_reach([[1, 3]], [[0.7, 0.1]], 0.5), "passes"),
        (lambda: comparison.trace_path(lambda W, b: 3.0, [[0.0]], [0.0], 2), "train_one_epoch"),  # unpacking
        (lambda: comparison.trace_path(lambda W, b: (W, b, b), [[0.0]], [0.0], 2), "train_one_epoch"),
        (lambda: comparison.trace_path(lambda W, b: ([[1.0, 2.0]], b), [[0.0]], [0.0], 2), "train_one_epoch"),
        (lambda: comparison.hot_and_cold_work(object()), "result"),
        (
            lambda: comparison.compare_steps(PARAMS, X, Y, hc_steps=[0.1], gd_steps=[], budget=40, target=0.5),
            "gd_steps",
        ),
        (
            lambda: comparison.reach_over_seeds(
                X, Y, n_hidden_values=2, seeds=[0], hc_step=0.1, gd_step=1.0, budget=40, target=0.5
            ),
            "n_hidden_values",
        ),
        (lambda: comparison.seed_table(COUNTS, [2, 3]), "n_hidden_values"),
        (lambda: comparison.show_count("many"), "count"),
    ],
)
def test_malformed_input_to_comparison_helpers_is_named(call, argument):
    with pytest.raises((TypeError, ValueError)) as error:
        call()
    assert argument in str(error.value), str(error.value)


@pytest.mark.parametrize(
    "call, names",
    [
        (
            lambda: comparison.layer_loss_grid([[0.0, 1.0]], [[0.2, 0.8]], np.zeros(20_000), np.zeros(20_000)),
            "w_values",
        ),
        (lambda: comparison.each_staircase(np.zeros((5000, 100))), "path"),
        (lambda: comparison.trace_path(one_epoch, np.zeros((1, 10_000)), [0.0], 10_000), "epochs"),
        (lambda: helpers.make_xor(10**9), "n_per_corner"),
        (lambda: helpers.init_two_layer(10**5, 10**5, 1), "n_in"),
    ],
)
def test_sizes_that_would_not_fit_in_memory_are_refused_before_allocating(call, names):
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=names) as error:
            call()
        assert tracemalloc.get_traced_memory()[1] < 200 * 2**20  # refused, not attempted: under 200 MiB at peak
    finally:
        tracemalloc.stop()
    assert "MAX_ARRAY_ENTRIES" in str(error.value)


def test_sigmoid_is_unaffected_by_np_seterr():
    for mode in ("raise", "ignore", "warn", "print"):
        with np.errstate(all=mode):
            assert helpers.sigmoid(np.array([-1000.0]))[0] == 0.0
            assert helpers.sigmoid_derivative(np.array([-1000.0, 1000.0, 0.0])).tolist() == [0.0, 0.0, 0.25]


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda ax: plotting.show(ax), TypeError, "pass its figure, ax.figure"),
        (lambda ax: plotting.show(ax.figure, dpi=1), ValueError, "dpi must lie in"),
        (lambda ax: plotting.show(ax.figure, dpi=1e5), ValueError, "dpi must lie in"),
        (lambda ax: plotting.show(ax.figure, dpi=10**400), ValueError, "dpi must be a finite number"),
        (lambda ax: plotting.show(ax.figure, dpi="100"), TypeError, "dpi must be a real number"),
        (lambda ax: plotting.render(Figure(figsize=(40, 30)), dpi=1000), ValueError, "before cropping"),
        (lambda ax: plotting.png_size(b"not a png at all, not at all"), ValueError, "png"),
    ],
)
def test_show_refuses_an_axes_and_a_dpi_out_of_range_by_name(call, error, match):
    ax = Figure(figsize=(4, 3)).add_subplot()
    with pytest.raises(error, match=match):
        call(ax)


# --- the drawing functions of helpers.figures -------------------------------------------------------------

#: Each drawing function's spoilable arguments, each tried with every one of these edge values (a fixed subset of
#: EDGE_VALUES, so that a failure names the value and the run takes seconds): huge ints (one past the int-to-str limit),
#: signed zeros, a subnormal, a time, malformed shapes, a size that would not fit in memory, and values past a log axis.
DRAWING_EDGE_VALUES = [
    10**400,
    10**5000,
    [10**400],
    -0.0,
    5e-324,
    1e308,
    np.timedelta64(1, "s"),
    np.array(5.0),
    np.ones((2, 3, 4)),
    np.zeros((0, 2)),
    np.array([1e308, 1e308]),
    True,
    10**9,
]
DRAWING_SPOILABLE = [(name, argument) for name, (_, _, spoil) in DRAWING_CASES.items() for argument in spoil.split()]

#: The most memory one spoilt drawing call may add to the process's address space before it fails (RLIMIT_AS):
#: far more than any course figure needs, far less than the 8 GB ``levels=10**9`` once asked for.
DRAWING_MEMORY_HEADROOM = 2 * 2**30


@contextlib.contextmanager
def address_space_ceiling(headroom):
    """Cap this process's address space at its current size plus ``headroom`` bytes (Linux; no cap elsewhere).

    An allocation past the ceiling fails at once with ``MemoryError`` instead of swapping or
    waking the OOM killer: a test of "refuse before allocating" must never be able to eat the machine.
    """
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = current + headroom
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize("name, argument", DRAWING_SPOILABLE, ids=[f"{n}-{a}" for n, a in DRAWING_SPOILABLE])
def test_a_drawing_function_names_an_edge_value_or_draws_it_within_bounded_memory(name, argument):
    function, kwargs, _ = DRAWING_CASES[name]
    failures = []
    for edge in DRAWING_EDGE_VALUES:
        call = fresh(kwargs)
        if name == "place_legend":
            call["ax"].plot([0, 1], label="a labelled line")  # a legend needs one
        call[argument] = edge
        try:
            with address_space_ceiling(DRAWING_MEMORY_HEADROOM), warnings.catch_warnings():
                warnings.simplefilter("error")  # no NumPy or matplotlib warning either
                function(**call)
        except (TypeError, ValueError) as error:
            if argument not in str(error):
                failures.append(f"{_edge_name(edge)}: {type(error).__name__} not naming {argument}: {error}")
        except MemoryError:
            failures.append(f"{_edge_name(edge)}: allocated past {DRAWING_MEMORY_HEADROOM / 2**30:g} GiB")
        except Exception as error:  # noqa: BLE001 -- any other error is the failure this test reports
            failures.append(f"{_edge_name(edge)}: raw {type(error).__name__}: {error}")
        finally:
            import matplotlib.pyplot as plt

            plt.close("all")
    assert not failures, f"{name}({argument}=...):\n" + "\n".join(failures)


def _edge_name(edge):
    if isinstance(edge, int) and not isinstance(edge, bool) and abs(edge) > 10**30:
        return f"an int of {len(str(abs(edge))) if abs(edge) < 10**4000 else 'over 4000'} digits"
    return (
        f"{type(edge).__name__} {np.array2string(np.asarray(edge), threshold=6) if hasattr(edge, 'shape') else edge!r}"
    )


# The first by-hand sweep found these (one edge value made a drawing function allocate past 20 GiB); now named.
@pytest.mark.parametrize(
    "call, match",
    [
        (lambda ax: hot_and_cold_plots.draw_floor(ax, 10**400), "floor"),
        (lambda ax: hot_and_cold_plots.draw_floor(3, 0.1), "ax must be a matplotlib Axes"),
        (lambda ax: hot_and_cold_plots.plot_weight_runs(ax, WEIGHT_RUNS, goal=10**400), "goal"),
        (lambda ax: backprop_figures.one_example_numbers(SMALL, [1.0, 0.5], 10**400), "y"),
        (lambda ax: comparison_plots.draw_loss_surface(ax, W_VALUES, B_VALUES, SURFACE, levels=10**9), "levels"),
        (
            lambda ax: comparison_plots.draw_paths_on_surface(
                ax.figure, ax, W_VALUES, B_VALUES, SURFACE, {"gd": [[0.0, 1.0]]}, start=(0, 0), minimum=(1, 0), epochs=1
            ),
            "paths must have a path for each of",
        ),
    ],
    ids=["draw_floor-floor", "draw_floor-ax", "plot_weight_runs-goal", "one_example_numbers-y", "levels", "paths"],
)
def test_known_raw_errors_of_the_drawing_functions_are_named(call, match):
    ax = Figure().add_subplot()
    with address_space_ceiling(DRAWING_MEMORY_HEADROOM), pytest.raises((TypeError, ValueError), match=match):
        call(ax)  # refused before allocating: levels=10**9 once asked for 8 GB
