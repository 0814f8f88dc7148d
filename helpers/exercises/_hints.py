"""Hints that name only the mistake an answer really makes.

A classic mistake can give the right value on one input and the same value as
another mistake on the next (``n_in * n_hidden * n_out + n_hidden + n_out``
equals "forgot b1" at 2-4-1).  So a checker collects the learner's results on
all its inputs first and names a mistake only if that mistake gives the
learner's result on *every* input; if none does, it names none.
"""

from __future__ import annotations

import numpy as np

from ._checking import close


def consistent_hint(results: list, mistakes: list, *, rtol: float = 1e-7, atol: float = 1e-12) -> str:
    """``": <hint>"`` for the first classic mistake that explains every result, or ``""``.

    Parameters
    ----------
    results : list
        The learner's result on each input (``None`` where there is none, e.g. it raised).
    mistakes : list of dict
        For each input, hint -> the value that mistake gives there; the hints are the same keys on every input.
    """
    known = [(got, wrong) for got, wrong in zip(results, mistakes, strict=True) if got is not None]
    if not known:
        return ""
    for hint in known[0][1]:
        if all(hint in wrong and close(got, wrong[hint], rtol=rtol, atol=atol) for got, wrong in known):
            return f": {hint}"
    return ""


def precision_hint(got, expected, *, rtol: float = 1e-7) -> str:
    """A hint for a result right to float32's precision only, or ``""``.

    ``rtol`` is the checker's own tolerance: a result within it needs no hint.

    A float64 answer agrees with the reference to about 15 digits; one computed
    in float32 to about 7.
    """
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape or close(got, expected, rtol=rtol):
        return ""
    if close(got, expected, rtol=1e-5, atol=1e-7):
        return (
            ": right to about 7 digits only, the precision of float32. Did you convert to np.float32 (or "
            "use a float32 array)? Compute in float64, NumPy's default"
        )
    return ""
