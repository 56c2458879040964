#!/usr/bin/env bash
# Stops a broker started by start.sh: SIGTERM (graceful), then SIGKILL after ZEEBE_STOP_TIMEOUT seconds [20].
# Usage: stop.sh <pid>
set -euo pipefail
pid="${1:?usage: stop.sh <pid>}"
kill -0 "$pid" 2>/dev/null || { echo "zeebe/stop: $pid is not running"; exit 0; }
kill -TERM "$pid"
for _ in $(seq 1 $(( ${ZEEBE_STOP_TIMEOUT:-20} * 4 ))); do
  kill -0 "$pid" 2>/dev/null || { echo "zeebe/stop: $pid stopped"; exit 0; }
  sleep 0.25
done
echo "zeebe/stop: $pid did not stop in time, killing" >&2
kill -KILL "$pid" 2>/dev/null || true
