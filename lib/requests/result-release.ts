import "server-only";
import { and, eq } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { requestEvents } from "@/db/schema";

/**
 * When a result file is the patient's to download. Fulfilment (lib/fulfilment) prepares a package unreleased
 * and records its release as a done fulfilment step whose result names the file (`attachmentId`, `releasedAt`,
 * `expiresAt`): such a file is released from that step until it expires. A result file no step mentions (sent
 * by staff another way) is released when the request is completed.
 */
export type ResultRelease = { released: boolean; expired: boolean };

export async function resultReleases(conn: Conn, requestId: string, status: string, fileIds: string[], now: Date): Promise<Map<string, ResultRelease>> {
  const out = new Map<string, ResultRelease>();
  if (fileIds.length === 0) return out;
  const steps = await conn
    .select({ data: requestEvents.data })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.kind, "fulfilment_step")));
  const mentioned = new Set<string>();
  const releases = new Map<string, string | undefined>();
  for (const { data } of steps) {
    if (data.status !== "done") continue;
    const result = (data.result ?? {}) as Record<string, unknown>;
    if (typeof result.attachmentId !== "string") continue;
    mentioned.add(result.attachmentId);
    if (typeof result.releasedAt === "string") releases.set(result.attachmentId, typeof result.expiresAt === "string" ? result.expiresAt : undefined);
  }
  for (const id of fileIds) {
    if (releases.has(id)) {
      const expiresAt = releases.get(id);
      const expired = expiresAt !== undefined && new Date(expiresAt).getTime() < now.getTime();
      out.set(id, { released: !expired, expired });
    } else {
      out.set(id, { released: !mentioned.has(id) && status === "completed", expired: false });
    }
  }
  return out;
}
