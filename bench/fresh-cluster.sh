#!/usr/bin/env bash
# Replaces the embedded cluster in WORK with a new one holding only FILE's events (published keyed
# by park, zstd; none when FILE is empty): every timed run of a consumer then starts from the same
# state, with no checkpoint or committed offset left by the run before. Writes WORK/brokers;
# WORK/broker.pid names the cluster (stop it with `kill -INT`). The one way the bench scripts start
# a cluster.
#   bench/fresh-cluster.sh WORK [FILE] [PARTITIONS]
set -euo pipefail
work=$1
file=${2:-}
partitions=${3:-12}
bin=$(dirname "$0")/../.build/release
if [ -s "$work/broker.pid" ]; then
  kill -INT "$(cat "$work/broker.pid")" 2>/dev/null || true
  while kill -0 "$(cat "$work/broker.pid")" 2>/dev/null; do sleep 0.05; done
fi
rm -f "$work/brokers.tmp"
setsid "$bin/parkstream" broker --partitions "$partitions" >"$work/brokers.tmp" 2>"$work/broker.log" &
echo $! >"$work/broker.pid"
for _ in $(seq 1 100); do [ -s "$work/brokers.tmp" ] && break; sleep 0.05; done
head -n 1 "$work/brokers.tmp" >"$work/brokers"
[ -s "$work/brokers" ] || { cat "$work/broker.log" >&2; echo "the embedded cluster did not start" >&2; exit 1; }
[ -z "$file" ] || "$bin/parkstream" publish --brokers "$(cat "$work/brokers")" -X compression.type=zstd "$file" >/dev/null
