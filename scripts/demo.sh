#!/usr/bin/env bash
# The main job (README): set up, build, start the embedded Kafka cluster, send events through it
# and read them back. Grows into `parkstream demo` as the worker lands.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
swift build -c release --product parkstream
parkstream=.build/release/parkstream

log=$(mktemp)
"$parkstream" broker >"$log" &
broker=$!
trap 'kill -INT $broker 2>/dev/null; wait $broker 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do [ -s "$log" ] && break; sleep 0.1; done
brokers=$(head -n 1 "$log")
echo "embedded Kafka cluster: $brokers"
kcat -L -b "$brokers" | head -n 6

for park in baoshan jinshan xunxian qixian; do
  echo "{\"event_id\":\"$park-demo-1\",\"park_id\":\"$park\",\"metric\":\"wastewater_compliance\",\"observed_at\":\"2017-06-08T10:00:00+08:00\",\"value\":1}"
done | kcat -P -b "$brokers" -t park.metrics -k demo
echo "read back from park.metrics:"
kcat -C -b "$brokers" -t park.metrics -e -q -f '  partition %p offset %o: %s\n'
