# The only entry points a user types: lab, test, run, bench, doctor (and nav);
# book, student, core, slides and test-browser for the static book, the
# student and core editions, the decks and the browser test; test-rerun
# and test-core for CI; lock and canary for the maintainers' upgrades.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
REPEAT ?= 1
EXTRAS := $(VENV)/.installed-extras
# Extra flags for `make lab`, e.g. LAB_ARGS="--port 9000 --no-browser".
LAB_ARGS ?=
# JupyterLab refuses to run as root (the default in containers) without this.
ROOT_ARGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: lab test test-portable test-browser test-rerun test-core run \
	bench nav format install book student core doctor lock slides canary

# (Re)install only when the lock changes; nothing goes outside .venv.
# tests/install.py installs the lock with hashes required, through uv
# (itself locked) or, where uv cannot be had, through pip.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python tests/install.py requirements.lock
	cp requirements.lock $(STAMP)

install: $(STAMP)

# The book and the browser test need a few more packages; `make lab` and
# `make test` do not. Their pins never move requirements.txt's.
$(EXTRAS): $(STAMP) requirements-extras.lock
	$(BIN)/python tests/install.py requirements-extras.lock
	cp requirements-extras.lock $(EXTRAS)

# Compile the direct pins (requirements.txt, requirements-extras.txt) into
# the locks: every package, for every platform, with its files' hashes.
# Versions already in a lock stay unless a direct pin moves them.
LOCK_ARGS := --generate-hashes --universal --python-version 3.11.5 \
	--quiet --custom-compile-command "make lock"
lock: $(STAMP)
	$(BIN)/python -m uv pip compile requirements.txt $(LOCK_ARGS) \
		-o requirements.lock
	$(BIN)/python -m uv pip compile requirements-extras.txt \
		-c requirements.lock $(LOCK_ARGS) -o requirements-extras.lock

# Would the series survive an upgrade? The newest releases of the direct
# dependencies in requirements.txt (their pins dropped) in a fresh scratch
# environment, build/canary/; then the notebooks (nbval) and the module's
# tests there. Prints what moved and which notebooks would break. A
# report, not a gate: CI does not run it. `make canary COMMIT=HEAD` tests
# the committed tree instead of the working tree (tests/canary.py).
canary: $(STAMP)
	$(BIN)/python tests/canary.py --jobs $(JOBS) $(if $(COMMIT),--commit $(COMMIT))

lab: $(STAMP)
	@echo "Starting JupyterLab: open the http://127.0.0.1:... URL it prints" \
		"below (it carries the login token); Ctrl+C stops it."
	$(BIN)/jupyter lab --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks $(ROOT_ARGS) $(LAB_ARGS)

# Is this machine ready? Python, pinned packages, data checksums,
# TensorFlow, the Jupyter kernel, free memory and disk (tests/doctor.py).
doctor:
	@test -x $(BIN)/python || \
		{ echo "PROBLEM  no .venv here: run make install"; exit 1; }
	@$(BIN)/python tests/doctor.py

# One pytest worker per core (JOBS=1 runs them one by one), each notebook's
# cells on one worker, in order. The tests that compare the predictions the
# notebooks wrote with the committed ones run after them, in a second pass
# over the same temporary output directory.
JOBS ?= auto
test: $(STAMP)
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	export MNIST_OUTPUT_DIR="$$out" && \
	$(BIN)/pytest -n $(JOBS) --dist loadfile -m "not after_notebooks" && \
	$(BIN)/pytest -m after_notebooks

# A shell prefix: copy the working tree (tracked and untracked files, not
# ignored ones) into a temporary folder, removed at the end, and cd there.
IN_SCRATCH_COPY = scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	git ls-files -z --cached --others --exclude-standard | \
	xargs -0 -I{} sh -c 'test ! -e "$$1" || cp --parents "$$1" "$$2"' \
	_ {} "$$scratch" && cd "$$scratch"

