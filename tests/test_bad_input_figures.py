"""The figure and widget helpers keep the math helpers' contract (issue 10, class 8): whatever a student
passes, a TypeError or ValueError naming the argument, never another exception, a NaN, a NumPy warning, or
a value silently changed (a slider clamping the step to its range)."""

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from test_bad_input import (  # tests/ is on sys.path under pytest
    BAD_UNLESS_NONE,
    BAD_VALUES,
    SEED_B,
    SEED_W,
    SEED_X,
    XOR_PARAMS,
)

import helpers
from helpers import comparison, widgets
from helpers.figures import hot_and_cold_plots, loss_plots, plotting

matplotlib.use("Agg")

#: Bad values for a str argument.
BAD_NOT_TEXT = st.one_of(st.just([]), st.just(np.array([1.0])), st.just(3), st.just(object()), st.just(b"t"))

AX = Figure().add_subplot()


def clear_if_drawn_on(ax):
    """Clear ``ax`` if the last call changed anything on it (matplotlib marks it stale), and mark it unchanged.

    Most calls here are refused before they draw; clearing axes costs about 30 ms, which done after each
    of those refusals was most of this file's time.
    """
    if ax.stale:
        ax.cla()
        ax.stale = False


clear_if_drawn_on(AX)
RUN = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, [0.95, 0.99], step=0.01, epochs=3)


def fake_train(step, epochs=3):
    return 1.0 / (1.0 + step * np.arange(epochs))


# Each case: a valid call as (function, kwargs), and the spoilable arguments with the strategy that spoils them.
CASES = {
    "plot_decision_boundary": (
        plotting.plot_decision_boundary,
        {"ax": AX, "params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y, "resolution": 5},
        {"params": BAD_VALUES, "X": BAD_VALUES, "Y": BAD_VALUES, "resolution": BAD_VALUES},
    ),
    "decision_grid": (
        plotting.decision_grid,
        {"X": helpers.XOR_X, "resolution": 5, "margin": 0.5},
        {"X": BAD_VALUES, "resolution": BAD_VALUES, "margin": BAD_VALUES},
    ),
    "plot_loss_curve": (
        plotting.plot_loss_curve,
        {"ax": AX, "losses": [0.7, 0.5], "x": [0, 1]},
        {"losses": BAD_VALUES, "x": BAD_UNLESS_NONE},
    ),
    "summarize_run": (
        widgets.summarize_run,
        {"step": 0.1, "losses": [0.7, 0.5]},
        {"step": BAD_VALUES, "losses": BAD_VALUES},
    ),
    "log_slider_range": (
        widgets.log_slider_range,
        {"min_step": 0.1, "max_step": 1.0},
        {"min_step": BAD_VALUES, "max_step": BAD_VALUES},
    ),
    "check_epoch_range": (
        widgets.check_epoch_range,
        {"epochs": 3, "max_epochs": 5},
        {"epochs": BAD_VALUES, "max_epochs": BAD_UNLESS_NONE},
    ),
    "StepSizeExplorer": (
        widgets.StepSizeExplorer,
        {"train": fake_train, "step": 0.5, "min_step": 0.1, "max_step": 1.0, "epochs": 3, "title": "t"},
        {
            "train": BAD_VALUES,
            "step": BAD_VALUES,
            "min_step": BAD_VALUES,
            "max_step": BAD_VALUES,
            "epochs": BAD_UNLESS_NONE,
            "title": BAD_NOT_TEXT,
        },
    ),
    "hot_and_cold_explorer": (
        widgets.hot_and_cold_explorer,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.95, 0.99], "step": 0.01, "epochs": 2},
        {
            "x": BAD_VALUES,
            "W": BAD_VALUES,
            "b": BAD_VALUES,
            "y": BAD_VALUES,
            "step": BAD_VALUES,
            "epochs": BAD_VALUES,
            "nudge": BAD_VALUES,
        },
    ),
    "gradient_descent_explorer": (
        widgets.gradient_descent_explorer,
        {"X": helpers.XOR_X, "Y": helpers.XOR_Y, "n_hidden": 2, "step": 1.0, "epochs": 2, "seed": 0},
        {
            "X": BAD_VALUES,
            "Y": BAD_VALUES,
            "n_hidden": BAD_VALUES,
            "step": BAD_VALUES,
            "epochs": BAD_VALUES,
            "seed": BAD_VALUES,
        },
    ),
    "run_curve": (
        hot_and_cold_plots.run_curve,
        {"result": RUN, "by": "epoch"},
        {"result": BAD_VALUES, "by": BAD_VALUES},
    ),
    "plot_sigmoid_reach": (
        loss_plots.plot_sigmoid_reach,
        {"ax": AX, "targets": [0.95, 1.23], "z_max": 8.0, "num": 9},
        {"targets": BAD_VALUES, "z_max": BAD_VALUES, "num": BAD_VALUES},
    ),
    "plot_losses_against_prediction": (
        loss_plots.plot_losses_against_prediction,
        {"ax": AX, "y": 1.0, "num": 5, "h_min": 0.1, "h_max": 0.9},
        {"y": BAD_VALUES, "num": BAD_VALUES, "h_min": BAD_VALUES, "h_max": BAD_VALUES},
    ),
    "plot_gradients_against_z": (
        loss_plots.plot_gradients_against_z,
        {"ax": AX, "y": 1.0, "z": [-1.0, 0.0, 1.0]},
        {"y": BAD_VALUES, "z": BAD_VALUES},
    ),
    "draw_network": (
        loss_plots.draw_network,
        {"ax": AX, "W": SEED_W, "b": SEED_B, "x": SEED_X, "radius": 0.28},
        {"W": BAD_VALUES, "b": BAD_UNLESS_NONE, "x": BAD_UNLESS_NONE, "radius": BAD_VALUES},
    ),
    "trace_path": (
        comparison.trace_path,
        {"train_one_epoch": lambda W, b: (W, b), "W": [[0.0]], "b": [0.0], "epochs": 2},
        {"train_one_epoch": BAD_VALUES, "W": BAD_VALUES, "b": BAD_VALUES, "epochs": BAD_VALUES},
    ),
    "passes_to_reach": (
        comparison.passes_to_reach,
        {"passes": [1, 3], "losses": [0.7, 0.4], "level": 0.5},
        {"passes": BAD_VALUES, "losses": BAD_VALUES, "level": BAD_VALUES},
    ),
}

