#!/usr/bin/env bash
# `npm test`: the whole suite — unit and integration tests (Vitest), then browser tests (Playwright) against
# the app served by `npm start`. With DATABASE_URL unset everything runs on embedded PGlite; with it set, on
# fresh databases created on that server and dropped afterwards (the database named in the URL is not touched).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# The browser tests' Chromium, found (or installed from Debian as root) before any test runs: a machine
# without one stops here with one line saying what to install. Playwright reads CHROMIUM_PATH.
CHROMIUM_PATH=$(bash scripts/find-chromium.sh)
export CHROMIUM_PATH
echo "== Chromium: $CHROMIUM_PATH =="

where="embedded PGlite"
[ -n "${DATABASE_URL:-}" ] && where="PostgreSQL"
echo "== unit and integration tests on $where =="
npx vitest run

echo "== browser tests on $where =="
rm -rf .data/e2e-pglite .data/e2e-pglite.lock
if [ -n "${DATABASE_URL:-}" ]; then
  e2e_url=$(npx tsx scripts/e2e-db.ts create)
  trap 'DATABASE_URL="$e2e_url" npx tsx scripts/e2e-db.ts drop' EXIT
  # Not seeded: the browser tests make every patient, staff member and request they need, so on PostgreSQL they
  # run against a database holding only the reference data (calendar, deadlines) — proof that none leans on the demo.
  DATABASE_URL="$e2e_url" npx playwright test
else
  npx playwright test
fi
