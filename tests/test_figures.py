"""The notebooks' figure helpers draw what they say, from the helpers' own numbers."""

import numpy as np
import pytest

import helpers
from helpers import loss_plots


def test_loss_curves_are_the_helpers_losses(ax):
    squared, cross = loss_plots.plot_losses_against_prediction(ax, 1.0)
    h = squared.get_xdata()
    assert np.all((h > 0) & (h < 1))
    k = len(h) // 3
    assert squared.get_ydata()[k] == pytest.approx(helpers.mean_squared_error(1.0, h[k]))
    assert cross.get_ydata()[k] == pytest.approx(helpers.binary_cross_entropy(1.0, h[k]))


def test_gradient_curves_are_the_derivatives(ax):
    z = np.linspace(-10, 10, 21)
    squared, cross = loss_plots.plot_gradients_against_z(ax, 1.0, z)
    h = helpers.sigmoid(z)
    np.testing.assert_allclose(squared.get_ydata(), np.abs(2 * (h - 1) * helpers.sigmoid_derivative(z)))
    np.testing.assert_allclose(cross.get_ydata(), np.abs(h - 1))


def test_sigmoid_reach_draws_the_sigmoid(ax):
    line = loss_plots.plot_sigmoid_reach(ax, [0.95, 1.23])
    np.testing.assert_allclose(line.get_ydata(), helpers.sigmoid(line.get_xdata()))


def test_network_diagram_has_a_node_per_input_and_unit(ax):
    W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    nodes = loss_plots.draw_network(ax, W, [1, 2])
    assert len(nodes) == 3 + 2
    labels = [text.get_text() for text in ax.texts]
    assert any("0.6" in label for label in labels)
    # the math's 1-based names: W[1, 2] = 0.6 is the weight from input 3 into unit 2
    assert "$W_{23}$=0.6" in labels and "$b_{1}$=1" in labels
    assert not any("W[" in label or "$x_{0}$" in label or "$a_{0}$" in label for label in labels)


def test_decision_boundary_shades_the_network_output(ax):
    X, Y = helpers.make_xor(5)
    params = helpers.init_two_layer(2, 3, 1)
    contour = helpers.plotting.plot_decision_boundary(ax, params, X, Y, resolution=20)
    assert contour.levels[0] == 0 and contour.levels[-1] == 1


def test_hot_and_cold_curves_start_before_the_first_epoch():
    from helpers import hot_and_cold_plots

    x = np.array([1.0, 2.0, 3.0])
    W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    result = helpers.hot_and_cold(x, W, [1.0, 2.0], [0.95, 0.99], step=0.01, epochs=4, nudge="each")
    epochs, losses = hot_and_cold_plots.run_curve(result)
    assert list(epochs) == [0, 1, 2, 3, 4]
    assert losses[0] == result.initial_loss and list(losses[1:]) == list(result.losses)
    evaluations, _ = hot_and_cold_plots.run_curve(result, by="evaluations")
    assert list(evaluations) == [1, 17, 33, 49, 65]
    with pytest.raises(ValueError, match="by must be 'epoch' or 'evaluations'; got 'time'"):
        hot_and_cold_plots.run_curve(result, by="time")


def test_backprop_graph_has_every_forward_node_and_every_gradient(ax):
    from helpers import backprop_figures

    artists = backprop_figures.draw_backprop_graph(ax)
    assert {"X", "Z1", "A1", "Z2", "A2", "L"} <= set(artists["nodes"])
    assert set(artists["backward"]) == {"dZ2", "dA1", "dZ1", "dW2, db2", "dW1, db1"}
    assert len(artists["forward"]) >= 5
