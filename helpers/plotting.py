"""Matplotlib figures shared by the notebooks.

Each function draws on an ``Axes`` it is given and returns the artists it
made, so that a widget can update them in place instead of redrawing.
"""

from __future__ import annotations

import io

import numpy as np

from ._validation import as_float_array
from .two_layer import forward

#: Resolution at which ``show`` renders a notebook's figures.
SHOW_DPI = 100


def show(figure, dpi=SHOW_DPI) -> None:
    """Display ``figure`` in the notebook as a PNG, with no text repr, and close it.

    ``plt.show()`` under the inline backend also stores ``<Figure size 1100x400
    with 2 Axes>``, a text that a reader's matplotlib settings change; this shows
    the picture alone, so a notebook's stored outputs do not depend on them.
    """
    from IPython.display import display
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    display({"image/png": buffer.getvalue()}, raw=True)
    plt.close(figure)


def plot_loss_curve(ax, losses, *, label=None, x=None, **line_kwargs):
    """Draw one loss curve and return its ``Line2D``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    losses : array_like, shape (n,)
        One loss per epoch (or per evaluation, with ``x``).
    label : str, optional
        Legend label.
    x : array_like, shape (n,), optional
        Horizontal positions; defaults to epochs ``1 .. n``.
    """
    losses = np.asarray(losses, dtype=float)
    x = np.arange(1, losses.size + 1) if x is None else np.asarray(x)
    (line,) = ax.plot(x, losses, label=label, **line_kwargs)
    return line


def label_loss_axes(ax, *, xlabel="epoch", ylabel="loss", title=None, log_y=False):
    """Label a loss plot's axes, add a grid and, where there are labels, a legend."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if log_y:
        ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend()


def decision_grid(X, resolution=200, margin=0.5):
    """A grid covering the points ``X`` (shape ``(2, m)``), for contour plots.

    Returns
    -------
    xx, yy : numpy.ndarray, shape (resolution, resolution)
    grid : numpy.ndarray, shape (2, resolution**2)
        The grid points, one per column, ready for ``forward``.
    """
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m), one 2-D point per column; got shape {X.shape}")
    xs = np.linspace(X[0].min() - margin, X[0].max() + margin, resolution)
    ys = np.linspace(X[1].min() - margin, X[1].max() + margin, resolution)
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(ax, params, X, Y, *, resolution=200):
    """Shade a 2-input network's output probability and draw the points.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    params : dict
        A two-layer network with ``n_in = 2`` and ``n_out = 1``.
    X : array_like, shape (2, m)
    Y : array_like, shape (1, m)
        Labels 0 or 1, used for the points' colours.

    Returns
    -------
    matplotlib.contour.QuadContourSet
        The filled contour of ``A2``.
    """
    xx, yy, grid = decision_grid(X, resolution)
    A2, _ = forward(params, grid)
    contour = ax.contourf(xx, yy, A2.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    ax.contour(xx, yy, A2.reshape(xx.shape), levels=[0.5], colors="k", linewidths=1.5)
    Y = np.asarray(Y).ravel()
    ax.scatter(X[0], X[1], c=Y, cmap="RdBu_r", edgecolors="k", vmin=0, vmax=1, s=25)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return contour
