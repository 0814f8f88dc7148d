r"""The computational graph of the two-layer network, forward and backward.

Two figures: ``draw_backprop_graph``, the graph of arrays with their shapes
and the formulas of the backward pass; and ``draw_numbers_graph``, a 2-2-1
network on one example with every value and every gradient written on its
node (``one_example_numbers`` computes them with ``helpers.forward`` and
``helpers.backward``).

The first figure replaces the seed notebook's missing ``backprop.png``.  It is
drawn with matplotlib alone, so it lives with the code it describes: the
formulas on its backward arrows are the lines of ``helpers.two_layer._backward``.

Forward (black, left to right)::

    X -> Z1 = W1 X + b1 -> A1 = sigmoid(Z1) -> Z2 = W2 A1 + b2 -> A2 = sigmoid(Z2) -> L

Backward (red, right to left), with ``N = n_out * m``::

    dZ2 = (A2 - Y) / N    dW2 = dZ2 A1^T    db2 = sum of dZ2 over columns
    dA1 = W2^T dZ2        dZ1 = dA1 * A1 (1 - A1)
    dW1 = dZ1 X^T         db1 = sum of dZ1 over columns
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .._validation import as_float_array
from ..two_layer import backward, check_params, forward, two_layer_loss
from .plotting import check_axes

#: Colours of the drawing: forward pass, backward pass, and node fills by kind.
FORWARD_COLOR = "#222222"
BACKWARD_COLOR = "#c0392b"
NODE_COLORS = {
    "data": "#e8e8e8",
    "parameter": "#fff3c4",
    "linear": "#d6e6f5",
    "activation": "#d9f0d3",
    "loss": "#fbd9c0",
}

# name: (x, y, label, shape, kind); the main row is at y = 5, parameters above.
_NODES = {
    "X": (1.2, 5.0, r"$X$", r"$(n_\mathrm{in},\ m)$", "data"),
    "Z1": (4.9, 5.0, r"$Z_1$", r"$(n_\mathrm{hidden},\ m)$", "linear"),
    "A1": (8.8, 5.0, r"$A_1$", r"$(n_\mathrm{hidden},\ m)$", "activation"),
    "Z2": (12.7, 5.0, r"$Z_2$", r"$(n_\mathrm{out},\ m)$", "linear"),
    "A2": (16.4, 5.0, r"$A_2$", r"$(n_\mathrm{out},\ m)$", "activation"),
    "L": (19.6, 5.0, r"$L$", "scalar", "loss"),
    "W1b1": (4.9, 8.6, r"$W_1,\ b_1$", r"$(n_\mathrm{hidden},\ n_\mathrm{in}),\ (n_\mathrm{hidden},\ 1)$", "parameter"),
    "W2b2": (12.7, 8.6, r"$W_2,\ b_2$", r"$(n_\mathrm{out},\ n_\mathrm{hidden}),\ (n_\mathrm{out},\ 1)$", "parameter"),
    "Y": (19.6, 8.6, r"$Y$", r"$(n_\mathrm{out},\ m)$", "data"),
}

_NODE_HEIGHT = 1.1
_ARC_DEPTH = 0.75


def _node_width(name: str) -> float:
    return 5.0 if name in ("W1b1", "W2b2") else 2.35


def _draw_node(ax, name):
    x, y, label, shape, kind = _NODES[name]
    box = _unit_box(ax, (x, y), _node_width(name), _NODE_HEIGHT, kind)
    ax.text(x, y + 0.2, label, ha="center", va="center", fontsize=15, zorder=3)
    ax.text(x, y - 0.28, shape, ha="center", va="center", fontsize=12, color="#444444", zorder=3)
    return box


def _arrow(ax, start, end, color, *, rad=0.0, style="-|>", linewidth=1.6, linestyle="-"):
    arrow = FancyArrowPatch(
        start,
        end,
        connectionstyle=f"arc3,rad={rad}",
        arrowstyle=style,
        mutation_scale=16,
        color=color,
        linewidth=linewidth,
        linestyle=linestyle,
        shrinkA=0,
        shrinkB=0,
        zorder=1,
    )
    ax.add_patch(arrow)
    return arrow


def _right(name, dy=0.0):
    x, y = _NODES[name][:2]
    return (x + _node_width(name) / 2 + 0.08, y + dy)


def _left(name, dy=0.0):
    x, y = _NODES[name][:2]
    return (x - _node_width(name) / 2 - 0.08, y + dy)


def _top(name, dx=0.0):
    x, y = _NODES[name][:2]
    return (x + dx, y + _NODE_HEIGHT / 2 + 0.08)


def _bottom(name, dx=0.0):
    x, y = _NODES[name][:2]
    return (x + dx, y - _NODE_HEIGHT / 2 - 0.08)


def draw_backprop_graph(ax):
    r"""Draw the two-layer network's computational graph with its backward pass.

    Nodes are the arrays of one forward pass with their shapes (``X``,
    ``Z1``, ``A1``, ``Z2``, ``A2``, the loss ``L``, and the inputs ``W1, b1``,
    ``W2, b2``, ``Y``).  Black arrows run forward, labelled with the operation
    that makes the next node.  Red arrows run backward, labelled with the
    gradient they carry, its formula and its shape, exactly as
    ``helpers.backward`` computes it: ``dZ2 = (A2 - Y)/N``, ``dA1 = W2.T @ dZ2``,
    ``dZ1 = dA1 * A1 * (1 - A1)``, and the parameter gradients ``dW2, db2`` and
    ``dW1, db1`` returned to the parameter boxes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.  Its limits are set to the drawing, its aspect
        to equal and its frame turned off.  Axes filling a figure 9.7 by 4
        inches (``fig.add_axes((0, 0, 1, 1))``) show every label at 12 pt or more.

    Returns
    -------
    dict
        ``"nodes"``: ``{name: FancyBboxPatch}`` for ``"X", "Z1", "A1", "Z2",
        "A2", "L", "W1b1", "W2b2", "Y"``; ``"forward"`` and ``"backward"``:
        ``{label: FancyArrowPatch}``, the backward ones keyed by the gradient
        they carry (``"dZ2", "dA1", "dZ1", "dW2, db2", "dW1, db1"``).
    """
    check_axes(ax)
    nodes = {name: _draw_node(ax, name) for name in _NODES}
    forward, backward = {}, {}
    fwd_font = dict(ha="center", va="bottom", fontsize=12, color=FORWARD_COLOR)

    # Forward along the main row, operation written above each arrow.
    main = [
        ("X", "Z1", r"$W_1 X + b_1$"),
        ("Z1", "A1", r"$\sigma$"),
        ("A1", "Z2", r"$W_2 A_1 + b_2$"),
        ("Z2", "A2", r"$\sigma$"),
        ("A2", "L", "BCE"),
    ]
    for start, end, label in main:
        forward[f"{start}->{end}"] = _arrow(ax, _right(start), _left(end), FORWARD_COLOR)
        xm = (_right(start)[0] + _left(end)[0]) / 2
        ax.text(xm, 5.0 + _NODE_HEIGHT / 2 + 0.12, label, **fwd_font)
    # Parameters and targets flow down into their nodes (left of centre).
    for source, target in (("W1b1", "Z1"), ("W2b2", "Z2"), ("Y", "L")):
        forward[f"{source}->{target}"] = _arrow(ax, _bottom(source, dx=-0.45), _top(target, dx=-0.45), FORWARD_COLOR)

    # Backward along the main row: arcs under the boxes, right to left.
    back_font = dict(ha="center", va="top", color=BACKWARD_COLOR)
    chain = [
        (
            "L",
            "Z2",
            "dZ2",
            r"$dZ_2 = \frac{1}{N}(A_2 - Y)$",
            r"$(n_\mathrm{out},\ m)$",
            r"($\sigma'$ cancels; $N = n_\mathrm{out}\,m$)",
        ),
        ("Z2", "A1", "dA1", r"$dA_1 = W_2^{\mathsf{T}}\, dZ_2$", r"$(n_\mathrm{hidden},\ m)$", None),
        (
            "A1",
            "Z1",
            "dZ1",
            r"$dZ_1 = dA_1 \odot A_1 (1 - A_1)$",
            r"$(n_\mathrm{hidden},\ m)$",
            r"($\sigma'(Z_1) = A_1(1 - A_1)$)",
        ),
    ]
    for start, end, key, formula, shape, note in chain:
        # Every arc dips the same depth below the row, so the labels line up.
        half_span = abs(_NODES[start][0] - _NODES[end][0]) / 2
        backward[key] = _arrow(
            ax, _bottom(start), _bottom(end), BACKWARD_COLOR, rad=-_ARC_DEPTH / half_span, linewidth=1.8
        )
        xm = (_NODES[start][0] + _NODES[end][0]) / 2
        y_arc = _bottom(start)[1] - _ARC_DEPTH
        ax.text(xm, y_arc - 0.2, formula, fontsize=12.5, **back_font)
        ax.text(xm, y_arc - 0.8, shape, fontsize=12, **back_font)
        if note:
            ax.text(xm, y_arc - 1.25, note, fontsize=12, **back_font)

    # Parameter gradients go back up into the parameter boxes (right of centre).
    updates = [
        (
            "Z2",
            "W2b2",
            "dW2, db2",
            [
                r"$dW_2 = dZ_2\, A_1^{\mathsf{T}}$",
                r"$(n_\mathrm{out},\ n_\mathrm{hidden})$",
                r"$db_2 = \Sigma_\mathrm{columns}\, dZ_2$",
                r"$(n_\mathrm{out},\ 1)$",
            ],
        ),
        (
            "Z1",
            "W1b1",
            "dW1, db1",
            [
                r"$dW_1 = dZ_1\, X^{\mathsf{T}}$",
                r"$(n_\mathrm{hidden},\ n_\mathrm{in})$",
                r"$db_1 = \Sigma_\mathrm{columns}\, dZ_1$",
                r"$(n_\mathrm{hidden},\ 1)$",
            ],
        ),
    ]
    for start, end, key, lines in updates:
        backward[key] = _arrow(ax, _top(start, dx=0.45), _bottom(end, dx=0.45), BACKWARD_COLOR, linewidth=1.8)
        x = _NODES[start][0] + 0.7
        for i, (line, size) in enumerate(zip(lines, (13, 12, 13, 12), strict=True)):
            y = 7.75 - i * 0.45 + (0.08 if i % 2 else 0.0)
            ax.text(x, y, line, ha="left", va="center", fontsize=size, color=BACKWARD_COLOR)

    ax.text(
        -0.1,
        1.6,
        r"black: forward pass.   red: backward pass, right to left;  $dQ$ stands for "
        r"$\partial L / \partial Q$ and has the shape of $Q$.",
        ha="left",
        va="center",
        fontsize=12,
        color="#333333",
    )
    ax.set_xlim(-0.2, 21.0)
    ax.set_ylim(1.2, 9.35)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"nodes": nodes, "forward": forward, "backward": backward}


# --------------------------------------------------------------------------------------------
# One example through a 2-2-1 network, with numbers (values and gradients on the nodes).
# --------------------------------------------------------------------------------------------

#: Colour of the values (forward) and of the gradients (backward) in ``draw_numbers_graph``.
VALUE_COLOR = FORWARD_COLOR
GRADIENT_COLOR = BACKWARD_COLOR


def one_example_numbers(params, x, y):
    r"""Every value and every gradient of a 2-2-1 network on one example, by name.

    The values come from ``helpers.forward``, the parameter gradients from
    ``helpers.backward`` (the loss is the cross-entropy of one entry, so
    :math:`N = 1`).  On one example the bias gradients *are* the ``dZ``:
    ``db1 = dZ1`` and ``db2 = dZ2`` (a sum over one column).  The two
    gradients ``backward`` does not return are the chain rule's middle steps,
    ``dA1 = W2.T @ dZ2`` and ``dA2 = dZ2 / (A2 (1 - A2))``.

    Parameters
    ----------
    params : dict
        ``W1 (2, 2)``, ``b1 (2, 1)``, ``W2 (1, 2)``, ``b2 (1, 1)``.
    x : array_like, shape (2,)
        One example's inputs.
    y : float
        Its target, 0 or 1 (or any number in [0, 1]).

    Returns
    -------
    dict
        ``"values"`` and ``"grads"``: dicts of plain float (NumPy) arrays keyed
        ``"x", "W1", "b1", "Z1", "A1", "W2", "b2", "Z2", "A2", "L"`` (values) and
        ``"W1", "b1", "Z1", "A1", "W2", "b2", "Z2", "A2", "L"`` (gradients, each
        the shape of its value; ``dL = 1``).  ``Z1, A1`` are ``(2, 1)``,
        ``Z2, A2`` are ``(1, 1)``.
    """
    params = check_params(params)
    shapes = {"W1": (2, 2), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    for name, shape in shapes.items():
        if params[name].shape != shape:
            raise ValueError(f"params['{name}'] must have shape {shape} for a 2-2-1 network; got {params[name].shape}")
    x = as_float_array(x, "x")
    if x.shape not in ((2,), (2, 1)):
        raise ValueError(f"x must be one example of 2 inputs, shape (2,); got shape {x.shape}")
    X = x.reshape(2, 1)
    y = as_float_array(y, "y")
    if y.size != 1:
        raise ValueError(f"y must be one target, a number; got shape {y.shape}")
    if not 0 <= y.item() <= 1:
        raise ValueError(f"y must lie in [0, 1], a sigmoid output's target; got {y.item()}")
    Y = y.reshape(1, 1)
    A2, cache = forward(params, X)
    grads = backward(params, cache, Y)
    dZ2, dZ1 = grads["b2"], grads["b1"]
    values = {
        "x": X,
        **params,
        "Z1": cache["Z1"],
        "A1": cache["A1"],
        "Z2": cache["Z2"],
        "A2": A2,
        "L": np.array(two_layer_loss(params, X, Y)),
    }
    gradients = {
        **grads,
        "Z1": dZ1,
        "A1": params["W2"].T @ dZ2,
        "Z2": dZ2,
        "A2": dZ2 / (A2 * (1.0 - A2)),
        "L": np.array(1.0),
    }
    return {"values": values, "grads": gradients}


def _number(value) -> str:
    """Three decimals, never ``-0.000``."""
    text = f"{float(value):.3f}"
    return "0.000" if text == "-0.000" else text


def _unit_box(ax, xy, width, height, kind):
    """A rounded box of ``width`` x ``height`` centred on ``xy``, in the colour of its ``kind`` of node."""
    box = FancyBboxPatch(
        (xy[0] - width / 2, xy[1] - height / 2),
        width,
        height,
        boxstyle="round,pad=0.05,rounding_size=0.15",
        facecolor=NODE_COLORS[kind],
        edgecolor="#555555",
        linewidth=1.2,
        zorder=2,
    )
    ax.add_patch(box)
    return box


def draw_numbers_graph(ax, params, x, y):
    r"""Draw a 2-2-1 network on one example, each node with its value and its gradient.

    Micrograd style: every array of the forward pass is written on its node
    in black, and the gradient :math:`dQ = \partial L / \partial Q` of the
    same entry in red underneath, as ``one_example_numbers`` computes them
    with ``helpers.forward`` and ``helpers.backward``.  Inputs :math:`x_j`
    on the left; hidden unit :math:`i` shows :math:`z_{1,i}, a_{1,i}` and
    its bias :math:`b_{1,i}`; each weight :math:`W_{1,ij}` and :math:`W_{2,1i}`
    is written on its edge; the output shows :math:`z_2, a_2` and
    :math:`b_2`; the loss node shows :math:`L`, the target :math:`y` and
    :math:`dL = 1`, where the backward pass starts.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Frame off, equal aspect; axes filling a figure 9.7 by 6.6 inches.
    params : dict
        ``W1 (2, 2)``, ``b1 (2, 1)``, ``W2 (1, 2)``, ``b2 (1, 1)``.
    x : array_like, shape (2,)
    y : float

    Returns
    -------
    dict
        ``"numbers"``: what ``one_example_numbers`` returned;
        ``"texts"``: ``{label: Text}`` for every number written, keyed like
        ``"W1[0, 1]"`` (value) and ``"dW1[0, 1]"`` (gradient), ``"x[0]"``,
        ``"Z1[1]"``, ``"dA2"``, ``"L"``, ``"dL"`` and so on, NumPy indices.
    """
    check_axes(ax)
    numbers = one_example_numbers(params, x, y)
    values, grads = numbers["values"], numbers["grads"]
    texts = {}
    value_font = dict(ha="center", va="center", fontsize=12, color=VALUE_COLOR, zorder=4, family="monospace")
    grad_font = dict(value_font, color=GRADIENT_COLOR)

    def write(key, xy, label, value, font):
        texts[key] = ax.text(xy[0], xy[1], f"{label} = {_number(value)}", **font)

    inputs = [(0.0, 8.0), (0.0, 0.0)]
    hidden = [(8.0, 8.0), (8.0, 0.0)]
    output = (14.5, 4.0)
    loss = (19.6, 4.0)
    in_width, width, height = 2.8, 3.8, 2.4
    rows = (0.8, 0.27, -0.27, -0.8)  # four lines in a unit's box: z, a, dz, da

    for j, xy in enumerate(inputs):
        _unit_box(ax, xy, in_width, 1.0, "data")
        write(f"x[{j}]", xy, f"$x_{j + 1}$", values["x"][j, 0], value_font)

    def edge(start, end, start_half, end_half):
        return _arrow(ax, (start[0] + start_half, start[1]), (end[0] - end_half, end[1]), FORWARD_COLOR, linewidth=1.6)

    def weight_labels(key, label, xy, value, grad, **font):
        texts[key] = ax.text(
            xy[0], xy[1] + 0.3, f"${label}$ = {_number(value)}", **dict(value_font, **font), bbox=label_box
        )
        texts["d" + key] = ax.text(
            xy[0], xy[1] - 0.3, f"$d{label}$ = {_number(grad)}", **dict(grad_font, **font), bbox=label_box
        )

    label_box = dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.9)
    start_x, end_x = in_width / 2 + 0.1, width / 2 + 0.1
    for i, h in enumerate(hidden):
        for j, inp in enumerate(inputs):
            edge(inp, h, start_x, end_x)
            # Straight edges carry their labels halfway, outside (above the top one, below the
            # bottom one, where no other edge runs); crossing edges near
            # the input, a quarter of the way, where they are still far from each other.
            t, lift = (0.5, 0.7 if i == 0 else -0.7) if i == j else (0.27, 0.0)
            x0, x1 = inp[0] + start_x, h[0] - end_x
            xy = (x0 + t * (x1 - x0), inp[1] + t * (h[1] - inp[1]) + lift)
            weight_labels(f"W1[{i}, {j}]", f"W_{{1,{i + 1}{j + 1}}}", xy, values["W1"][i, j], grads["W1"][i, j])
        _unit_box(ax, h, width, height, "activation")
        write(f"Z1[{i}]", (h[0], h[1] + rows[0]), f"$z_{{1,{i + 1}}}$", values["Z1"][i, 0], value_font)
        write(f"A1[{i}]", (h[0], h[1] + rows[1]), f"$a_{{1,{i + 1}}}$", values["A1"][i, 0], value_font)
        write(f"dZ1[{i}]", (h[0], h[1] + rows[2]), f"$dz_{{1,{i + 1}}}$", grads["Z1"][i, 0], grad_font)
        write(f"dA1[{i}]", (h[0], h[1] + rows[3]), f"$da_{{1,{i + 1}}}$", grads["A1"][i, 0], grad_font)
        by = h[1] + height / 2 + 1.0 if i == 0 else h[1] - height / 2 - 0.45
        texts[f"b1[{i}]"] = ax.text(h[0], by, f"$b_{{1,{i + 1}}}$ = {_number(values['b1'][i, 0])}", **value_font)
        texts[f"db1[{i}]"] = ax.text(h[0], by - 0.55, f"$db_{{1,{i + 1}}}$ = {_number(grads['b1'][i, 0])}", **grad_font)
        edge(h, output, width / 2 + 0.1, width / 2 + 0.1)
        # Beside the edge, on the side away from the other one: above the upper edge, below the lower.
        xy = (h[0] + width / 2 + 1.0, h[1] - 0.55 if i == 0 else h[1] + 0.55)
        weight_labels(f"W2[0, {i}]", f"W_{{2,1{i + 1}}}", xy, values["W2"][0, i], grads["W2"][0, i], ha="left")

    _unit_box(ax, output, width, height, "activation")
    write("Z2", (output[0], output[1] + rows[0]), "$z_2$", values["Z2"][0, 0], value_font)
    write("A2", (output[0], output[1] + rows[1]), "$a_2$", values["A2"][0, 0], value_font)
    write("dZ2", (output[0], output[1] + rows[2]), "$dz_2$", grads["Z2"][0, 0], grad_font)
    write("dA2", (output[0], output[1] + rows[3]), "$da_2$", grads["A2"][0, 0], grad_font)
    by = output[1] + height / 2 + 1.0
    texts["b2"] = ax.text(output[0], by, f"$b_2$ = {_number(values['b2'][0, 0])}", **value_font)
    texts["db2"] = ax.text(output[0], by - 0.55, f"$db_2$ = {_number(grads['b2'][0, 0])}", **grad_font)

    edge(output, loss, width / 2 + 0.1, 1.4)
    _unit_box(ax, loss, 2.6, height, "loss")
    write("L", (loss[0], loss[1] + 0.6), "$L$", values["L"], value_font)
    texts["y"] = ax.text(loss[0], loss[1], f"$y$ = {_number(np.asarray(y, float))}", **value_font)
    write("dL", (loss[0], loss[1] - 0.6), "$dL$", grads["L"], grad_font)

    ax.text(
        -1.4,
        -3.3,
        "black: values (forward pass).   Each bias is written next to its unit.\n"
        r"red: gradients $dQ = \partial L / \partial Q$ (backward pass, from $dL = 1$ at the right).",
        ha="left",
        va="center",
        fontsize=12,
        color="#333333",
        linespacing=1.6,
    )
    ax.set_xlim(-1.6, 21.0)
    ax.set_ylim(-4.3, 10.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"numbers": numbers, "texts": texts}
