#!/usr/bin/env python3
"""The Python peer of the worker benchmark: confluent-kafka + json, the same aggregation done the
obvious Python way.

    peer.py BROKERS [--topic park.metrics] [--group G] [-X key=value ...]

A consumer-group member (like the worker) that reads every assigned partition to its end and exits.
For each message: json.loads, the required fields of event v1 checked (types and presence only, not
the catalog's ranges, units or RFC 3339 validity: less than the worker checks), duplicates dropped by
(park_id, event_id), and per park, metric and calendar day (Asia/Shanghai, from the offset in
observed_at) and per month: count, sum, weighted sum, min, max. No rules, no alerts, no checkpoints,
no outputs: the worker does all of those on top, so the ratio flatters Python.

Prints "assigned: ..." on stderr when the group assigns partitions (bench/compare.py times from
there, as for the worker and kcat) and a summary at the end.
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError

REQUIRED = {"event_id": str, "park_id": str, "metric": str, "observed_at": str}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brokers")
    parser.add_argument("--topic", default="park.metrics")
    parser.add_argument("--group", default="python-peer")
    parser.add_argument("-X", action="append", default=[], metavar="key=value")
    args = parser.parse_args()

    config = {
        "bootstrap.servers": args.brokers,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    }
    for pair in args.X:
        key, _, value = pair.partition("=")
        config[key] = value
    consumer = Consumer(config)
    assigned: set = set()
    at_end: set = set()

    def on_assign(_consumer, partitions):
        assigned.update(p.partition for p in partitions)
        print("assigned: " + ", ".join(f"{p.topic} [{p.partition}]" for p in partitions), file=sys.stderr, flush=True)

    consumer.subscribe([args.topic], on_assign=on_assign)
    seen: set = set()
    daily: dict = {}
    monthly: dict = {}
    events = rejected = duplicates = 0
    started = time.perf_counter()
    while not assigned or at_end != assigned:
        messages = consumer.consume(num_messages=10000, timeout=0.05)
        for message in messages:
            error = message.error()
            if error is not None:
                if error.code() == KafkaError._PARTITION_EOF:
                    at_end.add(message.partition())
                    continue
                raise SystemExit(f"consume: {error}")
            at_end.discard(message.partition())
            events += 1
            try:
                event = json.loads(message.value())
                if not isinstance(event, dict) or any(not isinstance(event.get(k), t) for k, t in REQUIRED.items()):
                    raise ValueError("missing or mistyped field")
                value = event["value"]
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValueError("value: not a number")
                weight = event.get("weight", 1)
            except (ValueError, KeyError):
                rejected += 1
                continue
            identity = (event["park_id"], event["event_id"])
            if identity in seen:
                duplicates += 1
                continue
            seen.add(identity)
            observed = event["observed_at"]
            day, month = observed[:10], observed[:7]  # local calendar: the timestamp carries +08:00
            for table, period in ((daily, day), (monthly, month)):
                key = (event["park_id"], event["metric"], period)
                tally = table.get(key)
                if tally is None:
                    table[key] = [1, value, value * weight, weight, value, value]
                else:
                    tally[0] += 1
                    tally[1] += value
                    tally[2] += value * weight
                    tally[3] += weight
                    if value < tally[4]:
                        tally[4] = value
                    if value > tally[5]:
                        tally[5] = value
    elapsed = time.perf_counter() - started
    consumer.close()
    print(f"python peer: {events} events ({rejected} rejected, {duplicates} duplicates), "
          f"{len(daily)} daily and {len(monthly)} monthly aggregates in {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
