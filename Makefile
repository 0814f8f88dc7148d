# One command opens the course, one runs every test.  Both build a virtual
# environment in .venv the first time (and again whenever pyproject.toml changes).
#
#   make lab        open the course in JupyterLab (writes the student notebooks first)
#   make student    write the student notebooks (no solutions, no outputs) into student/;
#                   notebooks you edited are kept, FORCE=1 replaces them too
#   make test       run the helpers' tests and re-execute every notebook (nbval); with
#                   Debian's chromium installed, also the browser tests of the sliders
#   make test-oldest  the same suite in .venv-oldest, with every direct dependency at the
#                   lowest version pyproject.toml allows (tools/oldest.py writes the pins)
#   make bench      print the benchmark table (not part of the tests)
#   make handouts   export every notebook to static HTML in handouts/
#   make slides     export every notebook to reveal.js slides in slides/ (offline)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The handouts' offline scripts come from npm; without npm the handout test is skipped.
NODE_STAMP := node_modules/.package-lock.json
NODE_DEPS := $(if $(shell command -v npm),$(NODE_STAMP))
# JupyterLab refuses to run as root unless told to (containers and CI often are root).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)

OLDEST_VENV ?= .venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed

.PHONY: lab student test test-oldest bench handouts slides clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# JupyterLab starts at the repository's top, so notebooks/ (teacher) and student/ both show,
# with the file browser in student/. tools/jupyter_config turns off nbgrader's own JupyterLab
# extensions (its course-management menus): the course only uses nbgrader to write student/.
lab: $(STAMP)
	$(BIN)/python -m tools.student
	JUPYTER_CONFIG_PATH=$(CURDIR)/tools/jupyter_config$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH)) \
	  $(BIN)/jupyter lab $(LAB_FLAGS) --LabApp.default_url=/lab/tree/student

student: $(STAMP)
	$(BIN)/python -m tools.student $(if $(filter 1 yes true,$(FORCE)),--force)

test: $(STAMP) $(NODE_DEPS)
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

bench: $(STAMP)
	$(BIN)/python -m benchmarks

handouts: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.handouts

slides: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tools.slides

clean:
	rm -rf $(VENV) $(OLDEST_VENV) node_modules handouts slides
