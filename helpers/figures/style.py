"""The course's figure style: ``use_course_style`` and the sizes a shown figure must keep.

``course.mplstyle`` (shipped beside this module) sets fonts of at least 12 pt (legends
11.5 pt), thicker lines, and the Okabe-Ito colours with a line style and a marker per
colour, so that no two curves differ by hue alone.  ``use_course_style`` first resets
matplotlib to its own defaults, so a reader's ``matplotlibrc`` or an earlier
``plt.style.use`` does not change what a notebook stores.
"""

from __future__ import annotations

from pathlib import Path

#: The style file every figure is drawn with.
COURSE_STYLE = Path(__file__).with_name("course.mplstyle")

#: The widest a shown figure may be, in pixels: JupyterLab scales wider images down (and their fonts with them).
MAX_WIDTH_PX = 1000

#: The tallest a shown figure may be, in pixels: a 1280x720 projector shows it whole.
MAX_HEIGHT_PX = 720

#: The Okabe-Ito palette by the names the notebooks' prose uses, in the style's cycle order.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky blue": "#56B4E9",
    "black": "#000000",
}


def use_course_style() -> None:
    """Reset matplotlib to its defaults, then apply ``course.mplstyle``.

    Call it once, in a notebook's import cell, before any figure is made.  Settings
    a reader changed before (in ``matplotlibrc``, with ``plt.style.use`` or in
    ``rcParams``) are undone, so the stored figures are the same for everyone.

    >>> import matplotlib
    >>> matplotlib.rcParams["font.size"] = 5
    >>> use_course_style()
    >>> matplotlib.rcParams["font.size"]
    13.0
    """
    import matplotlib
    import matplotlib.style

    matplotlib.rcdefaults()
    matplotlib.style.use(COURSE_STYLE)


#: The most colours ``sequential_colors`` makes: more could not be told apart (and a typo like 10**9 would hang).
MAX_COLORS = 256


def sequential_colors(n: int, cmap: str = "viridis", *, low: float = 0.0, high: float = 0.85):
    """``n`` colours of a sequential map, dark to light, for ordered things (a step-size sweep).

    ``high`` stops short of viridis' pale yellow end, which is hard to see on white.

    >>> len(sequential_colors(4))
    4
    """
    import matplotlib
    import numpy as np

    from .._validation import _short_repr, check_int_in_range

    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a positive int, the number of colours; got {_short_repr(n)}")
    check_int_in_range(n, "n", 1, MAX_COLORS)
    colormap = matplotlib.colormaps[cmap]
    return [colormap(value) for value in np.linspace(low, high, n)]


def check_figure_size(width_px: int, height_px: int) -> None:
    """Raise ``ValueError`` if a rendered figure is wider than ``MAX_WIDTH_PX`` or taller than ``MAX_HEIGHT_PX``."""
    from .._validation import _show_int, is_int

    for name, value in (("width_px", width_px), ("height_px", height_px)):
        if not is_int(value):
            raise TypeError(f"{name} must be an int, a size in pixels; got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{name} must be >= 0, a size in pixels; got {_show_int(value)}")
    if width_px > MAX_WIDTH_PX or height_px > MAX_HEIGHT_PX:
        raise ValueError(
            f"a shown figure must fit {MAX_WIDTH_PX}x{MAX_HEIGHT_PX} px; this one is "
            f"{_show_int(width_px)}x{_show_int(height_px)} px (width_px x height_px)"
        )
