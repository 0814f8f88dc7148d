"""The step-size explorer's Python side: the pure pieces, what it trains and sends to the browser, its validation.

The browser side (drawing, slider, presets) is tested in Chromium by tests/browser/.
"""

import importlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import widgets


def fake_run(step):
    """A history (entry 0: the start) that depends on the step in a way a test can predict."""
    return 1.0 / (1.0 + step * np.arange(11))


def fake_train(step, epochs):
    return fake_run(step)[: epochs + 1]


def test_summary_is_in_scientific_notation_with_the_slider_readout_and_epoch_zero_first():
    assert widgets.summarize_run(0.003, [5.604e-4, 1e-6, 2.4e-9], symbol="s") == (
        "s = 0.003: loss 5.60e-04 → 2.40e-09 after 2 epochs"
    )
    assert widgets.summarize_run(1e-4, [0.7, 0.0], symbol="α") == "α = 0.0001: loss 7.00e-01 → 0.00e+00 after 1 epochs"
    assert "0.000000" not in widgets.summarize_run(0.5, [1e-9, 1e-12])
    assert (
        widgets.summarize_run(100.0, [0.75], symbol="α", diverged_at=1)
        == "α = 100: loss 7.50e-01 → diverged at epoch 1"
    )


def test_summary_rejects_bad_input_by_name():
    with pytest.raises(ValueError, match="losses must not be empty"):
        widgets.summarize_run(0.1, [])
    with pytest.raises(ValueError, match="losses must be 1-D"):
        widgets.summarize_run(0.1, [[0.5]])
    with pytest.raises(TypeError, match="symbol must be a non-empty str"):
        widgets.summarize_run(0.1, [0.5], symbol="")
    with pytest.raises(ValueError, match="diverged_at"):
        widgets.summarize_run(0.1, [0.5], diverged_at=0)


def test_step_is_formatted_like_the_slider_readout():
    assert [widgets.format_step(s) for s in (0.003, 1e-4, 20.0, 0.1995262)] == ["0.003", "0.0001", "20", "0.2"]
    assert widgets.format_loss(2.4e-9) == "2.40e-09"


def test_first_divergence_finds_non_finite_losses_and_losses_above_the_cap():
    assert widgets.first_divergence([0.7, 0.5, 0.3]) is None
    assert widgets.first_divergence([0.7, 0.5, 7.01, 0.2]) == 2  # above 10 x the start
    assert widgets.first_divergence([0.7, 6.9, 0.2]) is None  # a bump below the cap is not divergence
    assert widgets.first_divergence([0.7, np.inf]) == 1
    assert widgets.first_divergence([0.7, 0.6, np.nan]) == 2
    assert widgets.first_divergence([0.7, 1.5], cap=1.0) == 1


def test_loss_axis_is_logarithmic_only_across_decades():
    assert widgets.loss_axis(2.4e-9, 1.1e-3) == (1e-9, 1.1e-3, True)  # from the decade below the lowest
    bottom, top, log = widgets.loss_axis(0.3, 1.4)
    assert (bottom, top, log) == (0.0, 1.4, False)
    assert widgets.loss_axis(0.02, 1.9)[2] is False and widgets.loss_axis(0.019, 1.9)[2] is True
    with pytest.raises(ValueError, match="lowest must be below highest"):
        widgets.loss_axis(2.0, 1.0)


