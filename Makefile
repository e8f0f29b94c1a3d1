# Two commands do all the set-up on a fresh machine: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv sysdeps ingest lint test faults sql flags report consolidate apply bench samples clean eval dask

venv: $(STAMP)

# Tesseract (Vietnamese) for scanned PDFs and Chromium for the review-page test, when missing.
sysdeps:
	@bash tools/install_system_deps.sh

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The project's bytecode, written once: where PYTHONDONTWRITEBYTECODE is set (CI images) every
# run and every worker would compile the sources again (a tenth of a second a start).
BYTECODE := pipeline extractors normalizers warehouse catalog model

# Ingest, then write the workbook and review page; the exit code stays ingest's (2 = some files failed).
ingest: $(STAMP) sysdeps
	@$(PY) -m compileall -q $(BYTECODE) >/dev/null
	$(PY) -m pipeline ingest; rc=$$?; [ $$rc -le 2 ] && $(PY) -m pipeline report; exit $$rc

report: $(STAMP)
	$(PY) -m pipeline report

# Save the clerk's corrections and flag reviews from the workbook, then write the outputs again.
FILE ?= data/processed/so_lieu_tong_hop.xlsx
apply: $(STAMP)
	$(PY) -m pipeline apply "$(FILE)" && $(PY) -m pipeline report

# The lint gate, run first by `make test` (and so by CI): ruff's lint and format check (line
# length 100), and mypy on the packages ([tool.mypy] in pyproject.toml names them).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(STAMP) sysdeps lint
	$(PY) -m pytest

# The fault suite (tests/faults, kept out of `make test`): kills, signals, zip bomb, huge and
# long scans under a memory cap, a corrupt warehouse, folders that change. A few minutes.
faults: $(STAMP) sysdeps
	$(PY) -m pytest tests/faults -m slow

sql: $(STAMP)
	$(VENV)/bin/duckdb -readonly data/processed/warehouse.duckdb

flags: $(STAMP)
	$(PY) -m pipeline flags

# The consolidated appendix of one period: make consolidate PERIOD=2023-H1 [PROVINCE="Đồng Tháp" | UNIT=dong-thap:ubnd]
consolidate: $(STAMP)
	@test -n "$(PERIOD)" || { echo "Hãy ghi kỳ báo cáo, ví dụ: make consolidate PERIOD=2023-H1" >&2; exit 1; }
	$(PY) -m pipeline consolidate --period "$(PERIOD)" $(if $(UNIT),--unit "$(UNIT)") $(if $(PROVINCE),--province "$(PROVINCE)")

clean:
	rm -rf $(VENV) data/processed/*.duckdb

# The Dask extra (pyproject.toml [project.optional-dependencies] dask, pinned): `ingest
# --executor dask` and its test; not needed by `make ingest`.
dask: $(STAMP)
	$(PY) -m pip install --quiet $$($(PY) -c "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['dask']))")

# Bench, ruled-table and scan corpora against bare pdfplumber / tesseract; local pool vs Dask.
bench: $(STAMP) dask
	@$(PY) -m compileall -q $(BYTECODE) >/dev/null
	$(PY) tools/bench.py --count 500

# Render the genre corpus (tests/genre) to docx/pdf and score each part (needs ../shared); the
# system packages first, so a fresh machine scores the PDFs too, not the docx alone.
# Options through EVAL_ARGS, e.g. make eval EVAL_ARGS="--part tune -v" or "--format fb".
eval: $(STAMP) sysdeps
	$(PY) tools/genre_eval.py $(EVAL_ARGS)

samples: $(STAMP)
	$(PY) tools/samplegen.py --out data/samples --count 4