SPOILABLE = [(name, argument) for name, (_, _, spoil) in CASES.items() for argument in spoil]


@pytest.fixture(autouse=True)
def clear_axes():
    yield
    clear_if_drawn_on(AX)


@pytest.mark.parametrize("name", CASES)
def test_the_valid_call_works(name):
    function, kwargs, _ = CASES[name]
    function(**kwargs)


@pytest.mark.parametrize("name, argument", SPOILABLE, ids=[f"{n}-{a}" for n, a in SPOILABLE])
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_a_spoiled_argument_is_named_in_a_clear_error(name, argument, data):
    function, kwargs, spoil = CASES[name]
    bad = data.draw(spoil[argument])
    with pytest.raises((TypeError, ValueError)) as error:
        function(**dict(kwargs, **{argument: bad}))
    assert argument in str(error.value), str(error.value)
    clear_if_drawn_on(AX)


# The examples of the issue, one by one.


@pytest.mark.parametrize("resolution", [0, 1, -5, 10**6, 2.5])
def test_decision_boundary_resolution_out_of_range(resolution):
    with pytest.raises((TypeError, ValueError), match="resolution must be an int"):
        plotting.plot_decision_boundary(AX, XOR_PARAMS, helpers.XOR_X, helpers.XOR_Y, resolution=resolution)