def test_log_ticks_are_labelled_decades_at_most_seven():
    assert widgets.log_ticks(1e-10, 1.1e-3) == [1e-09, 1e-07, 1e-05, 1e-03]
    assert widgets.log_ticks(1e-4, 7.5) == [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
    ticks = widgets.log_ticks(1e-30, 1.0)
    assert len(ticks) <= 7 and ticks[-1] == 1.0


def test_presets_are_checked_against_the_slider_range():
    assert widgets.check_presets({"good": 0.003}, 1e-4, 1.0) == {"good": 0.003}
    assert widgets.check_presets(None, 1e-4, 1.0) == {}
    with pytest.raises(ValueError, match=r"presets\['too large'\] = 10 is outside the slider's range"):
        widgets.check_presets({"too large": 10.0}, 1e-4, 1.0)
    with pytest.raises(TypeError, match="presets must be a dict"):
        widgets.check_presets([0.1], 1e-4, 1.0)


def test_log_slider_range():
    assert widgets.log_slider_range(1e-4, 1.0) == pytest.approx((-4.0, 0.0))
    with pytest.raises(ValueError, match="min_step must be below max_step; got 1.0 and 0.1"):
        widgets.log_slider_range(1.0, 0.1)
    with pytest.raises(ValueError, match="min_step must be a finite number greater than 0; got 0.0"):
        widgets.log_slider_range(0.0, 1.0)


def sent_state(explorer) -> str:
    """The synced state the notebook stores for an explorer, as JSON (the layout reference aside)."""
    state = {key: value for key, value in explorer.get_state().items() if key != "layout"}
    return json.dumps(state, sort_keys=True, ensure_ascii=False)


def test_every_slider_position_is_trained_when_the_explorer_is_built_and_twice_to_test_chaos():
    calls = []

    def counting(step):
        calls.append(step)
        return fake_run(step)

    explorer = widgets.StepSizeExplorer(counting, step=0.1, min_step=0.01, max_step=10.0)
    steps = [0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0]
    assert explorer.steps == steps and explorer.step_labels[4] == "0.1" and explorer.index == 4
    assert len(calls) == 2 * len(steps)  # each at its step, and at a step larger by widgets.PERTURBATION
    assert sorted(calls[::2]) == steps and calls[1] == pytest.approx(0.01 * (1 + widgets.PERTURBATION), rel=1e-15)
    assert len(explorer.runs) == len(steps)
    for step, run in zip(steps, explorer.runs, strict=True):
        assert run == {"losses": widgets.round_losses(fake_run(step)), "diverged_at": None, "chaotic_from": None}
    explorer.step = 2.0  # a move from Python changes nothing but the position
    assert explorer.index == 9 and len(calls) == 2 * len(steps)


def test_the_losses_sent_are_rounded_to_the_summarys_digits_and_the_summary_is_unchanged():
    losses = [0.7489123, 5.60449e-4, 2.4049999e-9, 0.0]
    assert widgets.round_losses(losses) == [0.749, 0.00056, 2.4e-09, 0.0]
    for step in (0.003, 20.0):
        assert widgets.summarize_run(step, widgets.round_losses(losses)) == widgets.summarize_run(step, losses)
    with pytest.raises(ValueError, match="losses must be finite"):
        widgets.round_losses([0.5, np.nan])


def test_the_loss_axis_is_fixed_labelled_and_shared_by_every_position():
    explorer = widgets.StepSizeExplorer(
        fake_run, step=0.1, min_step=0.01, max_step=10.0, symbol="α", loss_name="binary cross-entropy"
    )
    axis = explorer.axis
    lowest = min(min(run["losses"]) for run in explorer.runs)
    assert axis["bottom"] <= lowest and axis["top"] == 10.0 and axis["log"] is True  # 10 x the start loss 1.0
    assert axis["label"] == "binary cross-entropy"
    assert axis["ticks"] == [0.001, 0.01, 0.1, 1.0, 10.0] and axis["tick_labels"] == [
        "10⁻³",
        "10⁻²",
        "10⁻¹",
        "10⁰",
        "10¹",
    ]
    explorer.step = 10.0
    assert explorer.axis == axis


def test_a_linear_axis_when_the_losses_span_less_than_two_decades():
    explorer = widgets.StepSizeExplorer(
        lambda s: np.array([0.7, 0.69, 0.68]) - 0.01 * s, step=1.0, min_step=0.1, max_step=10.0
    )
    assert explorer.axis["log"] is False and explorer.axis["ticks"] == [0.0, 2.0, 4.0, 6.0]
    assert widgets.linear_ticks(0.0, 1.4) == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]
    with pytest.raises(ValueError, match="bottom must be below top"):
        widgets.linear_ticks(1.0, 1.0)


def test_a_diverged_run_is_sent_up_to_its_divergence_and_marked():
    def train(step):
        if step > 6:
            raise helpers.TrainingDiverged("too large", epoch=3, losses=[0.7, 0.6, 0.9])
        return np.array([0.7, 0.6, 12.0, 0.1]) if step > 0.7 else np.array([0.7, 0.5, 0.3, 0.2])

    explorer = widgets.StepSizeExplorer(train, step=0.1, min_step=0.1, max_step=10.0)
    assert explorer.shown(0.1)[1:] == (None, None)
    losses, diverged_at, chaotic_from = explorer.shown(1.0)
    assert losses.tolist() == [0.7, 0.6] and diverged_at == 2 and chaotic_from is None  # 12 > 10 x 0.7
    assert explorer.summary(1.0) == "step = 1: loss 7.00e-01 → diverged at epoch 2"
    assert explorer.shown(10.0)[1] == 3 and explorer.runs[-1]["losses"] == [0.7, 0.6, 0.9]


