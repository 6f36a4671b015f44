# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test bench docs catalogs clean

build: $(STAMP)
	$(BIN)/reportgen build --data data --out build

test: $(STAMP)
	$(BIN)/python -m pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

bench: $(STAMP)
	command -v pandoc >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends pandoc >/dev/null)
	$(BIN)/reportgen bench

docs: $(STAMP)
	$(BIN)/mkdocs build --strict -d build/site

catalogs: $(STAMP)
	$(BIN)/python tools/catalog.py

clean:
	rm -rf $(VENV) build
