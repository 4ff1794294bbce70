#!/usr/bin/env bash
# `make run`: a private Redis, the four services and the web console on
# loopback, in the foreground, until Ctrl-C or SIGTERM. Data stays under var/
# between runs. `make run CLUSTER=1` (ANSINH_REDIS_CLUSTER=1) runs the same on
# a local Redis Cluster of 3 masters and 3 replicas instead
# (deploy/local/redis-cluster.sh, data under var/cluster/).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:?usage: run.sh BIN_DIR}"
var="$root/var"
cluster="${ANSINH_REDIS_CLUSTER:-0}"
case "$cluster" in 1 | true | yes) cluster=1 ;; *) cluster=0 ;; esac
redis_port="${ANSINH_REDIS_PORT:-6390}"
if [ "$cluster" = 1 ]; then
  redis_port="${ANSINH_REDIS_CLUSTER_PORT:-7000}"
  # shellcheck source=deploy/local/redis-cluster.sh
  source "$root/deploy/local/redis-cluster.sh"
fi
services=(registry classification assignment monitoring)
declare -A default_port=([registry]=50051 [classification]=50052 [assignment]=50053 [monitoring]=50054)
# Prometheus /metrics of each service, on loopback (docs/operations.md).
declare -A metrics_port=([registry]=9101 [classification]=9102 [assignment]=9103 [monitoring]=9104)
# The web console (docs/console.md): HTTP on loopback unless
# ANSINH_CONSOLE_LISTEN says otherwise, its /metrics on 9105.
console_metrics_port=9105
# shellcheck source=deploy/local/run-support.sh
source "$root/deploy/local/run-support.sh"

# Everything under var/ is the owner's alone: directories 0700, files 0600
# (the AOF holds every household's citizen ID numbers; logs, tokens and
# passwords). New files get it from the umask, which Redis and the services
# inherit; files an earlier run left open are closed here.
umask 077
mkdir -p "$var/redis" "$var/logs"
make_private "$var"
cd "$root"

# One run at a time: the lock is held for as long as this script lives.
exec 9>"$var/run.lock"
if ! flock -n 9; then
  echo "ansinh is already running (started by PID $(cat "$var/run.pid" 2>/dev/null || echo '?'))." >&2
  echo "Use that one, or stop it with Ctrl-C in its terminal, then run 'make run' again." >&2
  exit 1
fi
echo $$ >"$var/run.pid"

# The addresses the services will really listen on (ANSINH_<SERVICE>_LISTEN,
# which they read themselves, or the defaults), and where the CLI calls below
# reach them.
declare -A listen=()
cli_addresses=()
for service in "${services[@]}"; do
  listen[$service]="$(listen_of "$service" "${default_port[$service]}")"
  cli_addresses+=("--$service" "$(dial_of "${listen[$service]}")")
done
console_listen="$(listen_of console 8080)"
redis_addresses=("127.0.0.1:$redis_port")
if [ "$cluster" = 1 ]; then
  # Each node's port and its cluster bus port (+10000).
  redis_addresses=()
  for port in "${cluster_ports[@]}"; do redis_addresses+=("127.0.0.1:$port" "127.0.0.1:$((port + 10000))"); done
fi
for address in "${redis_addresses[@]}" "${listen[@]}" "${metrics_port[@]/#/127.0.0.1:}" "$console_listen" \
  "127.0.0.1:$console_metrics_port"; do
  if address_in_use "$address"; then
    echo "Port $(port_of "$address") ($address) is taken by another program; ansinh needs it." >&2
    echo "Free it, or set ANSINH_REDIS_PORT / ANSINH_<SERVICE>_LISTEN / ANSINH_CONSOLE_LISTEN (see README)." >&2
    exit 1
  fi
done

# First run: the Redis admin password (the default user, for the CLI and
# operators), one password per service's Redis user, and one token per role,
# all readable by the owner only (0600).
for secret in password "${services[@]/%/.password}"; do
  if [ ! -s "$var/redis/$secret" ]; then
    openssl rand -hex 32 >"$var/redis/$secret"
  fi
  chmod 600 "$var/redis/$secret"
done
"$bin/ansinh" admin init-tokens --dir "$var" >/dev/null

# The services and the console, and the name of each for the watch loop's
# message; Redis apart, as it stops last.
pids=()
names=()
redis_pid=""
redis_started=0
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the services..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then
    echo "Stopping Redis..."
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  elif [ "$redis_started" = 1 ]; then
    echo "Stopping the Redis Cluster..."
    cluster_stop
  fi
  rm -f "$var/run.pid"
  echo "Stopped. Data is kept in $var/."
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

