# socsim: the two commands of the README, and a few conveniences.
#   make quickstart   install dependencies (apt), build, run scenarios/quickstart.json
#   make check        install dependencies (apt), build, run the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3

.PHONY: quickstart check deps build test bench clean

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

bench: build
	$(BUILD)/tests/socsim_bench

clean:
	rm -rf $(BUILD)
