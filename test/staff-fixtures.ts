import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { requests, type NewRequest, type Request, type RequestType } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { buildBundledWorkingDayIndex, computeDeadline, DEFAULT_SLA_POLICIES, type WorkingDayIndex } from "@/lib/sla";

let counter = 0;
let index: WorkingDayIndex | undefined;

/** The bundled calendar (what ensureReferenceData loads into every test database). */
export function bundledIndex(): WorkingDayIndex {
  index ??= buildBundledWorkingDayIndex();
  return index;
}

export type RequestSpec = {
  type?: RequestType;
  receivedAt?: Date;
  /** Working days the finished pauses added. */
  pausedWorkingDays?: number;
  extra?: Partial<NewRequest>;
};

/** Requests filed by `requester` with deadlines from the bundled calendar; refs DSR-2026-9xxxxx. */
export async function insertRequests(db: Db, requester: Actor, specs: RequestSpec[]): Promise<Request[]> {
  await ensureReferenceData(db);
  if (specs.length === 0) return [];
  const rows: NewRequest[] = specs.map((s) => {
    counter++;
    const type = s.type ?? "access";
    const receivedAt = s.receivedAt ?? new Date("2026-09-28T02:00:00Z");
    const d = computeDeadline(receivedAt, DEFAULT_SLA_POLICIES[type], bundledIndex(), s.pausedWorkingDays ?? 0);
    return {
      ref: `DSR-2026-${String(900000 + counter).padStart(6, "0")}`,
      type,
      requesterId: requester.id,
      subjectPhone: requester.phone ?? "19930000000",
      subjectName: "测试",
      receivedAt,
      targetDate: d.targetDate,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      provisional: d.provisional,
      pausedWorkingDays: s.pausedWorkingDays ?? 0,
      updatedAt: receivedAt,
      ...s.extra,
    };
  });
  return db.insert(requests).values(rows).returning();
}
