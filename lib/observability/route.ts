import "server-only";
import { logUnexpected } from "@/lib/errors";
import { logger, withRequestContext } from "./logger";
import { observeHttp } from "./metrics";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";

export type RouteHandler<C> = (req: Request, ctx: C) => Response | Promise<Response>;

/** The status a Next.js control-flow error (notFound(), redirect()) answers with. */
function controlFlowStatus(e: unknown): number | undefined {
  const digest = (e as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_")) return undefined;
  const fallback = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})/.exec(digest);
  if (fallback) return Number(fallback[1]);
  const redirect = /^NEXT_REDIRECT;.*;(\d{3});?$/.exec(digest);
  return redirect ? Number(redirect[1]) : 500;
}

/**
 * A route handler that runs in its request's context (every log line carries the request id: proxy.ts's, else a
 * new one), is timed into `http_request_duration_seconds{route,method,status}`, and logs one line when it answers
 * (`quiet`: at debug level, for probes and scrapes). An unexpected error answers 500 with a reference id only.
 */
export function withRoute<C = unknown>(route: string, handler: RouteHandler<C>, opts: { quiet?: boolean } = {}) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req.headers.get(REQUEST_ID_HEADER));
    const started = performance.now();
    return withRequestContext({ requestId }, async () => {
      let status: number = 500;
      try {
        const response = await handler(req, ctx);
        status = response.status;
        return response;
      } catch (e) {
        const flow = controlFlowStatus(e);
        if (flow !== undefined) {
          status = flow;
          throw e;
        }
        return Response.json({ error: "unexpected", ref: logUnexpected(e, { route }) }, { status: 500 });
      } finally {
        const seconds = (performance.now() - started) / 1000;
        observeHttp(route, req.method, status, seconds);
        const line = { route, method: req.method, status, durationMs: Math.round(seconds * 1000) };
        if (opts.quiet) logger().debug(line, "request");
        else logger().info(line, "request");
      }
    });
  };
}
