"""Matplotlib figures shared by the notebooks.

Each function draws on an ``Axes`` it is given and returns the artists it
made, so that a widget can update them in place instead of redrawing.
"""

from __future__ import annotations

import io

import numpy as np

from .._validation import (
    MagnitudeError,
    _short_repr,
    as_float_array,
    check_in_unit_interval,
    check_int_in_range,
    check_non_negative_number,
    check_number_in_range,
)
from ..two_layer import check_params, forward
from .style import MAX_HEIGHT_PX, MAX_WIDTH_PX, check_figure_size

#: The most grid points per side ``decision_grid`` makes (``resolution**2`` points in all).
MAX_RESOLUTION = 2000

#: The largest count (of passes, of parameters) a figure draws: 2**53, the last float64 that counts exactly.
MAX_COUNT = 2**53

#: The largest value drawn on a log axis: matplotlib's margins around 1e308 overflow float64.
MAX_LOG_VALUE = 1e300

#: Resolution at which ``show`` renders a notebook's figures.
SHOW_DPI = 100

#: The first bytes of every PNG file.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


#: The dpi ``show`` and ``render`` accept: below 20 FreeType cannot size the fonts, and above 1000
#: any course figure is far too large to show.
MIN_DPI, MAX_DPI = 20, 1000


def check_figure(figure, name: str = "figure"):
    """Return ``figure`` unless it is not a matplotlib ``Figure`` (an ``Axes`` is named, with what to pass)."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(figure, Axes):
        raise TypeError(f"{name} must be a matplotlib Figure; got an Axes: pass its figure, ax.figure")
    if not isinstance(figure, Figure):
        raise TypeError(f"{name} must be a matplotlib Figure; got {type(figure).__name__}")
    return figure


def check_axes(ax, name: str = "ax"):
    """Return ``ax`` unless it is not a matplotlib ``Axes`` (a ``Figure`` is named, with what to pass)."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(ax, Figure):
        raise TypeError(f"{name} must be a matplotlib Axes; got a Figure: pass one of its axes, e.g. fig.add_subplot()")
    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes; got {_short_repr(ax)} of type {type(ax).__name__}")
    return ax


def check_axes_sequence(axes, name: str, n: int) -> tuple:
    """Return ``axes`` as a tuple of ``n`` matplotlib ``Axes``, naming ``name`` unless it is one."""
    if isinstance(axes, (str, bytes)) or not hasattr(axes, "__len__") or not hasattr(axes, "__iter__"):
        raise TypeError(f"{name} must be a sequence of {n} matplotlib Axes; got {type(axes).__name__}")
    try:
        axes = tuple(axes)
    except TypeError:  # a 0-d array has __len__ and __iter__ but no items
        raise TypeError(f"{name} must be a sequence of {n} matplotlib Axes; got {_short_repr(axes)}") from None
    if len(axes) != n:
        raise ValueError(f"{name} must be a sequence of {n} matplotlib Axes; got {len(axes)} items")
    for k, ax in enumerate(axes):
        check_axes(ax, f"{name}[{k}]")
    return axes


def check_mapping(value, name: str, of: str):
    """Return ``value`` unless it is not a dict (``of`` says what it maps, for the message)."""
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict of {of}; got {_short_repr(value)} of type {type(value).__name__}")
    return value


def check_log_plottable(values: np.ndarray, name: str) -> np.ndarray:
    """Return ``values`` unless one is larger in size than ``MAX_LOG_VALUE`` (a log axis past it overflows)."""
    finite = values[np.isfinite(values)]
    if np.any(np.abs(finite) > MAX_LOG_VALUE):
        raise ValueError(f"{name} must lie within +-{MAX_LOG_VALUE:g} to go on a log axis; got {finite.max():g}")
    return values


