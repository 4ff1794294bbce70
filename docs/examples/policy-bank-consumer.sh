#!/usr/bin/env bash
# An outside consumer of ansinh's events, as the policy bank's loan desk (VBSP)
# would run it: it follows the classification stream with its own consumer
# group and reports every household whose official status makes it eligible
# for policy credit. Only redis-cli and `ansinh events show` are needed.
#
# From the repository root, while `make run` is running:
#
#   docs/examples/policy-bank-consumer.sh           # replay from the start, then follow (Ctrl-C stops)
#   ONCE=1 docs/examples/policy-bank-consumer.sh    # handle what is there, then exit
#
# What it shows (docs/events.md, "Consuming"):
#   - its own consumer group, created at the start of the stream: the first run replays
#     every event ever published, later runs continue where the group left off;
#   - its own pending entries first: what it read before a crash and never acknowledged;
#   - idempotency by event_id: an event handled before is skipped, however often it comes;
#   - XACK only after the event was handled.
#
# Settings (environment): ANSINH_REDIS_PORT (6390), ANSINH_REDIS_PASSWORD_FILE
# (var/redis/password), STREAM (ansinh:{p0}:events:classification), GROUP
# (policy-bank), CONSUMER (loan-desk-1), SEEN_FILE (var/examples/<group>.seen:
# the event ids handled), ANSINH (the ansinh command; default: on PATH, else
# build/release/bin/ansinh).
set -euo pipefail

port="${ANSINH_REDIS_PORT:-6390}"
password_file="${ANSINH_REDIS_PASSWORD_FILE:-var/redis/password}"
default_stream='ansinh:{p0}:events:classification'
stream="${STREAM:-$default_stream}"
group="${GROUP:-policy-bank}"
consumer="${CONSUMER:-loan-desk-1}"
seen_file="${SEEN_FILE:-var/examples/$group.seen}"
if [ -n "${ANSINH:-}" ]; then
  ansinh="$ANSINH"
elif command -v ansinh >/dev/null 2>&1; then
  ansinh="ansinh"
else
  ansinh="build/release/bin/ansinh"
fi

# redis-cli takes the password from REDISCLI_AUTH: never on the command line, never printed.
REDISCLI_AUTH="$(cat "$password_file")"
export REDISCLI_AUTH
rc() { redis-cli -p "$port" "$@"; }

mkdir -p "$(dirname "$seen_file")"
touch "$seen_file"

# 1. The consumer group, at the start of the stream ("0"). BUSYGROUP: it exists already.
reply="$(rc XGROUP CREATE "$stream" "$group" 0 MKSTREAM 2>&1)"
case "$reply" in
  OK) echo "created consumer group $group on $stream" ;;
  *BUSYGROUP*) ;;
  *) echo "cannot create the consumer group: $reply" >&2; exit 1 ;;
esac

# The value of the first "key":"value" in a line of JSON (enough for the fields used here).
json_field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -n 1 | cut -d '"' -f 4; }

# 2. Handle one entry: decode it, skip it when its event id was handled before.
handle() {
  local id="$1" event event_id event_type household category transition year
  event="$("$ansinh" events show "$stream" "$id" --json \
             --redis-port "$port" --redis-password-file "$password_file")"
  event_id="$(json_field event_id "$event")"
  event_type="$(json_field event_type "$event")"
  if grep -qxF "$event_id" "$seen_file"; then
    echo "$id  skipped: event $event_id was handled before"
    return
  fi
  if [ "$event_type" = "classification.household_status_changed.v1" ]; then
    household="$(json_field household_id "$event")"
    category="$(json_field category "$event")"
    transition="$(json_field transition "$event")"
    year="$(grep -o '"review_year":[0-9]*' <<<"$event" | head -n 1 | cut -d ':' -f 2)"
    case "$category" in
      POVERTY_CATEGORY_POOR | POVERTY_CATEGORY_NEAR_POOR)
        echo "$id  $household is ${category#POVERTY_CATEGORY_} for $year ($transition): eligible for policy credit" ;;
      *)
        if [ "$transition" = "TRANSITION_ESCAPED_POVERTY" ]; then
          echo "$id  $household escaped poverty in $year: newly escaped, credit for up to 3 more years"
        else
          echo "$id  $household is ${category#POVERTY_CATEGORY_} for $year: not eligible"
        fi ;;
    esac
  else
    echo "$id  $event_type: nothing for the loan desk"
  fi
  echo "$event_id" >>"$seen_file"
}

# 3. Our pending entries (read, not yet acknowledged) are handled first; when there
#    are none, new entries are claimed into the pending list and handled from there.
while true; do
  pending="$(rc --raw XPENDING "$stream" "$group" - + 100 "$consumer" | awk 'NR % 4 == 1')"
  if [ -z "$pending" ]; then
    if [ -n "${ONCE:-}" ]; then
      rc XREADGROUP GROUP "$group" "$consumer" COUNT 100 STREAMS "$stream" '>' >/dev/null
    else
      rc XREADGROUP GROUP "$group" "$consumer" COUNT 100 BLOCK 5000 STREAMS "$stream" '>' >/dev/null
    fi
    pending="$(rc --raw XPENDING "$stream" "$group" - + 100 "$consumer" | awk 'NR % 4 == 1')"
    if [ -z "$pending" ]; then
      [ -n "${ONCE:-}" ] && exit 0
      continue
    fi
  fi
  for id in $pending; do
    handle "$id"
    rc XACK "$stream" "$group" "$id" >/dev/null
  done
done