def logistic_run(step, epochs=300, start=0.3):
    """A chaotic 'training run': the logistic map at r = 3.9 (losses in (0, 1), never settling)."""
    losses = [start]
    for _ in range(epochs):
        losses.append(3.9 * losses[-1] * (1 - losses[-1]) * (1 + 1e-3 * step))
    return np.array(losses)


def test_a_chaotic_run_is_sent_only_as_far_as_a_perturbed_run_agrees_with_it():
    explorer = widgets.StepSizeExplorer(logistic_run, step=0.1, min_step=0.1, max_step=1.0)
    losses, diverged_at, chaotic_from = explorer.shown(0.1)
    assert diverged_at is None and 5 < chaotic_from < 100 and losses.size == chaotic_from
    assert losses.tolist() == widgets.round_losses(logistic_run(0.1)[:chaotic_from])
    assert explorer.summary(0.1).endswith(
        f"chaotic from epoch {chaotic_from}: its digits differ from machine to machine"
    )
    assert widgets.agreed_length([0.7, 0.5], [0.7, 0.5, 0.3]) == 2


@pytest.mark.parametrize("ulps", [1, -1, 3])
def test_a_chaotic_explorer_stores_the_same_bytes_under_a_floating_point_perturbation(ulps):
    """Another machine rounds differently: here the chaotic run's start moves by a few units in the last place.

    Its later digits change completely, but what the explorer stores does not.
    """
    start = 0.3
    perturbed = start
    for _ in range(abs(ulps)):
        perturbed = np.nextafter(perturbed, np.sign(ulps) * np.inf)
    assert abs(logistic_run(0.1, start=perturbed)[-1] - logistic_run(0.1)[-1]) > 0.01  # chaotic indeed

    def build(first):
        return widgets.StepSizeExplorer(
            lambda step: logistic_run(step, start=first), step=0.1, min_step=0.1, max_step=1.0
        )

    assert sent_state(build(perturbed)) == sent_state(build(start))


def test_gradient_descent_on_xor_oscillating_at_a_large_step_stores_the_same_bytes_when_its_data_moves_an_ulp():
    X, Y = helpers.make_xor(5)
    X_moved = np.nextafter(X, np.inf)

    def build(data):
        return widgets.gradient_descent_explorer(
            data, Y, n_hidden=4, step=20.0, epochs=425, min_step=10.0, max_step=20.0
        )

    explorer = build(X)
    assert explorer.shown(20.0)[2] is not None  # chaotic: cut where the perturbed run leaves it
    assert sent_state(build(X_moved)) == sent_state(explorer)


def test_the_same_explorer_built_twice_sends_the_same_bytes_and_python_sees_the_front_end():
    first = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    again = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    assert sent_state(first) == sent_state(again)
    state = first.get_state()
    assert state["_esm"] == Path(helpers.__file__).with_name("explorer.js").read_text(encoding="utf-8")
    assert ".hcb-explorer" in state["_css"] and state["_model_module"] == "anywidget"
    assert "previous" not in state  # the faint previous line is the browser's, never stored


def test_presets_are_positions_of_the_slider_with_the_symbol_in_their_label():
    explorer = widgets.StepSizeExplorer(
        fake_run,
        step=0.1,
        min_step=0.01,
        max_step=10.0,
        symbol="s",
        presets={"too small": 0.01, "too large": 10.0},
        hint="predict first",
    )
    assert explorer.presets == [
        {"label": "too small (s = 0.01)", "index": 0},
        {"label": "too large (s = 10)", "index": 12},
    ]
    assert explorer.hint == "predict first" and explorer.range_text == "0.01 to 10, log scale"


def test_the_step_can_be_set_only_to_a_position_of_the_slider():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    explorer.step = 0.3
    assert explorer.step == 0.3 and explorer.summary() == widgets.summarize_run(0.3, fake_run(0.3))
    with pytest.raises(ValueError, match=r"step must be one of the slider's positions \['0.01', '0.02'"):
        explorer.step = 0.25
    with pytest.raises(ValueError, match="symbol must be a non-empty str"):
        widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0, symbol="")


def test_before_the_cell_runs_the_notebook_shows_a_sentence_not_a_repr_with_an_address():
    explorer = widgets.StepSizeExplorer(fake_run, step=0.1, min_step=0.01, max_step=10.0)
    bundle = explorer._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == "Run this cell for the step-size slider."
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.model_id


def test_the_slider_offers_round_steps_four_a_decade_plus_the_start_and_the_presets():
    assert widgets.step_options(1e-3, 0.1) == [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1]
    assert widgets.step_options(1e-4, 1.0, extra=[0.004])[4:8] == [0.001, 0.002, 0.003, 0.004]
    with pytest.raises(ValueError, match="every step must lie in"):
        widgets.step_options(1e-4, 1.0, extra=[2.0])
    explorer = widgets.StepSizeExplorer(fake_run, step=0.007, min_step=1e-3, max_step=1.0, presets={"odd": 0.04})
    assert explorer.step_labels[:6] == ["0.001", "0.002", "0.003", "0.005", "0.007", "0.01"]
    assert explorer.step == 0.007 and 0.04 in explorer.positions()