def check_counts(value, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array of counts, ``inf`` allowed (a run that missed), NaN and huge ints not."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "mM":
        raise TypeError(f"{name} must hold real numbers; got dtype {value.dtype}")
    if np.isscalar(value) and not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must hold real numbers; got {_short_repr(value)} of type {type(value).__name__}")
    try:
        array = np.asarray(value, dtype=float)
    except OverflowError:
        raise ValueError(f"{name} must hold numbers within float64's range; got {_short_repr(value)}") from None
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of real numbers; got {_short_repr(value)}") from error
    if np.isnan(array).any() or np.isneginf(array).any():
        raise ValueError(f"{name} must not hold NaN or -inf; got {_short_repr(value)}")
    if np.any(array[np.isfinite(array)] > MAX_COUNT):
        raise ValueError(f"{name} must be counts up to 2**53 (or inf: not reached); got {_short_repr(value)}")
    return array


def check_parameter_counts(value, name: str = "parameter_counts") -> np.ndarray:
    """Return ``value`` as a 1-D float64 array of parameter counts, each >= 1 (they go on a log axis)."""
    P = as_float_array(value, name)
    if P.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one P per network; got shape {P.shape}")
    if not np.all((P >= 1) & (P <= MAX_COUNT)):
        raise ValueError(f"{name} must all lie in [1, 2**53] (a log axis of counts); got {_short_repr(value)}")
    return P


def check_dpi(figure, dpi) -> float:
    """Return ``dpi`` as a float, refusing a dpi outside ``[MIN_DPI, MAX_DPI]`` or a canvas past 4x the size limit.

    The canvas is measured before anything is drawn, so a huge request is refused
    by name instead of allocating gigabytes (``MemoryError``).
    """
    dpi = check_number_in_range(dpi, "dpi", MIN_DPI, MAX_DPI)
    width_in, height_in = figure.get_size_inches()
    width_px, height_px = width_in * dpi, height_in * dpi
    if width_px > 4 * MAX_WIDTH_PX or height_px > 4 * MAX_HEIGHT_PX:
        raise ValueError(
            f"dpi = {dpi:g} makes this {width_in:g} x {height_in:g} inch figure {width_px:,.0f} x {height_px:,.0f} px "
            f"before cropping; a shown figure must fit {MAX_WIDTH_PX} x {MAX_HEIGHT_PX} px: use dpi = {SHOW_DPI}"
        )
    return dpi


def render(figure, dpi=SHOW_DPI) -> bytes:
    """The PNG bytes ``show`` displays: ``figure`` at ``dpi``, cropped to what it draws.

    The crop keeps a legend placed outside the axes.  ``show`` refuses a result wider
    than ``MAX_WIDTH_PX`` or taller than ``MAX_HEIGHT_PX``.

    Raises
    ------
    TypeError, ValueError
        If ``figure`` is not a matplotlib Figure (an Axes included), or ``dpi`` is not a
        number from ``MIN_DPI`` to ``MAX_DPI``, or would make a canvas past 4 times the size limit.
    """
    figure = check_figure(figure)
    dpi = check_dpi(figure, dpi)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1, metadata={"Software": None})
    return buffer.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """``(width, height)`` in pixels of PNG bytes, read from the header.

    >>> png_size(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(8) + (640).to_bytes(4, "big") + (480).to_bytes(4, "big"))
    (640, 480)

    Raises ``TypeError`` unless ``png`` is bytes, ``ValueError`` unless they start like a PNG.
    """
    if not isinstance(png, (bytes, bytearray)):
        raise TypeError(f"png must be the bytes of a PNG image; got {type(png).__name__}")
    if len(png) < 24 or not png.startswith(PNG_SIGNATURE):
        raise ValueError(f"png must be the bytes of a PNG image; these {len(png)} bytes do not start like one")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def show(figure, dpi=SHOW_DPI) -> None:
    """Display ``figure`` in the notebook as a PNG, with no text repr, and close it.

    ``plt.show()`` under the inline backend also stores ``<Figure size 1100x400
    with 2 Axes>``, a text that a reader's matplotlib settings change; this shows
    the picture alone, so a notebook's stored outputs do not depend on them.

    Raises
    ------
    ValueError
        If the picture is wider than ``MAX_WIDTH_PX`` or taller than ``MAX_HEIGHT_PX``
        (JupyterLab would shrink it, or a 720-px projector would cut it off).
    TypeError, ValueError
        As ``render``: ``figure`` not a Figure (pass ``ax.figure`` for an Axes), ``dpi``
        outside ``[MIN_DPI, MAX_DPI]``.  The figure is left open, to be fixed and shown again.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    png = render(figure, dpi)
    plt.close(figure)
    check_figure_size(*png_size(png))
    display({"image/png": png}, raw=True)


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

    Raises
    ------
    TypeError, ValueError
        Unless ``losses`` (and ``x``) are finite, non-empty and 1-D of the same length.
    """
    check_axes(ax)
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1:
        raise ValueError(f"losses must be 1-D, one loss per epoch; got shape {losses.shape}")
    if x is None:
        x = np.arange(1, losses.size + 1)
    else:
        x = as_float_array(x, "x")
        if x.shape != losses.shape:
            raise ValueError(f"x must have the shape of losses {losses.shape}; got shape {x.shape}")
    (line,) = ax.plot(x, losses, label=label, **line_kwargs)
    return line


