"""Issue 10, "Nothing lies, nothing is lost": one section per class of defect.

Every test here failed on the code before the fix (pyproject turns any RuntimeWarning into an error).
"""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import MAX_EPOCHS, MagnitudeError, TrainingDiverged

# np.asmatrix is among the inputs that must be refused; NumPy warns on creating one.
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")

SEED_X = np.array([1.0, 2.0, 3.0])
SEED_W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
SEED_B = np.array([1.0, 2.0])
Y_REACHABLE = np.array([0.95, 0.99])


def xor_params(n_hidden=3, seed=0):
    return helpers.init_two_layer(2, n_hidden, 1, seed=seed)


# 1. Checks never pass on NaN or inf ------------------------------------------------------------


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("side", ["a", "b"])
def test_relative_error_refuses_nan_and_inf_in_either_argument(bad, side):
    good = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    spoiled = {"W1": np.array([[1.0, bad]]), "b1": np.array([[0.5]])}
    a, b = (spoiled, good) if side == "a" else (good, spoiled)
    with pytest.raises(ValueError, match=rf"{side}\['W1'\] must be finite"):
        helpers.relative_error(a, b)


def test_relative_error_of_two_nan_gradients_is_not_zero():
    nan = {"W1": np.full((2, 2), np.nan)}
    with pytest.raises(ValueError, match="must be finite"):
        helpers.relative_error(nan, nan)


def test_relative_error_does_not_overflow_on_huge_gradients():
    a = {"W1": np.array([1e200, -3e200])}
    b = {"W1": np.array([1e200, -3e200 * (1 + 1e-9)])}
    assert helpers.relative_error(a, b) == pytest.approx(1e-9 * 3 / (2 * math.sqrt(10)), rel=1e-6, abs=0)
    assert helpers.relative_error(a, a) == 0.0
    opposite = {"W1": -a["W1"]}
    assert helpers.relative_error(a, opposite) == pytest.approx(1.0)


def test_relative_error_rejects_masked_gradients():
    masked = {"W1": np.ma.masked_array([1.0, 2.0], mask=[False, True])}
    with pytest.raises(TypeError, match=r"a\['W1'\] is a numpy masked array"):
        helpers.relative_error(masked, {"W1": np.array([1.0, 5.0])})


def test_gradient_check_never_reports_agreement_for_an_overflowing_network():
    params = dict(xor_params(), W1=np.full((3, 2), 1e308))
    with pytest.raises(MagnitudeError, match="too large in magnitude"):
        helpers.gradient_check(params, helpers.XOR_X + 1.0, helpers.XOR_Y)


def test_numerical_gradient_whose_shifted_loss_overflows_raises_instead_of_returning_nan():
    params = dict(xor_params(), b2=np.array([[1e308]]))  # finite loss, but b2 + eps overflows
    with pytest.raises(MagnitudeError, match="numerical gradient of b2.*eps = 1e\\+308"):
        helpers.numerical_gradient(params, helpers.XOR_X, helpers.XOR_Y, eps=1e308)
    with pytest.raises(MagnitudeError):
        helpers.gradient_check(params, helpers.XOR_X, helpers.XOR_Y, eps=1e308)


def test_gradient_check_with_a_absurd_eps_reports_disagreement_not_agreement():
    assert helpers.gradient_check(xor_params(), helpers.XOR_X, helpers.XOR_Y, eps=1e308) > 0.5


# 2. backward checks its cache ------------------------------------------------------------------


def forward_cache(params=None, X=helpers.XOR_X):
    params = xor_params() if params is None else params
    return helpers.forward(params, X)[1]


