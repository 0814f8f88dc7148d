"""What each benchmark section returns: table rows, targets and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from .timing import Timing


@dataclass(frozen=True)
class Row:
    """One line of the benchmark table.

    Attributes
    ----------
    case : str
        What is being compared, e.g. ``"layer 64->32, m=1000"``; rows of the
        same case share one reference.
    what : str
        The measured code, in words.
    label : str
        A short name for the figure.
    timing : Timing or None
        ``None`` when the row was not measured.
    ratio : float or None
        ``timing.seconds`` divided by the case's reference (a row of the same
        case, or a time budget); ``None`` when there is nothing to compare.
    reference : bool
        True for the row the case's ratios are relative to.
    estimated : bool
        True when the time is scaled up from a timed subset of the work.
    """

    case: str
    what: str
    label: str
    timing: Timing | None
    ratio: float | None = None
    reference: bool = False
    estimated: bool = False


@dataclass(frozen=True)
class Target:
    """A performance target and whether this run met it.

    Attributes
    ----------
    name : str
        What is compared, e.g. ``"seed loop / sigmoid_layer, layer 64->32, m=1000"``.
    value : str
        The measured value, formatted.
    goal : str
        The target, e.g. ``">= 100x"``.
    met : bool
    """

    name: str
    value: str
    goal: str
    met: bool


@dataclass
class Section:
    """The results of one benchmark: rows for the table, targets, notes.

    Attributes
    ----------
    kind : str
        ``"layer"``, ``"gradient"``, ``"slider"`` or ``"test_suite"``: which
        panel of the figure draws it.
    title : str
    rows, targets, notes : list
    """

    kind: str
    title: str
    rows: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def ratio_to(timing: Timing | None, reference_seconds: float) -> float | None:
    """``timing.seconds / reference_seconds``, or ``None`` for an unmeasured row."""
    if timing is None or reference_seconds <= 0:
        return None
    return timing.seconds / reference_seconds
