# The two commands of the README, plus bench and clean.
#   make run    install what is missing, build (Release), run the stack in the foreground
#   make test   install what is missing, build (Debug, -Werror), run every test
.PHONY: all deps build build-debug run test bench clean

JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
DEBUG_DIR := build/debug

all: build

deps:
	@deploy/local/install-deps.sh

build: deps
	@cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

build-debug: deps
	@cmake -S . -B $(DEBUG_DIR) -DCMAKE_BUILD_TYPE=Debug -DANSINH_WERROR=ON >/dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

run: build
	@deploy/local/run.sh $(CURDIR)/$(RELEASE_DIR)/bin

test: build-debug
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: deps
	@cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DANSINH_BUILD_TESTS=OFF -DANSINH_BUILD_BENCH=ON >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)
	@deploy/local/bench.sh $(CURDIR)/$(RELEASE_DIR)/bin

clean:
	rm -rf build
