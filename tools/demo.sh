#!/usr/bin/env bash
# The main job: builds the platform, starts the Entra ID / Graph emulator (a provider tenant and a
# generated customer tenant), a NATS server of its own, and all five services (embedded SQLite in
# .data/demo unless DATABASE_URL names a PostgreSQL server), then performs the administrator's procedure
# through the public admin API and prints what happened. Stays up for exploring when run in a terminal
# (Ctrl-C stops everything); exits after the walk-through otherwise (DEMO_KEEP_RUNNING=0|1 overrides).
# Whatever way it ends, it stops everything it started and says so.
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
names=()
# started NAME: remembers the last background process, so that the clean-up can stop it by its id.
started() { pids+=($!); names+=("$1"); }
cleaned=0
cleanup() {
  [[ "$cleaned" == 1 ]] && return 0
  cleaned=1
  ((${#pids[@]})) || return 0
  local stopped=()
  for i in "${!pids[@]}"; do
    if kill -TERM "${pids[$i]}" 2>/dev/null; then stopped+=("${names[$i]}"); fi
  done
  wait 2>/dev/null || true
  ((${#stopped[@]})) && echo "demo: stopped ${stopped[*]} (logs in $demo_dir/logs)"
  return 0
}
trap cleanup EXIT
trap 'echo; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# --- NATS with JetStream: a server of its own, configured from the contracts (tools/demo/nats.sh).
. tools/demo/nats.sh
export NATS_NAMESPACE="${NATS_NAMESPACE:-archive365demo}" DEMO_NATS_DIR="$demo_dir/nats"
start_demo_nats "$DEMO_NATS_DIR" "$NATS_NAMESPACE"
names+=(nats-server) # start_demo_nats added its pid

echo "demo: building the services"
npx nx run-many -t build -p credentials provisioning directory-sync auth-gateway admin-api console --outputStyle=static > "$demo_dir/logs/build.log" 2>&1 || {
  tail -40 "$demo_dir/logs/build.log" >&2
  exit 1
}

export EMULATOR_PORT="${EMULATOR_PORT:-8443}" EMULATOR_URL="https://localhost:${EMULATOR_PORT:-8443}"
echo "demo: starting the Entra ID / Graph emulator on $EMULATOR_URL"
node tools/entra-emulator/bin/entra-emulator.mjs --port "$EMULATOR_PORT" --state-dir "$demo_dir/emulator" --generate 200 --seed demo \
  > "$demo_dir/logs/entra-emulator.log" 2>&1 &
started entra-emulator
for _ in $(seq 1 100); do grep -q "listening on" "$demo_dir/logs/entra-emulator.log" && break; sleep 0.2; done
grep -q "listening on" "$demo_dir/logs/entra-emulator.log" || { cat "$demo_dir/logs/entra-emulator.log" >&2; exit 1; }
ca_file="$demo_dir/emulator/emulator-ca.pem"

# The auth gateway's public HTTPS address, with a certificate from the emulator's CA (tools/demo/gateway-front.sh).
. tools/demo/gateway-front.sh
start_gateway_front "$demo_dir/emulator" "http://127.0.0.1:3104" "$demo_dir/logs/gateway-front.log"
names+=(gateway-front) # start_gateway_front added its pid
echo "demo: the archive's sign-in pages are at $DEMO_GATEWAY_URL (the auth gateway behind TLS)"

# The provider's own tenant (where administrators sign in with Microsoft) next to the generated
# customer tenant; it writes the admin API's sign-in settings, sourced below.
export ADMIN_API_URL="http://localhost:3100"
NODE_EXTRA_CA_CERTS="$ca_file" npx tsx tools/demo/src/provider-tenant.ts "$EMULATOR_URL" "$ADMIN_API_URL" "$demo_dir/provider.env"
set -a
. "$demo_dir/provider.env"
set +a
export ADMIN_OIDC_AUTHORITY="$EMULATOR_URL" ADMIN_OIDC_CA_FILE="$ca_file" ADMIN_PUBLIC_URL="$ADMIN_API_URL"
# The admin API's bootstrap token: a fresh one each run, for automation before any API token exists.
export ADMIN_BOOTSTRAP_TOKEN="a365_demo_$(node -p "require('node:crypto').randomBytes(24).toString('base64url')")"

# The services: NATS, their databases, tokens from the emulator (its CA trusted by the services that
# call it, and by nothing else). The master key below is for this demo only.
export DATA_DIR="$demo_dir/db" LOG_LEVEL="${LOG_LEVEL:-info}"
export ENTRA_AUTHORITY_HOST="$EMULATOR_URL" ENTRA_CA_FILE="$ca_file"
# Graph is the emulator too; it applies changes at once, so provisioning need not wait for replication.
export GRAPH_BASE_URL="$EMULATOR_URL" GRAPH_CA_FILE="$ca_file" PROPAGATION_WAIT_MS=3000
# Where Microsoft sends a customer's administrator back after the consent link: the admin API's public
# address (the walk-through plays the reverse proxy in front of the local port).
export CONSENT_REDIRECT_URI="https://admin.archive.example.net/api/setup/consent/callback"
export CREDENTIALS_MASTER_KEYS="${CREDENTIALS_MASTER_KEYS:-demo:$(node -p "require('node:crypto').createHash('sha256').update('demo only, not a secret').digest('base64')")}"
services=(credentials provisioning directory-sync auth-gateway admin-api)
database_urls=""
if [[ -n "${DATABASE_URL:-}" ]]; then
  # Each service owns its database: one fresh database per service on the configured server.
  echo "demo: using PostgreSQL at DATABASE_URL (one fresh database per service)"
  database_urls=$(node tools/demo/databases.cjs "$DATABASE_URL" "${services[@]}")
else
  echo "demo: using embedded SQLite databases in $DATA_DIR (set DATABASE_URL to use PostgreSQL)"
fi
declare -A http_ports=([admin-api]=3100 [credentials]=3101 [provisioning]=3102 [directory-sync]=3103 [auth-gateway]=3104)
# One after the other, each listening before the next starts: five processes connecting at once can
# miss NATS's connect timeout on a busy machine.
for service in "${services[@]}"; do
  service_db=$(grep "^$service=" <<<"$database_urls" | cut -d= -f2- || true)
  DATABASE_URL="$service_db" NATS_NKEY_SEED_FILE="$(nats_seed_file "$service")" node "dist/apps/$service/main.js" > "$demo_dir/logs/$service.log" 2>&1 &
  started "$service"
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/${http_ports[$service]}") 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "demo: $service did not start:" >&2; tail -5 "$demo_dir/logs/$service.log" >&2; exit 1; }
    sleep 0.2
  done
done

echo "demo: logs in $demo_dir/logs"
NODE_EXTRA_CA_CERTS="$ca_file" npx tsx --tsconfig tools/demo/tsconfig.json tools/demo/src/walkthrough.ts

keep="${DEMO_KEEP_RUNNING:-}"
[[ -z "$keep" ]] && { [[ -t 0 && -t 1 ]] && keep=1 || keep=0; }
if [[ "$keep" == 1 ]]; then
  cat <<EOF

Everything is still running:
  web console (Directory Services)  $ADMIN_API_URL/console/  (sign in with Microsoft, or paste the API token below)
  admin API and its documentation   $ADMIN_API_URL/api/docs
  administrators' sign-in           $ADMIN_API_URL/api/auth/signin
                                    as $DEMO_ADMIN_UPN, password $DEMO_ADMIN_PASSWORD
  archive users' sign-in            $DEMO_GATEWAY_URL/contoso/oidc/login
                                    as a synchronized user: the one the walk-through signed in above
  the CA of both HTTPS addresses    $PWD/$ca_file
                                    (the emulator's own CA: trust it in the browser, or accept the warnings)
  API token for curl                Authorization: Bearer $ADMIN_BOOTSTRAP_TOKEN
  Entra ID / Graph emulator         $EMULATOR_URL
Ctrl-C stops everything.
EOF
  wait
else
  echo "demo: the web console was at $ADMIN_API_URL/console/ (in a terminal, or with DEMO_KEEP_RUNNING=1, it stays up to explore)"
  echo "demo: not in a terminal, so everything stops now (DEMO_KEEP_RUNNING=1 keeps it running)."
fi
