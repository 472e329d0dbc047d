#!/usr/bin/env python3
"""Runs two commands in turn (A B A B ...) and reports each one's wall time and the ratio per pair.

    bench/compare.py --runs 7 --name-a parkstream --name-b kcat -- 'CMD A' 'CMD B'

Interleaving makes the ratio robust on a noisy machine: both commands see the same drift. The
ratio printed is B's time / A's time, i.e. A's throughput relative to B's (1.0 = as fast as B,
> 1 = faster). Prints a JSON line last, for scripts.

--setup CMD runs (untimed) before every timed run, e.g. a fresh cluster loaded with the data.
--from-marker REGEX times each run from the first stderr line matching REGEX to the exit, e.g. from
a consumer group's assignment, so that the group join (3 s on the embedded cluster) is not counted.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time


def timed(command: str, setup: str | None = None, marker: str | None = None) -> float:
    if setup:
        prepared = subprocess.run(setup, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if prepared.returncode != 0:
            sys.exit(f"setup failed ({prepared.returncode}): {setup}\n{prepared.stderr.decode(errors='replace')}")
    start = time.perf_counter()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = []
    marked = None
    for line in process.stderr:
        if marked is None and marker and re.search(marker, line.decode(errors="replace")):
            marked = time.perf_counter()
        log.append(line)
    process.wait()
    elapsed = time.perf_counter() - (marked or start)
    if process.returncode != 0 or (marker and marked is None):
        problem = f"exit {process.returncode}" if process.returncode != 0 else f"no stderr line matched {marker!r}"
        sys.exit(f"command failed ({problem}): {command}\n{b''.join(log[-20:]).decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--name-a", default="A")
    parser.add_argument("--name-b", default="B")
    parser.add_argument("--count", type=int, default=0, help="items each run handles, for a rate")
    parser.add_argument("--setup", help="a command run before every timed run, untimed")
    parser.add_argument("--from-marker", help="time from the first stderr line matching this regex")
    parser.add_argument("command_a")
    parser.add_argument("command_b")
    args = parser.parse_args()

    def run_a() -> float:
        return timed(args.command_a, args.setup, args.from_marker)

    def run_b() -> float:
        return timed(args.command_b, args.setup, args.from_marker)

    for _ in range(args.warmup):
        run_a()
        run_b()
    times_a, times_b, ratios = [], [], []
    for run in range(args.runs):
        a = run_a()
        b = run_b()
        times_a.append(a)
        times_b.append(b)
        ratios.append(b / a)
        print(f"run {run + 1}/{args.runs}: {args.name_a} {a:.3f}s  {args.name_b} {b:.3f}s  ratio {b / a:.3f}",
              file=sys.stderr)

    def row(name, values):
        line = f"{name:>12}: median {statistics.median(values):.3f}s  min {min(values):.3f}s  max {max(values):.3f}s"
        if args.count:
            line += f"  ({args.count / statistics.median(values):,.0f}/s)"
        return line

    print(row(args.name_a, times_a))
    print(row(args.name_b, times_b))
    print(f"{'ratio':>12}: median {statistics.median(ratios):.3f}  min {min(ratios):.3f}  max {max(ratios):.3f}"
          f"  ({args.name_a} throughput / {args.name_b} throughput)")
    print(json.dumps({
        "a": args.name_a, "b": args.name_b, "runs": args.runs,
        "median_a_s": statistics.median(times_a), "median_b_s": statistics.median(times_b),
        "min_a_s": min(times_a), "min_b_s": min(times_b),
        "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "command_a": args.command_a, "command_b": args.command_b,
    }))


if __name__ == "__main__":
    main()
