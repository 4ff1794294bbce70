#!/usr/bin/env bash
# An outside consumer of ansinh's events, as the policy bank's loan desk (VBSP)
# would run it: it follows the official status changes with its own token and
# grant, through the registry's Events service (docs/events.md, "Outside
# consumers"), and reports every household whose status makes it eligible
# for policy credit, with the head's name, citizen ID number and address its
# grant adds. No Redis password, no access to anything else.
#
# Once, a ward officer grants it and issues its token (from the repository
# root, while `make run` is running):
#
#   ansinh grant set policy-bank --name "Ngân hàng Chính sách xã hội, phòng giao dịch" \
#     --purpose "Cho vay hộ nghèo, hộ cận nghèo (Nghị định 78/2002/NĐ-CP)" \
#     --event-type classification.household_status_changed.v1 \
#     --household-detail head_name --household-detail head_national_id --household-detail address
#   ansinh token issue --role outside_consumer --name policy-bank --json \
#     | grep -o '"secret": *"[^"]*"' | cut -d '"' -f 4 > var/tokens/policy_bank.token   # (umask 077)
#
# Then the bank runs:
#
#   docs/examples/policy-bank-consumer.sh           # what waits, then follow (Ctrl-C stops)
#   ONCE=1 docs/examples/policy-bank-consumer.sh    # handle what is there, then exit
#
# What it shows (docs/events.md, "Outside consumers"):
#   - one `ansinh events subscribe` for the whole run, not a process per event:
#     it prints one line per event (tab-separated fields) and acknowledges
#     each position the loop writes back once the event is handled
#     (--ack-stdin), so an event is acknowledged only after it was handled;
#   - the first run receives every status event the stream still holds from
#     the grant on; later runs receive what was not acknowledged, first what a
#     crash left unacknowledged (at least once, in each household's order);
#   - idempotency by event_id (kept in SEEN_FILE): an event handled before is
#     skipped, however often it comes.
#
# Settings (environment): ANSINH_TOKEN_FILE (var/tokens/policy_bank.token),
# ANSINH_REGISTRY (127.0.0.1:50051), SEEN_FILE (var/examples/policy-bank.seen:
# the event ids handled), ANSINH (the ansinh command; default: on PATH, else
# build/release/bin/ansinh).
set -euo pipefail

token_file="${ANSINH_TOKEN_FILE:-var/tokens/policy_bank.token}"
registry="${ANSINH_REGISTRY:-127.0.0.1:50051}"
seen_file="${SEEN_FILE:-var/examples/policy-bank.seen}"
if [ -n "${ANSINH:-}" ]; then
  ansinh="$ANSINH"
elif command -v ansinh >/dev/null 2>&1; then
  ansinh="ansinh"
else
  ansinh="build/release/bin/ansinh"
fi

mkdir -p "$(dirname "$seen_file")"
touch "$seen_file"
# The ids handled before, in memory: a lookup costs no process.
declare -A seen=()
while IFS= read -r id; do [ -n "$id" ] && seen[$id]=1; done <"$seen_file"
exec {seen_out}>>"$seen_file"

# The fields of each line. Bash joins empty tab-separated fields, so those
# that can be empty come last: the household's details are empty when the
# registry no longer holds the household, the head's CCCD when it has none.
fields=position,envelope.event_id,envelope.household_id,envelope.payload.category
fields+=,envelope.payload.transition,envelope.payload.review_year
fields+=,household.head_full_name,household.address,household.head_national_id
follow=()
[ -n "${ONCE:-}" ] && follow=(--no-follow)

coproc SUBSCRIPTION {
  exec "$ansinh" --registry "$registry" --token-file "$token_file" \
    events subscribe --fields "$fields" --ack-stdin "${follow[@]}"
}
# Our own copies of the pipes and the pid (bash forgets the coprocess's once
# it exits), and the originals closed, so that closing our copy of its input
# is the end of its input.
exec {events_in}<&"${SUBSCRIPTION[0]}" {acks_out}>&"${SUBSCRIPTION[1]}"
subscription_pid=$SUBSCRIPTION_PID
original_in=${SUBSCRIPTION[0]} original_out=${SUBSCRIPTION[1]}
exec {original_in}<&- {original_out}>&-

while IFS=$'\t' read -r position event_id household category transition year name address cccd <&"$events_in"; do
  if [ -n "${seen[$event_id]:-}" ]; then
    echo "$position  skipped: event $event_id was handled before"
  else
    who="$household"
    [ -n "$name" ] && who="$household ($name, CCCD ${cccd:--}, $address)"
    case "$category" in
      POVERTY_CATEGORY_POOR | POVERTY_CATEGORY_NEAR_POOR)
        echo "$position  $who is ${category#POVERTY_CATEGORY_} for $year ($transition): eligible for policy credit" ;;
      *)
        if [ "$transition" = "TRANSITION_ESCAPED_POVERTY" ]; then
          echo "$position  $who escaped poverty in $year: newly escaped, credit for up to 3 more years"
        else
          echo "$position  $who is ${category#POVERTY_CATEGORY_} for $year: not eligible"
        fi ;;
    esac
    seen[$event_id]=1
    echo "$event_id" >&"$seen_out"
  fi
  # Handled: the subscription may acknowledge it.
  echo "$position" >&"$acks_out"
done

# No more events (ONCE, or the subscription ended): closing our side lets the
# subscription send the last acknowledgements; its exit status is ours.
exec {acks_out}>&- {events_in}<&-
status=0
wait "$subscription_pid" || status=$?
exit "$status"
