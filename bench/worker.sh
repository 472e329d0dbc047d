#!/usr/bin/env bash
# The worker (full pipeline: decode, engine, the Hebi rules, alerts, aggregates, checkpoints, ops
# port; default settings) against `kcat -C` in a consumer group, and the Python peer against the
# worker, on the same simulated events. Each timed run gets a fresh cluster loaded with the events
# (bench/fresh-cluster.sh) and is timed from its group assignment to its exit (bench/compare.py
# --from-marker): the embedded cluster holds every first join for 3 s, which would otherwise
# dominate. Usage: bench/worker.sh [UNTIL] [RUNS] [PYTHON_RUNS]   (UNTIL: simulated end date)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
until=${1:-2017-09-01}
runs=${2:-7}
python_runs=${3:-3}
bin=.build/release
[ -x "$bin/parkstream" ] || swift build -c release --product parkstream >&2
work=$(mktemp -d)
trap '[ -s "$work/broker.pid" ] && kill -INT "$(cat "$work/broker.pid")" 2>/dev/null; rm -rf "$work"' EXIT

"$bin/parkstream" simulate --start 2017-01-01 --until "$until" --output "$work/events.ndjson" >&2
events=$(wc -l <"$work/events.ndjson")
echo "worker benchmark: $events simulated events ($(du -h "$work/events.ndjson" | cut -f1)), 12 partitions" >&2

# kcat gets the consumer settings the worker uses by default (KafkaConsumerConfiguration), and
# starts at offset 0 as the worker does (it seeks to its checkpoint, 0 on a fresh cluster):
# `-o beginning` assigns the logical offset BEGINNING, whose lookup runs before librdkafka has
# handed the partitions to their brokers in about half the runs, and then waits 500 ms for its
# retry timer ("no current leader for partition" under -X debug=fetch): a startup stall, not
# throughput, that made kcat's median twice its fastest run.
tuning="-X queued.min.messages=10000000 -X queued.max.messages.kbytes=2097151 -X fetch.wait.max.ms=10 -X socket.nagle.disable=true"
setup="bash bench/fresh-cluster.sh $work $work/events.ndjson 12"
worker="$bin/parkstream worker --brokers \$(cat $work/brokers) --rules rules/hebi-2017.yaml --http 127.0.0.1:0 --until-caught-up"
python3 bench/compare.py --runs "$runs" --count "$events" --name-a worker --name-b kcat \
  --setup "$setup" --from-marker "assigned" \
  "$worker" "kcat -b \$(cat $work/brokers) -G kcat-bench -o 0 -e $tuning park.metrics"

if [ "${PYTHON_PEER:-1}" = 1 ]; then
  venv=bench/.venv
  [ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q confluent-kafka; }
  python3 bench/compare.py --runs "$python_runs" --warmup 0 --count "$events" --name-a python --name-b worker \
    --setup "$setup" --from-marker "assigned" \
    "$venv/bin/python bench/python/peer.py \$(cat $work/brokers)" "$worker"
fi
