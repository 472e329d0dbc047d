#!/usr/bin/env bash
# Renders a replay report (parkstream replay --report) in headless Chromium and checks the
# screenshot: a PNG of the requested size that is not blank.
#
#   scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH] [HEIGHT]
#
# WIDTH defaults to 1400 and HEIGHT to 3000 px (the summary and the first park's charts).
# Chromium: $CHROMIUM, else chromium, chromium-browser or google-chrome on PATH (Debian: apt-get
# install chromium; scripts/setup.sh installs it). Prints one line:
#   screenshot OUT.png: WIDTHxHEIGHT, BYTES bytes
# and exits 1 when Chromium fails or the PNG is missing, of another size, or blank. "Blank" is
# judged by size: a page of one colour compresses to about 0.002 bytes a pixel, the report's
# charts to 0.05 or more; below 0.02 counts as blank.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH] [HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
width=${3:-1400}
height=${4:-3000}
[ -f "$report" ] || { echo "screenshot: no report at $report" >&2; exit 1; }

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null; then browser=$candidate; break; fi
  done
fi
[ -n "$browser" ] || { echo "screenshot: no Chromium (install the Debian package chromium, or set CHROMIUM)" >&2; exit 1; }

profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
rm -f "$out"
# --no-sandbox: CI runs as root. The report has no script and no network reference, so nothing
# needs to load after the first layout.
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
  --no-first-run --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$out" "file://$(realpath "$report")" >"$log" 2>&1; then
  echo "screenshot: $browser failed:" >&2
  cat "$log" >&2
  exit 1
fi

python3 - "$out" "$width" "$height" <<'PY'
import os, struct, sys
path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if not os.path.exists(path):
    sys.exit(f"screenshot: {path} was not written")
with open(path, "rb") as f:
    head = f.read(24)
if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
    sys.exit(f"screenshot: {path} is not a PNG")
w, h = struct.unpack(">II", head[16:24])
size = os.path.getsize(path)
if (w, h) != (width, height):
    sys.exit(f"screenshot: {path} is {w}x{h}, expected {width}x{height}")
if size < 0.02 * w * h:
    sys.exit(f"screenshot: {path} looks blank ({size} bytes for {w}x{h} pixels)")
print(f"screenshot {path}: {w}x{h}, {size} bytes")
PY
