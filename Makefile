# One command sets up and runs the main job, one sets up and runs the tests.
#   make map    -> .venv with the package, then maps/examples.html (+ .geojson) from examples/
#   make test   -> .venv with the test extras, Debian chromium for the browser tests, then pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: map test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -m pip install --quiet -e '.[test]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import gazetteer, geo, folium, geopandas"
	touch $(STAMP)

map: $(STAMP)
	$(BIN)/geo map examples/ -o maps/examples.html --geojson maps/examples.geojson --title "Example incidents"

/usr/bin/chromium:
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

test: $(STAMP) /usr/bin/chromium
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) maps/*.html maps/*.geojson
