#!/usr/bin/env bash
# The test command: sets up what it needs (Node 24, dependencies, Chromium for the browser tests),
# then runs lint, typecheck and build of every project and every test, and ends with the totals on a
# line of their own: `N passed, N failed`. Needs PostgreSQL and NATS with JetStream (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/ensure-env.sh
bash tools/install-deps.sh

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
echo "== format"
npx prettier --check . --log-level warn || { echo "Formatting differs from the project's Prettier settings: run \`npm run format\`" >&2; exit 1; }

echo "== lint, typecheck, build"
npx nx run-many -t lint typecheck build --outputStyle=static

echo "== tests"
mkdir -p tmp
status=0
npx jest --ci --maxWorkers=2 --json --outputFile=tmp/jest-results.json || status=$?
node tools/jest/print-totals.js tmp/jest-results.json
exit "$status"
