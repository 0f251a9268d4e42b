#!/usr/bin/env bash
# Writes a nats-server configuration generated from libs/contracts, and one NKey identity per service
# (kept when they already exist). Options: see `tools/nats/generate-config.sh --help`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENSURE_SERVICES=0 . tools/ensure-env.sh
exec npx tsx --tsconfig tools/nats/tsconfig.run.json tools/nats/src/generate-config.ts "$@"
