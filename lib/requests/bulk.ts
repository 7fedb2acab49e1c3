import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { requests, users } from "@/db/schema";
import type { ErrorCode } from "@/lib/actions/codes";
import type { ActionDefinition } from "@/lib/actions/perform";
import { failure, type ActionResult } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/session";
import { REF_PATTERN } from "@/lib/domain/ref";
import { NotFoundError } from "@/lib/errors";
import { canManage, isStaff, STAFF_ROLES } from "@/lib/policy";
import type { WorkflowAction } from "@/lib/workflow/machine";
import { applyTransition } from "./transitions";

/** At most this many requests per bulk call: one transaction each, so a call stays short. */
export const BULK_MAX = 50;

export const BulkRefs = z
  .array(z.string().trim().regex(REF_PATTERN, "invalid"))
  .min(1, "required")
  .max(BULK_MAX, "too_many")
  .transform((refs) => [...new Set(refs)]);

/** One request's answer: done, or refused with a code and, when someone else holds it, their name. */
export type BulkOutcome = { ref: string; ok: true } | { ref: string; ok: false; error: ErrorCode; holder?: string };
export type BulkDone = { results: BulkOutcome[] };

const holderName = async (db: Db, id: string) => (await db.select({ name: users.displayName }).from(users).where(eq(users.id, id)))[0]?.name ?? "";

/**
 * One request, in its own transaction through applyTransition (same rules, events, audit as one at a time).
 * The version is the one read here: if the request changed before the lock (claimed, closed), the transition
 * is refused as stale and nothing is overwritten; the answer then names who holds it now, if anyone.
 */
async function one(db: Db, actor: Actor, ref: string, action: WorkflowAction, now: Date): Promise<BulkOutcome> {
  const [row] = await db.select({ version: requests.version, assigneeId: requests.assigneeId }).from(requests).where(eq(requests.ref, ref));
  if (!row) return { ref, ok: false, error: "not_found" };
  // Bulk assign distributes work nobody holds: a request a colleague holds (a fresh claim included) is never
  // reassigned in bulk — it is reported as theirs; reassigning is done one at a time on the request's page.
  if (action.kind === "assign" && row.assigneeId) {
    return { ref, ok: false, error: "claimed_by", holder: await holderName(db, row.assigneeId) };
  }
  try {
    const result = await applyTransition(db, actor, { ref, version: row.version, action }, now);
    if (result.ok) return { ref, ok: true };
    if (result.error === "already_claimed") return { ref, ok: false, error: "claimed_by", holder: result.holder ?? "" };
    if (result.error === "stale") {
      // Changed between our read and the lock: tell who took it, if someone did.
      const [now_] = await db.select({ assigneeId: requests.assigneeId }).from(requests).where(eq(requests.ref, ref));
      if (now_?.assigneeId && now_.assigneeId !== actor.id)
        return { ref, ok: false, error: "claimed_by", holder: await holderName(db, now_.assigneeId) };
    }
    return { ref, ok: false, error: result.error };
  } catch (e) {
    if (e instanceof NotFoundError) return { ref, ok: false, error: "not_found" };
    throw e;
  }
}

async function each(db: Db, actor: Actor, refs: string[], action: WorkflowAction, now: Date): Promise<BulkOutcome[]> {
  const out: BulkOutcome[] = [];
  for (const ref of refs) out.push(await one(db, actor, ref, action, now));
  return out;
}

/**
 * A manager assigns up to BULK_MAX open, unassigned requests to one active staff member. Bad input (too many or
 * malformed refs, an assignee who is not active staff) and a caller who is not a manager are refused before
 * anything is written.
 */
export async function bulkAssign(db: Db, actor: Actor, refs: unknown, assigneeId: string, now: Date): Promise<ActionResult<BulkDone>> {
  if (!canManage(actor)) return failure("forbidden");
  const parsed = BulkRefs.safeParse(refs);
  if (!parsed.success) return failure("invalid_input", { fieldErrors: { refs: parsed.error.issues[0]!.message as ErrorCode } });
  const id = z.uuid().safeParse(assigneeId);
  const [assignee] = id.success
    ? await db
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.id, id.data), isNull(users.disabledAt)))
    : [];
  if (!assignee || !isStaff(assignee.role)) return failure("assignee_not_staff", { fieldErrors: { assigneeId: "assignee_not_staff" } });
  const action: WorkflowAction = { kind: "assign", assignee: { id: assignee.id, role: assignee.role } };
  return { ok: true, results: await each(db, actor, parsed.data, action, now) };
}

/** A staff member claims up to BULK_MAX requests nobody holds; each one held by a colleague is reported by name. */
export async function bulkClaim(db: Db, actor: Actor, refs: unknown, now: Date): Promise<ActionResult<BulkDone>> {
  if (!isStaff(actor.role)) return failure("forbidden");
  const parsed = BulkRefs.safeParse(refs);
  if (!parsed.success) return failure("invalid_input", { fieldErrors: { refs: parsed.error.issues[0]!.message as ErrorCode } });
  return { ok: true, results: await each(db, actor, parsed.data, { kind: "claim" }, now) };
}

export const BulkInput = z.discriminatedUnion("op", [
  z.object({ op: z.literal("claim"), refs: BulkRefs }),
  z.object({ op: z.literal("assign"), refs: BulkRefs, assigneeId: z.uuid("assignee_not_staff") }),
]);

/** The queue's bulk toolbar: claim for any staff member, assign for managers (bulkAssign refuses others). */
export const bulkQueueDefinition = {
  name: "queue.bulk",
  roles: STAFF_ROLES,
  schema: BulkInput,
  run: ({ actor, db, input, now }) =>
    input.op === "assign" ? bulkAssign(db, actor, input.refs, input.assigneeId, now) : bulkClaim(db, actor, input.refs, now),
  revalidate: () => ["/queue"],
} satisfies ActionDefinition<typeof BulkInput, BulkDone> & { roles: readonly Actor["role"][] };
