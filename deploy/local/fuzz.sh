#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for a while, one at a time with
# one job each (the machine is shared), and fails naming the reproducer when
# any of them crashes, leaks, hangs or runs out of memory.
#
#   deploy/local/fuzz.sh <dir of the *_fuzzer binaries> [seconds per target]
#   FUZZ_TARGETS="import_parser" deploy/local/fuzz.sh ...   (some targets only)
#
# Per target, under var/fuzz/<target>/: corpus/ is the working corpus (the
# seed corpus of tests/fuzz/corpus/<target>/ copied in, then grown by each
# run), fuzz-0.log libFuzzer's output, and crash-*, leak-*, timeout-*, oom-*
# the inputs it found. Reproduce one with: <binary> <input file>.
set -euo pipefail
bin="${1:?usage: fuzz.sh <bin dir> [seconds per target]}"
seconds="${2:-150}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
# FUZZ_TARGETS="import_parser ..." runs only those.
read -r -a targets <<<"${FUZZ_TARGETS:-envelope_decoder standard_loader import_parser request_validator}"

failed=()
for target in "${targets[@]}"; do
  binary="$bin/${target}_fuzzer"
  work="$root/var/fuzz/$target"
  mkdir -p "$work/corpus"
  cp -n "$root/tests/fuzz/corpus/$target/"* "$work/corpus/"
  options=(-max_total_time="$seconds" -jobs=1 -workers=1 -timeout=10 -rss_limit_mb=2048
           -max_len=16384 -print_final_stats=1 -artifact_prefix="$work/")
  [ -f "$root/tests/fuzz/$target.dict" ] && options+=(-dict="$root/tests/fuzz/$target.dict")
  marker="$(mktemp)"
  echo "== $target: ${seconds}s, log $work/fuzz-0.log"
  # With -jobs libFuzzer writes the job's output to fuzz-0.log in the
  # working directory, and the exit status does not always carry a crash:
  # the artifacts written during this run decide.
  (cd "$work" && "$binary" "${options[@]}" "$work/corpus" >/dev/null 2>&1) || true
  grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|^stat::average_exec_per_sec|^Done [0-9]+ runs' \
    "$work/fuzz-0.log" | sed 's/^/   /' || true
  found="$(find "$work" -maxdepth 1 -type f -newer "$marker" \
             \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)"
  rm -f "$marker"
  if [ -n "$found" ]; then
    echo "   FOUND (reproduce with: $binary <file>):"
    echo "$found" | sed 's/^/     /'
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing found nothing in ${#targets[@]} targets (${seconds}s each)"
