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
# The bench kills what it starts however it ends (its children get SIGKILL
# when it dies: tests/integration/support/child_process.h). The tools it runs
# through a shell (redis-benchmark, the micro-benchmarks) are not its direct
# children, so the bench runs in a process group of its own and Ctrl-C,
# SIGTERM or any exit of this script kills that whole group; and should this
# script itself be killed with SIGKILL, setpriv (util-linux) has the kernel
# kill the bench with it.
launcher=()
if setpriv --pdeathsig KILL true 2>/dev/null; then launcher=(setpriv --pdeathsig KILL); fi
set -m
"${launcher[@]}" "$bin/ansinh-bench" --out-dir "$root/var/bench" "$@" &
bench=$!
trap 'kill -KILL -- "-$bench" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
wait "$bench"
