# yomu — set-up, run, test.  `make run` and `make test` each do all set-up on a
# fresh machine: system packages (tmux for the end-to-end tests, xclip and Xvfb
# for the clipboard tests) when run as root, then a virtual environment.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test system-deps lint eval bench clean

run: $(STAMP)
	@$(PY) -m compileall -q reader  # bytecode, as an installed package has (even where PYTHONDONTWRITEBYTECODE is set)
	$(VENV)/bin/yomu $(if $(ARGS),$(ARGS),seeds/nhk-putin-north-korea-visit.txt)

test: system-deps $(STAMP)
	$(PY) -m pytest -q -n 2 $(PYTEST_ARGS)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,sound]'
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests bench
	$(VENV)/bin/ruff format --check reader tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

eval: $(STAMP)
	$(PY) bench/eval_readings.py
	$(PY) bench/eval_entities.py
	$(PY) bench/eval_accent.py

bench: system-deps $(STAMP)
	$(PY) bench/bench_analysis.py
	$(PY) bench/bench_layout.py
	$(PY) bench/bench_lookup.py
	$(PY) bench/bench_entities.py
	$(PY) bench/bench_screen.py
	$(PY) bench/bench_serve.py
	$(PY) bench/bench_sources.py
	$(PY) bench/bench_sound.py
	$(PY) bench/bench_long.py
	$(PY) bench/bench_long_screen.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
