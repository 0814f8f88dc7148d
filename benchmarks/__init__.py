"""Benchmarks for the course *From hot-and-cold to backprop* (``make bench``).

``python -m benchmarks`` prints a table (case, what, median time, ratio),
checks four targets and saves ``docs/benchmark.png``.  It is not part of the
tests; ``tests/test_benchmarks_smoke.py`` runs its pieces on tiny sizes.

One module per job:

* ``timing`` - medians of repeated ``timeit`` samples, ``format_seconds``
* ``settings`` - sizes and repeats of a full run (``FULL``) and a ``--quick`` one (``QUICK``)
* ``results`` - ``Row``, ``Target``, ``Section``: what each benchmark returns
* ``no_checks`` - the helpers' own computations past their input checks, to show what validation costs
* ``layer_speedup`` - the seed's looped ``nn`` against ``helpers.sigmoid_layer`` (target >= 100x on 64->32, m=1000)
* ``gradient_cost`` - forward, backprop, central differences and a hot-and-cold sweep, in forward passes
  (target: backprop <= 3 forwards)
* ``slider_callback`` - the kernel's part of a slider move, ``StepSizeExplorer.shown`` (target: well under 100 ms)
* ``explorer_latency`` - input event to drawn frame in Chromium, every explorer (target: median <= 16 ms);
  run on its own by ``make bench``
* ``suite_wall_time`` - wall time of ``make test``, only with ``--with-test-suite``
* ``run`` - all sections in order
* ``table`` - the printed report
* ``figure`` - the saved figure
"""
