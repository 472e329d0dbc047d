#!/usr/bin/env bash
# The consumer wrapper's poll loop (no parsing) against `kcat -C`, same broker, same data,
# interleaved runs. Usage: bench/consume.sh [MESSAGES] [PARTITIONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
messages=${1:-1000000}
partitions=${2:-64}
runs=${3:-7}

bash scripts/setup.sh
swift build -c release >&2
bin=.build/release
work=$(mktemp -d)
trap '[ -s "$work/broker.pid" ] && kill -INT "$(cat "$work/broker.pid")" 2>/dev/null; rm -rf "$work"' EXIT
bash bench/fresh-cluster.sh "$work" "" "$partitions"
brokers=$(cat "$work/brokers")

# ~156-byte metric events, as the issue describes.
python3 - "$messages" >"$work/events.ndjson" <<'PY'
import sys
parks = ["baoshan", "jinshan", "xunxian", "qixian", "qibin", "shancheng", "kaifaqu", "chengxiang"]
for i in range(int(sys.argv[1])):
    park = parks[i % 8]
    print(f'{{"event_id":"{park}-ww01-{i:09d}","park_id":"{park}","metric":"wastewater_compliance",'
          f'"observed_at":"2017-06-08T10:{i // 60 % 60:02d}:{i % 60:02d}+08:00","value":1,"weight":1}}')
PY
echo "loading $messages messages into park.metrics ($partitions partitions) at $brokers" >&2
kcat -P -b "$brokers" -t park.metrics -z lz4 -X linger.ms=20 -X queue.buffering.max.messages=1000000 -l "$work/events.ndjson"

# Both sides get the same librdkafka tuning, so the ratio measures the wrappers, not the settings.
tuning="-X queued.min.messages=10000000 -X queued.max.messages.kbytes=2097151 -X fetch.wait.max.ms=10 -X socket.nagle.disable=true"
python3 bench/compare.py --runs "$runs" --count "$messages" --name-a parkstream --name-b kcat \
  "$bin/kafka-bench consume $brokers park.metrics $tuning" \
  "kcat -C -b $brokers -t park.metrics -o beginning -e -q $tuning"
