# The two commands of the README, plus bench and clean.
#   make run    install what is missing, build (Release), run the stack in the foreground
#   make test   install what is missing, build (Debug, -Werror), run every test
.PHONY: all deps build build-debug run test bench format clean

JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
DEBUG_DIR := build/debug

# Ninja builds; ccache keys objects on paths relative to this checkout, so
# another clone or worktree on the machine reuses them (docs/contributing.md).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
# configure DIR ARGS: cmake with Ninja; a build directory that an older
# checkout configured with another generator is configured afresh.
define configure
	@if [ -f $(1)/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' $(1)/CMakeCache.txt; then \
	  rm -rf $(1); fi
	@cmake -S . -B $(1) -G Ninja $(2) >/dev/null
endef

all: build

deps:
	@deploy/local/install-deps.sh

build: deps
	$(call configure,$(RELEASE_DIR),-DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=OFF -DANSINH_BUILD_BENCH=OFF)
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

build-debug: deps
	$(call configure,$(DEBUG_DIR),-DCMAKE_BUILD_TYPE=Debug -DANSINH_WERROR=ON -DANSINH_BUILD_BENCH=OFF)
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

run: build
	@deploy/local/run.sh $(CURDIR)/$(RELEASE_DIR)/bin

test: build-debug
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: deps
	$(call configure,$(RELEASE_DIR),-DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=ON -DANSINH_BUILD_BENCH=ON)
	@cmake --build $(RELEASE_DIR) -j $(JOBS) --target ansinh-bench ansinh
	@deploy/local/bench.sh $(CURDIR)/$(RELEASE_DIR)/bin $(BENCH_ARGS)

# make fuzz: the libFuzzer targets of tests/fuzz (clang, ASan and UBSan) built
# in build/fuzz and run one after the other for FUZZ_SECONDS each; fails
# naming the reproducer of anything found (see deploy/local/fuzz.sh).
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 150
.PHONY: fuzz
fuzz: deps
	$(call configure,$(FUZZ_DIR),-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DANSINH_BUILD_FUZZ=ON \
	  -DANSINH_BUILD_TESTS=OFF -DANSINH_COMPONENTS="registry;classification;assignment")
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target ansinh_fuzzers
	@deploy/local/fuzz.sh $(CURDIR)/$(FUZZ_DIR)/bin $(FUZZ_SECONDS)

# make format: every C++ source rewritten as .clang-format says (make test
# checks it with tests/lint/check_format.sh).
format: deps
	@git ls-files -- '*.cc' '*.h' ':!:proto/**' | xargs clang-format -i

clean:
	rm -rf build
