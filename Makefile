# The two commands in the README: `make run` and `make test`. Everything else supports them.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?=

.PHONY: setup system-deps run test lint typecheck pytest bench translations screenshots clean \
	migration cloud-migration

setup: system-deps $(STAMP)

# The Debian packages Qt, the Chinese fonts and the camera need: installed when missing if
# root, otherwise it stops with the exact `sudo apt-get install ...` to run.
system-deps:
	@installer/system-deps.sh

# Re-install only when the project's dependencies change; a no-op otherwise.
$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(PY) -m sync.demo_stack

test: setup lint typecheck pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy

pytest: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m bench all --small

# A new migration of the till's schema from its models: make migration MSG="what changes"
# (the cloud's: make cloud-migration MSG=...). Read the script before committing it.
migration: setup
	$(PY) -m pos_app.store.migrate revision "$(MSG)"

cloud-migration: setup
	$(PY) -m sync.server.migrate revision "$(MSG)"

translations: setup
	$(PY) -m pos_app.ui.i18n_build

# Every screen at 1024x768, and the sale screens at 1920x1080, in both languages.
WIDE := cart,discounts,member_sale,receipt,receipt_preview,reprint,payment,help,devices
screenshots: setup
	for lang in zh_CN en_US; do \
	  QT_QPA_PLATFORM=offscreen $(PY) -m pos_app.ui.screens docs/screenshots/$$lang --lang $$lang && \
	  QT_QPA_PLATFORM=offscreen $(PY) -m pos_app.ui.screens docs/screenshots/$$lang/1920x1080 \
	    --lang $$lang --size 1920x1080 --only $(WIDE) || exit 1; \
	done

clean:
	rm -rf $(VENV) .bench .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
