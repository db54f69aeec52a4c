# ML Cheatsheet: make html · make test · make serve · make bench · make clean
# Every target bootstraps what it needs: .venv (Python packages pinned by
# constraints.txt) and node_modules (KaTeX, pinned by package-lock.json).

SHELL  := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# -j auto: pages are read (and executed, one kernel each) on every core; the gallery runs
# its examples in parallel too (conf.py). Output is the same as a serial build's.
SPHINX := $(BIN)/python -m sphinx -j auto -W --keep-going -n -c . docs _build/html
PORT   ?= 8000
# One BLAS thread: reproducible floating-point results, no oversubscription on 2 cores.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: html test serve bench clean deps chromium

deps: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## html: build the site into _build/html, executing every page and gallery script
html: deps chromium
	$(SPHINX)

# Debian's Chromium for the browser tests (apt-get when missing; never a downloaded browser)
chromium:
	tools/ensure_chromium.sh

## test: unit tests and doctests (library and pages), the strict build, the built site in Chromium
# The unit tier runs under coverage, one context per test: the build then shows under every
# listing which tests ran it (docs/_ext/proof.py), and fails on a listing that none ran.
test: deps chromium
	$(BIN)/python -m pytest -m "not site" -n auto --dist loadfile --durations=15 \
	    --cov --cov-context=test --cov-report=
	$(SPHINX)
	$(BIN)/python -m pytest -m site -n 2 --dist loadfile --durations=15

## serve: serve the built site on http://127.0.0.1:$(PORT) (loopback only)
serve: html
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

## bench: build-time figures (cold, warm cache, no-op, one page edited), in a scratch copy
bench: deps chromium
	$(BIN)/python tools/bench.py

clean:
	rm -rf _build docs/auto_examples