# One ACL user per service, named after it, with its own password and its
# own rules, deploy/local/redis-acl/<service>.rules: it writes only its own
# keys and reads only what it consumes (docs/security.md, "Redis"). Redis gets
# the SHA-256 of each password, never the password itself.
service_users() {
  local service hash rules
  for service in "${services[@]}"; do
    hash="$(head -n 1 "$var/redis/$service.password" | tr -d '\n' | sha256sum | cut -d' ' -f1)"
    rules="$(sed -e 's/#.*//' "$root/deploy/local/redis-acl/$service.rules" | tr -s ' \t\n' ' ')"
    echo "user $service reset on #$hash $rules"
  done
}

# The passwords go to redis-server on stdin-fed config, never on argv.
# Redis and the services run in sessions of their own (setsid): a Ctrl-C in
# the terminal reaches only this script, which stops the services first and
# Redis last, instead of every process at once.
if [ "$cluster" = 1 ]; then
  # The nodes daemonize (redis-cluster.sh); each has the services' users.
  redis_started=1
  if ! cluster_start "$(service_users)"; then
    echo "The Redis Cluster did not start; see $var/cluster/node-*/redis.log" >&2
    exit 1
  fi
  # Every service in cluster mode: routed by slot, and each write
  # acknowledged once a replica has it (docs/operations.md, "Redis Cluster").
  export ANSINH_REDIS_CLUSTER=1
else
  setsid redis-server - <<REDISCONF >"$var/logs/redis.log" 2>&1 &
include $root/deploy/local/redis.conf
port $redis_port
dir $var/redis
requirepass $(cat "$var/redis/password")
$(service_users)
REDISCONF
  redis_pid=$!

  export REDISCLI_AUTH="$(cat "$var/redis/password")"
  for _ in $(seq 1 100); do
    if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break; fi
    sleep 0.1
  done
  if ! redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    echo "Redis did not start; see $var/logs/redis.log" >&2
    exit 1
  fi
  unset REDISCLI_AUTH
fi

# The key that signs the audit log's tree heads lives outside Redis, readable
# by the services' user only (monitoring refuses a key others can read).
mkdir -p "$var/keys"
chmod 700 "$var/keys"
if [ ! -s "$var/keys/tree-head.key" ]; then
  (umask 077 && openssl genpkey -algorithm ed25519 -out "$var/keys/tree-head.key")
