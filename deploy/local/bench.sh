#!/usr/bin/env bash
# `make bench`: the end-to-end, gRPC and Redis benchmarks plus the
# micro-benchmarks, in one run of ansinh-bench (tests/bench/e2e). It starts
# its own Redis and services on free ports in a temporary directory, prints
# tables and writes the report as JSON under var/bench/.
#   make bench                         200,000 households
#   make bench BENCH_ARGS="--households 20000 --grpc-seconds 2"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:?usage: bench.sh BIN_DIR [ansinh-bench options]}"
shift
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(uname -r)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$bin/ansinh-bench" --out-dir "$root/var/bench" "$@"
