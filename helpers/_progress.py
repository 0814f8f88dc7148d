"""Progress bars and Ctrl-C for long training runs.

A run shows a ``tqdm`` bar (``tqdm.auto``: the notebook widget in Jupyter, text
on stderr elsewhere) only when it is *estimated* to take more than a few
seconds: the decision is made from the amount of work, never from a clock, so
that the short runs of the course's notebooks never print a bar, and their
stored outputs do not depend on the machine's speed.

On Ctrl-C (``KeyboardInterrupt``) a trainer normally returns the history of
the epochs it completed, so a learner who stops a long run keeps what it
did.  Code that would *judge* that history (an exercise's checker) runs the
trainers inside ``interruptions_propagate()``: there Ctrl-C stops the run and
propagates, and nothing is ever judged on a run that was cut short.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys

#: Whether a trainer hit by Ctrl-C re-raises (True) instead of returning its partial history.
_PROPAGATE_INTERRUPTS = contextvars.ContextVar("helpers_propagate_interrupts", default=False)


@contextlib.contextmanager
def interruptions_propagate():
    """Within this block, Ctrl-C during a training run propagates instead of returning a partial history.

    For code that uses a run's history as if it were complete: an exercise's
    checker, a cache of runs.  Blocks nest; leaving one restores what was set.

    Examples
    --------
    >>> with interruptions_propagate():
    ...     interrupts_propagate()
    True
    >>> interrupts_propagate()
    False
    """
    token = _PROPAGATE_INTERRUPTS.set(True)
    try:
        yield
    finally:
        _PROPAGATE_INTERRUPTS.reset(token)


def interrupts_propagate() -> bool:
    """Whether the caller is inside ``interruptions_propagate()`` (then a trainer must re-raise Ctrl-C)."""
    return _PROPAGATE_INTERRUPTS.get()


#: A run estimated to take longer than this many seconds shows a progress bar.
PROGRESS_SECONDS = 3.0

#: The estimate's constants, measured on the course's development machine (one x86 core):
#: the fixed cost of one forward pass in seconds, and the cost per multiply-add
#: of a weight with an example (the sigmoid's ``exp`` included).
PASS_SECONDS = 2e-5
ENTRY_SECONDS = 7e-9


def pass_seconds(n_weights: int, m: int) -> float:
    """Estimated seconds of one forward (or backward) pass over ``n_weights`` parameters and ``m`` examples."""
    return PASS_SECONDS + ENTRY_SECONDS * n_weights * m


class _NoBar:
    """What a short run uses instead of a bar: does nothing."""

    def update(self, n=1):
        pass

    def close(self):
        pass


def progress_bar(total: int, seconds: float, desc: str):
    """A ``tqdm.auto`` bar over ``total`` epochs if the run's estimated ``seconds`` exceed ``PROGRESS_SECONDS``.

    Otherwise a stand-in that prints nothing.
    """
    if seconds <= PROGRESS_SECONDS:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="epoch", mininterval=0.5)


def note_interrupted(what: str, done: int, total: int) -> None:
    """Print (on stderr) that a run was interrupted and what it returns."""
    print(
        f"{what} interrupted (KeyboardInterrupt) after {done:,} of {total:,} epochs: "
        f"returning the history of those {done:,} epochs",
        file=sys.stderr,
    )
