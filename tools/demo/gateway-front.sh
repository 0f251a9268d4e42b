# Sourced by tools/demo.sh: the archive's public HTTPS address, as an ingress gives it in production.
# TLS with a certificate from the emulator's local CA (so a browser trusts one CA for the whole demo),
# forwarding to the auth gateway's HTTP port (tools/demo/src/gateway-front.ts).
#   start_gateway_front EMULATOR_STATE_DIR GATEWAY_URL LOG   sets DEMO_GATEWAY_URL, appends its pid to `pids`
# DEMO_GATEWAY_PORT overrides the port (default 3443).

start_gateway_front() {
  local state_dir=$1 gateway_url=$2 log=$3 port=${DEMO_GATEWAY_PORT:-3443}
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo: port $port is already in use (another demo?); stop it or set DEMO_GATEWAY_PORT." >&2
    return 1
  fi
  TSX_TSCONFIG_PATH=tools/demo/tsconfig.json node --import tsx tools/demo/src/gateway-front.ts \
    "$state_dir" "$port" "$gateway_url" > "$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  export DEMO_GATEWAY_URL="https://localhost:$port"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    grep -q "listening on" "$log" && return 0
    sleep 0.2
  done
  cat "$log" >&2
  return 1
}
