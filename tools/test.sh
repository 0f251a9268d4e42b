#!/usr/bin/env bash
# The test command: sets up what it needs (Node 24, dependencies, Chromium for the browser tests),
# then runs lint, typecheck and build of every project and every test, and ends with the totals on a
# line of their own: `N passed, N failed`. Needs PostgreSQL and NATS with JetStream (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/ensure-env.sh
bash tools/install-deps.sh

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
mkdir -p tmp
echo "== format"
npx prettier --check . --log-level warn || { echo "Formatting differs from the project's Prettier settings: run \`npm run format\`" >&2; exit 1; }

echo "== lint, typecheck, build"
npx nx run-many -t lint typecheck build --outputStyle=static

echo "== generated console client matches the committed OpenAPI document"
npx nx run console:generate-client --outputStyle=static > tmp/generate-client.log 2>&1 || { cat tmp/generate-client.log; exit 1; }
git diff --quiet -- apps/console/src/api/generated || {
  echo "apps/console/src/api/generated differs from apps/admin-api/openapi.json: run \`npx nx run admin-api:openapi && npx nx run console:generate-client\` and commit" >&2
  exit 1
}

echo "== tests"
mkdir -p tmp
status=0
npx jest --ci --maxWorkers=2 --json --outputFile=tmp/jest-results.json || status=$?
node tools/jest/print-totals.js tmp/jest-results.json
exit "$status"
