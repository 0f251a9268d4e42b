# Sourced by tools/demo.sh (and anything else that starts the platform locally): starts a nats-server
# of its own with the configuration generated from libs/contracts, so the services run with their own
# identities and least-privilege permissions exactly as in production.
#   start_demo_nats DIR NAMESPACE   sets NATS_URL and appends the server's pid to the `pids` array
#   nats_seed_file SERVICE          prints the NKey seed file the service connects with
# DEMO_NATS_PORT overrides the port (default 4223, beside a NATS that may already use 4222).

start_demo_nats() {
  local dir=$1 namespace=$2 port=${DEMO_NATS_PORT:-4223} bin
  bin=$(command -v nats-server || ls /usr/sbin/nats-server 2>/dev/null || true)
  if [[ -z "$bin" ]]; then
    echo "demo: needs the nats-server binary (Debian: apt-get install nats-server; or https://nats.io/download)." >&2
    return 1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo: port $port is already in use (another demo?); stop it or set DEMO_NATS_PORT." >&2
    return 1
  fi
  rm -rf "$dir/jetstream"
  npx tsx --tsconfig tools/nats/tsconfig.run.json tools/nats/src/generate-config.ts \
    --out "$dir" --namespace "$namespace" --port "$port" > /dev/null
  echo "demo: starting nats-server with the generated configuration ($dir/nats-server.conf) on port $port"
  "$bin" -c "$dir/nats-server.conf" > "$dir/nats.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  export NATS_URL="nats://127.0.0.1:$port"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  cat "$dir/nats.log" >&2
  return 1
}

nats_seed_file() {
  echo "$DEMO_NATS_DIR/identities/$1.nk"
}
