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
swift test --skip-build
