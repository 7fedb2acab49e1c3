import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { requests, users, type NewRequest, type RequestType, type Role } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { buildBundledWorkingDayIndex, computeDeadline, DEFAULT_SLA_POLICIES } from "@/lib/sla";

let counter = 0;

/** A user of the given role, as an Actor. */
export async function makeUser(db: Db, role: Role, extra: { phone?: string; displayName?: string } = {}): Promise<Actor> {
  counter++;
  const phone = role === "patient" ? (extra.phone ?? `1993${String(counter).padStart(7, "0")}`) : null;
  const email = role === "patient" ? null : `${role}${counter}-${Date.now()}@test.example`;
  const [u] = await db
    .insert(users)
    .values({ role, phone, email, displayName: extra.displayName ?? `${role} ${counter}` })
    .returning();
  return { id: u!.id, role, displayName: u!.displayName, phone, email };
}

/** A request filed by `requester`, with its deadline from the bundled calendar and the default policy. */
export async function makeRequest(
  db: Db,
  requester: Actor,
  opts: { type?: RequestType; receivedAt?: Date; extra?: Partial<NewRequest> } = {},
) {
  await ensureReferenceData(db);
  counter++;
  const type = opts.type ?? "deletion";
  const receivedAt = opts.receivedAt ?? new Date("2026-09-28T02:00:00Z");
  const d = computeDeadline(receivedAt, DEFAULT_SLA_POLICIES[type], buildBundledWorkingDayIndex());
  const [r] = await db
    .insert(requests)
    .values({
      ref: `DSR-2026-${String(800000 + counter).padStart(6, "0")}`,
      type,
      requesterId: requester.id,
      subjectPhone: requester.phone ?? "19930000000",
      subjectName: "测试",
      receivedAt,
      targetDate: d.targetDate,
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      provisional: d.provisional,
      ...opts.extra,
    })
    .returning();
  return r!;
}
