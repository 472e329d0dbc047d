#!/usr/bin/env bash
# Installs what ParkStream needs on a Debian machine (run as root): librdkafka, kcat, pkg-config,
# Prometheus Alertmanager (the alert sink tests start their own on loopback), Chromium (the replay
# report test screenshots the HTML report headless, scripts/screenshot-report.sh), and the Python
# packages the tests call. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(librdkafka-dev kcat pkg-config prometheus-alertmanager chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # prometheus-alertmanager ships a service that its install would start where an init system
  # runs; ParkStream needs only the binary, so service starts are refused while installing
  # (policy-rc.d exit 101, the Debian way). Machines without an init system skip the start anyway.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "setup: installing Python jsonschema" >&2
  python3 -m pip install -q jsonschema
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "setup: installing Python PyYAML (scripts/check-deploy.py)" >&2
  # Debian's own python3 refuses pip installs (PEP 668): its package then.
  python3 -m pip install -q pyyaml 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-yaml >/dev/null; }
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (expected /opt/swift/usr/bin)" >&2; exit 1; }
