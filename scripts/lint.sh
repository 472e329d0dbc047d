#!/usr/bin/env bash
# Checks formatting with the toolchain's swift-format and the repo's .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive Package.swift Sources Tests bench