@pytest.mark.parametrize(
    "spoil, error, match",
    [
        (lambda c: c.pop("A1"), ValueError, r"cache is missing \['A1'\]"),
        (lambda c: c.update(X=np.zeros((3, 4))), ValueError, r"cache\['X'\] must have shape \(2, m\)"),
        (lambda c: c.update(X=np.zeros((2, 5))), ValueError, r"cache\['A1'\] must have shape \(3, 5\)"),
        (lambda c: c.update(A1=c["A1"][:, :3]), ValueError, r"cache\['A1'\] must have shape \(3, 4\)"),
        (lambda c: c.update(A2=c["A2"].T), ValueError, r"cache\['A2'\] must have shape \(1, 4\)"),
        (lambda c: c.update(A2=np.full((1, 4), np.nan)), ValueError, r"cache\['A2'\] must be finite"),
        (
            lambda c: c.update(A1=np.full((3, 4), 2.0)),
            ValueError,
            r"cache\['A1'\] \(a sigmoid output\) must lie in \[0, 1\]",
        ),
        (lambda c: c.update(X="abc"), TypeError, r"cache\['X'\] must hold real numbers"),
        (lambda c: c.update(A1=np.ma.masked_array(c["A1"])), TypeError, r"cache\['A1'\] is a numpy masked array"),
    ],
)
def test_backward_checks_every_part_of_its_cache(spoil, error, match):
    cache = forward_cache()
    spoil(cache)
    with pytest.raises(error, match=match):
        helpers.backward(xor_params(), cache, helpers.XOR_Y)


def test_backward_checks_Y_against_the_cache():
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 4\)"):
        helpers.backward(xor_params(), forward_cache(), np.zeros((1, 3)))


def test_backward_on_a_checked_cache_matches_the_unchecked_computation():
    params = xor_params()
    cache = forward_cache(params)
    grads = helpers.backward(params, cache, helpers.XOR_Y)
    from helpers.two_layer import _backward

    expected = _backward(params, cache, helpers.XOR_Y)
    assert all(np.array_equal(grads[name], expected[name]) for name in expected)


# 3. Seeds are checked ---------------------------------------------------------------------------

SEEDED = {
    "init_two_layer": lambda seed: helpers.init_two_layer(2, 3, 1, seed=seed),
    "make_xor": lambda seed: helpers.make_xor(2, seed=seed),
    "gradient_descent_explorer": lambda seed: helpers.widgets.gradient_descent_explorer(
        helpers.XOR_X, helpers.XOR_Y, n_hidden=2, step=1.0, epochs=2, seed=seed
    ),
}


@pytest.mark.parametrize("name", SEEDED)
@pytest.mark.parametrize(
    "seed, error",
    [
        (-1, ValueError),
        (1.5, TypeError),
        ("0", TypeError),
        (None, TypeError),
        (True, TypeError),
        (np.random.RandomState(0), TypeError),
    ],
)
def test_a_bad_seed_is_named(name, seed, error):
    with pytest.raises(error, match="seed must be an int >= 0"):
        SEEDED[name](seed)


def test_a_generator_is_a_valid_seed_and_an_int_seed_is_reproducible():
    a = helpers.init_two_layer(2, 3, 1, seed=np.random.default_rng(5))
    b = helpers.init_two_layer(2, 3, 1, seed=5)
    assert np.array_equal(a["W1"], b["W1"])
    assert np.array_equal(helpers.make_xor(3, seed=np.int64(4))[0], helpers.make_xor(3, seed=4)[0])


# 4. Huge steps end cleanly ----------------------------------------------------------------------


@pytest.mark.parametrize("nudge", ["together", "each"])
@pytest.mark.parametrize("step", [1e308, 1e200, 1e20])
def test_hot_and_cold_at_a_huge_step_keeps_a_finite_history_without_warnings(nudge, step):
    run = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=step, epochs=3, nudge=nudge)
    assert np.all(np.isfinite(run.losses)) and np.all(np.isfinite(run.W)) and np.all(np.isfinite(run.b))
    assert np.all(run.losses <= run.initial_loss)


@pytest.mark.parametrize("nudge", ["together", "each"])
def test_hot_and_cold_two_layer_at_a_huge_step_keeps_a_finite_history(nudge):
    run = helpers.hot_and_cold_two_layer(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=1e308, epochs=2, nudge=nudge)
    assert np.all(np.isfinite(run.losses))
    assert all(np.all(np.isfinite(value)) for value in run.params.values())