# The suite again as "other hardware", on a scratch copy of the working tree:
# one core, oneDNN's kernels on, OpenBLAS's Haswell kernels, and numpy
# without its AVX-512 kernels. Training-dependent outputs then differ in
# their last digits; the tests must pass all the same.
PORTABLE_ENV := TF_ENABLE_ONEDNN_OPTS=1 OPENBLAS_CORETYPE=Haswell \
	NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL"
test-portable: $(STAMP)
	@$(IN_SCRATCH_COPY) && \
	env $(PORTABLE_ENV) taskset -c 0 $(CURDIR)/$(BIN)/pytest -p no:cacheprovider

# Run All in JupyterLab in headless Chromium (apt-get install chromium),
# then the same browser over the static book, on a scratch copy of the
# working tree; first the checks' own controls (tests/test_browser.py,
# tests/test_slides_browser.py, tests/test_accessibility.py). The slide
# decks are opened offline first (tests/slides_browser.py). Last,
# axe-core (pinned, from npm) checks every page of the book for
# accessibility and alt text (tests/accessibility.py).
test-browser: $(EXTRAS)
	@$(IN_SCRATCH_COPY) && \
	$(CURDIR)/$(BIN)/pytest -p no:cacheprovider tests/test_browser.py \
		tests/test_slides_browser.py tests/test_accessibility.py && \
	$(CURDIR)/$(BIN)/python tests/slides.py --decks && \
	$(CURDIR)/$(BIN)/python tests/slides_browser.py build/slides && \
	$(CURDIR)/$(BIN)/python tests/book.py --quiet && \
	$(CURDIR)/$(BIN)/python tests/browser.py --book build/book && \
	$(CURDIR)/$(BIN)/python tests/accessibility.py build/book

# Execute every notebook in place, in order, each in a fresh kernel, then
# mask what varies from run to run in its stored outputs (timings, see
# tests/sanitize.cfg, and widget ids; tests/stable_outputs.py).
run: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
		echo "running $$nb"; \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=600 \
			--ExecutePreprocessor.record_timing=False \
			--ExecutePreprocessor.kernel_name=python3 "$$nb" || exit 1; \
		$(BIN)/python tests/stable_outputs.py "$$nb" || exit 1; \
	done

# Also writes build/bench.json, from which `make nav SECONDS=1` takes the
# Run All seconds that the Overviews and the README's course path state.
bench: $(STAMP)
	$(BIN)/python tests/bench.py --repeat $(REPEAT) \
		--json build/bench.json $(NOTEBOOKS)

# Regenerate the navigation cells, each Overview's Time line, the
# README's notebook table, course path and concept index, and every
# cell's slide type (tests/slides.py).
nav: $(STAMP)
	$(BIN)/python tests/navigation.py $(if $(SECONDS),--seconds build/bench.json)
	$(BIN)/python tests/slides.py

# Every code cell of every notebook run twice in a row (tests/rerun.py).
test-rerun: $(STAMP)
	$(BIN)/python tests/rerun.py $(NOTEBOOKS)

# The series as a static HTML site, from the committed notebooks, without
# running them: build/book/index.html. Warnings are errors.
book: $(EXTRAS)
	$(BIN)/python tests/book.py

# A static reveal.js deck of every notebook's core, offline (reveal.js and
# the rest from pinned npm packages, see tests/slides.py; needs npm):
# build/slides/index.html.
slides: $(EXTRAS)
	$(BIN)/python tests/slides.py --decks

# The notebooks without their Solutions and outputs, to hand out:
# build/student/.
student: $(STAMP)
	$(BIN)/python tests/student.py

# The core edition in build/core/: every notebook without its `optional`
# (going further) cells. test-core also runs it top to bottom.
core: $(STAMP)
	$(BIN)/python tests/core.py

test-core: $(STAMP)
	$(BIN)/python tests/core.py --execute

format: $(STAMP)
	$(BIN)/ruff format notebooks tests
	$(BIN)/ruff check --fix notebooks tests
