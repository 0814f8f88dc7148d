# One command opens the course, one runs every test.  Both build a virtual
# environment in .venv the first time (and again whenever pyproject.toml changes):
# `make lab` installs only what the course needs to run; `make test` (and the other
# developer targets) add the test extras (pytest, playwright, hypothesis, ruff, ...).
#
#   make lab        open the course in JupyterLab (writes the student notebooks first)
#   make student    write the student notebooks (no solutions, no outputs) into student/;
#                   notebooks you edited are kept, FORCE=1 replaces them too
#   make test       lint (ruff), then the helpers' tests and every notebook re-executed (nbval),
#                   in parallel; with Debian's chromium installed, also the browser tests
#   make test-oldest  the same suite in .venv-oldest, with every direct dependency at the
#                   lowest version pyproject.toml allows (tools/oldest.py writes the pins)
#   make lint       only the lint: ruff check and ruff format --check (notebooks included), and
#                   eslint (pinned in package.json) on the explorer's ES module, helpers/explorer.js
#   make format     fix what the lint can fix: ruff check --fix, then ruff format
#   make notebooks  re-execute every notebook in place and store its outputs (NB="03 04": some)
#   make bench      print the benchmark table (not part of the tests; ARGS=--with-test-suite
#                   also times one `make test`), then the explorers' input-to-frame latency in Chromium
#   make bench-suite  time `make test` three times
#   make demo NB=05 show one notebook in Voila as a clean page for class (prose, figures and
#                   explorers; no exercises, verdicts or checks): tools/jupyter_data/voila/templates/course
#   make handouts   export every notebook to static HTML: handouts/student/ (no solutions: share
#                   this) and handouts/teacher/ (*.teacher.html, with the solutions)
#   make slides     the same as reveal.js slides (offline): slides/student/, slides/teacher/
#   make clean      remove everything the targets above create

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test extras, installed on top by the targets that need them (a learner's `make lab` does not).
TEST_STAMP := $(VENV)/.installed-test
# The handouts' offline scripts come from npm; without npm the handout test is skipped.
NODE_STAMP := node_modules/.package-lock.json
NODE_DEPS := $(if $(shell command -v npm),$(NODE_STAMP))
# JupyterLab refuses to run as root unless told to (containers and CI often are root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)

OLDEST_VENV ?= .venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed

.PHONY: lab student demo test test-oldest lint format notebooks bench bench-suite handouts slides clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# JupyterLab starts at the repository's top, so notebooks/ (teacher) and student/ both show,
# with the file browser in student/. tools/jupyter_config turns off nbgrader's own JupyterLab
# extensions (its course-management menus): the course only uses nbgrader to write student/; it
# also turns off the news question and the update check, hides the file browser's last-modified
# column, and binds Alt+R to jupyterlab-rise's slideshow in a tab of its own.
lab: $(STAMP)
	$(BIN)/python -m tools.student
	cp notebooks/rise.css student/rise.css
	JUPYTER_CONFIG_PATH=$(CURDIR)/tools/jupyter_config$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH)) \
	  $(BIN)/jupyter lab $(LAB_FLAGS) --LabApp.default_url=/lab/tree/student

# NB picks the notebook by its number (05) or name; without NB, Voila lists every notebook.
demo: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/tools/jupyter_data$(if $(JUPYTER_PATH),:$(JUPYTER_PATH)) \
	  $(BIN)/voila --template=course $(if $(NB),"$$(ls notebooks/$(NB)*.ipynb | head -n 1)",notebooks)

student: $(STAMP)
	$(BIN)/python -m tools.student $(if $(filter 1 yes true,$(FORCE)),--force)

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

lint: $(TEST_STAMP) $(NODE_DEPS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(if $(NODE_DEPS),npx --no-install eslint helpers,@echo "npm is missing: the explorer's JavaScript is not linted")

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix --exit-zero .
	$(BIN)/ruff format .

notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks $(NB)

bench: $(TEST_STAMP) $(NODE_DEPS)
	$(BIN)/python -m benchmarks $(ARGS)
	$(BIN)/python -m benchmarks.explorer_latency

bench-suite: $(TEST_STAMP)
	$(BIN)/python -m benchmarks.suite_wall_time --runs 3

handouts: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.handouts

slides: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.slides

# Everything the targets create: the environments, npm's packages, exported handouts, slides and
# student notebooks, the install's egg-info, caches, and the browser tests' screenshots.
clean:
	rm -rf $(VENV) $(OLDEST_VENV) node_modules handouts slides student *.egg-info .hypothesis .ruff_cache test-artifacts
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
