# Two commands do all the set-up on a fresh machine: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv sysdeps ingest test faults sql flags report bench samples clean

venv: $(STAMP)

# Tesseract (Vietnamese) for scanned PDFs and Chromium for the review-page test, when missing.
sysdeps:
	@bash tools/install_system_deps.sh

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Ingest, then write the workbook and review page; the exit code stays ingest's (2 = some files failed).
ingest: $(STAMP) sysdeps
	$(PY) -m pipeline ingest; rc=$$?; [ $$rc -le 2 ] && $(PY) -m pipeline report; exit $$rc

report: $(STAMP)
	$(PY) -m pipeline report

test: $(STAMP) sysdeps
	$(PY) -m pytest

# The fault suite (tests/faults, kept out of `make test`): kills, signals, zip bomb, huge and
# long scans under a memory cap, a corrupt warehouse, folders that change. A few minutes.
faults: $(STAMP) sysdeps
	$(PY) -m pytest tests/faults -m slow

sql: $(STAMP)
	$(VENV)/bin/duckdb -readonly data/processed/warehouse.duckdb

flags: $(STAMP)
	$(PY) -m pipeline flags

clean:
	rm -rf $(VENV) data/processed/*.duckdb

bench: $(STAMP)
	$(PY) tools/bench.py --count 500

samples: $(STAMP)
	$(PY) tools/samplegen.py --out data/samples --count 4
