#!/usr/bin/env bash
# `parkstream publish` of simulated events against `kcat -P` of the same file, same broker,
# interleaved runs. Both produce idempotently with acks=all and LZ4. Usage:
#   bench/publish.sh [EVENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
events=${1:-1000000}
runs=${2:-5}

bash scripts/setup.sh
swift build -c release >&2
bin=.build/release
work=$(mktemp -d)
trap '[ -s "$work/broker.pid" ] && kill -INT "$(cat "$work/broker.pid")" 2>/dev/null; rm -rf "$work"' EXIT
bash bench/fresh-cluster.sh "$work" "" 64
brokers=$(cat "$work/brokers")

"$bin/parkstream" simulate --no-history --output "$work/all.ndjson" >&2
head -n "$events" "$work/all.ndjson" >"$work/events.ndjson"
echo "publishing $(wc -l <"$work/events.ndjson") events ($(du -h "$work/events.ndjson" | cut -f1)) to $brokers" >&2

python3 bench/compare.py --runs "$runs" --count "$events" --name-a parkstream --name-b kcat \
  "$bin/parkstream publish --brokers $brokers $work/events.ndjson" \
  "kcat -P -b $brokers -t park.metrics -z lz4 -X enable.idempotence=true -X acks=all -X linger.ms=5 -l $work/events.ndjson"
