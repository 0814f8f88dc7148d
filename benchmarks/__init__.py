"""Benchmarks of the course *From hot-and-cold to backprop* (``make bench``); not part of the tests.

* ``cases`` - what is timed: the seed's loop against the vectorized layer, a gradient's cost in
  forward passes (backprop, central differences, a hot-and-cold sweep), each checked before it is timed
* ``bench_helpers``, ``bench_slider`` - the timing, by pytest-benchmark
* ``targets`` - the course's targets, read from pytest-benchmark's JSON
* ``figure`` - ``docs/benchmark.png``
* ``suite_wall_time`` - ``make bench-suite``: a second ``make test`` three times (wall, CPU, load)
"""
