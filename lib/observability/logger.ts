import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { env } from "@/lib/env";
import { isSaneRequestId, REQUEST_ID_HEADER } from "./request-id";

/**
 * Structured logs: one JSON object a line (pino), `info` and below to stdout, `warn` and above to stderr, at the
 * level LOG_LEVEL names (default `info`). A line written while a request is handled carries its `requestId`
 * (lib/observability/request-id.ts): route handlers wrapped in `withRoute` (./route.ts) run in a request context;
 * an unexpected error elsewhere in a request (a server action) finds the id on the request's headers.
 */

export type RequestContext = { requestId: string };

// Shared through globalThis: `npm start` serves Next.js in the process its own modules run in (db/client.ts).
const KEY = Symbol.for("xiaolu.dsr.observability.logger");
type Shared = { context?: AsyncLocalStorage<RequestContext>; logger?: Logger };
const holder = globalThis as { [KEY]?: Shared };
const shared = (holder[KEY] ??= {});

const requestStorage = () => (shared.context ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` as part of the request `context`: every line logged meanwhile carries its id. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestStorage().run(context, fn);
}

/** The id of the request being handled, when it runs in a request context. */
export function currentRequestId(): string | undefined {
  return requestStorage().getStore()?.requestId;
}

const LEVELS: readonly string[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function configuredLevel(): Level | "silent" {
  try {
    return env().LOG_LEVEL;
  } catch {
    // A wrong variable elsewhere stops the start script with its own line; logging must not fail on it.
    const raw = process.env.LOG_LEVEL;
    return raw && LEVELS.includes(raw) ? (raw as Level) : "info";
  }
}

/** A logger writing to `stream` (tests), or to stdout and stderr. */
export function createLogger(opts: { level?: Level | "silent"; stream?: DestinationStream } = {}): Logger {
  const stream =
    opts.stream ??
    pino.multistream(
      [
        { level: "trace", stream: process.stdout },
        { level: "warn", stream: process.stderr },
      ],
      { dedupe: true },
    );
  return pino(
    {
      level: opts.level ?? configuredLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Secrets never reach a log line, whoever passes them in a context object.
      redact: {
        paths: ["password", "token", "authorization", "cookie", "*.password", "*.token", "*.authorization", "*.cookie"],
        censor: "[redacted]",
      },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    stream,
  );
}

/** The process's logger. */
export function logger(): Logger {
  return (shared.logger ??= createLogger());
}

/** Replaces the process's logger (tests capture lines with `createLogger({ stream })`); undefined: the default again. */
export function setLogger(replacement: Logger | undefined): void {
  shared.logger = replacement;
}

/** The request id Next.js has on the request being rendered or acted on, when there is one. */
async function requestIdFromNextHeaders(): Promise<string | undefined> {
  const { headers } = await import("next/headers");
  const value = (await headers()).get(REQUEST_ID_HEADER);
  return isSaneRequestId(value) ? value : undefined;
}

/**
 * Logs an unexpected error under its reference id (lib/errors logUnexpected), with the request id: the request
 * context's, else (inside Next.js, e.g. a server action) the one proxy.ts put on the request's headers.
 */
export function logUnexpectedError(ref: string, error: unknown, context: Record<string, unknown> = {}): void {
  const fields = { ...context, ref, ...(error instanceof Error ? { err: error } : { error }) };
  const write = (requestId?: string) => logger().error(requestId ? { ...fields, requestId } : fields, "unexpected error");
  if (currentRequestId() || !process.env.NEXT_RUNTIME) return write();
  // Outside a request (a build, a job) `headers()` throws: the line goes out without the id.
  requestIdFromNextHeaders().then(write, () => write());
}