def label_loss_axes(ax, *, xlabel="epoch", ylabel="loss", title=None, log_y=False, legend="below"):
    """Label a loss plot's axes, add a grid and, where there are labels, a legend off the data.

    ``legend`` is ``"below"`` (under the axes, the default), ``"right"`` (beside them),
    ``"best"`` (inside, where matplotlib finds the emptiest corner) or ``None``.
    """
    check_axes(ax)
    if legend is not None and not isinstance(legend, str):
        raise TypeError(f"legend must be 'below', 'right', 'best' or None; got {_short_repr(legend)}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if log_y:
        ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    if legend and ax.get_legend_handles_labels()[0]:
        place_legend(ax, legend)


def figure_legend_below(figure, lines, *, ncols=None, **legend_kwargs):
    """One legend for a figure of several panels, centred under all of them, for ``lines`` (their labels).

    Draw the panels without legends of their own (``legend=None``); ``show`` crops the figure
    to what it draws, so the legend below the panels is kept.

    Returns
    -------
    matplotlib.legend.Legend
    """
    lines = list(lines)
    return figure.legend(
        lines,
        [line.get_label() for line in lines],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=ncols or min(len(lines), 2),
        **legend_kwargs,
    )


def place_legend(ax, where="below", **legend_kwargs):
    """Put ``ax``'s legend off the data: ``"below"`` the axes, to the ``"right"``, or ``"best"`` inside.

    Returns
    -------
    matplotlib.legend.Legend
    """
    check_axes(ax)
    placements = {
        "below": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.2)},
        "right": {"loc": "center left", "bbox_to_anchor": (1.02, 0.5)},
        "best": {"loc": "best"},
    }
    if not isinstance(where, str) or where not in placements:
        raise ValueError(f"where must be one of {sorted(placements)}; got {_short_repr(where)}")
    return ax.legend(**(placements[where] | legend_kwargs))


def decision_grid(X, resolution=200, margin=0.5):
    """A grid covering the points ``X`` (shape ``(2, m)``), for contour plots.

    Parameters
    ----------
    X : array_like, shape (2, m)
    resolution : int
        Grid points per side, from 2 to ``MAX_RESOLUTION``.
    margin : float
        How far the grid extends beyond the points, finite and >= 0.

    Returns
    -------
    xx, yy : numpy.ndarray, shape (resolution, resolution)
    grid : numpy.ndarray, shape (2, resolution**2)
        The grid points, one per column, ready for ``forward``.
    """
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m), one 2-D point per column; got shape {X.shape}")
    resolution = check_int_in_range(resolution, "resolution", 2, MAX_RESOLUTION)
    margin = check_non_negative_number(margin, "margin")
    with np.errstate(over="ignore", invalid="ignore"):
        low, high = X.min(axis=1) - margin, X.max(axis=1) + margin
        span = high - low
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high)) and np.all(np.isfinite(span))):
        raise MagnitudeError(f"X and margin are too large in magnitude for a float64 grid; got margin {margin:g}")
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
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
    Y : array_like, shape (1, m) or (m,)
        Labels in [0, 1] (usually 0 or 1): class 0 drawn as white circles, class 1 as
        vermillion triangles, with a class legend under the axes and a colour bar of the
        output probability beside them.
    resolution : int
        Grid points per side, from 2 to ``MAX_RESOLUTION``.

    Returns
    -------
    matplotlib.contour.QuadContourSet
        The filled contour of ``A2``.

    Raises
    ------
    TypeError, ValueError
        For a network that is not 2 -> n_hidden -> 1, ``X`` not ``(2, m)``,
        ``Y`` not ``m`` labels in [0, 1], or ``resolution`` out of range.
    """
    check_axes(ax)
    checked = check_params(params)
    n_hidden, n_in = checked["W1"].shape
    n_out = checked["W2"].shape[0]
    if n_in != 2 or n_out != 1:
        raise ValueError(
            f"params must be a network with 2 inputs and 1 output to draw a decision boundary; "
            f"got {n_in} -> {n_hidden} -> {n_out}"
        )
    xx, yy, grid = decision_grid(X, resolution)
    X = as_float_array(X, "X")
    labels = as_float_array(Y, "Y")
    if labels.shape not in ((1, X.shape[1]), (X.shape[1],)):
        raise ValueError(f"Y must have shape (1, {X.shape[1]}), one label per column of X; got shape {labels.shape}")
    check_in_unit_interval(labels, "Y")
    A2, _ = forward(checked, grid)
    contour = ax.contourf(xx, yy, A2.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap="cividis", vmin=0, vmax=1)
    ax.contour(xx, yy, A2.reshape(xx.shape), levels=[0.5], colors="white", linewidths=2.5, linestyles="--")
    labels = labels.ravel()
    for value, marker, face, name in ((0.0, "o", "white", "class 0"), (1.0, "^", "#D55E00", "class 1")):
        chosen = labels == value
        ax.scatter(
            X[0, chosen],
            X[1, chosen],
            marker=marker,
            s=110,
            facecolors=face,
            edgecolors="black",
            linewidths=1.5,
            label=f"{name} ($y = {value:g}$)",
            zorder=3,
        )
    others = (labels != 0.0) & (labels != 1.0)
    if others.any():
        ax.scatter(
            X[0, others],
            X[1, others],
            marker="s",
            s=80,
            c=labels[others],
            cmap="cividis",
            vmin=0,
            vmax=1,
            edgecolors="black",
            label="other labels",
            zorder=3,
        )
    colorbar = ax.figure.colorbar(contour, ax=ax, ticks=[0, 0.5, 1])
    colorbar.set_label("output $a_2$ (dashed: 0.5)")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, handletextpad=0.3, columnspacing=1.0)
    return contour
