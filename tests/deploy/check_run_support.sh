#!/usr/bin/env bash
# Checks the functions of deploy/local/run-support.sh that `make run` relies
# on: var/ made the owner's only (0700 directories, 0600 files), Redis's AOF
# and RDB files created 0600 under run_private, the addresses run.sh checks
# and gives the CLI taken from ANSINH_<SERVICE>_LISTEN, and a taken port seen
# as taken. Usage: check_run_support.sh deploy/local/run-support.sh
set -euo pipefail

# shellcheck source=deploy/local/run-support.sh
source "${1:?usage: check_run_support.sh RUN_SUPPORT_SH}"

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
expect_mode() {
  local path="$1" wanted="$2" actual
  actual="$(stat -c %a "$path")"
  [ "$actual" = "$wanted" ] || fail "$path is $actual, wanted $wanted"
}
expect_equal() {
  [ "$1" = "$2" ] || fail "$3: got '$1', wanted '$2'"
}

work="$(mktemp -d)"
redis_pid=""
listener_pid=""
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. make_private closes what an older run left open.
mkdir -p "$work/var/redis/appendonlydir" "$work/var/logs" "$work/var/tokens"
chmod 755 "$work/var" "$work/var/redis" "$work/var/redis/appendonlydir" "$work/var/logs" "$work/var/tokens"
for file in redis/appendonlydir/appendonly.aof.1.incr.aof logs/registry.log tokens/auditor.token tokens.json; do
  echo data >"$work/var/$file"
  chmod 644 "$work/var/$file"
done
make_private "$work/var"
for dir in "" /redis /redis/appendonlydir /logs /tokens; do expect_mode "$work/var$dir" 700; done
for file in redis/appendonlydir/appendonly.aof.1.incr.aof logs/registry.log tokens/auditor.token tokens.json; do
  expect_mode "$work/var/$file" 600
done
make_private "$work/no-such-dir" || fail "make_private of a missing directory failed"

# 2. run_private: what the command creates is the owner's only, whatever the
# caller's umask.
umask 022
run_private sh -c "mkdir '$work/made' && echo x >'$work/made/file'"
expect_mode "$work/made" 700
expect_mode "$work/made/file" 600
[ "$(umask)" = "0022" ] || fail "run_private changed the caller's umask to $(umask)"

# 3. Redis under run_private: the AOF directory and files, and an RDB.
mkdir "$work/redis"
run_private redis-server --port 0 --unixsocket "$work/redis/redis.sock" --dir "$work/redis" \
  --appendonly yes --appendfsync always --save "" --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 100); do
  if redis-cli -s "$work/redis/redis.sock" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.1
done
redis-cli -s "$work/redis/redis.sock" set ansinh:probe 046069000123 >/dev/null
redis-cli -s "$work/redis/redis.sock" save >/dev/null
redis-cli -s "$work/redis/redis.sock" shutdown nosave >/dev/null 2>&1 || true
wait "$redis_pid" 2>/dev/null || true
redis_pid=""
[ -d "$work/redis/appendonlydir" ] || fail "redis wrote no appendonlydir: $(cat "$work/redis.log")"
expect_mode "$work/redis/appendonlydir" 700
aof_files=0
for file in "$work/redis/appendonlydir"/* "$work/redis/dump.rdb"; do
  expect_mode "$file" 600
  aof_files=$((aof_files + 1))
done
[ "$aof_files" -ge 3 ] || fail "expected the AOF manifest, base and incr files and an RDB, saw $aof_files"

# 4. The addresses run.sh checks and passes to the CLI.
unset ANSINH_REGISTRY_LISTEN ANSINH_MONITORING_LISTEN
expect_equal "$(listen_of registry 50051)" "127.0.0.1:50051" "default listen address"
export ANSINH_REGISTRY_LISTEN=0.0.0.0:6051
expect_equal "$(listen_of registry 50051)" "0.0.0.0:6051" "ANSINH_REGISTRY_LISTEN"
expect_equal "$(dial_of "$(listen_of registry 50051)")" "127.0.0.1:6051" "dial of 0.0.0.0"
export ANSINH_MONITORING_LISTEN="[::]:6054"
expect_equal "$(dial_of "$(listen_of monitoring 50054)")" "[::1]:6054" "dial of [::]"
expect_equal "$(dial_of 10.0.0.5:7000)" "10.0.0.5:7000" "dial of a host address"
expect_equal "$(port_of "[::1]:6054")" "6054" "port of an IPv6 address"

# 5. A taken port is seen as taken, a free one as free.
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
print(s.getsockname()[1], flush=True)
time.sleep(60)
' >"$work/port" &
listener_pid=$!
for _ in $(seq 1 50); do
  [ -s "$work/port" ] && break
  sleep 0.1
done
port="$(cat "$work/port")"
address_in_use "0.0.0.0:$port" || fail "port $port is listened on but address_in_use says free"
kill "$listener_pid"
wait "$listener_pid" 2>/dev/null || true
listener_pid=""
if address_in_use "127.0.0.1:$port"; then fail "port $port was released but address_in_use says taken"; fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "run-support.sh: every check passed"
