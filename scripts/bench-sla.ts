/**
 * SLA deadline benchmark (npm run bench:sla): 1,000,000 deadlines for random receipt instants across
 * 2024–2026 on one core, from the bundled calendar. Fails (exit 1) below 1,000,000 deadlines per second.
 */
import { buildBundledWorkingDayIndex } from "../lib/sla/calendar-file";
import { computeDeadline } from "../lib/sla/deadline";
import { DEFAULT_SLA_POLICIES } from "../lib/sla/policies";

const N = 1_000_000;
const REQUIRED_PER_SECOND = 1_000_000;

const buildStart = performance.now();
const index = buildBundledWorkingDayIndex();
const buildMs = performance.now() - buildStart;

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed_5a1a;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const from = Date.parse("2024-01-01T00:00:00+08:00");
const to = Date.parse("2027-01-01T00:00:00+08:00");
const policies = Object.values(DEFAULT_SLA_POLICIES);
const instants: Date[] = new Array(N);
const policyOf = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  instants[i] = new Date(from + Math.floor(random() * (to - from)));
  policyOf[i] = Math.floor(random() * policies.length);
}

function run(count: number): number {
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const d = computeDeadline(instants[i]!, policies[policyOf[i]!]!, index);
    checksum += (d.dueAt.getTime() % 1000) + d.dueDate.length + (d.provisional ? 1 : 0);
  }
  return checksum;
}

run(50_000); // warm-up (JIT)
const start = performance.now();
const checksum = run(N);
const seconds = (performance.now() - start) / 1000;
const perSecond = N / seconds;
const ok = perSecond >= REQUIRED_PER_SECOND;

console.log(`sla: index built in ${buildMs.toFixed(0)} ms (checksum ${checksum})`);
console.log(
  `sla: ${N} deadlines in ${seconds.toFixed(2)} s = ${(perSecond / 1e6).toFixed(1)} M/s ` +
    `(>= ${REQUIRED_PER_SECOND / 1e6} M/s required: ${ok ? "ok" : "FAIL"})`,
);
if (!ok) process.exitCode = 1;