def test_hot_and_cold_refuses_a_loss_that_is_nan_from_the_start():
    with pytest.raises(ValueError, match="loss of the initial parameters is nan"):
        helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.1, epochs=2, loss=lambda y, h: np.nan)


def test_gradient_descent_at_a_huge_step_raises_training_diverged_with_the_history_so_far():
    # 16 hidden units, each weight of W2 pushed to about 1e308: Z2 overflows after the second update.
    params = xor_params(16)
    reference = helpers.gradient_descent(xor_params(16), helpers.XOR_X, helpers.XOR_Y, step=1e308, epochs=1)
    with pytest.raises(TrainingDiverged, match=r"diverged at epoch 2 of 50.*step = 1e\+308 is too large") as caught:
        helpers.gradient_descent(params, helpers.XOR_X, helpers.XOR_Y, step=1e308, epochs=50)
    error = caught.value
    assert isinstance(error, ArithmeticError)
    assert error.epoch == 2 and error.losses.size == 2  # the losses after 0 and 1 updates
    np.testing.assert_array_equal(error.losses, reference)
    assert all(np.all(np.isfinite(value)) for value in params.values())  # the last finite update


@pytest.mark.parametrize("n_hidden", [2, 3])
def test_gradient_descent_at_a_huge_step_that_stays_finite_returns_a_finite_history(n_hidden):
    # Saturated sigmoids keep the gradients below 1, so these runs bounce between huge but finite losses.
    losses = helpers.gradient_descent(xor_params(n_hidden), helpers.XOR_X, helpers.XOR_Y, step=1e308, epochs=20)
    assert losses.shape == (21,) and np.all(np.isfinite(losses))


def test_layer_gradient_descent_at_a_huge_step_raises_training_diverged():
    x = np.array([1e10, 2e10, 3e10])
    with pytest.raises(
        TrainingDiverged, match="layer_gradient_descent diverged at epoch 1 .*step = 1e\\+308"
    ) as caught:
        helpers.layer_gradient_descent(x, SEED_W * 1e-10, SEED_B, Y_REACHABLE, step=1e308, epochs=5)
    assert caught.value.epoch == 1 and caught.value.losses.size == 1  # the initial loss only


def test_the_step_explorer_shows_a_diverged_run_instead_of_crashing():
    def train(step, epochs):
        raise TrainingDiverged("diverged", epoch=3, losses=[0.7, 0.9, 0.8])

    explorer = helpers.widgets.StepSizeExplorer(train, step=1.0, min_step=0.1, max_step=10.0, epochs=5)
    assert explorer.summary() == "step = 1: loss 7.00e-01 → diverged at epoch 3"
    losses, diverged_at, chaotic_from = explorer.shown()
    np.testing.assert_array_equal(losses, [0.7, 0.9, 0.8])
    assert diverged_at == 3 and chaotic_from is None  # the browser marks it "diverged at epoch 3"


# 5. Finite inputs past the documented range -----------------------------------------------------


@pytest.mark.parametrize("loss", [helpers.mean_squared_error, helpers.sum_squared_error])
def test_a_squared_error_past_float64_is_inf_without_a_warning(loss):
    assert loss([0.0], [1e200]) == math.inf
    assert loss([1e308], [-1e308]) == math.inf


def test_mean_squared_error_of_large_but_representable_values_is_not_inf():
    # Each squared difference is 1e306 and so is their mean; np.mean would overflow in the sum.
    assert helpers.mean_squared_error(np.zeros(1000), np.full(1000, 1e153)) == pytest.approx(1e306, rel=1e-12)
    assert helpers.mean_squared_error([0.0, 0.0], [1.3e154, 1.3e154]) == pytest.approx(1.69e308, rel=1e-12)


def test_cross_entropy_from_huge_logits_is_finite_and_right():
    assert helpers.binary_cross_entropy_from_logits([0.0], [1e308]) == 1e308
    assert helpers.binary_cross_entropy_from_logits([1.0], [-1e308]) == 1e308
    assert helpers.binary_cross_entropy_from_logits([1.0, 0.0], [1e308, -1e308]) == 0.0
    assert helpers.binary_cross_entropy_from_logits([0.0, 0.0], [1e308, 1e308]) == 1e308  # no overflow in the sum


