import "server-only";
import { randomBytes } from "node:crypto";
import { logUnexpectedError } from "@/lib/observability/logger";

/** A thing the actor may not see, or that does not exist: both answer 404, so guessing learns nothing. */
export class NotFoundError extends Error {
  constructor(readonly entity: string) {
    super(`${entity} not found`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(readonly reason = "forbidden") {
    super(reason);
    this.name = "ForbiddenError";
  }
}

/** Someone changed the record since the actor loaded it. */
export class ConflictError extends Error {
  constructor(readonly entity: string) {
    super(`${entity} changed meanwhile`);
    this.name = "ConflictError";
  }
}

export function newReferenceId(): string {
  return `ERR-${randomBytes(4).toString("hex").toUpperCase()}`;
}

/**
 * Logs an unexpected error with a reference id and returns the id, which is all the user sees. The JSON line
 * (lib/observability/logger.ts) carries the id, the error with its stack, and the request id where there is one.
 */
export function logUnexpected(error: unknown, context: Record<string, unknown> = {}): string {
  const ref = newReferenceId();
  logUnexpectedError(ref, error, context);
  return ref;
}
