# One command opens the course, one runs every test.  Both build a virtual
# environment in .venv the first time (and again whenever pyproject.toml changes).
#
#   make lab     open the course in JupyterLab
#   make test    run the helpers' tests and re-execute every notebook (nbval)
#   make bench   print the benchmark table (not part of the tests)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV)