def test_decision_boundary_of_a_two_output_network_is_refused():
    with pytest.raises(ValueError, match="params must be a network with 2 inputs and 1 output.*got 2 -> 3 -> 2"):
        plotting.plot_decision_boundary(AX, helpers.init_two_layer(2, 3, 2), helpers.XOR_X, np.zeros((2, 4)))


@pytest.mark.parametrize("Y", [np.zeros((1, 3)), np.zeros(5), np.zeros((2, 4)), np.full((1, 4), 2.0)])
def test_decision_boundary_with_labels_that_do_not_fit_X(Y):
    with pytest.raises(ValueError, match="Y must"):
        plotting.plot_decision_boundary(AX, XOR_PARAMS, helpers.XOR_X, Y)


@pytest.mark.parametrize("margin", [np.nan, np.inf, -1.0])
def test_decision_grid_margin_must_be_finite_and_non_negative(margin):
    with pytest.raises(ValueError, match="margin must be a finite number"):
        plotting.decision_grid(helpers.XOR_X, margin=margin)


def test_decision_grid_of_points_too_far_apart_for_float64():
    with pytest.raises(helpers.MagnitudeError, match="X and margin are too large"):
        plotting.decision_grid(np.array([[-1.7e308, 1.7e308], [0.0, 1.0]]))


def test_summarize_run_refuses_2d_losses():
    with pytest.raises(ValueError, match=r"losses must be 1-D.*got shape \(2, 2\)"):
        widgets.summarize_run(0.1, [[0.7, 0.5], [0.4, 0.3]])


@pytest.mark.parametrize(
    "result, error, match",
    [
        (None, TypeError, "result must be what helpers.hot_and_cold returned"),
        ([0.7, 0.5], TypeError, "has no initial_loss, losses, evaluations"),
        (
            helpers.LayerRun(np.array([0.5, np.nan]), SEED_W, SEED_B, 0.7, np.array([3, 5])),
            ValueError,
            r"result.losses must be finite",
        ),
        (helpers.LayerRun(np.array([0.5, 0.4]), SEED_W, SEED_B, 0.7, np.array([3])), ValueError, r"same length"),
        (
            helpers.LayerRun(np.array([0.5, 0.4]), SEED_W, SEED_B, np.inf, np.array([3, 5])),
            ValueError,
            r"result.initial_loss must be a finite number",
        ),
    ],
)
def test_run_curve_checks_its_result(result, error, match):
    with pytest.raises(error, match=match):
        hot_and_cold_plots.run_curve(result)


@pytest.mark.parametrize("targets", [[0.95, np.inf], [np.nan], [1e300]])
def test_sigmoid_reach_refuses_targets_it_cannot_draw(targets):
    with pytest.raises(ValueError, match="targets must"):
        loss_plots.plot_sigmoid_reach(AX, targets)


@pytest.mark.parametrize("step", [1e-3, 20.0])
def test_a_step_outside_the_sliders_range_is_an_error_not_clamped(step):
    with pytest.raises(ValueError, match=r"step must lie in the slider's range \[min_step, max_step\] = \[0.01, 10\]"):
        widgets.StepSizeExplorer(fake_train, step=step, min_step=0.01, max_step=10.0)


def test_the_ends_of_the_sliders_range_are_valid_steps():
    for step in (0.01, 10.0):
        explorer = widgets.StepSizeExplorer(fake_train, step=step, min_step=0.01, max_step=10.0)
        assert explorer.step == pytest.approx(step)


def test_train_must_be_callable_and_step_a_number():
    with pytest.raises(TypeError, match="train must be a function"):
        widgets.StepSizeExplorer([0.7, 0.5], step=0.1, min_step=0.01, max_step=10.0)
    with pytest.raises(TypeError, match="step must be a real number; got 'a'"):
        widgets.StepSizeExplorer(fake_train, step="a", min_step=0.01, max_step=10.0)


def test_what_train_returns_is_checked():
    with pytest.raises(ValueError, match="the losses train returned must be finite"):
        widgets.StepSizeExplorer(lambda step: [0.5, np.nan], step=0.1, min_step=0.01, max_step=10.0)
