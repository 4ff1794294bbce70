# The two commands of the README, plus bench and clean.
#   make run    install what is missing, build (Release), run the stack in the foreground
#   make test   install what is missing, build (Debug, -Werror), run every test
.PHONY: all deps build build-debug run test bench format clean

JOBS ?= $(shell nproc)
# Tests spend most of their time waiting on services, Redis and the browser,
# not computing: twice as many at once as there are cores.
TEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))
RELEASE_DIR := build/release
DEBUG_DIR := build/debug

# Ninja builds; ccache keys objects on paths relative to this checkout, so
# another clone or worktree on the machine reuses them (docs/contributing.md).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
# Depend mode: a miss hashes the headers the compiler's depfile lists (Ninja
# asks for one anyway) instead of running the preprocessor first, which cost
# about 6% of every cold compile of these header-heavy files.
export CCACHE_DEPEND := 1
# The test build compiles with clang: about half the CPU time of GCC on these
# sources (gRPC, protobuf and gtest templates), so a clean `make test` is
# minutes shorter. The Release of `make run` stays with GCC, so every commit
# is built by both compilers.
TEST_CXX ?= clang++
RUN_CXX ?= g++

# configure DIR COMPILER ARGS: cmake with Ninja; a build directory that an
# older checkout configured with another generator or compiler is configured
# afresh (CMake cannot switch either in place).
define configure
	@if [ -f $(1)/CMakeCache.txt ] && { ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' $(1)/CMakeCache.txt || \
	  ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=$(shell command -v $(2))$$' $(1)/CMakeCache.txt; }; then \
	  rm -rf $(1); fi
	@cmake -S . -B $(1) -G Ninja -DCMAKE_CXX_COMPILER=$(2) $(3) >/dev/null
endef

all: build

deps:
	@deploy/local/install-deps.sh

build: deps
	$(call configure,$(RELEASE_DIR),$(RUN_CXX),-DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=OFF -DANSINH_BUILD_BENCH=OFF)
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

# The test build keeps line tables only (-g1): a failure's backtrace still
# names files and lines, and the compiler writes 9% less (no variable or type
# descriptions). For a debugger's full view configure build/debug with
# -DCMAKE_CXX_FLAGS_DEBUG=-g (docs/contributing.md).
TEST_DEBUG_FLAGS ?= -g1
build-debug: deps
	$(call configure,$(DEBUG_DIR),$(TEST_CXX),-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=$(TEST_DEBUG_FLAGS) \
	  -DANSINH_WERROR=ON -DANSINH_BUILD_BENCH=OFF)
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

# make run CLUSTER=1: the same on a local Redis Cluster of 3 masters and 3
# replicas (deploy/local/redis-cluster.sh) instead of one Redis.
CLUSTER ?= 0
run: build
	@$(if $(filter 1,$(CLUSTER)),ANSINH_REDIS_CLUSTER=1 )deploy/local/run.sh $(CURDIR)/$(RELEASE_DIR)/bin

test: build-debug
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(TEST_JOBS) --timeout 300

bench: deps
	$(call configure,$(RELEASE_DIR),$(RUN_CXX),-DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=ON -DANSINH_BUILD_BENCH=ON)
	@cmake --build $(RELEASE_DIR) -j $(JOBS) --target ansinh-bench ansinh
	@deploy/local/bench.sh $(CURDIR)/$(RELEASE_DIR)/bin $(BENCH_ARGS)

# make fuzz: the libFuzzer targets of tests/fuzz (clang, ASan and UBSan) built
# in build/fuzz and run one after the other for FUZZ_SECONDS each; fails
# naming the reproducer of anything found (see deploy/local/fuzz.sh).
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 150
.PHONY: fuzz
fuzz: deps
	$(call configure,$(FUZZ_DIR),clang++,-DCMAKE_BUILD_TYPE=Debug -DANSINH_BUILD_FUZZ=ON \
	  -DANSINH_BUILD_TESTS=OFF -DANSINH_COMPONENTS="registry;classification;assignment")
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target ansinh_fuzzers
	@deploy/local/fuzz.sh $(CURDIR)/$(FUZZ_DIR)/bin $(FUZZ_SECONDS)

# make format: every C++ source rewritten as .clang-format says (make test
# checks it with tests/lint/check_format.sh).
format: deps
	@git ls-files -- '*.cc' '*.h' ':!:proto/**' | xargs clang-format -i

clean:
	rm -rf build
