#!/usr/bin/env bash
# The main job (README): set up, build, and run `parkstream demo`: the embedded Kafka cluster, two
# workers in a consumer group, the Hebi parks simulated at a high speed-up, alerts as they fire.
# Arguments go to `parkstream demo` (e.g. --duration 30, --speed 86400, --workers 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
echo "== building (release)" >&2
swift build -c release --product parkstream >&2
exec .build/release/parkstream demo "$@"
