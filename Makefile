# SAKIP-SOP — the two commands of the README, and a few helpers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test install install-dev demo bench loadtest worker audit bandit bandit-baseline lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEVSTAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

## make run: install, migrate the SQLite default, load the demo, serve http://127.0.0.1:8000
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py muat_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py buat_sertifikat_demo --pd DPMPTSP --kode-naskah 427.59
	# the quick start has no task worker: documents are prepared inside the request
	DEBUG=$${DEBUG:-1} TASKS_BACKEND=$${TASKS_BACKEND:-django_tasks.backends.immediate.ImmediateBackend} \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: install and run the whole suite (PostgreSQL when DATABASE_URL is set)
test: $(DEVSTAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make lint: ruff (lint and format) and import-linter's layer contracts (.importlinter)
lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## make audit (optional; needs PyPI's vulnerability service, so not in CI): known vulnerabilities
## in the pinned requirements (pip-audit --strict). Fails, and says so, when it could not check.
audit: $(DEVSTAMP)
	@out=$$(mktemp); rc=0; \
	$(BIN)/pip-audit -r requirements.txt --strict --progress-spinner off --vulnerability-service pypi >$$out 2>&1 || rc=$$?; \
	cat $$out; \
	if grep -qi "could not be audited\|connection\|timed out" $$out; then \
	  echo "AUDIT TIDAK DAPAT MEMERIKSA: layanan kerentanan PyPI tidak terjangkau atau dependensi tidak ditemukan;" \
	       "tidak ada hasil audit (bukan berarti aman)." >&2; rm -f $$out; exit 2; \
	fi; rm -f $$out; \
	if [ $$rc -ne 0 ]; then echo "AUDIT GAGAL: ada dependensi dengan kerentanan yang diketahui (lihat di atas)." >&2; exit $$rc; fi; \
	echo "Audit selesai: semua dependensi diperiksa, tidak ada kerentanan yang diketahui."

## make bandit (CI): medium- and high-severity findings of bandit in our code that are not in the
## reviewed baseline .ci/bandit-baseline.json (reviewed in .ci/bandit-baseline.md). A new finding
## fails; review it, fix it, or (only if it is safe, with a note there) run `make bandit-baseline`.
BANDIT_PATHS := sakip umum organisasi dokumen unduhan kinerja sop laporan monev cadangan bench
bandit: $(DEVSTAMP)
	$(BIN)/bandit -q -r $(BANDIT_PATHS) -x '*/tests/*,*/migrations/*' --severity-level medium -b .ci/bandit-baseline.json

bandit-baseline: $(DEVSTAMP)
	$(BIN)/bandit -q -r $(BANDIT_PATHS) -x '*/tests/*,*/migrations/*' --severity-level medium -f json -o .ci/bandit-baseline.json || true
	$(BIN)/python -c "import json; p='.ci/bandit-baseline.json'; d=json.load(open(p)); json.dump({'errors': d['errors'], 'results': d['results']}, open(p, 'w'), indent=1, sort_keys=True)"

## make bench: a whole kabupaten in PostgreSQL (database sakip_bench, re-created), two gunicorn
## instances on it, and the latency and query count of the most used pages (bench/run.py)
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## make loadtest: the deadline-day load test (bench/loadtest.py): the bench kabupaten in PostgreSQL
## (database sakip_bench_loadtest, generated when absent), two gunicorn instances on it, Locust at
## 40, 80, 120 and 160 req/s of the issue's mix; per rate and page p50/p95/p99, errors, CPU per request.
## Side by side with another ref: make loadtest LOADTEST_ARGS="--baseline-ref 882579e"
loadtest: $(DEVSTAMP)
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

## make worker: the background-task worker (django-tasks-db): pulls prepared downloads and other
## tasks from the database; run one or more on any machine that reaches PostgreSQL
worker: $(STAMP)
	$(BIN)/python manage.py db_worker --queue-name default

demo: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py muat_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py buat_sertifikat_demo --pd DPMPTSP --kode-naskah 427.59

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts .pytest_cache
