import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { requests, type NewRequest, type Request, type RequestType } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { bundledIndex, requestRow } from "./fixtures";

export { bundledIndex };

export type RequestSpec = {
  type?: RequestType;
  receivedAt?: Date;
  /** Working days the finished pauses added. */
  pausedWorkingDays?: number;
  extra?: Partial<NewRequest>;
};

/** Requests filed by `requester` with deadlines from the bundled calendar (test/fixtures.ts requestRow), in one insert. */
export async function insertRequests(db: Db, requester: Actor, specs: RequestSpec[]): Promise<Request[]> {
  await ensureReferenceData(db);
  if (specs.length === 0) return [];
  const rows: NewRequest[] = specs.map((s) => {
    const receivedAt = s.receivedAt ?? new Date("2026-09-28T02:00:00Z");
    const row = requestRow(requester, { type: s.type ?? "access", receivedAt, pausedWorkingDays: s.pausedWorkingDays });
    return { ...row, updatedAt: receivedAt, ...s.extra };
  });
  return db.insert(requests).values(rows).returning();
}
