#!/usr/bin/env bash
# The main job: builds the platform, starts the Entra ID / Graph emulator and all five services
# (NATS, embedded SQLite databases in .data/demo), then walks through the administrator's first steps
# against them and prints what happened. Stays up for exploring when run in a terminal (Ctrl-C stops
# everything); exits after the walk-through otherwise (DEMO_KEEP_RUNNING=0|1 overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
ENSURE_SERVICES=0 . tools/ensure-env.sh
SKIP_BROWSER=1 bash tools/install-deps.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

demo_dir=.data/demo
# Every run starts from empty databases, so the walk-through always tells the same story.
rm -rf "$demo_dir/db" "$demo_dir/logs"
mkdir -p "$demo_dir/logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# --- NATS with JetStream: a server of its own, configured from the contracts (tools/demo/nats.sh).
. tools/demo/nats.sh
export NATS_NAMESPACE="${NATS_NAMESPACE:-archive365demo}" DEMO_NATS_DIR="$demo_dir/nats"
start_demo_nats "$DEMO_NATS_DIR" "$NATS_NAMESPACE"

echo "demo: building the services"
npx nx run-many -t build -p credentials provisioning directory-sync auth-gateway admin-api --outputStyle=static > "$demo_dir/logs/build.log" 2>&1 || {
  tail -40 "$demo_dir/logs/build.log" >&2
  exit 1
}

export EMULATOR_PORT="${EMULATOR_PORT:-8443}" EMULATOR_URL="https://localhost:${EMULATOR_PORT:-8443}"
echo "demo: starting the Entra ID / Graph emulator on $EMULATOR_URL"
node tools/entra-emulator/bin/entra-emulator.mjs --port "$EMULATOR_PORT" --state-dir "$demo_dir/emulator" --generate 200 --seed demo \
  > "$demo_dir/logs/entra-emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$demo_dir/logs/entra-emulator.log" && break; sleep 0.2; done
grep -q "listening on" "$demo_dir/logs/entra-emulator.log" || { cat "$demo_dir/logs/entra-emulator.log" >&2; exit 1; }
ca_file="$demo_dir/emulator/emulator-ca.pem"

# The services: NATS, embedded SQLite in $demo_dir/db, tokens from the emulator (its CA trusted by the
# credentials service alone). The master key below is for this demo only.
export DATA_DIR="$demo_dir/db" LOG_LEVEL="${LOG_LEVEL:-info}"
export ENTRA_AUTHORITY_HOST="$EMULATOR_URL" ENTRA_CA_FILE="$ca_file"
export CREDENTIALS_MASTER_KEYS="${CREDENTIALS_MASTER_KEYS:-demo:$(node -p "require('node:crypto').createHash('sha256').update('demo only, not a secret').digest('base64')")}"
# The admin API's bootstrap token: what the walk-through authenticates with (a fresh one each run).
export ADMIN_BOOTSTRAP_TOKEN="a365_demo_$(node -p "require('node:crypto').randomBytes(24).toString('base64url')")"
for service in credentials provisioning directory-sync auth-gateway admin-api; do
  NATS_NKEY_SEED_FILE="$(nats_seed_file "$service")" node "dist/apps/$service/main.js" > "$demo_dir/logs/$service.log" 2>&1 &
  pids+=($!)
done

echo "demo: logs in $demo_dir/logs"
NODE_EXTRA_CA_CERTS="$ca_file" npx tsx tools/demo/src/walkthrough.ts

keep="${DEMO_KEEP_RUNNING:-}"
[[ -z "$keep" ]] && { [[ -t 0 ]] && keep=1 || keep=0; }
if [[ "$keep" == 1 ]]; then
  echo "demo: everything is still running (admin API http://127.0.0.1:3100). Ctrl-C stops it."
  wait
fi
