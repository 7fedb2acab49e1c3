/** A UUID as PostgreSQL prints it (any version, either case). No `g` flag, so `.test` keeps no state. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `s` can be bound as a `uuid` without a cast error. */
export function isUuid(s: unknown): s is string {
  return typeof s === "string" && UUID_PATTERN.test(s);
}
