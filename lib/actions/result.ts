/**
 * What every server action and route handler answers: `{ ok: true, … }` or a failure whose `error` and field
 * errors are codes of the one `errors` message catalog (see codes.ts). Client-safe: forms import these types.
 */
import type { ErrorCode } from "./codes";

/** Field path ("corrections.0.requested", "reply") → error code. */
export type FieldErrors = Record<string, ErrorCode>;

export type ActionFailure = {
  ok: false;
  error: ErrorCode;
  fieldErrors: FieldErrors;
  /** Values the message needs ({seconds}, {minutes}); never anything the user typed that is secret. */
  params?: Record<string, string | number>;
  /** The reference id of an unexpected error: the only thing the user learns about it. */
  ref?: string;
  /** Several problems with one input that belong to no form field (a calendar file's items), each a code. */
  issues?: { code: ErrorCode; params?: Record<string, string | number> }[];
};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ActionResult<T extends object = {}> = ({ ok: true } & T) | ActionFailure;

export function failure(error: ErrorCode, extra: Partial<Omit<ActionFailure, "ok" | "error">> = {}): ActionFailure {
  return { ok: false, error, fieldErrors: {}, ...extra };
}

/** The first issue per field path of a zod error; zod messages in our schemas are error codes. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "form"] ??= issue.message as ErrorCode;
  return out;
}