def test_epochs_slider_cuts_the_longest_run():
    explorer = widgets.StepSizeExplorer(fake_train, step=0.1, min_step=0.01, max_step=10.0, epochs=2, max_epochs=10)
    assert explorer.max_epochs == 10 and explorer.epochs == 2 and len(explorer.runs[0]["losses"]) == 11
    assert explorer.shown()[0].size == 3
    explorer.epochs = 8
    assert explorer.shown()[0].size == 9
    assert explorer.summary() == widgets.summarize_run(0.1, fake_run(0.1)[:9])
    assert widgets.check_epoch_range(5) == (5, 20)
    with pytest.raises(ValueError, match="max_epochs must be at least epochs \\(5\\); got 3"):
        widgets.check_epoch_range(5, 3)


def test_hot_and_cold_explorer_sends_hot_and_cold():
    x, W, b, y = (
        np.array([1.0, 2.0, 3.0]),
        np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
        np.array([1.0, 2.0]),
        [0.95, 0.99],
    )
    explorer = widgets.hot_and_cold_explorer(x, W, b, y, step=0.01, epochs=10, max_epochs=12)
    expected = helpers.hot_and_cold(x, W, b, y, step=0.05, epochs=10, nudge="each").losses
    assert explorer.shown(0.05)[0].tolist() == widgets.round_losses(expected)
    assert expected[0] == helpers.mean_squared_error(y, helpers.sigmoid_layer(x, W, b))
    assert explorer.summary(0.05) == widgets.summarize_run(0.05, expected, symbol="s")
    assert explorer.symbol == "s" and explorer.axis["label"] == "mean squared error"


def test_gradient_descent_explorer_starts_every_run_afresh():
    X, Y = helpers.make_xor(5)
    explorer = widgets.gradient_descent_explorer(X, Y, n_hidden=3, step=1.0, epochs=20, max_epochs=20)
    expected = helpers.gradient_descent(helpers.init_two_layer(2, 3, 1, seed=0), X, Y, step=1.0, epochs=20)
    assert explorer.shown(1.0)[0].tolist() == widgets.round_losses(expected)
    np.testing.assert_array_equal(explorer.run(1.0), expected)
    assert explorer.symbol == "α" and explorer.axis["label"] == "binary cross-entropy"
    with pytest.raises(ValueError, match="X and Y must be 2-D"):
        widgets.gradient_descent_explorer(X[0], Y, n_hidden=3, step=1.0, epochs=20)


@pytest.mark.parametrize("notebook", ["03_hot_and_cold", "04_backpropagation", "05_hot_and_cold_vs_backprop"])
def test_the_notebooks_store_todays_front_end_and_only_reproducible_runs(notebook):
    """A notebook stores its explorers' state, front-end included (handouts and slides draw from it): after a
    change to explorer.js or explorer.css, `make notebooks` must store the new one."""
    import nbformat

    nb = nbformat.read(Path(__file__).resolve().parents[1] / "notebooks" / f"{notebook}.ipynb", as_version=4)
    models = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
    explorers = [model["state"] for model in models if model["model_name"] == "AnyModel"]
    assert explorers, f"{notebook} stores no explorer"
    folder = Path(helpers.__file__).parent
    for state in explorers:
        assert state["_esm"] == (folder / "explorer.js").read_text(encoding="utf-8"), "run `make notebooks`"
        assert state["_css"] == (folder / "explorer.css").read_text(encoding="utf-8"), "run `make notebooks`"
        for run in state["runs"]:
            assert run["losses"] == widgets.round_losses(run["losses"])  # nothing below the summary's digits
            assert run["diverged_at"] is None or run["chaotic_from"] is None


# --- Ctrl-C during a build (issue 17, item 4): it stops the build, and nothing cut short is kept or shown -----------


def module_state():
    """What helpers.widgets holds at module level: a cache of runs would show up here."""
    return {name: repr(value) for name, value in vars(widgets).items() if isinstance(value, (dict, list, set))}


def interrupted_at_call(k, function):
    """``function``, raising KeyboardInterrupt (as Ctrl-C does) at its ``k``-th call instead."""
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(args)
        if len(calls) == k:
            raise KeyboardInterrupt
        return function(*args, **kwargs)

    return wrapped, calls


