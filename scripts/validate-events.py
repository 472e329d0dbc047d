#!/usr/bin/env python3
"""Validates NDJSON metric events against schemas/metric-event.v1.schema.json.

Usage: scripts/validate-events.py [FILE ...]   (no FILE or "-": standard input)

Each invalid line is reported as `FILE:line N: reason` on standard output; the exit code is 1 when
any line is invalid, 0 otherwise (2 on usage errors). Blank lines are skipped and a UTF-8 byte
order mark is allowed at the very start of a file, as in ARCHITECTURE.md §4.

The JSON Schema is applied with the standard `jsonschema` package (`pip install jsonschema`).
Besides it, the rules of §4 that JSON Schema cannot express are checked too: valid UTF-8 without
lone surrogates, no duplicate keys, no NaN/Infinity, finite numbers (1e400 overflows), real
calendar dates, nesting depth <= 64, lines <= 64 KiB.
"""
import json
import math
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate-events.py needs the jsonschema package: pip install jsonschema")

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "schemas" / "metric-event.v1.schema.json"
MAX_LINE = 65536
MAX_DEPTH = 64


class Invalid(Exception):
    pass


def no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise Invalid(f"duplicate key {key!r}")
    return dict(pairs)


def no_constants(name):
    raise Invalid(f"{name} is not JSON")


def check_value(value, depth):
    if isinstance(value, (dict, list)):
        if depth + 1 > MAX_DEPTH:
            raise Invalid(f"nesting deeper than {MAX_DEPTH}")
        for item in value.values() if isinstance(value, dict) else value:
            check_value(item, depth + 1)
        if isinstance(value, dict):
            for key in value:
                check_value(key, depth)
    elif isinstance(value, float) and not math.isfinite(value):
        raise Invalid("a number is not finite")
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid("a string holds a lone surrogate")


def check_line(raw: bytes, validator) -> None:
    if len(raw) > MAX_LINE:
        raise Invalid(f"line is {len(raw)} bytes, over the limit of {MAX_LINE}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Invalid(f"invalid UTF-8 at byte {error.start}")
    if text.startswith("\ufeff"):
        raise Invalid("a byte order mark is only allowed at the start of a file")
    try:
        event = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except json.JSONDecodeError as error:
        raise Invalid(f"not JSON: {error}")
    except RecursionError:
        raise Invalid(f"nesting deeper than {MAX_DEPTH}")
    check_value(event, 0)
    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "event"
        raise Invalid(f"{where}: {error.message}")
    # The schema's pattern fixed the shape; check the day exists (proleptic Gregorian, year 0000 too).
    stamp = event["observed_at"]
    year, month, day = int(stamp[0:4]), int(stamp[5:7]), int(stamp[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day > [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]:
        raise Invalid(f"observed_at: {stamp} is not a real date")


def validate(name: str, data: bytes, validator) -> int:
    invalid = 0
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if not raw.strip(b" \t\r"):
            continue
        try:
            check_line(raw, validator)
        except Invalid as reason:
            invalid += 1
            print(f"{name}:line {number}: {reason}")
    return invalid


def main() -> int:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    invalid = 0
    for name in sys.argv[1:] or ["-"]:
        data = sys.stdin.buffer.read() if name == "-" else pathlib.Path(name).read_bytes()
        invalid += validate(name, data, validator)
    if invalid:
        print(f"{invalid} invalid line(s)", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
