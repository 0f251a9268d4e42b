#!/usr/bin/env bash
# Runs the benchmarks (see tools/bench/README.md): `run.sh [emulator [users] | tokens [requests] | auth-gateway [sign-ins] | directory-sync [sizes] | all]`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENSURE_SERVICES=0 . tools/ensure-env.sh
bench() { npx tsx --tsconfig tools/bench/tsconfig.run.json "tools/bench/$1.bench.ts" "${@:2}"; }
tokens() {
  # The token benchmark runs the credentials service as shipped: from its build output.
  NX_DAEMON=false NX_NO_CLOUD=true npx nx run credentials:build --outputStyle=static > /dev/null
  bench credentials-tokens "$@"
}
gateway() {
  # The gateway, credentials and directory sync run as shipped: from their build output.
  NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p auth-gateway credentials directory-sync --outputStyle=static > /dev/null
  bench auth-gateway "$@"
}
directory_sync() {
  # The sync benchmark runs both services as shipped: from their build output.
  NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p credentials directory-sync --outputStyle=static > /dev/null
  bench directory-sync "$@"
}
case "${1:-all}" in
  emulator) bench emulator-scale "${@:2}" ;;
  tokens) tokens "${@:2}" ;;
  auth-gateway) gateway "${@:2}" ;;
  directory-sync) directory_sync "${@:2}" ;;
  all) bench emulator-scale && tokens && gateway ;;
  *) echo "usage: tools/bench/run.sh [emulator [users] | tokens [requests] | auth-gateway [sign-ins] | directory-sync [sizes] [naive sample] [pairs] | all]" >&2; exit 2 ;;
esac
