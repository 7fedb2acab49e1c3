import type { Db } from "@/db/client";
import { ensureReferenceData } from "@/db/reference-data";
import { requests, users, type NewRequest, type RequestType, type Role } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { formatRef } from "@/lib/domain/ref";
import { buildBundledWorkingDayIndex, computeDeadline, DEFAULT_SLA_POLICIES, type WorkingDayIndex } from "@/lib/sla";

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

let requestCounter = 0;

/**
 * The columns every test request needs: a unique ref (DSR-<year of receipt>-8xxxxx), the requester as subject, and the
 * deadline from the bundled calendar and the default policy (moved by `pausedWorkingDays`).
 */
export function requestRow(
  requester: Pick<Actor, "id" | "phone">,
  opts: { type: RequestType; receivedAt: Date; pausedWorkingDays?: number },
): NewRequest {
  requestCounter++;
  const paused = opts.pausedWorkingDays ?? 0;
  const d = computeDeadline(opts.receivedAt, DEFAULT_SLA_POLICIES[opts.type], bundledIndex(), paused);
  return {
    // The year of receipt, as lib/requests/create.ts writes it (the queue's number search relies on it).
    ref: formatRef(opts.receivedAt, 800000 + requestCounter),
    type: opts.type,
    requesterId: requester.id,
    subjectPhone: requester.phone ?? "19930000000",
    subjectName: "测试",
    receivedAt: opts.receivedAt,
    targetDate: d.targetDate,
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    provisional: d.provisional,
    pausedWorkingDays: paused,
    // A request about oneself, filed after the SMS sign-in: verified at submission (lib/identity/verification.ts).
    verificationStatus: "verified",
  };
}

let index: WorkingDayIndex | undefined;

/** The bundled calendar (what ensureReferenceData loads into every test database). */
export function bundledIndex(): WorkingDayIndex {
  index ??= buildBundledWorkingDayIndex();
  return index;
}

/** A request filed by `requester`, with its deadline from the bundled calendar and the default policy. */
export async function makeRequest(db: Db, requester: Actor, opts: { type?: RequestType; receivedAt?: Date; extra?: Partial<NewRequest> } = {}) {
  await ensureReferenceData(db);
  const row = requestRow(requester, { type: opts.type ?? "deletion", receivedAt: opts.receivedAt ?? new Date("2026-09-28T02:00:00Z") });
  const [r] = await db
    .insert(requests)
    .values({ ...row, ...opts.extra })
    .returning();
  return r!;
}
