#!/usr/bin/env bash
# The test command (README, CI): set up, lint, build with warnings as errors, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
echo "== lint" >&2
bash scripts/lint.sh
echo "== build (warnings are errors)" >&2
swift build --build-tests -Xswiftc -warnings-as-errors
echo "== test" >&2
# The ops-port tests need the cooperative thread pool for Hummingbird, which the Kafka suites'
# blocking calls occupy when everything runs in parallel on two cores: they run on their own.
swift test --skip-build --skip ParkStreamOpsTests
swift test --skip-build --filter ParkStreamOpsTests