fi
chmod 600 "$var/keys/tree-head.key"
# The key-encryption key that wraps the households' data keys
# (docs/data-protection.md, "Keys"): 32 random bytes in hex, named by the
# UTC time it was made; the services refuse one others can read.
mkdir -p "$var/keys/personal-data"
chmod 700 "$var/keys/personal-data"
if ! ls "$var/keys/personal-data"/*.kek > /dev/null 2>&1; then
  (umask 077 && openssl rand -hex 32 > "$var/keys/personal-data/$(date -u +%Y%m%dT%H%M%SZ).kek")
fi

common_flags=(--redis-port "$redis_port" --tokens-file "$var/tokens.json"
  --personal-data-keys-dir "$var/keys/personal-data")
for service in "${services[@]}"; do
  extra=()
  case "$service" in
    registry)
      extra=(--standards-dir "$root/services/classification/standards") ;;
    classification) extra=(--standards-dir "$root/services/classification/standards") ;;
    assignment) extra=(--organizations-file "$root/services/assignment/config/demo_organizations.json") ;;
    monitoring)
      extra=(--targets-file "$root/services/monitoring/config/targets.textproto"
        --tree-head-key-file "$var/keys/tree-head.key")
      ;;
  esac
  extra+=(--metrics-port "${metrics_port[$service]}")
  setsid "$bin/ansinh-$service" "${common_flags[@]}" --redis-user "$service" \
    --redis-password-file "$var/redis/$service.password" "${extra[@]}" >>"$var/logs/$service.log" 2>&1 &
  pids+=($!)
  names+=("$service")
done

export ANSINH_TOKEN_FILE="$var/tokens/ward_officer.token"
if ! "$bin/ansinh" "${cli_addresses[@]}" status --wait 60 >/dev/null; then
  echo "Not every service reached SERVING within 60 s:" >&2
  "$bin/ansinh" "${cli_addresses[@]}" status >&2 || true
  echo "Logs are in $var/logs/." >&2
  exit 1
fi

# One demo account per role for the console, each with a generated password
# in var/accounts/<username>.password (0600); existing accounts are kept.
"$bin/ansinh" "${cli_addresses[@]}" admin init-accounts --dir "$var"

# The console signs people in with the service token and calls the services
# with each person's own session token.
setsid "$bin/ansinh-console" "${cli_addresses[@]}" --listen "$console_listen" \
  --service-token-file "$var/tokens/service.token" --metrics-port "$console_metrics_port" \
  >>"$var/logs/console.log" 2>&1 &
pids+=($!)
names+=(console)
console_url="http://$(dial_of "$console_listen")"
for _ in $(seq 1 100); do
  if address_in_use "$console_listen"; then break; fi
  sleep 0.1
done
if ! address_in_use "$console_listen"; then
  echo "The console did not start; see $var/logs/console.log" >&2
  exit 1
fi

if [ -x "$bin/ansinh" ] && "$bin/ansinh" demo --help >/dev/null 2>&1; then
  # The demo ward with its history, reviews 2021 to 2026 (docs/registry.md, "The demo ward's
  # history"), into an empty registry only: a ward an earlier run loaded stays as it is.
  "$bin/ansinh" "${cli_addresses[@]}" demo history --if-empty ||
    echo "The demo history did not finish loading (see above); the services keep running." >&2
fi

# Where Redis is, for the summary below.
redis_line() {
  if [ "$cluster" = 1 ]; then
    printf '  redis cluster   127.0.0.1:%s-%s  (3 masters, 3 replicas; admin password in\n' \
      "${cluster_ports[0]}" "${cluster_ports[5]}"
    printf '                  var/redis/password, one user per service; AOF in var/cluster/node-<port>/)'
  else
    printf '  redis           127.0.0.1:%s  (admin password in var/redis/password, one user per\n' "$redis_port"
    printf '                  service with var/redis/<service>.password; AOF in var/redis/)'
  fi
}

# The CLI's address variables for the "Try" lines, when a service does not
# listen on its default address.
client_exports() {
  local service
  for service in "${services[@]}"; do
    if [ "${listen[$service]}" != "127.0.0.1:${default_port[$service]}" ]; then
      printf ' \\\n    ANSINH_%s_ADDRESS=%s' "${service^^}" "$(dial_of "${listen[$service]}")"
    fi
  done
  # The cluster keeps another audit log than the single Redis: the signed
  # heads `ansinh audit verify` keeps of it go apart, or each would look
  # like the other rewritten.
  if [ "$cluster" = 1 ]; then
    printf ' \\\n    ANSINH_AUDIT_HEADS_DIR="$HOME/.local/share/ansinh/heads-cluster"'
  fi
}

cat <<INFO

ansinh is running. Ctrl-C stops everything (data stays in var/).

  console         $console_url  (the staff web console; sign in with a demo account:
                  canbo.phuong, hoi.phunu, hoi.nongdan, kiem.toan; passwords in
                  var/accounts/<username>.password)
  registry        ${listen[registry]}
  classification  ${listen[classification]}
  assignment      ${listen[assignment]}
  monitoring      ${listen[monitoring]}
$(redis_line)
  metrics         http://127.0.0.1:${metrics_port[registry]}/metrics (registry), :${metrics_port[classification]} (classification),
                  :${metrics_port[assignment]} (assignment), :${metrics_port[monitoring]} (monitoring),
                  :$console_metrics_port (console)
  logs            var/logs/  (var/ and everything in it: the owner's only, 0700/0600)
  tokens          var/tokens/<role>.token  (hashes in var/tokens.json)
  audit key       var/keys/tree-head.key  (signs the audit log's tree heads; 0600)
  personal data   var/keys/personal-data/*.kek  (wrap the households' data keys; 0600)

Try, in another terminal from $root:

  export PATH="$bin:\$PATH" ANSINH_TOKEN_FILE=var/tokens/ward_officer.token$(client_exports)
  ansinh status
  ansinh household list --group TDP-05
  ansinh household search "nguyen thi huong"
  ansinh dashboard
  ansinh outcomes --by model
  ansinh cases list --token-file var/tokens/staff_womens_union.token
  ansinh events tail --from-start

INFO
"$bin/ansinh" "${cli_addresses[@]}" status || true

# Stay in the foreground; if a service or Redis dies, say so and stop the rest.
while true; do
  if [ -n "$redis_pid" ] && ! kill -0 "$redis_pid" 2>/dev/null; then
    echo "redis exited unexpectedly; see $var/logs/redis.log" >&2
    exit 1
  fi
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      name="${names[$i]}"
      echo "$name exited unexpectedly; see $var/logs/$name.log" >&2
      exit 1
    fi
  done
  sleep 1 &
  wait $! || true
done
