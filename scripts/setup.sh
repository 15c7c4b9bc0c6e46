#!/usr/bin/env bash
# Installs what ossutil-cpp needs on Debian 12 (only the missing packages) and builds it in
# Release mode into ./build. Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libcurl4-openssl-dev libssl-dev libcli11-dev
  nlohmann-json3-dev libtinyxml2-dev doctest-dev libboost-dev libsqlite3-dev libisal-dev)
# The conformance tests run the official Node.js SDK; use the machine's Node.js when it has one.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ali-oss for the conformance tests, exactly as pinned by the lockfile.
lock=tests/conformance/package-lock.json
stamp=tests/conformance/node_modules/.installed-lock
if ! cmp -s "$lock" "$stamp" 2>/dev/null; then
  echo "==> installing the conformance tests' Node.js dependencies (npm ci)"
  (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$lock" "$stamp"
fi

build_dir=${OSSUTIL_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  # OSSUTIL_CMAKE_ARGS lets CI add e.g. -DOSSUTIL_SANITIZE=ON for its sanitizer job.
  # shellcheck disable=SC2086
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release ${OSSUTIL_CMAKE_ARGS:-} >/dev/null
fi
echo "==> building ossutil and ossmock (Release, log in $build_dir/build.log)"
if ! cmake --build "$build_dir" -j"$(nproc)" >"$build_dir/build.log" 2>&1; then
  tail -n 40 "$build_dir/build.log"
  echo "build failed; the full log is $build_dir/build.log" >&2
  exit 1
fi
