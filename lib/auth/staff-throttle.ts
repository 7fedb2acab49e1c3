/**
 * Staff sign-in throttles, as a pure rule over the attempts of the last hour: growing delays instead of a lock
 * that anyone who knows an email could use to keep its owner out.
 *
 * - Per address and email pair: 5 failures free, then each further failure doubles the wait (30 s, 1 min, 2 min…,
 *   at most 15 min). Counting restarts after a success from that pair.
 * - Per address, whatever the email: 20 failures free, then the same growth (guessing many accounts from one place).
 * - Per email, from addresses the account never signed in from: 10 failures free (guessing one account from many
 *   places). A known address is not held back by strangers' failures: its owner gets in once the pair's own wait
 *   is over.
 * The same answer whether the email exists or not: the rule reads only the attempts, never the account.
 */

export const STAFF_THROTTLE = {
  windowMinutes: 60,
  pairFreeFailures: 5,
  ipFreeFailures: 20,
  emailFreeFailures: 10,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  /** An address the account signed in from within this many days is known. */
  knownAddressDays: 90,
} as const;

export type Attempt = { email: string; ip: string; succeeded: boolean; at: Date };

/** The wait after `failures` (newest last) with `free` of them allowed: 0 when none is due. */
function waitAfter(failures: readonly Date[], free: number, now: Date): number {
  if (failures.length < free) return 0;
  const exponent = failures.length - free;
  const delay = Math.min(STAFF_THROTTLE.maxDelaySeconds, STAFF_THROTTLE.baseDelaySeconds * 2 ** Math.min(exponent, 20));
  const last = failures[failures.length - 1]!.getTime();
  return Math.max(0, Math.ceil((last + delay * 1000 - now.getTime()) / 1000));
}

/**
 * Seconds to wait before this email may be tried from this address, from the attempts of the last hour by this
 * email or from this address (`attempts`) and the addresses this email signed in from lately (`knownIps`).
 */
export function staffSignInWait(input: {
  email: string;
  ip: string;
  now: Date;
  attempts: readonly Attempt[];
  knownIps: ReadonlySet<string>;
}): number {
  const { email, ip, now } = input;
  const since = now.getTime() - STAFF_THROTTLE.windowMinutes * 60_000;
  const recent = input.attempts
    .filter((a) => a.at.getTime() > since && a.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const pair = recent.filter((a) => a.email === email && a.ip === ip);
  const lastPairSuccess = pair.findLastIndex((a) => a.succeeded);
  const pairFailures = pair.slice(lastPairSuccess + 1).map((a) => a.at);
  const ipFailures = recent.filter((a) => a.ip === ip && !a.succeeded).map((a) => a.at);
  const strangerFailures = recent.filter((a) => a.email === email && !a.succeeded && !input.knownIps.has(a.ip)).map((a) => a.at);

  const waits = [waitAfter(pairFailures, STAFF_THROTTLE.pairFreeFailures, now), waitAfter(ipFailures, STAFF_THROTTLE.ipFreeFailures, now)];
  if (!input.knownIps.has(ip)) waits.push(waitAfter(strangerFailures, STAFF_THROTTLE.emailFreeFailures, now));
  return Math.max(...waits);
}