HUGE_OUTPUT = dict(xor_params(), W2=np.full((1, 3), 1e308), b2=np.array([[1e308]]))


@pytest.mark.parametrize(
    "call",
    [
        lambda: helpers.sigmoid_layer(SEED_X, np.full((2, 3), 1e308), SEED_B),
        lambda: helpers.sigmoid_layer(SEED_X, np.array([[1e308, -1e308, 1e308]] * 2), SEED_B),
        lambda: helpers.sigmoid_layer_gradient(SEED_X, np.full((2, 3), 1e308), SEED_B, Y_REACHABLE),
        lambda: helpers.hot_and_cold(SEED_X, np.full((2, 3), 1e308), SEED_B, Y_REACHABLE, step=0.1, epochs=1),
        lambda: helpers.layer_gradient_descent(SEED_X, np.full((2, 3), 1e308), SEED_B, Y_REACHABLE, step=0.1, epochs=1),
        lambda: helpers.forward(dict(xor_params(), W1=np.full((3, 2), 1e308)), helpers.XOR_X + 1),
        lambda: helpers.two_layer_loss(HUGE_OUTPUT, helpers.XOR_X, helpers.XOR_Y),
        lambda: helpers.backward(
            dict(xor_params(), W2=np.full((1, 3), 1e308)), dict(forward_cache(), X=helpers.XOR_X * 1e300), helpers.XOR_Y
        ),
        lambda: helpers.gradient_descent(dict(HUGE_OUTPUT), helpers.XOR_X, helpers.XOR_Y, step=0.1, epochs=1),
        lambda: helpers.hot_and_cold_two_layer(HUGE_OUTPUT, helpers.XOR_X, helpers.XOR_Y, step=0.1, epochs=1),
    ],
)
def test_a_layer_whose_pre_activation_overflows_raises_magnitude_error(call):
    with pytest.raises(MagnitudeError, match="overflows float64.*too large in magnitude"):
        call()


def test_make_xor_with_a_noise_past_float64_raises_magnitude_error():
    with pytest.raises(MagnitudeError, match="noise = 1e\\+308 is too large in magnitude"):
        helpers.make_xor(50, noise=1e308)
    assert np.all(np.isfinite(helpers.make_xor(50, noise=1e300)[0]))


def test_magnitude_error_is_a_value_error():
    assert issubclass(MagnitudeError, ValueError)


def test_a_saturated_but_representable_layer_still_works():
    a = helpers.sigmoid_layer(SEED_X, np.full((2, 3), 1e300), SEED_B)
    np.testing.assert_array_equal(a, [1.0, 1.0])


# 6. Long runs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda e: helpers.gradient_descent(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=0.1, epochs=e),
        lambda e: helpers.layer_gradient_descent(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.1, epochs=e),
        lambda e: helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.1, epochs=e),
        lambda e: helpers.hot_and_cold_two_layer(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=0.1, epochs=e),
        lambda e: helpers.widgets.check_epoch_range(e),
    ],
)
def test_epochs_above_the_maximum_are_refused_by_name(call):
    with pytest.raises(ValueError, match=r"epochs must be at most 1,000,000 \(helpers.MAX_EPOCHS\); got 1,000,001"):
        call(MAX_EPOCHS + 1)


