"""Benchmarks of the course *From hot-and-cold to backprop* (``make bench``); not part of the tests.

* ``cases`` - what is timed: the seed's loop against the vectorized layer, a gradient's cost in
  forward passes (backprop, central differences, a hot-and-cold sweep), each checked before it is timed
* ``bench_helpers``, ``bench_slider`` - the timing, by pytest-benchmark (the slider: the kernel's part
  of a move, ``StepSizeExplorer.shown``)
* ``targets`` - the course's targets, read from pytest-benchmark's JSON
* ``figure`` - ``docs/benchmark.png``
* ``explorer_latency`` - input event to drawn frame in Chromium, every explorer (target: median <= 16 ms);
  run on its own by ``make bench``
* ``suite_wall_time`` - ``make bench-suite``: a second ``make test`` three times (wall, CPU, load)
"""
