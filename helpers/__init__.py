"""Helpers for the course *From hot-and-cold to backprop*.

One module per idea:

* ``activations`` - ``sigmoid``, ``sigmoid_derivative`` (stable for any finite input)
* ``losses`` - ``mean_squared_error``, ``sum_squared_error``, ``binary_cross_entropy``,
  ``binary_cross_entropy_from_logits``
* ``layer`` - ``sigmoid_layer``: one vectorized layer, ``W`` is ``(n_out, n_in)``; its
  ``sigmoid_layer_gradient``; ``LayerRun``, the record of a run that trained it
* ``hot_and_cold`` - ``hot_and_cold``: derivative-free learning, the seed's idea done right;
  ``hot_and_cold_two_layer`` for the two-layer network
* ``two_layer`` - ``init_two_layer``, ``forward``, ``backward``, ``two_layer_loss``, ``predict``
* ``gradient_check`` - ``numerical_gradient``, ``gradient_check``
* ``training`` - ``gradient_descent`` (two layers), ``layer_gradient_descent`` (one layer)
* ``data`` - ``make_xor``
* ``one_weight`` - hot and cold on one weight, both rules (notebook 03), and the slope in its two nudges
* ``comparison`` - hot and cold against gradient descent: paths, forward passes, runs on a budget (notebook 05)
* ``exercises`` - the exercises' checkers, one module per notebook (``import helpers.exercises``)
* ``MagnitudeError``, ``TrainingDiverged``, ``MAX_EPOCHS`` - finite inputs too large for
  float64, a run whose step made it leave float64, the most epochs a run accepts
* ``seed`` - the seed notebook's own code, bugs included, as the reference
* ``figures`` - every figure (``figures.plotting``, ``loss_plots``, ``hot_and_cold_plots``,
  ``backprop_figures``, ``comparison_plots``), the course style ``figures.use_course_style()``
  and ``figures.show(fig)``
* ``widgets`` - ``StepSizeExplorer``: an anywidget whose runs, one per step-slider position, are
  trained in Python and drawn and moved in the browser (``helpers/explorer.js``)

The modules above ``figures`` and ``widgets`` are the math: they never import matplotlib
or ipywidgets.  ``helpers.figures`` and ``helpers.widgets`` are imported on first use
(``helpers.figures.show``), so ``import helpers`` alone does not load matplotlib.
"""

from . import seed
from ._validation import MAX_EPOCHS, MagnitudeError, TrainingDiverged
from .activations import sigmoid, sigmoid_derivative
from .data import XOR_X, XOR_Y, make_xor
from .gradient_check import gradient_check, numerical_gradient, relative_error
from .hot_and_cold import HotAndColdResult, HotAndColdTwoLayerResult, hot_and_cold, hot_and_cold_two_layer
from .layer import LayerRun, sigmoid_layer, sigmoid_layer_gradient
from .losses import (
    PROBABILITY_CLIP,
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    mean_squared_error,
    sum_squared_error,
)
from .training import gradient_descent, layer_gradient_descent
from .two_layer import backward, forward, init_two_layer, predict, two_layer_loss

__all__ = [
    "MAX_EPOCHS",
    "MagnitudeError",
    "PROBABILITY_CLIP",
    "TrainingDiverged",
    "XOR_X",
    "XOR_Y",
    "HotAndColdResult",
    "HotAndColdTwoLayerResult",
    "LayerRun",
    "backward",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "forward",
    "gradient_check",
    "gradient_descent",
    "hot_and_cold",
    "hot_and_cold_two_layer",
    "init_two_layer",
    "layer_gradient_descent",
    "make_xor",
    "mean_squared_error",
    "numerical_gradient",
    "predict",
    "relative_error",
    "figures",
    "seed",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_layer",
    "sigmoid_layer_gradient",
    "sum_squared_error",
    "two_layer_loss",
    "widgets",
]


def __getattr__(name):
    """Import ``helpers.figures`` and ``helpers.widgets`` (matplotlib, ipywidgets) on first use."""
    if name in ("figures", "widgets"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