def interrupt_after(count, function):
    """``function`` wrapped to raise KeyboardInterrupt on its ``count + 1``-th call."""
    calls = {"n": 0}

    def wrapped(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > count:
            raise KeyboardInterrupt
        return function(*args, **kwargs)

    return wrapped


def test_gradient_descent_interrupted_returns_the_losses_so_far_and_the_matching_params(monkeypatch, capsys):
    from helpers import training

    X, Y = helpers.XOR_X, helpers.XOR_Y
    full_params = xor_params()
    full = helpers.gradient_descent(full_params, X, Y, step=0.5, epochs=10)
    three_params = xor_params()
    helpers.gradient_descent(three_params, X, Y, step=0.5, epochs=3)

    monkeypatch.setattr(training, "_backward", interrupt_after(3, training._backward))
    params = xor_params()
    losses = helpers.gradient_descent(params, X, Y, step=0.5, epochs=10)
    np.testing.assert_array_equal(losses, full[:4])  # after 0, 1, 2 and 3 updates
    assert all(np.array_equal(params[name], three_params[name]) for name in params)
    assert "gradient_descent interrupted (KeyboardInterrupt) after 3 of 10 epochs" in capsys.readouterr().err


def test_gradient_descent_interrupted_before_any_epoch_reraises(monkeypatch):
    from helpers import training

    monkeypatch.setattr(training, "_backward", interrupt_after(0, training._backward))
    with pytest.raises(KeyboardInterrupt):
        helpers.gradient_descent(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=0.5, epochs=10)


def test_hot_and_cold_interrupted_returns_the_completed_epochs(capsys):
    full = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.01, epochs=10, nudge="together")
    loss = interrupt_after(1 + 2 * 4 + 1, helpers.mean_squared_error)  # initial, 4 epochs, then mid-epoch 5
    run = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.01, epochs=10, nudge="together", loss=loss)
    np.testing.assert_array_equal(run.losses, full.losses[:5])  # epochs 0 to 4
    np.testing.assert_array_equal(run.evaluations, full.evaluations[:5])
    expected = helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.01, epochs=4, nudge="together")
    np.testing.assert_array_equal(run.W, expected.W)
    assert "hot_and_cold interrupted (KeyboardInterrupt) after 4 of 10 epochs" in capsys.readouterr().err


def test_layer_gradient_descent_interrupted_returns_the_completed_epochs(monkeypatch, capsys):
    from helpers import training

    full = helpers.layer_gradient_descent(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.1, epochs=8)
    monkeypatch.setattr(
        training, "_mean_squared_error_gradient", interrupt_after(5, training._mean_squared_error_gradient)
    )
    run = helpers.layer_gradient_descent(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.1, epochs=8)
    np.testing.assert_array_equal(run.losses, full.losses[:6])  # epochs 0 to 5
    np.testing.assert_array_equal(run.evaluations, full.evaluations[:6])
    assert "after 5 of 8 epochs" in capsys.readouterr().err


def test_a_long_run_shows_a_progress_bar_and_a_short_one_does_not(monkeypatch, capsys):
    from helpers import _progress

    helpers.gradient_descent(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=0.5, epochs=20)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(_progress, "PROGRESS_SECONDS", 1e-6)  # as if the run were long
    helpers.gradient_descent(xor_params(), helpers.XOR_X, helpers.XOR_Y, step=0.5, epochs=20)
    helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=0.01, epochs=20)
    err = capsys.readouterr().err
    assert "gradient descent: 100%" in err and "20/20" in err and "hot_and_cold: 100%" in err


def test_the_estimate_calls_a_million_epoch_run_long_and_the_notebooks_runs_short():
    from helpers._progress import PROGRESS_SECONDS, pass_seconds

    xor = pass_seconds(17, 100)  # a 2-4-1 network on make_xor()'s 100 points
    assert 2 * 2500 * xor < PROGRESS_SECONDS / 10  # notebook 05's longest gradient descent
    assert 2 * 1_000_000 * xor > PROGRESS_SECONDS


# 7. One honest in-place contract ---------------------------------------------------------------


def gd(params):
    return helpers.gradient_descent(params, helpers.XOR_X, helpers.XOR_Y, step=0.5, epochs=2)


def read_only(array):
    array = array.copy()
    array.flags.writeable = False
    return array


