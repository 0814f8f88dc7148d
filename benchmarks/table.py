"""The plain-text report: an aligned table, the targets and the notes."""

from __future__ import annotations

from .results import Row
from .timing import format_seconds

HEADERS = ("case", "what", "median time", "ratio")

LEGEND = (
    "ratio: median time / the case's 'ref' row, measured in the same run; "
    "slider rows: median time / the callback budget.\n"
    "~: estimated, the time of a timed subset of parameters scaled to all P of them."
)


def format_median(row: Row) -> str:
    """``'12.3 us'``, ``'~305 s'`` for a scaled estimate, or ``'not measured'``."""
    if row.timing is None:
        return "not measured"
    return ("~" if row.estimated else "") + format_seconds(row.timing.seconds)


def format_ratio(ratio: float | None, reference: bool = False) -> str:
    """``'ref'``, ``'0.27x'``, ``'2.15x'``, ``'31.4x'``, ``'203,540x'``, or ``'-'`` for none."""
    if reference:
        return "1 (ref)"
    if ratio is None:
        return "-"
    if ratio < 10:
        return f"{ratio:.2f}x"
    if ratio < 100:
        return f"{ratio:.1f}x"
    return f"{ratio:,.0f}x"


def format_table(rows) -> str:
    """The rows as an aligned plain-text table, a rule between cases.

    Parameters
    ----------
    rows : iterable of Row

    Returns
    -------
    str
        Header, rule, then one line per row; text columns left-aligned,
        numbers right-aligned.
    """
    rows = list(rows)
    cells = [(row.case, row.what, format_median(row), format_ratio(row.ratio, row.reference)) for row in rows]
    widths = [max(len(text) for text in column) for column in zip(HEADERS, *cells, strict=True)]

    def line(values):
        case, what, median, ratio = values
        return "  ".join(
            [case.ljust(widths[0]), what.ljust(widths[1]), median.rjust(widths[2]), ratio.rjust(widths[3])]
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    lines = [line(HEADERS), rule]
    for k, (row, values) in enumerate(zip(rows, cells, strict=True)):
        if k > 0 and row.case != rows[k - 1].case:
            lines.append("")
        lines.append(line(values))
    return "\n".join(lines)


def format_targets(targets) -> str:
    """One line per target: ``name: value (target goal): met`` or ``NOT met``."""
    targets = list(targets)
    if not targets:
        return ""
    width = max(len(target.name) for target in targets)
    return "\n".join(
        f"{target.name.ljust(width)}  {target.value:>10}  (target {target.goal}): {'met' if target.met else 'NOT met'}"
        for target in targets
    )


def format_report(sections, header: str = "") -> str:
    """The whole printed report: header, table, legend, targets and notes.

    Parameters
    ----------
    sections : iterable of Section
    header : str
        First lines (run settings, versions).

    Returns
    -------
    str
    """
    sections = list(sections)
    parts = [header] if header else []
    parts.append(format_table(row for section in sections for row in section.rows))
    parts.append(LEGEND)
    parts.append("Targets\n" + format_targets(target for section in sections for target in section.targets))
    notes = [note for section in sections for note in section.notes]
    if notes:
        parts.append("Notes\n" + "\n".join(f"- {note}" for note in notes))
    return "\n\n".join(parts)
