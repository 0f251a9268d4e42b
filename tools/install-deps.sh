#!/usr/bin/env bash
# Installs the workspace's dependencies when the lockfile changed since the last install (npm ci),
# and Debian's Chromium for the browser tests when it is missing. Idempotent; expects Node 24 on PATH
# (source tools/ensure-env.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.installed-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "install-deps: npm ci (compiles better-sqlite3 against Node $(node --version))" >&2
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

if [[ "${SKIP_BROWSER:-0}" != 1 ]] && ! command -v chromium >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "install-deps: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "install-deps: the browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)" >&2
    exit 1
  fi
fi

# The deployment tests render the Kustomize overlays with `kubectl kustomize`.
bash tools/deploy-tests/install-kubectl.sh