@pytest.mark.parametrize(
    "spoil, error, match",
    [
        (lambda a: a.tolist(), TypeError, "must be a numpy.ndarray of float64 to be updated in place; got list"),
        (lambda a: a.astype(np.float32), TypeError, "must have dtype float64 to be updated in place; got float32"),
        (lambda a: np.round(a).astype(int), TypeError, "must have dtype float64.*got int"),
        (read_only, ValueError, "is read-only, so it cannot be updated in place"),
        (np.asmatrix, TypeError, r"is an np.matrix"),
        (np.ma.masked_array, TypeError, r"is a numpy masked array"),
    ],
)
@pytest.mark.parametrize("key", ["W1", "b2"])
def test_gradient_descent_rejects_what_it_cannot_update_in_place(spoil, error, match, key):
    params = xor_params()
    params[key] = spoil(params[key])
    before = {name: np.array(value, copy=True) for name, value in params.items()}
    with pytest.raises(error, match=rf"params\['{key}'\] {match}" if "params" not in match else match):
        gd(params)
    assert all(np.array_equal(np.asarray(params[name]), before[name]) for name in params)


def test_gradient_descent_updates_exactly_the_callers_arrays():
    params = xor_params()
    arrays = dict(params)
    view_of_W1 = params["W1"][0]
    gd(params)
    assert all(params[name] is arrays[name] for name in params)
    assert np.array_equal(view_of_W1, params["W1"][0]) and not np.array_equal(view_of_W1, xor_params()["W1"][0])


@pytest.mark.parametrize(
    "call",
    [
        lambda bad: helpers.mean_squared_error(bad, [0.5, 0.5]),
        lambda bad: helpers.mean_squared_error([0.5, 0.5], bad),
        lambda bad: helpers.binary_cross_entropy([0.5, 0.5], bad),
        lambda bad: helpers.sigmoid(bad),
        lambda bad: helpers.sigmoid_layer([1.0, 2.0], [[1.0, 1.0]], bad[:1]),
    ],
)
@pytest.mark.parametrize(
    "make",
    [
        lambda: np.ma.masked_array([0.0, 5.0], mask=[False, True]),
        lambda: np.asmatrix([0.0, 5.0]),
    ],
)
def test_masked_arrays_and_matrices_are_rejected_by_name(call, make):
    with pytest.raises(TypeError, match="masked array|np.matrix"):
        call(make())


# 9. Soft labels near 1 --------------------------------------------------------------------------


def exact_cross_entropy(y: float, z: float) -> float:
    """The per-entry loss, with its linear part exact (Fraction) and softplus(-|z|) from math (1 ulp)."""
    linear = (1 - Fraction(y)) * Fraction(z) if z >= 0 else -Fraction(y) * Fraction(z)
    return float(linear + Fraction(math.log1p(math.exp(-abs(z)))))


@pytest.mark.parametrize("z", [550.1, 549.7, 123.456])
def test_soft_label_near_one_keeps_full_precision(z):
    # max(z, 0) - y z loses 4 to 5 digits here (relative error 2e-5 to 9e-5) to cancellation.
    y = 1.0 - 2.0**-40
    expected = exact_cross_entropy(y, z)
    assert expected == pytest.approx(z * 2.0**-40, rel=1e-15, abs=0)  # the exact value, with e^-z negligible
    assert helpers.binary_cross_entropy_from_logits([y], [z]) == pytest.approx(expected, rel=4e-16, abs=0)


@settings(max_examples=300, deadline=None)
@given(y=st.floats(0.0, 1.0), z=st.floats(-1e6, 1e6))
def test_cross_entropy_from_logits_is_accurate_to_a_few_ulp_for_every_soft_label(y, z):
    expected = exact_cross_entropy(y, z)
    got = helpers.binary_cross_entropy_from_logits([y], [z])
    assert got == pytest.approx(expected, rel=8e-16, abs=1e-300)


def test_hard_labels_give_the_textbook_values_bit_for_bit():
    z = np.linspace(-40.0, 40.0, 81)
    for y in (0.0, 1.0):
        textbook = np.mean(np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z))))
        assert helpers.binary_cross_entropy_from_logits(np.full_like(z, y), z) == textbook


def test_no_warning_anywhere_above():
    # The suite turns RuntimeWarning into errors; this checks the same for one plain run, outside pytest's filter.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        helpers.hot_and_cold(SEED_X, SEED_W, SEED_B, Y_REACHABLE, step=1e308, epochs=2, nudge="each")
        helpers.mean_squared_error([0.0], [1e200])
