#!/usr/bin/env bash
# `make bench`: runs the benchmarks and keeps their results under var/bench/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:?usage: bench.sh BIN_DIR}"
out="$root/var/bench"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

echo "== micro-benchmarks (Google Benchmark) =="
"$bin/ansinh-microbench" --benchmark_out="$out/micro-$stamp.json" --benchmark_out_format=json
echo
echo "Results written to $out/micro-$stamp.json"