def test_ctrl_c_in_train_stops_the_build_and_nothing_is_cached():
    before = module_state()
    train, calls = interrupted_at_call(3, fake_train)  # the 3rd run: the second slider position
    with pytest.raises(KeyboardInterrupt):
        widgets.StepSizeExplorer(train, step=0.1, min_step=0.01, max_step=10.0, epochs=5)
    assert len(calls) == 3  # stopped there, not carried on past the interruption
    assert module_state() == before
    counted, calls = interrupted_at_call(0, fake_train)  # never interrupts: a new build trains every position again
    explorer = widgets.StepSizeExplorer(counted, step=0.1, min_step=0.01, max_step=10.0, epochs=5)
    assert len(calls) == 2 * len(explorer.steps) and module_state() == before


def test_ctrl_c_inside_gradient_descent_stops_the_explorer_instead_of_showing_a_cut_short_run(monkeypatch):
    backward, calls = interrupted_at_call(5, helpers.training._backward)  # in the 5th update of the first run
    monkeypatch.setattr(helpers.training, "_backward", backward)
    params = helpers.init_two_layer(2, 2, 1, seed=0)
    cut_short = helpers.gradient_descent(params, helpers.XOR_X, helpers.XOR_Y, step=1.0, epochs=20)
    assert cut_short.shape == (5,)  # outside an explorer, Ctrl-C returns the epochs done: the case this test is about
    calls.clear()
    before = module_state()
    with pytest.raises(KeyboardInterrupt):
        widgets.gradient_descent_explorer(helpers.XOR_X, helpers.XOR_Y, n_hidden=2, step=1.0, epochs=20)
    assert len(calls) == 5 and module_state() == before


def test_ctrl_c_inside_hot_and_cold_stops_the_explorer(monkeypatch):
    search = importlib.import_module("helpers.hot_and_cold")._HotAndColdSearch  # helpers.hot_and_cold: the function
    sweep, calls = interrupted_at_call(2, search.nudge_each)
    monkeypatch.setattr(search, "nudge_each", sweep)
    x, W, b, y = [1.0, 0.5, 0.2], [[0.1, 0.2, -0.1], [0.0, 0.3, 0.1]], [0.0, 0.0], [0.9, 0.1]
    with pytest.raises(KeyboardInterrupt):
        widgets.hot_and_cold_explorer(x, W, b, y, step=0.01, epochs=4)
    assert len(calls) == 2


# --- the pure functions at float64's edges (issue 17, item 4; tests/test_edges.py fuzzes them all) -------------------


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: widgets.log_ticks(0.0, 1.0), "bottom"),  # log10(0): a raw math domain error before
        (lambda: widgets.log_ticks(1e-3, 1.0, most=0), "most"),  # ZeroDivisionError before
        (lambda: widgets.linear_ticks(0.0, 5e-324), "bottom and top"),  # log10(0.0) of the spacing before
        (lambda: widgets.tick_label(0.5, np.array([True, False])), "log"),
        (lambda: widgets.first_divergence([10**400, 0.5]), "losses"),  # OverflowError before
        (lambda: widgets.agreed_length(np.array(0.5), [0.5]), "losses"),  # IndexError before
        (lambda: widgets.step_options(1e-3, 0.1, extra=0.005), "extra"),  # 'float' object is not iterable
        (lambda: widgets.step_options(5e-324, 1.0), "max_step"),  # 1,300 positions, each trained twice
        (lambda: widgets.fixed_axis([], None, "loss"), "runs"),  # max() of an empty sequence
        (lambda: widgets.check_presets({"good": 0.1}, np.ones(2), 1.0), "min_step"),
    ],
)
def test_the_explorers_pure_functions_name_the_argument_at_the_edges(call, argument):
    with pytest.raises((TypeError, ValueError)) as error:
        call()
    assert argument in str(error.value), str(error.value)


def test_results_at_float64s_limits_are_finite():
    assert widgets.round_losses([1.7976931348623157e308, 5e-324]) == [widgets.LARGEST_ROUNDED, 5e-324]
    assert widgets.linear_ticks(-1e308, 1e308) == [-1e308, -5e307, 0.0, 5e307, 1e308]
    assert widgets.loss_axis(-1.79e308, 1.0)[0] == -sys.float_info.max
    explorer = widgets.StepSizeExplorer(
        lambda step: [0.7, 0.5], step=1e308, min_step=1e307, max_step=sys.float_info.max
    )  # the chaos test's perturbed step would be inf: it is perturbed down instead
    assert explorer.runs[-1] == {"losses": [0.7, 0.5], "diverged_at": None, "chaotic_from": None}
