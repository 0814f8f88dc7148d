"""Figures for the first two notebooks: losses, the sigmoid's reach, a layer's diagram.

Each function draws on a Matplotlib ``Axes`` it is given and returns the
artists it made, like ``helpers.figures.plotting``.  The loss curves are computed with
the helpers' own losses, so a plot shows exactly what the code computes.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array, check_int_in_range, check_number_in_range, check_positive_number
from ..activations import sigmoid, sigmoid_derivative
from ..losses import binary_cross_entropy, mean_squared_error

#: The most points a curve may have.
MAX_POINTS = 100_000

#: The largest target ``plot_sigmoid_reach`` draws (the axis must still show the sigmoid's (0, 1)).
MAX_TARGET = 1e6

#: Colours for the rows of ``W`` (the output units) in ``draw_network``.
ROW_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")

#: Line styles for the rows of ``W``, so that rows differ by more than hue.
ROW_STYLES = ("-", "--", "-.", ":", "-")

#: Vertical distance between neighbouring nodes in ``draw_network`` (data units; the layers are 4 apart).
NODE_SPACING = 1.4


def plot_losses_against_prediction(ax, y, *, num=400, h_min=1e-3, h_max=1 - 1e-3):
    """Plot squared error and binary cross-entropy of one entry as ``h`` moves in ``(0, 1)``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    y : float
        The target, usually 0 or 1.
    num : int, optional
        Number of points on each curve.
    h_min, h_max : float, optional
        The range of predictions ``h`` drawn.  The default stops short of 0
        and 1, where cross-entropy grows without bound (``binary_cross_entropy``
        caps one entry's cost at about ``-ln PROBABILITY_CLIP`` once ``h`` is
        within ``PROBABILITY_CLIP`` of the wrong end).

    Returns
    -------
    list of matplotlib.lines.Line2D
        The squared-error curve, then the cross-entropy curve.
    """
    y = check_number_in_range(y, "y", 0.0, 1.0)
    num = check_int_in_range(num, "num", 2, MAX_POINTS)
    h_min = check_number_in_range(h_min, "h_min", 0.0, 1.0)
    h_max = check_number_in_range(h_max, "h_max", 0.0, 1.0)
    if not h_min < h_max:
        raise ValueError(f"h_min must be below h_max; got {h_min:g} and {h_max:g}")
    h = np.linspace(h_min, h_max, num)
    squared = [mean_squared_error(y, value) for value in h]
    cross_entropy = [binary_cross_entropy(y, value) for value in h]
    (mse_line,) = ax.plot(h, squared, label=r"squared error $(y-h)^2$")
    (bce_line,) = ax.plot(h, cross_entropy, label=r"cross-entropy $-[y\ln h+(1-y)\ln(1-h)]$")
    ax.axvline(y, color="grey", linestyle=":", linewidth=1.5)
    ax.set_xlabel("prediction $h$")
    ax.set_ylabel("loss")
    ax.set_title(f"target $y = {y:g}$")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))
    return [mse_line, bce_line]


def plot_gradients_against_z(ax, y, z):
    """Plot ``|dL/dz|`` of squared error and cross-entropy through a sigmoid, on a log scale.

    With ``h = sigmoid(z)`` and one entry, squared error has
    ``dL/dz = 2 (h - y) sigmoid'(z)`` and cross-entropy has ``dL/dz = h - y``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    y : float
        The target, 0 or 1.
    z : array_like, shape (n,)
        Pre-activations at which to evaluate the gradients.

    Returns
    -------
    list of matplotlib.lines.Line2D
        The squared-error curve, then the cross-entropy curve.
    """
    y = check_number_in_range(y, "y", 0.0, 1.0)
    z = as_float_array(z, "z")
    if z.ndim != 1:
        raise ValueError(f"z must be 1-D, the points of the curve; got shape {z.shape}")
    h = sigmoid(z)
    d_squared = 2.0 * (h - y) * sigmoid_derivative(z)
    d_cross_entropy = h - y
    (mse_line,) = ax.semilogy(z, np.abs(d_squared), label=r"squared error: $|2(h-y)\,\sigma'(z)|$")
    (bce_line,) = ax.semilogy(z, np.abs(d_cross_entropy), label=r"cross-entropy: $|h-y|$")
    ax.set_xlabel("pre-activation $z$")
    ax.set_ylabel(r"$|\partial L / \partial z|$")
    ax.set_title(f"how hard each loss pushes $z$, target $y = {y:g}$")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    return [mse_line, bce_line]


def plot_sigmoid_reach(ax, targets, *, z_max=8.0, num=400):
    """Plot ``sigmoid(z)`` with horizontal lines at the targets it should reach.

    A target inside ``(0, 1)`` is drawn dashed; a target outside it is drawn
    solid red with the gap between it and the nearest asymptote shaded: no
    ``z`` closes that gap.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    targets : array_like of float
        Target outputs, e.g. the seed's ``[0.95, 1.23]``.
    z_max : float, optional
        The plot covers ``z`` in ``[-z_max, z_max]``.
    num : int, optional
        Number of points on the curve.

    Returns
    -------
    matplotlib.lines.Line2D
        The sigmoid curve.
    """
    targets = [float(target) for target in as_float_array(targets, "targets").ravel()]
    if max(abs(target) for target in targets) > MAX_TARGET:
        raise ValueError(
            f"targets must lie within +-{MAX_TARGET:g} to be drawn beside the sigmoid's (0, 1); got {targets}"
        )
    z_max = check_positive_number(z_max, "z_max")
    num = check_int_in_range(num, "num", 2, MAX_POINTS)
    z = np.linspace(-z_max, z_max, num)
    (curve,) = ax.plot(z, sigmoid(z), color="black", linewidth=3, marker="none", label=r"$\sigma(z)$")
    for bound in (0.0, 1.0):
        ax.axhline(bound, color="grey", linestyle=":", linewidth=1)
    for target in targets:
        if 0.0 < target < 1.0:
            ax.axhline(target, color="#009E73", linestyle="--", linewidth=2.5, label=f"target {target:g}: reachable")
        else:
            edge = 1.0 if target >= 1.0 else 0.0
            ax.axhline(target, color="#D55E00", linestyle="-", linewidth=2.5, label=f"target {target:g}: out of reach")
            ax.axhspan(min(edge, target), max(edge, target), color="#D55E00", alpha=0.15, hatch="//")
            ax.text(
                -0.95 * z_max,
                (edge + target) / 2,
                "no $z$ reaches this band",
                color="#A04000",
                va="center",
                fontsize=12,
            )
    ax.set_ylim(min([-0.05] + [t - 0.1 for t in targets]), max([1.05] + [t + 0.1 for t in targets]))
    ax.set_xlabel("pre-activation $z$")
    ax.set_ylabel(r"output $a = \sigma(z)$")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
    return curve


def _indexed(symbol: str, *indices: int) -> str:
    """A math symbol with 1-based subscripts, ``W_{23}``; commas once an index has two digits, ``W_{10,2}``.

    >>> _indexed("W", 2, 3), _indexed("W", 10, 2), _indexed("x", 1)
    ('W_{23}', 'W_{10,2}', 'x_{1}')
    """
    separator = "," if max(indices) > 9 else ""
    return f"{symbol}_{{{separator.join(str(index) for index in indices)}}}"


def draw_network(ax, W, b=None, *, x=None, radius=0.28):
    """Draw one fully connected layer: inputs on the left, sigmoid units on the right.

    Every input gets an arrow to every unit, labelled with its weight; arrows
    into the same unit share a colour and a line style, because they are one row
    of ``W``.  Each label sits on its own arrow near the input, before any two
    arrows cross.
    Labels use the math's 1-based names (``docs/notation.md``): the arrow from
    input :math:`x_j` into unit :math:`a_i` is :math:`W_{ij}`, which is
    ``W[i - 1, j - 1]``, and unit :math:`i`'s bias is :math:`b_i`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    W : array_like, shape (n_out, n_in)
        Weights, row ``i`` feeding unit ``i``.
    b : array_like, shape (n_out,), optional
        Biases, written inside the units.
    x : array_like, shape (n_in,), optional
        Input values, written inside the input nodes.
    radius : float, optional
        Radius of the circles, in data units (nodes are one unit apart).

    Returns
    -------
    list of matplotlib.patches.Circle
        The input nodes, then the units.
    """
    from matplotlib.patches import Circle

    radius = check_number_in_range(radius, "radius", 1e-3, 0.5)
    W = as_float_array(W, "W")
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D with shape (n_out, n_in); got shape {W.shape}")
    n_out, n_in = W.shape
    b = None if b is None else as_float_array(b, "b").reshape(-1)
    x = None if x is None else as_float_array(x, "x").reshape(-1)
    if b is not None and b.shape != (n_out,):
        raise ValueError(f"b must have {n_out} entries, one per row of W {W.shape}; got {b.size}")
    if x is not None and x.shape != (n_in,):
        raise ValueError(f"x must have {n_in} entries, one per column of W {W.shape}; got {x.size}")

    x_in, x_out = 0.0, 4.0
    y_in = NODE_SPACING * ((n_in - 1) / 2 - np.arange(n_in))
    y_out = NODE_SPACING * ((n_out - 1) / 2 - np.arange(n_out))
    circles = []

    for i in range(n_out):
        colour = ROW_COLOURS[i % len(ROW_COLOURS)]
        style = ROW_STYLES[i % len(ROW_STYLES)]
        for j in range(n_in):
            start = np.array([x_in, y_in[j]])
            end = np.array([x_out, y_out[i]])
            direction = (end - start) / np.linalg.norm(end - start)
            ax.annotate(
                "",
                xy=end - radius * direction,
                xytext=start + radius * direction,
                arrowprops=dict(
                    arrowstyle="-|>",
                    color=colour,
                    linewidth=2,
                    linestyle=style,
                    shrinkA=0,
                    shrinkB=0,
                    mutation_scale=18,
                ),
            )
            # Just above its own arrow, near the input: there the arrows leaving one input
            # have fanned apart, and no two arrows cross yet (they cross near the middle).
            label_at = start + (1.3 / direction[0]) * direction + 0.04 * np.array([-direction[1], direction[0]])
            ax.text(
                *label_at,
                f"${_indexed('W', i + 1, j + 1)}$={W[i, j]:g}",
                color=colour,
                fontsize=12,
                ha="center",
                va="bottom",
                rotation=np.degrees(np.arctan2(direction[1], direction[0])),
                rotation_mode="anchor",
                transform_rotates_text=True,
                zorder=2,
            )

    for j in range(n_in):
        circle = Circle((x_in, y_in[j]), radius, facecolor="whitesmoke", edgecolor="black", linewidth=1.5, zorder=3)
        ax.add_patch(circle)
        circles.append(circle)
        text = f"${_indexed('x', j + 1)}$" if x is None else f"${_indexed('x', j + 1)}$\n{x[j]:g}"
        ax.text(x_in, y_in[j], text, ha="center", va="center", fontsize=12, zorder=4)

    for i in range(n_out):
        colour = ROW_COLOURS[i % len(ROW_COLOURS)]
        circle = Circle((x_out, y_out[i]), radius, facecolor="white", edgecolor=colour, linewidth=2.5, zorder=3)
        ax.add_patch(circle)
        circles.append(circle)
        ax.text(
            x_out, y_out[i], f"$\\sigma$\n${_indexed('a', i + 1)}$", ha="center", va="center", fontsize=12, zorder=4
        )
        if b is not None:
            ax.text(
                x_out + radius + 0.1,
                y_out[i],
                f"${_indexed('b', i + 1)}$={b[i]:g}",
                color=colour,
                fontsize=12,
                va="center",
            )

    ax.text(x_in, y_in[0] + 0.4, f"inputs x\n({n_in},)", ha="center", va="bottom", fontsize=12)
    ax.text(x_out, y_out[0] + 0.4, f"sigmoid units a\n({n_out},)", ha="center", va="bottom", fontsize=12)
    top = max(y_in[0], y_out[0]) + 1.1
    bottom = min(y_in[-1], y_out[-1]) - 0.4
    ax.set_xlim(x_in - 0.6, x_out + 1.3)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return circles
