#!/usr/bin/env bash
# For development of cluster mode (docs/operations.md, "Redis Cluster"): a
# local Redis Cluster of 3 masters and 3 replicas on loopback, with the AOF
# fsynced on every write (appendfsync always) and the admin password of
# `make run` (var/redis/password). Data under var/cluster/node-<port>/.
#
#   deploy/local/redis-cluster.sh start    start the nodes; join them the first time
#   deploy/local/redis-cluster.sh status   CLUSTER INFO and CLUSTER NODES
#   deploy/local/redis-cluster.sh stop     SHUTDOWN every node (the AOF is kept)
#
# Ports ANSINH_REDIS_CLUSTER_PORT (7000) to +5, and their cluster bus ports
# (+10000). A service joins with --redis-cluster --redis-port 7000. The
# services' transactions still span slots (docs/operations.md), so `make
# run` does not use this yet.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
var="$root/var"
base_port="${ANSINH_REDIS_CLUSTER_PORT:-7000}"
ports=()
for i in 0 1 2 3 4 5; do ports+=($((base_port + i))); done
# shellcheck source=deploy/local/run-support.sh
source "$root/deploy/local/run-support.sh"

umask 077
mkdir -p "$var/redis" "$var/cluster"
make_private "$var/cluster"
if [ ! -s "$var/redis/password" ]; then
  openssl rand -hex 32 >"$var/redis/password"
fi
chmod 600 "$var/redis/password"
# redis-cli reads the password from the environment, never from argv.
REDISCLI_AUTH="$(head -n 1 "$var/redis/password")"
export REDISCLI_AUTH

answers() { redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; }

start() {
  for port in "${ports[@]}"; do
    if answers "$port"; then continue; fi
    local dir="$var/cluster/node-$port"
    mkdir -p "$dir"
    # The password goes on the configuration fed on stdin, never on argv;
    # masterauth lets each replica sync from its master.
    redis-server - >/dev/null <<REDISCONF
include $root/deploy/local/redis.conf
port $port
dir $dir
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
cluster-enabled yes
cluster-config-file nodes.conf
cluster-node-timeout 5000
requirepass $REDISCLI_AUTH
masterauth $REDISCLI_AUTH
REDISCONF
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
      if answers "$port"; then break; fi
      sleep 0.1
    done
    answers "$port" || { echo "node $port did not start; see $var/cluster/node-$port/redis.log" >&2; exit 1; }
  done
  # A node that knows only itself has never been joined.
  if redis-cli -p "${ports[0]}" cluster info | grep -q '^cluster_known_nodes:1'; then
    local addresses=()
    for port in "${ports[@]}"; do addresses+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
  fi
  for _ in $(seq 1 300); do
    if redis-cli -p "${ports[0]}" cluster info | grep -q '^cluster_state:ok'; then
      echo "redis cluster: 3 masters, 3 replicas on 127.0.0.1:${ports[0]}-${ports[5]}" \
        "(admin password in var/redis/password; data in var/cluster/)"
      return 0
    fi
    sleep 0.1
  done
  echo "the cluster did not reach cluster_state:ok; see var/cluster/node-*/redis.log" >&2
  exit 1
}

stop() {
  for port in "${ports[@]}"; do
    if answers "$port"; then redis-cli -p "$port" shutdown >/dev/null 2>&1 || true; fi
  done
}

status() {
  redis-cli -p "${ports[0]}" cluster info | grep -E '^cluster_(state|slots_ok|known_nodes|size)'
  redis-cli -p "${ports[0]}" cluster nodes
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
