# socsim: the two commands of the README, and a few conveniences.
#   make quickstart   install dependencies (apt), build only the socsim binary, run scenarios/quickstart.json
#   make check        install dependencies (apt), build everything (tests included), run the whole test suite
#   make figures      run the campaigns and regenerate every figure into figures/ (analysis/make_figures.py)
#   make figures-quick  the same with short runs and one seed, into results/figures-quick/ (what CI runs)
#   make paper        CARIn's evaluation matrix through the sweep machinery -> results/paper/report.md
#   make paper-quick  the same with short runs and two seeds, into results/paper-quick/ (what CI runs)
#   make sanitize     the test suite on an ASan+UBSan build (build-asan)
#   make fuzz         the config fuzzers for FUZZ_SECONDS each (clang-14, build-fuzz)
#   make bench        Google Benchmark micro-benchmarks; make bench-sweep: start-up and per-run cost of sweep/compare
#   make bench-memory peak RSS of 1 h against 10 h simulated; make bench-heavy: the heavy hour (10 tasks, ~1 M inferences)
#   make golden-update  pin the golden runs' outputs again after an intended change (tests/golden/)
#   make validation   the kernel against queueing theory at full length; rewrites README's Validation tables
#   make calibration  refit to models/measurements/ (socsim calibrate), update README's calibration table and regenerate the profiles
BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3

.PHONY: quickstart check deps build test bench bench-sweep bench-memory bench-heavy clean figures figures-quick paper paper-quick socsim-bin sanitize fuzz golden-update validation calibration

# Only what it runs: the socsim binary, not the test suite (make check builds everything).
quickstart: deps socsim-bin
	$(BUILD)/socsim run scenarios/quickstart.json
	$(BUILD)/socsim report results/quickstart.h5

check: deps build test

deps:
	.ci/install-deps.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON)
	cmake --build $(BUILD) -j$(JOBS)

test:
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# Only the socsim binary (quickstart and the figures need nothing else).
socsim-bin:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON)
	cmake --build $(BUILD) -j$(JOBS) --target socsim

figures: socsim-bin
	$(PYTHON) analysis/make_figures.py --bin $(BUILD)/socsim -j$(JOBS)

figures-quick: socsim-bin
	$(PYTHON) analysis/make_figures.py --quick --bin $(BUILD)/socsim -j$(JOBS)

paper: socsim-bin
	$(PYTHON) analysis/paper.py --bin $(BUILD)/socsim -j$(JOBS)

paper-quick: socsim-bin
	$(PYTHON) analysis/paper.py --quick --bin $(BUILD)/socsim -j$(JOBS)

bench: build
	$(BUILD)/tests/socsim_bench

# What sweeps and compare cost per run, as ratios against plain `socsim run` processes.
bench-sweep: socsim-bin
	$(PYTHON) tests/bench/sweep_overhead.py --bin $(BUILD)/socsim

# Peak RSS of a traced quickstart for 1 and 10 simulated hours (within 10 %).
bench-memory: socsim-bin
	$(PYTHON) tests/bench/memory_flat.py --bin $(BUILD)/socsim

# Ten concurrent tasks for one simulated hour with the full trace (target: under 1 s of wall time).
bench-heavy: socsim-bin
	$(BUILD)/socsim run tests/bench/heavy_hour.json -o $(BUILD)/heavy_hour.h5

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

calibration: socsim-bin
	$(BUILD)/socsim calibrate --write models/measurements/fitted.json --report models/measurements/calibration.md > /dev/null
	$(PYTHON) models/tools/splice_calibration.py
	$(PYTHON) models/tools/generate_profiles.py

clean:
	rm -rf $(BUILD)
