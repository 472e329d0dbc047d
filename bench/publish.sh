#!/usr/bin/env bash
# `parkstream publish` of simulated events against `kcat -P` of the same file, same broker,
# interleaved runs. Both produce idempotently with acks=all and LZ4. `publish` keys every event by
# its park (8 parks: 8 of the 64 partitions, led by two of the three brokers); `kcat -P` sends
# the lines unkeyed over all 64. A second comparison gives kcat the same keys (`-K`, each line
# prefixed with its park and a tab), so both fill the same partitions. Usage:
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

# The same lines keyed by park for kcat -K (the JSON after the tab is byte for byte the same).
python3 -c '
import json, sys
with open(sys.argv[1]) as lines, open(sys.argv[2], "w") as out:
    for line in lines:
        out.write(json.loads(line)["park_id"] + "\t" + line)
' "$work/events.ndjson" "$work/keyed.tsv"
python3 bench/compare.py --runs "$runs" --count "$events" --name-a parkstream --name-b kcat-keyed \
  "$bin/parkstream publish --brokers $brokers $work/events.ndjson" \
  "kcat -P -b $brokers -t park.metrics -z lz4 -X enable.idempotence=true -X acks=all -X linger.ms=5 -K '\t' -l $work/keyed.tsv"
