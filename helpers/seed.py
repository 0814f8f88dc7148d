"""The seed notebook's own code, kept verbatim as the course's reference.

These functions reproduce the seed's printed numbers exactly, bugs included;
the rest of ``helpers`` does each job properly.  What is wrong here:

* ``sigmoid`` overflows (with a NumPy warning) for inputs below about -709;
* ``weighted_sum`` and ``nn`` validate with ``assert``, which ``python -O``
  removes;
* ``nn`` is one layer, not the "2 layered" network its comment says, and
  returns a ``(n_out, 1)`` column;
* ``cost_func`` is a sum, not the mean the seed defines, and subtracting that
  ``(2, 1)`` column from a ``(2,)`` target broadcasts to a ``(2, 2)`` matrix,
  so every loss it reports is of that mistake;
* ``train`` nudges every weight and bias by the same step in the same
  direction, and chases a target of 1.23 that no sigmoid can reach.

The one change: ``train`` also *returns* ``(losses, weight, bias)``, where
``losses`` are the values it prints, so that the course can test them.

The seed notebook itself, as text with its printed outputs, ships beside this
module as ``seed_notebook.txt``; ``printed_nn_output`` and ``printed_losses``
read the numbers it printed.
"""

import re
from importlib import resources

import numpy as np


def seed_notebook_text() -> str:
    """The seed notebook as text: its markdown, code and printed outputs."""
    return resources.files(__package__).joinpath("seed_notebook.txt").read_text(encoding="utf-8")


def printed_nn_output() -> list:
    """The two numbers the seed printed for ``nn(inp, weight, bias)``, as strings."""
    match = re.search(r"array\(\[\[([\d.]+)\],\s*\[([\d.]+)\]\]\)", seed_notebook_text())
    return [match.group(1), match.group(2)]


def printed_losses() -> list:
    """The losses the seed's ``train`` printed, as the strings it printed.

    The seed's stored output stops after 34 lines, in the middle of the
    34th number, so the last string is a prefix of what ``train`` prints.
    """
    return re.findall(r"^Loss ---> (\S+)$", seed_notebook_text(), flags=re.MULTILINE)


def sigmoid(x):
    out = 1 / (1 + np.exp(-x))
    return out


def weighted_sum(inp, wt):
    assert len(inp) == len(wt)
    out = np.dot(wt.T, inp)
    return out


def nn(inp, weight, bias):
    assert len(inp) == len(weight[0])
    out = np.zeros((len(bias), 1))
    for i in range(len(out)):
        out[i] = sigmoid(weighted_sum(inp, weight[i]) + bias[i])
    return out


def cost_func(y, h):
    cost = np.sum((y - h) ** 2)
    return cost


def train(inp, weight, bias, epochs, step, original_output, verbose=True):
    """The seed's hot-and-cold loop; returns ``(losses, weight, bias)``.

    ``losses`` holds exactly the values the seed prints (one per epoch in
    which a nudge lowered the cost).  ``verbose=False`` silences the prints.
    """
    losses = []

    def report(loss):
        losses.append(loss)
        if verbose:
            print("Loss --->", loss)

    for i in range(epochs):  # noqa: B007  (the seed's own loop, verbatim)
        pred = nn(inp, weight, bias)
        cost = cost_func(original_output, pred)

        up_weight = weight + step
        down_weight = weight - step
        up_bias = bias + step
        down_bias = bias - step

        up_pred = nn(inp, up_weight, up_bias)
        up_cost = cost_func(original_output, up_pred)

        down_pred = nn(inp, down_weight, down_bias)
        down_cost = cost_func(original_output, down_pred)

        if (up_cost < cost) or (down_cost < cost):
            if up_cost < down_cost:
                weight = up_weight
                bias = up_bias
                report(up_cost)
            elif down_cost < up_cost:
                weight = down_weight
                bias = down_bias
                report(down_cost)
            else:
                report(cost)

    return losses, weight, bias
