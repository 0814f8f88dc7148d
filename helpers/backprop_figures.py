r"""The computational graph of the two-layer network, forward and backward.

This figure replaces the seed notebook's missing ``backprop.png``.  It is
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

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

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
    "X": (1.0, 5.0, r"$X$", r"$(n_\mathrm{in},\ m)$", "data"),
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
    return 3.3 if name in ("W1b1", "W2b2") else 1.9


def _draw_node(ax, name):
    x, y, label, shape, kind = _NODES[name]
    width = _node_width(name)
    box = FancyBboxPatch(
        (x - width / 2, y - _NODE_HEIGHT / 2), width, _NODE_HEIGHT,
        boxstyle="round,pad=0.05,rounding_size=0.15",
        facecolor=NODE_COLORS[kind], edgecolor="#555555", linewidth=1.2, zorder=2,
    )
    ax.add_patch(box)
    ax.text(x, y + 0.2, label, ha="center", va="center", fontsize=15, zorder=3)
    ax.text(x, y - 0.28, shape, ha="center", va="center", fontsize=9.5, color="#444444", zorder=3)
    return box


def _arrow(ax, start, end, color, *, rad=0.0, style="-|>", linewidth=1.6, linestyle="-"):
    arrow = FancyArrowPatch(
        start, end, connectionstyle=f"arc3,rad={rad}", arrowstyle=style, mutation_scale=16,
        color=color, linewidth=linewidth, linestyle=linestyle, shrinkA=0, shrinkB=0, zorder=1,
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
        to equal and its frame turned off.  A figure about 15 by 6.2 inches
        keeps every label legible.

    Returns
    -------
    dict
        ``"nodes"``: ``{name: FancyBboxPatch}`` for ``"X", "Z1", "A1", "Z2",
        "A2", "L", "W1b1", "W2b2", "Y"``; ``"forward"`` and ``"backward"``:
        ``{label: FancyArrowPatch}``, the backward ones keyed by the gradient
        they carry (``"dZ2", "dA1", "dZ1", "dW2, db2", "dW1, db1"``).
    """
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
        ax.text(xm, 5.12, label, **fwd_font)
    # Parameters and targets flow down into their nodes (left of centre).
    for source, target in (("W1b1", "Z1"), ("W2b2", "Z2"), ("Y", "L")):
        forward[f"{source}->{target}"] = _arrow(
            ax, _bottom(source, dx=-0.45), _top(target, dx=-0.45), FORWARD_COLOR
        )

    # Backward along the main row: arcs under the boxes, right to left.
    back_font = dict(ha="center", va="top", color=BACKWARD_COLOR)
    chain = [
        ("L", "Z2", "dZ2", r"$dZ_2 = \frac{1}{N}(A_2 - Y)$", r"$(n_\mathrm{out},\ m)$",
         r"($\sigma'$ cancels; $N = n_\mathrm{out}\,m$)"),
        ("Z2", "A1", "dA1", r"$dA_1 = W_2^{\mathsf{T}}\, dZ_2$", r"$(n_\mathrm{hidden},\ m)$", None),
        ("A1", "Z1", "dZ1", r"$dZ_1 = dA_1 \odot A_1 (1 - A_1)$", r"$(n_\mathrm{hidden},\ m)$",
         r"($\sigma'(Z_1) = A_1(1 - A_1)$)"),
    ]
    for start, end, key, formula, shape, note in chain:
        # Every arc dips the same depth below the row, so the labels line up.
        half_span = abs(_NODES[start][0] - _NODES[end][0]) / 2
        backward[key] = _arrow(
            ax, _bottom(start), _bottom(end), BACKWARD_COLOR, rad=-_ARC_DEPTH / half_span, linewidth=1.8
        )
        xm = (_NODES[start][0] + _NODES[end][0]) / 2
        y_arc = _bottom(start)[1] - _ARC_DEPTH
        ax.text(xm, y_arc - 0.2, formula, fontsize=13, **back_font)
        ax.text(xm, y_arc - 0.8, shape, fontsize=10, **back_font)
        if note:
            ax.text(xm, y_arc - 1.25, note, fontsize=9.5, **back_font)

    # Parameter gradients go back up into the parameter boxes (right of centre).
    updates = [
        ("Z2", "W2b2", "dW2, db2",
         [r"$dW_2 = dZ_2\, A_1^{\mathsf{T}}$", r"$(n_\mathrm{out},\ n_\mathrm{hidden})$",
          r"$db_2 = \Sigma_\mathrm{columns}\, dZ_2$", r"$(n_\mathrm{out},\ 1)$"]),
        ("Z1", "W1b1", "dW1, db1",
         [r"$dW_1 = dZ_1\, X^{\mathsf{T}}$", r"$(n_\mathrm{hidden},\ n_\mathrm{in})$",
          r"$db_1 = \Sigma_\mathrm{columns}\, dZ_1$", r"$(n_\mathrm{hidden},\ 1)$"]),
    ]
    for start, end, key, lines in updates:
        backward[key] = _arrow(ax, _top(start, dx=0.45), _bottom(end, dx=0.45), BACKWARD_COLOR, linewidth=1.8)
        x = _NODES[start][0] + 0.7
        for i, (line, size) in enumerate(zip(lines, (12, 9.5, 12, 9.5))):
            y = 7.55 - i * 0.5 + (0.1 if i % 2 else 0.0)
            ax.text(x, y, line, ha="left", va="center", fontsize=size, color=BACKWARD_COLOR)

    ax.text(
        -0.1, 1.6,
        r"black: forward pass.   red: backward pass, right to left;  $dQ$ stands for "
        r"$\partial L / \partial Q$ and has the shape of $Q$.",
        ha="left", va="center", fontsize=10.5, color="#333333",
    )
    ax.set_xlim(-0.2, 20.8)
    ax.set_ylim(1.2, 9.35)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"nodes": nodes, "forward": forward, "backward": backward}
