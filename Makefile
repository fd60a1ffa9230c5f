# The two commands: `make run` and `make test`. Everything else is a helper for them.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS  += --no-print-directory
RESORB      = $(BUILD)/resorb

.PHONY: all deps build build-asan run test test-quick test-asan bench clean

all: build

deps:
	@scripts/install-deps all

$(BUILD)/CMakeCache.txt:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

$(ASAN_BUILD)/CMakeCache.txt:
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRESORB_SANITIZE=ON >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# The main job: until the server exists, check the examples and show the evidence behind them.
run: build
	@scripts/run-main $(RESORB)

test-quick: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L quick

test-asan: build-asan
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# Every test, in the normal build and again under AddressSanitizer + UBSan.
test: build build-asan
	@scripts/run-tests $(BUILD) $(ASAN_BUILD)

# Benchmarks also need wrk and scipy (scripts/install-deps bench); `make test` never does.
bench: build
	@scripts/install-deps bench
	@bench/run-all $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
