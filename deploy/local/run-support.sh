# Functions deploy/local/run.sh uses, in a file of their own so that
# tests/deploy/check_run_support.sh can test them (source it; it runs nothing).

# make_private DIR: DIR and every directory under it 0700, every file 0600.
# run.sh calls it on var/ at each start, before Redis and the services, so
# files an older run (or another umask) left readable are closed again: the
# AOF holds every household's citizen ID numbers.
make_private() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  find "$dir" -type d -exec chmod 700 {} +
  find "$dir" -type f -exec chmod 600 {} +
}

# run_private COMMAND...: runs COMMAND with umask 077, so every file it
# creates is readable by its owner only. Redis has no setting for the modes of
# its AOF and RDB files: it creates them with the umask it inherits.
run_private() {
  (
    umask 077
    exec "$@"
  )
}

# listen_of SERVICE DEFAULT_PORT: the address SERVICE will listen on, from
# ANSINH_<SERVICE>_LISTEN as the service itself reads it, else 127.0.0.1 and
# the default port.
listen_of() {
  local variable="ANSINH_${1^^}_LISTEN"
  echo "${!variable:-127.0.0.1:$2}"
}

# port_of ADDRESS: the port of host:port ([v6]:port too).
port_of() {
  echo "${1##*:}"
}

# dial_of ADDRESS: where a client on this machine reaches a service listening
# on ADDRESS: a wildcard host (0.0.0.0, [::], empty) becomes loopback.
dial_of() {
  local host="${1%:*}" port="${1##*:}"
  case "$host" in
    "" | 0.0.0.0 | "*") host=127.0.0.1 ;;
    "[::]") host="[::1]" ;;
  esac
  echo "$host:$port"
}

# address_in_use ADDRESS: true when something accepts connections at the
# dial address of ADDRESS.
address_in_use() {
  local dial host port
  dial="$(dial_of "$1")"
  host="${dial%:*}"
  port="${dial##*:}"
  host="${host#[}"
  host="${host%]}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}
