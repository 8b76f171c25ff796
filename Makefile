# socsim: the two commands of the README, and a few conveniences.
#   make quickstart   install dependencies (apt), build, run scenarios/quickstart.json
#   make check        install dependencies (apt), build, run the whole test suite
#   make figures      run the campaigns and regenerate every figure into figures/ (analysis/make_figures.py)
#   make figures-quick  the same with short runs and one seed, into results/figures-quick/ (what CI runs)
#   make sanitize     the test suite on an ASan+UBSan build (build-asan)
#   make fuzz         the config fuzzers for FUZZ_SECONDS each (clang-14, build-fuzz)
#   make bench        Google Benchmark micro-benchmarks; make bench-sweep: per-run cost of sweep/compare
#   make golden-update  pin the golden runs' outputs again after an intended change (tests/golden/)
#   make validation   the kernel against queueing theory at full length; rewrites README's Validation tables
BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3

.PHONY: quickstart check deps build test bench bench-sweep clean figures figures-quick socsim-bin sanitize fuzz golden-update validation

quickstart: deps build
	$(BUILD)/socsim run scenarios/quickstart.json

check: deps build test

deps:
	.ci/install-deps.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON)
	cmake --build $(BUILD) -j$(JOBS)

test:
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# Only the socsim binary (the figures need nothing else).
socsim-bin:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON)
	cmake --build $(BUILD) -j$(JOBS) --target socsim

figures: socsim-bin
	$(PYTHON) analysis/make_figures.py --bin $(BUILD)/socsim -j$(JOBS)

figures-quick: socsim-bin
	$(PYTHON) analysis/make_figures.py --quick --bin $(BUILD)/socsim -j$(JOBS)

bench: build
	$(BUILD)/tests/socsim_bench

# What sweeps and compare cost per run, as ratios against plain `socsim run` processes.
bench-sweep: socsim-bin
	$(PYTHON) tests/bench/sweep_overhead.py --bin $(BUILD)/socsim

sanitize: deps
	JOBS=$(JOBS) .ci/sanitize.sh

fuzz:
	.ci/install-deps.sh --fuzz
	JOBS=$(JOBS) .ci/fuzz.sh

# Full-length validation runs (~GB of traces, deleted after analysis) into results/validation/;
# then README.md's Validation tables are regenerated from them. Exit 1 if a case misses (the
# table is written anyway, saying so).
validation: socsim-bin
	$(PYTHON) tests/validation/queues.py --bin $(BUILD)/socsim -o results/validation -j$(JOBS); q=$$?; \
	$(PYTHON) tests/validation/littles_law.py --bin $(BUILD)/socsim -o results/validation -j$(JOBS); l=$$?; \
	$(PYTHON) tests/validation/readme_table.py --results results/validation && [ $$q -eq 0 ] && [ $$l -eq 0 ]

golden-update: build
	$(PYTHON) tests/golden/golden.py --update --bin $(BUILD)/socsim

clean:
	rm -rf $(BUILD)
