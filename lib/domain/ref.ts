/**
 * Request references shown to people: `DSR-<year of receipt in Shanghai>-<number>`. The number comes from one
 * sequence (`dsr.request_ref_seq`, a bigint) and is zero-padded to six digits; from 1,000,000 on it simply has more
 * digits (DSR-2027-1000000). One rule for writing and for checking: REF_PATTERN is the shape formatRef writes,
 * so a malformed reference is turned away before any query (parseRef also refuses a number past the bigint range).
 */
import { shanghaiDateOf } from "@/lib/sla/shanghai";

/** Largest value of a PostgreSQL bigint sequence (19 digits). */
const MAX_SEQ = 9_223_372_036_854_775_807n;

/**
 * `DSR-YYYY-NNNNNN`: four-digit year, then six digits, or seven to nineteen without a leading zero. No `g` flag,
 * so `.test` keeps no state. Callers that accept typed input trim and upper-case it first.
 */
export const REF_PATTERN = /^DSR-(\d{4})-(\d{6}|[1-9]\d{6,18})$/;

export type RefParts = { year: number; seq: bigint };

/** True when `s` is a well-formed reference (it may still not exist). */
export function isRequestRef(s: unknown): s is string {
  return typeof s === "string" && parseRef(s) !== null;
}

/** The reference of sequence number `seq` for a request received at `receivedAt` (its year taken in Shanghai). */
export function formatRef(receivedAt: Date, seq: number | bigint): string {
  const n = typeof seq === "bigint" ? seq : Number.isSafeInteger(seq) ? BigInt(seq) : NaN;
  if (typeof n !== "bigint" || n < 0n || n > MAX_SEQ) throw new RangeError(`Not a reference sequence number: ${String(seq)}`);
  return `DSR-${shanghaiDateOf(receivedAt).slice(0, 4)}-${n.toString().padStart(6, "0")}`;
}

/** Year and sequence number of a reference; null when it is malformed. */
export function parseRef(s: string): RefParts | null {
  const m = REF_PATTERN.exec(s);
  if (!m) return null;
  const seq = BigInt(m[2]!);
  return seq > MAX_SEQ ? null : { year: Number(m[1]), seq };
}
