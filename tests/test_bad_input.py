"""Whatever a student passes, a public helper answers with a TypeError or ValueError that names the
argument, never with another exception, a NaN or a NumPy warning (pyproject turns RuntimeWarning into
errors for every test)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers

#: Bad values for an optional argument, whose default is None (so None is not among them).
BAD_UNLESS_NONE = st.one_of(
    st.text(max_size=3),
    st.just([]),
    st.just(np.array([])),
    st.just([[1.0], [1.0, 2.0]]),
    st.just(np.array([1.0, np.nan])),
    st.just(np.array([[np.inf, 1.0]])),
    st.just(np.array([1 + 2j])),
    st.just({"a": 1}),
    st.just(object()),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),  # not floats().filter(): hypothesis 6.80 overruns
)
#: Bad values for any argument (one_of flattens: the same choices as listing None among the others).
BAD_VALUES = st.one_of(st.none(), BAD_UNLESS_NONE)

SEED_X = np.array([1.0, 2.0, 3.0])
SEED_W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
SEED_B = np.array([1.0, 2.0])
XOR_PARAMS = helpers.init_two_layer(2, 3, 1)

# Each case: a name, a valid call as (function, kwargs), and the arguments that may be spoiled.
CASES = {
    "sigmoid": (helpers.sigmoid, {"z": SEED_X}),
    "sigmoid_derivative": (helpers.sigmoid_derivative, {"z": SEED_X}),
    "mean_squared_error": (helpers.mean_squared_error, {"y": [0.5, 0.5], "h": [0.4, 0.6]}),
    "sum_squared_error": (helpers.sum_squared_error, {"y": [0.5, 0.5], "h": [0.4, 0.6]}),
    "binary_cross_entropy": (helpers.binary_cross_entropy, {"y": [0.0, 1.0], "h": [0.4, 0.6]}),
    "binary_cross_entropy_from_logits": (helpers.binary_cross_entropy_from_logits, {"y": [0.0, 1.0], "z": [-2.0, 3.0]}),
    "sigmoid_layer": (helpers.sigmoid_layer, {"x": SEED_X, "W": SEED_W, "b": SEED_B}),
    "sigmoid_layer_gradient": (
        helpers.sigmoid_layer_gradient,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.9, 0.9]},
    ),
    "hot_and_cold": (
        helpers.hot_and_cold,
        {
            "x": SEED_X,
            "W": SEED_W,
            "b": SEED_B,
            "y": [0.95, 0.99],
            "step": 0.01,
            "epochs": 2,
            "nudge": "each",
            "loss": helpers.mean_squared_error,
        },
    ),
    "layer_gradient_descent": (
        helpers.layer_gradient_descent,
        {"x": SEED_X, "W": SEED_W, "b": SEED_B, "y": [0.95, 0.99], "step": 0.01, "epochs": 2},
    ),
    "init_two_layer": (helpers.init_two_layer, {"n_in": 2, "n_hidden": 3, "n_out": 1, "seed": 0}),
    "forward": (helpers.forward, {"params": XOR_PARAMS, "X": helpers.XOR_X}),
    "two_layer_loss": (helpers.two_layer_loss, {"params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y}),
    "gradient_check": (
        helpers.gradient_check,
        {"params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y, "eps": 1e-5},
    ),
    "numerical_gradient": (
        helpers.numerical_gradient,
        {"params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y, "eps": 1e-5},
    ),
    "backward": (
        helpers.backward,
        {"params": XOR_PARAMS, "cache": helpers.forward(XOR_PARAMS, helpers.XOR_X)[1], "Y": helpers.XOR_Y},
    ),
    "relative_error": (helpers.relative_error, {"a": {"W1": np.ones(2)}, "b": {"W1": np.ones(2)}}),
    "gradient_descent": (
        helpers.gradient_descent,
        {"params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y, "step": 0.1, "epochs": 2},
    ),
    "hot_and_cold_two_layer": (
        helpers.hot_and_cold_two_layer,
        {"params": XOR_PARAMS, "X": helpers.XOR_X, "Y": helpers.XOR_Y, "step": 0.1, "epochs": 1, "nudge": "each"},
    ),
    "make_xor": (helpers.make_xor, {"n_per_corner": 2, "noise": 0.1, "seed": 0}),
}

SPOILABLE = [(name, argument) for name, (_, kwargs) in CASES.items() for argument in kwargs]


def fresh(kwargs):
    """Copies, so that gradient_descent's in-place update cannot leak between examples."""
    return {
        key: ({k: v.copy() for k, v in value.items()} if isinstance(value, dict) else value)
        for key, value in kwargs.items()
    }


@pytest.mark.parametrize("name", CASES)
def test_the_valid_call_works(name):
    function, kwargs = CASES[name]
    function(**fresh(kwargs))


@pytest.mark.parametrize("name, argument", SPOILABLE, ids=[f"{n}-{a}" for n, a in SPOILABLE])
@settings(max_examples=25, deadline=None)
@given(bad=BAD_VALUES)
def test_a_spoiled_argument_is_named_in_a_clear_error(name, argument, bad):
    function, kwargs = CASES[name]
    call = fresh(kwargs)
    call[argument] = bad
    with pytest.raises((TypeError, ValueError)) as error:
        function(**call)
    message = str(error.value)
    assert argument in message, message


def test_relative_error_needs_matching_gradients():
    with pytest.raises(ValueError, match=r"a and b must have the same keys; got \['W1'\] and \['W2'\]"):
        helpers.relative_error({"W1": np.zeros(2)}, {"W2": np.zeros(2)})
    with pytest.raises(ValueError, match=r"a\['W1'\] has shape \(2,\) but b\['W1'\] has \(3,\)"):
        helpers.relative_error({"W1": np.zeros(2)}, {"W1": np.zeros(3)})
    with pytest.raises(TypeError, match="a and b must be dicts"):
        helpers.relative_error([1.0], [1.0])


def test_figure_and_widget_helpers_name_bad_input():
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        helpers.figures.plotting.decision_grid(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="losses must not be empty"):
        helpers.widgets.summarize_run(0.1, [])
    with pytest.raises(ValueError, match="step must be a finite number greater than 0"):
        helpers.widgets.summarize_run(0.0, [0.5])
