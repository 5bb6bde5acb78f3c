#!/usr/bin/env bash
# Configures (once) and builds Paddock with a CMake preset (default: release).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PRESET=${PADDOCK_PRESET:-release}
cd "$ROOT"
[ -f "build/$PRESET/CMakeCache.txt" ] || cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET" -j"$(nproc)"
