#!/usr/bin/env bash
# The HJ 212 gateway under many device connections: the embedded cluster, the gateway and N
# simulated monitors in one process (bench/Sources/hj212-bench). Usage:
#   bench/hj212.sh [CONNECTIONS] [PACKETS_PER_CONNECTION] [GATEWAY_THREADS] [PAUSE_MS]
# PAUSE_MS: how long each device waits after a reply before its next packet (0: at once, the
# throughput test; 1000: 2,000 packets/s offered, latency without queueing).
# Exit 0 when every packet was archived, every event published and every packet answered.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
connections=${1:-2000}
packets=${2:-50}
threads=${3:-2}
pause=${4:-0}

# Each connection takes two descriptors here (client and gateway side in one process), plus
# Kafka's sockets: raise the soft limit as far as the hard limit allows.
needed=$((connections * 2 + 256))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  echo "hj212.sh: open-file limit $(ulimit -n) < $needed; raise the hard limit (e.g. ulimit -Hn as root)" >&2
  exit 1
fi

swift build -c release --product hj212-bench >&2
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $connections connections × $packets packets" >&2
.build/release/hj212-bench --connections "$connections" --packets "$packets" --threads "$threads" --pause-ms "$pause"
