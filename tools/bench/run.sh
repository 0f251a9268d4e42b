#!/usr/bin/env bash
# Runs the benchmarks (see tools/bench/README.md). Arguments go to the emulator scale benchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENSURE_SERVICES=0 bash tools/ensure-env.sh -- npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/emulator-scale.bench.ts "$@"
