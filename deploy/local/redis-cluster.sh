#!/usr/bin/env bash
# A local Redis Cluster of 3 masters and 3 replicas on loopback, with the AOF
# fsynced on every write (appendfsync always) and the admin password of
# `make run` (var/redis/password). Data under var/cluster/node-<port>/.
# `make run CLUSTER=1` runs the whole demo on it (deploy/local/run.sh sources
# this file and adds the services' ACL users); by hand:
#
#   deploy/local/redis-cluster.sh start    start the nodes; join them the first time
#   deploy/local/redis-cluster.sh status   CLUSTER INFO and CLUSTER NODES
#   deploy/local/redis-cluster.sh stop     SHUTDOWN every node (the AOF is kept)
#
# Ports ANSINH_REDIS_CLUSTER_PORT (7000) to +5, and their cluster bus ports
# (+10000). A service joins with --redis-cluster --redis-port 7000
# (docs/operations.md, "Redis Cluster").
set -euo pipefail

cluster_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster_var="$cluster_root/var"
cluster_base_port="${ANSINH_REDIS_CLUSTER_PORT:-7000}"
cluster_ports=()
for i in 0 1 2 3 4 5; do cluster_ports+=($((cluster_base_port + i))); done
# shellcheck source=deploy/local/run-support.sh
source "$cluster_root/deploy/local/run-support.sh"

# The admin password, created on first use; redis-cli reads it from the
# environment, never from argv.
cluster_password() {
  if [ ! -s "$cluster_var/redis/password" ]; then
    (umask 077 && mkdir -p "$cluster_var/redis" && openssl rand -hex 32 >"$cluster_var/redis/password")
  fi
  head -n 1 "$cluster_var/redis/password"
}

cluster_node_answers() { REDISCLI_AUTH="$(cluster_password)" redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; }

# cluster_start [CONFIG_LINES]: starts the nodes that do not answer (the
# lines, e.g. ACL users, go into each node's configuration), joins them the
# first time, and waits for cluster_state:ok.
cluster_start() {
  local extra="${1:-}" port
  local REDISCLI_AUTH
  REDISCLI_AUTH="$(cluster_password)"
  export REDISCLI_AUTH
  chmod 600 "$cluster_var/redis/password"
  (umask 077 && mkdir -p "$cluster_var/cluster")
  chmod 700 "$cluster_var/cluster"
  for port in "${cluster_ports[@]}"; do
    if cluster_node_answers "$port"; then continue; fi
    local dir="$cluster_var/cluster/node-$port"
    # A stopped node's files are closed to others again (the AOF holds every
    # household's citizen ID numbers); a running node's are left alone.
    (umask 077 && mkdir -p "$dir")
    make_private "$dir"
    # The password goes on the configuration fed on stdin, never on argv;
    # masterauth lets each replica sync from its master.
    redis-server - >/dev/null <<REDISCONF
include $cluster_root/deploy/local/redis.conf
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
$extra
REDISCONF
  done
  for port in "${cluster_ports[@]}"; do
    for _ in $(seq 1 100); do
      if cluster_node_answers "$port"; then break; fi
      sleep 0.1
    done
    cluster_node_answers "$port" || {
      echo "node $port did not start; see $cluster_var/cluster/node-$port/redis.log" >&2
      return 1
    }
  done
  # A node that knows only itself has never been joined.
  if redis-cli -p "${cluster_ports[0]}" cluster info | grep -q '^cluster_known_nodes:1'; then
    local addresses=()
    for port in "${cluster_ports[@]}"; do addresses+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
  fi
  for _ in $(seq 1 300); do
    if redis-cli -p "${cluster_ports[0]}" cluster info | grep -q '^cluster_state:ok'; then
      return 0
    fi
    sleep 0.1
  done
  echo "the cluster did not reach cluster_state:ok; see var/cluster/node-*/redis.log" >&2
  return 1
}

cluster_stop() {
  local port
  for port in "${cluster_ports[@]}"; do
    if cluster_node_answers "$port"; then
      REDISCLI_AUTH="$(cluster_password)" redis-cli -p "$port" shutdown >/dev/null 2>&1 || true
    fi
  done
}

cluster_status() {
  local REDISCLI_AUTH
  REDISCLI_AUTH="$(cluster_password)"
  export REDISCLI_AUTH
  redis-cli -p "${cluster_ports[0]}" cluster info | grep -E '^cluster_(state|slots_ok|known_nodes|size)'
  redis-cli -p "${cluster_ports[0]}" cluster nodes
}

# Sourced (by run.sh): only the functions above.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi
# Redis creates its AOF with the umask it inherits: the owner's only.
umask 077
case "${1:-}" in
  start)
    cluster_start
    echo "redis cluster: 3 masters, 3 replicas on 127.0.0.1:${cluster_ports[0]}-${cluster_ports[5]}" \
      "(admin password in var/redis/password; data in var/cluster/)"
    ;;
  stop) cluster_stop ;;
  status) cluster_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
