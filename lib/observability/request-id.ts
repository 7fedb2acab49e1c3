/**
 * The request id: the incoming `X-Request-Id` when it is a sane token (a load balancer's or a client's), else a
 * new UUID. proxy.ts puts it on the request's headers (route handlers and server components read it there) and on
 * the response; every log line of the request carries it (lib/observability/logger.ts). No dependencies: the proxy
 * imports it too.
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** 8–128 characters of letters, digits and `._:-`: a UUID, nginx's $request_id, a trace id; nothing to inject. */
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

export function isSaneRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && SANE.test(value);
}

/** The id a request goes by: `incoming` if sane, else a fresh one. */
export function requestIdOf(incoming: string | null | undefined): string {
  return isSaneRequestId(incoming) ? incoming : crypto.randomUUID();
}
