"""Checkers for the course's exercises, one module per notebook.

Every checker takes the learner's answer (usually a function they wrote in
the exercise cell), prints a verdict and returns a ``CheckResult``.  See
``helpers.exercises._checking`` for the conventions they share.

* ``losses`` - notebook 01
* ``layer`` - notebook 02
* ``hot_and_cold`` - notebook 03
* ``backprop`` - notebook 04
* ``comparison`` - notebook 05
"""

from . import backprop, comparison, hot_and_cold, layer, losses
from ._checking import CheckResult, compare_prediction

__all__ = ["CheckResult", "backprop", "compare_prediction", "comparison", "hot_and_cold", "layer", "losses"]
