import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requestEvents } from "@/db/schema";
import { downloadExpiry } from "./download-link";

/**
 * When a result file is the requester's to download. Fulfilment prepares a package unreleased (lib/fulfilment/
 * access.ts) and records its release as a done `access.release` step naming the file: from then on the
 * requester may download it for seven days. A result file no release names is staff's alone.
 */
export type ResultRelease = { releasedAt: Date; expiresAt: Date; expired: boolean };

export async function resultReleases(conn: Conn, requestId: string, now: Date): Promise<Map<string, ResultRelease>> {
  const steps = await conn
    .select({ data: requestEvents.data })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.kind, "fulfilment_step")));
  const out = new Map<string, ResultRelease>();
  for (const { data } of steps) {
    const result = (data.result ?? {}) as Record<string, unknown>;
    if (data.status !== "done" || data.step !== "access.release") continue;
    if (typeof result.attachmentId !== "string" || typeof result.releasedAt !== "string") continue;
    const releasedAt = new Date(result.releasedAt);
    const expiresAt = downloadExpiry(releasedAt);
    out.set(result.attachmentId, { releasedAt, expiresAt, expired: expiresAt.getTime() <= now.getTime() });
  }
  return out;
}
