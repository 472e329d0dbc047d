#!/usr/bin/env bash
# Produce→alert latency through a worker with default settings: latency-bench publishes RATE
# events/s for SECONDS (after a warm-up) and times each alert from the send of the reading that
# caused it to its arrival on park.alerts (bench/Sources/latency-bench). Prints a JSON line last.
#   bench/latency.sh [RATE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
rate=${1:-20000}
seconds=${2:-30}
bin=.build/release
[ -x "$bin/latency-bench" ] && [ -x "$bin/parkstream" ] || swift build -c release >&2
work=$(mktemp -d)
worker=
cleanup() {
  [ -n "$worker" ] && kill -TERM "$worker" 2>/dev/null && wait "$worker" 2>/dev/null
  [ -s "$work/broker.pid" ] && kill -INT "$(cat "$work/broker.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
bash bench/fresh-cluster.sh "$work" "" 12
brokers=$(cat "$work/brokers")
"$bin/parkstream" worker --brokers "$brokers" --rules bench/latency-rules.yaml --http 127.0.0.1:0 ${WORKER_FLAGS:-} \
  2>"$work/worker.log" >/dev/null &
worker=$!
for _ in $(seq 1 200); do grep -q "assigned partitions" "$work/worker.log" && break; sleep 0.05; done
grep -q "assigned partitions" "$work/worker.log" || { cat "$work/worker.log" >&2; echo "the worker did not join" >&2; exit 1; }
"$bin/latency-bench" "$brokers" --rate "$rate" --seconds "$seconds" --warmup 5
