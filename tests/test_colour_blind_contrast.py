"""Notebook 05's loss surface stays readable to a deuteranope: every path and marker contrasts with the
surface under it, in colours simulated for deuteranopia.

The figure is drawn from notebook 05's own inputs (its data, grid, start, minimum and the three rules'
paths). Each colour is passed through Machado, Oliveira and Fernandes' (2009) deuteranopia matrix at
severity 1.0, in linear RGB; contrast is WCAG 2's ratio of relative luminances, and 3:1 is WCAG's
minimum for graphics (success criterion 1.4.11). A path may reach it with its own colour or with its
outline (a ``Stroke`` path effect): whichever contrasts more with the surface at each point.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # tests/conftest.py selects the Agg backend
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.patheffects import Stroke

import helpers
from helpers import comparison
from helpers.figures import comparison_plots, use_course_style

#: Machado et al. (2009), deuteranopia, severity 1.0: linear RGB to linear RGB.
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
MIN_CONTRAST = 3.0


def to_linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def as_deuteranope_sees(rgb):
    """Linear RGB of ``rgb`` (sRGB in [0, 1], shape (..., 3)) as a deuteranope sees it."""
    return np.clip(to_linear(rgb) @ DEUTERANOPIA.T, 0.0, 1.0)


def luminance(linear_rgb):
    return linear_rgb @ np.array([0.2126, 0.7152, 0.0722])


def contrast(rgb_a, rgb_b):
    """WCAG contrast ratio (1 to 21) of two sRGB colours, as a deuteranope sees them."""
    a, b = luminance(as_deuteranope_sees(rgb_a)), luminance(as_deuteranope_sees(rgb_b))
    return (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)


def test_the_simulation_and_the_contrast_are_right_on_known_colours():
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    # red and green that differ only in hue collapse for a deuteranope...
    assert contrast(to_rgb("#D55E00"), to_rgb("#6B8E23")) < 1.5
    # ...and the simulation keeps greys grey
    grey = np.array([0.5, 0.5, 0.5])
    assert np.allclose(as_deuteranope_sees(grey), to_linear(grey), atol=2e-3)


@pytest.fixture(scope="module")
def surface_figure():
    """Notebook 05's first figure, drawn from the notebook's inputs (cells 3, 5 and 9)."""
    use_course_style()
    rng = np.random.default_rng(0)
    x = np.linspace(-3.0, 3.0, 7).reshape(1, -1)
    y = np.clip(helpers.sigmoid(1.5 * x + 0.5) + rng.normal(0.0, 0.05, size=x.shape), 0.02, 0.98)
    W_start, b_start = np.array([[0.0]]), np.array([-3.0])
    w_values, b_values = np.linspace(-1.0, 4.0, 241), np.linspace(-3.5, 1.5, 241)
    surface = comparison.layer_loss_grid(x, y, w_values, b_values)
    best = helpers.layer_gradient_descent(x, W_start, b_start, y, step=10.0, epochs=5000)
    rules = {
        "hot and cold, together": lambda W, b, epochs=1: helpers.hot_and_cold(
            x, W, b, y, step=0.1, epochs=epochs, nudge="together"
        ),
        "hot and cold, each": lambda W, b, epochs=1: helpers.hot_and_cold(
            x, W, b, y, step=0.1, epochs=epochs, nudge="each"
        ),
        "gradient descent": lambda W, b, epochs=1: helpers.layer_gradient_descent(x, W, b, y, step=5.0, epochs=epochs),
    }
    paths = {name: comparison.trace_path(rule, W_start, b_start, 40) for name, rule in rules.items()}
    fig, ax = plt.subplots(figsize=(8, 6))
    minimum = (best.W[0, 0], best.b[0])
    lines = comparison_plots.draw_paths_on_surface(
        fig, ax, w_values, b_values, surface, paths, start=(0.0, -3.0), minimum=minimum, epochs=40
    )
    # The filled contours, as the colour bar maps them (matplotlib 3.8+ also lists them in ax.collections; 3.7
    # lists only their per-band PathCollections there, which have no levels).
    (filled,) = {axes._colorbar.mappable for axes in fig.axes if getattr(axes, "_colorbar", None) is not None}
    yield {"ax": ax, "lines": lines, "filled": filled, "grid": (w_values, b_values, surface), "minimum": minimum}
    plt.close(fig)


def surface_colour_at(figure, points):
    """sRGB of the filled surface under each ``(w, b)`` point, shape (n, 3)."""
    w_values, b_values, surface = figure["grid"]
    points = np.atleast_2d(points)
    i = np.clip(np.searchsorted(b_values, points[:, 1]), 0, b_values.size - 1)
    j = np.clip(np.searchsorted(w_values, points[:, 0]), 0, w_values.size - 1)
    filled = figure["filled"]
    levels = filled.levels
    band = np.clip(np.searchsorted(levels, surface[i, j]) - 1, 0, len(levels) - 2)
    middles = np.sqrt(levels[band] * levels[band + 1])  # the band's colour is its log-middle's
    return np.asarray(filled.cmap(filled.norm(middles)))[:, :3]


def inks(line):
    """The colours a line draws with: its own, and the outline of any ``Stroke`` path effect."""
    colours = [to_rgb(line.get_color())]
    colours += [to_rgb(effect._gc["foreground"]) for effect in line.get_path_effects() if isinstance(effect, Stroke)]
    return colours


@pytest.mark.parametrize("name", ["hot and cold, together", "hot and cold, each", "gradient descent"])
def test_every_path_contrasts_with_the_surface_under_it_for_a_deuteranope(surface_figure, name):
    line = surface_figure["lines"][name]
    points = np.column_stack(line.get_data())
    background = surface_colour_at(surface_figure, points)
    best = np.max([contrast(np.tile(ink, (len(points), 1)), background) for ink in inks(line)], axis=0)
    worst = int(np.argmin(best))
    assert best.min() >= MIN_CONTRAST, f"{name}: contrast {best.min():.2f} at (w, b) = {points[worst]}"


def test_the_start_and_the_minimum_contrast_with_the_surface_for_a_deuteranope(surface_figure):
    ax = surface_figure["ax"]
    markers = {line.get_label(): line for line in ax.get_lines() if line.get_label() in ("start", "minimum")}
    assert set(markers) == {"start", "minimum"}
    for label, marker in markers.items():
        point = np.column_stack(marker.get_data())
        background = surface_colour_at(surface_figure, point)[0]
        # the face, not only a thin edge: the filled shape is what the eye finds
        face = contrast(to_rgb(marker.get_markerfacecolor()), background)
        assert face >= MIN_CONTRAST, f"{label}: contrast {face:.2f}"
