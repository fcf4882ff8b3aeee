# Two commands on a fresh machine:  `make chat` (set up, index the bundled corpus, open the chat)
# and `make test` (set up, then lint, type-check, run every test and the quality gate).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: install chat index test lint typecheck pytest eval-gate bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/quotebot index

chat: index
	$(BIN)/quotebot chat

lint: install
	$(BIN)/ruff check bot index prompts tests scripts

typecheck: install
	$(BIN)/mypy bot index

pytest: install
	$(BIN)/pytest -q

# The quality gates, at the levels the bot reaches (see docs/benchmarks.md); a regression fails CI.
# First the hand-written default-corpus set (report in reports/ci/), then unseen text (reports/ci-xquad/).
eval-gate: install
	$(BIN)/quotebot --index-dir data/ci-index eval tests/data/eval_default.jsonl --no-ablations \
		--json reports/ci/eval.json --report reports/ci \
		--min hit@3=0.95 --min right_quote@3=0.97 --min source_accuracy=0.97 \
		--min abstention_recall=0.45 --min verbatim_rate=1.0
	# Text nobody here wrote: the held-out (odd) articles of a 12-article XQuAD slice, each question
	# also asked with its paragraph hidden (near misses). Guards generalisation, not just our corpus.
	$(BIN)/quotebot --index-dir data/ci-xquad-index eval --squad tests/data/xquad_en_first12.json \
		--near-misses --split test --no-ablations --json reports/ci-xquad/eval.json --report reports/ci-xquad \
		--min contained@1=0.84 --min contained@3=0.91 --min abstention_recall=0.63 --min verbatim_rate=1.0

test: lint typecheck pytest eval-gate

bench: install
	$(BIN)/python scripts/bench_index.py
	$(BIN)/python scripts/bench_ask.py

clean:
	rm -rf $(VENV) data reports .pytest_cache .mypy_cache .ruff_cache
