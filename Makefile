# Two commands do everything on a fresh machine:
#   make run    -> Viva: the Discord bot if DISCORD_TOKEN is set, else the offline console
#   make test   -> install + lint + tests (what CI runs)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
VIVA_TEST_POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
export VIVA_TEST_POSTGRES_URL

.PHONY: install run console test lint bench bench-quick clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/viva

console: install
	$(VENV)/bin/viva console

lint: install
	$(VENV)/bin/ruff check .

test: install lint
	$(PY) -m pytest

bench: install
	$(PY) -m bench all

bench-quick: install
	$(PY) -m bench all --quick

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
