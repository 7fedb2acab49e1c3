#!/usr/bin/env bash
# `npm run test:dates`: the date-sensitive tests (deadlines, SLA states, dashboard periods, repeats, rate-limit
# windows, retention of logs, the demo seed's consistency checks) once per hard moment, with TEST_NOW set to it
# (test/clock.ts). With DATABASE_URL unset they run on in-memory PGlite; with it set, on fresh databases created on
# that server and dropped afterwards (test/db.ts). Stops at the first failure, naming the moment.
#
#   npm run test:dates                                  every moment below
#   npm run test:dates -- 2027-02-05T10:00:00+08:00     only the moments given (ISO instants with offset, or "today")
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

MOMENTS=(
  "2026-02-16T10:00:00+08:00" # the eve of Spring Festival 2026 (除夕, a day off in the 2026 notice)
  "2026-02-28T10:00:00+08:00" # a make-up Saturday (调休上班, a working day)
  "2026-12-31T23:30:00+08:00" # the last half-hour of 2026: deadlines counted into 2027, whose notice is not loaded
  "2027-02-05T10:00:00+08:00" # the Spring Festival eve of 2027 by the statutory fallback (no notice loaded)
  "today"                     # the real moment
)
[ "$#" -gt 0 ] && MOMENTS=("$@")

# The tests whose outcome depends on the moment (each takes it from testNow(), test/clock.ts): deadlines and their
# provisional flag, SLA states, the dashboard's default period, pauses, repeats, retention of logs, download expiry,
# per-day limits, retention dates and their purge, and the demo seed's consistency checks. Tests that take testNow() only to stamp rows (audit, uploads,
# staff sign-in, calendar import, transitions, the staff request page) are left to `npm test`.
FILES=(
  db/seed/seed.test.ts
  lib/testing/factories.test.ts
  lib/requests/create.test.ts
  lib/platform/patient-records.test.ts
  lib/requests/patient-portal.test.ts
  lib/requests/queue.test.ts
  lib/requests/staff-actions.test.ts
  lib/dashboard/dashboard.test.ts
  lib/dashboard/working-days.test.ts
  lib/auth/otp.test.ts
  lib/fulfilment/fulfilment.test.ts
  lib/fulfilment/panel-actions.test.ts
)
# Every core: the files are independent (each has its own database), and most of their time is database work.
workers="${TEST_DATES_WORKERS:-$(nproc 2>/dev/null || echo 2)}"

where="embedded PGlite"
[ -n "${DATABASE_URL:-}" ] && where="PostgreSQL"
n=0
for moment in "${MOMENTS[@]}"; do
  n=$((n + 1))
  echo "== [$n/${#MOMENTS[@]}] TEST_NOW=$moment on $where =="
  if ! TEST_NOW="$moment" npx vitest run --bail=1 --maxWorkers="$workers" "${FILES[@]}"; then
    echo "test:dates: failed at TEST_NOW=$moment on $where" >&2
    exit 1
  fi
done
echo "test:dates: ${#FILES[@]} test files passed at ${#MOMENTS[@]} moments on $where"
