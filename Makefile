# One command opens the course, one runs every test.  Both build a virtual
# environment in .venv the first time (and again whenever pyproject.toml or requirements.lock
# changes), with the exact versions requirements.lock lists: `make lab` installs only what the
# course needs to run; `make test` (and the other developer targets) add the test extras
# (pytest, playwright, hypothesis, ruff, ...).
#
#   make lab        open the course in JupyterLab (writes the student notebooks first)
#   make student    write the student notebooks (no solutions, no outputs) into student/;
#                   notebooks you edited are kept, FORCE=1 replaces them too; a notebook it
#                   cannot read is skipped and named (exit status 1), the others are updated
#   make check      the quick loop: lint, then every test that needs neither a kernel nor a
#                   browser (helpers, checkers, tools, figures)
#   make test       lint (ruff), then the helpers' tests and every notebook re-executed (nbval),
#                   in parallel; with Debian's chromium installed, also the browser tests
#   make test-oldest  the same suite in .venv-oldest, with every direct dependency at the
#                   lowest version pyproject.toml allows (tools/oldest.py writes the pins)
#   make test-newest  the same suite in .venv-newest, with the newest versions pip finds today
#                   (no lock): CI runs it so that the lock never hides a break
#   make lock       resolve pyproject.toml again and rewrite requirements.lock (uv pip compile)
#   make lint       only the lint: ruff check and ruff format --check (notebooks included), and
#                   eslint (pinned in package.json) on the explorer's ES module, helpers/explorer.js
#   make format     fix what the lint can fix: ruff check --fix, then ruff format
#   make notebooks  re-execute every notebook in place and store its outputs (NB="03 04": some)
#   make bench      time the helpers (pytest-benchmark), check the targets, save the figure,
#                   then the explorers' input-to-frame latency in Chromium (not part of the tests)
#   make bench-suite  time a second `make test` three times: wall, CPU and load average
#   make demo NB=05 show one notebook in Voila as a clean page for class (prose, figures and
#                   explorers; no exercises, verdicts or checks): tools/jupyter_data/voila/templates/course
#   make handouts   export every notebook to static HTML: handouts/student/ (no solutions: share
#                   this) and handouts/teacher/ (*.teacher.html, with the solutions)
#   make slides     the same as reveal.js slides (offline): slides/student/, slides/teacher/
#   make clean      remove everything the targets above create, except student/ (your work)
#   make clean-student  move student/ aside to student-backup-<date>-<n>/ (deletes nothing)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every package's exact version, for every platform (`make lock` writes it).  uv installs it: the
# version of uv is in the lock too.
LOCK := requirements.lock
UV_REQUIREMENT = $(shell grep '^uv==' $(LOCK))
# uv trusts the system's certificate store, as pip and curl do (behind a proxy with its own CA too).
export UV_NATIVE_TLS ?= 1
# What uv leaves out of the environment, and why (a dependency that costs seconds at every import).
EXCLUDES := tools/uv-excludes.txt
# Python caches compiled modules (and pytest its rewritten test modules) even where the environment
# asks it not to: without the cache every process compiles the course, the tests and every package
# uv installed again, about 3 s of CPU per pytest worker.  __pycache__ is ignored by git.
unexport PYTHONDONTWRITEBYTECODE
# The test extras, installed on top by the targets that need them (a learner's `make lab` does not).
TEST_STAMP := $(VENV)/.installed-test
# The handouts' offline scripts come from npm; without npm the handout test is skipped.
NODE_STAMP := node_modules/.package-lock.json
NODE_DEPS := $(if $(shell command -v npm),$(NODE_STAMP))
# JupyterLab refuses to run as root unless told to (containers and CI often are root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)

OLDEST_VENV ?= .venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed
NEWEST_VENV ?= .venv-newest

.PHONY: lab student demo check test test-oldest test-newest lock lint format notebooks bench bench-suite handouts \
	slides clean clean-student

