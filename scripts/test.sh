#!/usr/bin/env bash
# Quick start, command 2: set up (packages, Release build) and run the whole test suite
# through CTest: unit tests, end-to-end tests (real ossutil against real ossmock), and the
# conformance tests with the official Node.js SDK when its dependencies are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
build_dir=${OSSUTIL_BUILD_DIR:-build}
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" "$@"
