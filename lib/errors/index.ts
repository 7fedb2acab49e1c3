import { randomBytes } from "node:crypto";

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

/** Logs an unexpected error with a reference id and returns the id, which is all the user sees. */
export function logUnexpected(error: unknown, context: Record<string, unknown> = {}): string {
  const ref = newReferenceId();
  const e = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { error };
  console.error(JSON.stringify({ level: "error", at: new Date().toISOString(), ...context, ...e, ref }));
  return ref;
}