# uv installs the course's package (editable) and what it needs, every package at the version the
# lock pins (--constraint); the test extras go in the same way.
$(STAMP): pyproject.toml $(LOCK) $(EXCLUDES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$(UV_REQUIREMENT)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --constraint $(LOCK) --excludes $(EXCLUDES) -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --constraint $(LOCK) --excludes $(EXCLUDES) -e ".[test]"
	touch $(TEST_STAMP)

# One version of each package whatever the platform or Python (--fork-strategy fewest), so that
# every machine runs the notebooks on the same versions; uv's own version is pinned with them.
lock: $(STAMP)
	echo "uv" | $(BIN)/uv pip compile pyproject.toml - --extra test --universal --fork-strategy fewest \
	  --python-version 3.11 --excludes $(EXCLUDES) --upgrade --quiet --output-file $(LOCK) \
	  --custom-compile-command "make lock"

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# JupyterLab starts at the repository's top, so notebooks/ (teacher) and student/ both show,
# with the file browser in student/. tools/jupyter_config turns off nbgrader's own JupyterLab
# extensions (its course-management menus): the course only uses nbgrader to write student/; it
# also turns off the news question and the update check, hides the file browser's last-modified
# column, and binds Alt+R to jupyterlab-rise's slideshow in a tab of its own.
# A student notebook tools.student cannot read is named and skipped; JupyterLab opens all the same
# (and without RISE's stylesheet, if student/ could not be written).
# Paths are quoted: the course may sit in a folder whose name has a space.
lab: $(STAMP)
	"$(BIN)/python" -m tools.student || echo "make lab: tools.student named a problem above; opening JupyterLab anyway"
	-cp notebooks/rise.css student/rise.css
	JUPYTER_CONFIG_PATH="$(CURDIR)/tools/jupyter_config$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))" \
	  "$(BIN)/jupyter" lab $(LAB_FLAGS) --LabApp.default_url=/lab/tree/student

# NB picks the notebook by its number (05) or name; without NB, Voila lists every notebook.
demo: $(STAMP)
	JUPYTER_PATH="$(CURDIR)/tools/jupyter_data$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))" \
	  "$(BIN)/voila" --template=course $(if $(NB),"$$(ls notebooks/$(NB)*.ipynb | head -n 1)",notebooks)

student: $(STAMP)
	"$(BIN)/python" -m tools.student $(if $(filter 1 yes true,$(FORCE)),--force)

# Every test that needs neither a kernel nor a browser (conftest.py: --no-kernels leaves out the
# tests marked kernel or browser, and fails a test that starts one anyway; nbval is not even loaded).
check: lint
	$(BIN)/python -m pytest -p no:nbval --no-kernels

test: lint $(NODE_DEPS)
	$(BIN)/python -m pytest

# pip cannot resolve to the lowest versions by itself: the constraints file pins them.
$(OLDEST_STAMP): pyproject.toml tools/oldest.py
	$(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) -m tools.oldest > $(OLDEST_VENV)/constraints.txt
	$(OLDEST_VENV)/bin/python -m pip install --quiet -c $(OLDEST_VENV)/constraints.txt -e ".[test]"
	touch $(OLDEST_STAMP)

test-oldest: $(OLDEST_STAMP) $(NODE_DEPS)
	$(OLDEST_VENV)/bin/python -m pip list --format=freeze | grep -iE '^($(shell $(PYTHON) -m tools.oldest | cut -d= -f1 | paste -sd'|'))=='
	$(OLDEST_VENV)/bin/python -m pytest

# No lock and no stamp: every run upgrades .venv-newest to the newest versions pyproject.toml allows.
test-newest: $(NODE_DEPS)
	test -x $(NEWEST_VENV)/bin/python || $(PYTHON) -m venv $(NEWEST_VENV)
	$(NEWEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[test]"
	$(NEWEST_VENV)/bin/python -m pip list --format=freeze | grep -iE '^(numpy|matplotlib|jupyterlab|ipywidgets|pytest)=='
	$(NEWEST_VENV)/bin/python -m pytest

lint: $(TEST_STAMP) $(NODE_DEPS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(if $(NODE_DEPS),npx --no-install eslint helpers,@echo "npm is missing: the explorer's JavaScript is not linted")

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix --exit-zero .
	$(BIN)/ruff format .

notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks $(NB)

# pytest-benchmark times benchmarks/bench_*.py (one BLAS thread: steadier on a shared machine) into
# .benchmarks/results.json; `python -m benchmarks` reads it: ratios, targets, docs/benchmark.png.
# ARGS go to pytest, e.g. ARGS="-k layer" or ARGS=--benchmark-min-rounds=30.
bench: $(TEST_STAMP) $(NODE_DEPS)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python -m pytest benchmarks -o addopts="" \
	  -o python_files="bench_*.py" -o python_functions="bench_*" -p no:cacheprovider -q \
	  --benchmark-only --benchmark-columns=min,median,iqr,rounds --benchmark-json=.benchmarks/results.json $(ARGS)
	$(BIN)/python -m benchmarks .benchmarks/results.json
	$(BIN)/python -m benchmarks.explorer_latency

bench-suite: $(TEST_STAMP) $(NODE_DEPS)
	$(BIN)/python -m benchmarks.suite_wall_time --runs 3

handouts: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.handouts

slides: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.slides

# Everything the targets create: the environments, npm's packages, exported handouts and slides,
# the install's egg-info, caches, and the browser tests' screenshots. Not student/: it holds the
# learner's work (clean-student moves it aside, it never deletes it).
clean:
	rm -rf "$(VENV)" "$(OLDEST_VENV)" "$(NEWEST_VENV)" .benchmarks node_modules handouts slides *.egg-info .hypothesis .ruff_cache test-artifacts
	find . \( -path ./.git -o -path ./student -o -path './student-backup-*' \) -prune -o \
	  \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +

# student/ holds the learner's edited notebooks: renamed, never deleted, to a folder no other name
# takes (the date and this shell's process id); `make student` then writes a fresh student/.
clean-student:
	@if [ -e student ]; then \
	  backup="student-backup-$$(date +%Y%m%d-%H%M%S)-$$$$"; \
	  mv student "$$backup" && \
	  echo "make clean-student: moved student/ (your notebooks) to $$backup/; nothing was deleted." && \
	  echo "  \`make student\` writes a fresh student/; delete $$backup/ yourself once you no longer need it."; \
	else \
	  echo "make clean-student: there is no student/ to move aside"; \
	fi
