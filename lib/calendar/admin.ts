import "server-only";
import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { calendarDays, calendarYears, OPEN_STATUSES, requestEvents, requests, slaPolicies, type RequestType } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { canAdminister } from "@/lib/policy";
import {
  buildWorkingDayIndex,
  computeDeadline,
  DEFAULT_INDEX_FROM_YEAR,
  DEFAULT_INDEX_TO_YEAR,
  endOfShanghaiDay,
  PUBLISHED_PROMISE_WORKING_DAYS,
  requestPolicy,
  startOfShanghaiDay,
  validateCalendarYear,
  type CalendarImportError,
  type SlaPolicy,
} from "@/lib/sla";
import { loadSlaPolicies } from "./policies";

export type ImportResult =
  | { ok: true; year: number; days: number; replaced: boolean; recomputed: number }
  | { ok: false; errors: (CalendarImportError | { code: "year_out_of_range" | "year_exists" })[] };

function requireAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new ForbiddenError("admins only");
}

/**
 * Loads a year's State Council notice (or corrects a loaded one when `replace` is set): the days, the year's
 * coverage row, an audit row and the recomputed deadlines of the open requests whose counting touches that
 * year, all in one transaction. An invalid file writes nothing.
 */
export async function importCalendarYear(db: Db, actor: Actor, input: unknown, opts: { replace: boolean; now: Date }): Promise<ImportResult> {
  requireAdmin(actor);
  const checked = validateCalendarYear(input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const file = checked.value;
  if (file.year < DEFAULT_INDEX_FROM_YEAR || file.year > DEFAULT_INDEX_TO_YEAR) {
    return { ok: false, errors: [{ code: "year_out_of_range" }] };
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(calendarYears).where(eq(calendarYears.year, file.year)).for("update");
    if (existing && !opts.replace) return { ok: false as const, errors: [{ code: "year_exists" as const }] };
    await tx.delete(calendarDays).where(eq(calendarDays.year, file.year));
    await tx.insert(calendarDays).values(
      file.days.map((d) => ({
        day: d.date,
        year: file.year,
        isWorkingDay: d.kind === "makeup_workday",
        kind: d.kind,
        name: d.name,
        notice: file.notice,
      })),
    );
    await tx
      .insert(calendarYears)
      .values({ year: file.year, notice: file.notice, importedAt: opts.now, importedBy: actor.id })
      .onConflictDoUpdate({ target: calendarYears.year, set: { notice: file.notice, importedAt: opts.now, importedBy: actor.id } });
    const recomputed = await recomputeOpenDeadlines(tx, file.year, actor, opts.now);
    await appendAudit(tx, {
      actorId: actor.id,
      action: existing ? "calendar.correct" : "calendar.import",
      entity: "calendar_year",
      entityId: String(file.year),
      data: { notice: file.notice, days: file.days.length, previousNotice: existing?.notice ?? null, recomputed },
      now: opts.now,
    });
    return { ok: true as const, year: file.year, days: file.days.length, replaced: Boolean(existing), recomputed };
  });
}

/**
 * Recomputes, with the calendar as it now stands, the open requests whose counting touches `year` — each with the
 * deadline policy it was received under.
 */
async function recomputeOpenDeadlines(tx: Tx, year: number, actor: Actor, now: Date): Promise<number> {
  const [days, years] = await Promise.all([
    tx.select({ date: calendarDays.day, isWorkingDay: calendarDays.isWorkingDay }).from(calendarDays),
    tx.select({ year: calendarYears.year }).from(calendarYears),
  ]);
  const index = buildWorkingDayIndex({ days, loadedYears: years.map((y) => y.year) });
  const policies = await loadSlaPolicies(tx);
  const affected = await tx
    .select()
    .from(requests)
    .where(
      and(
        inArray(requests.status, [...OPEN_STATUSES]),
        or(
          eq(requests.provisional, true),
          and(lte(requests.receivedAt, endOfShanghaiDay(`${year}-12-31`)), gte(requests.dueAt, startOfShanghaiDay(`${year}-01-01`))),
        ),
      ),
    );
  let changed = 0;
  for (const r of affected) {
    // With the policy the request was received under (its snapshot), never the one in force today.
    const d = computeDeadline(r.receivedAt, requestPolicy(r, policies[r.type as RequestType] as SlaPolicy), index, r.pausedWorkingDays);
    if (d.dueDate === r.dueDate && d.targetDate === r.targetDate && d.provisional === r.provisional) continue;
    await tx
      .update(requests)
      .set({
        targetDate: d.targetDate,
        dueDate: d.dueDate,
        dueAt: d.dueAt,
        provisional: d.provisional,
        version: sql`${requests.version} + 1`,
        updatedAt: now,
      })
      .where(eq(requests.id, r.id));
    await tx.insert(requestEvents).values({
      requestId: r.id,
      kind: "deadline_recomputed",
      actorId: actor.id,
      public: true,
      reason: `calendar ${year}`,
      data: {
        from: { targetDate: r.targetDate, dueDate: r.dueDate, provisional: r.provisional },
        to: { targetDate: d.targetDate, dueDate: d.dueDate, provisional: d.provisional },
      },
      occurredAt: now,
    });
    changed++;
  }
  return changed;
}

export type PolicyInput = { type: RequestType; targetWorkingDays: number; dueWorkingDays: number };
export type PolicyUpdateResult = { ok: true; changed: number } | { ok: false; error: "policy_over_promise"; types: RequestType[] };

/**
 * Changes the response deadlines of request types; applies to requests received from now on (each request keeps
 * the policy it was received under). A deadline beyond the privacy policy's published promise (15 working days,
 * §8.1, §12) is refused unless the admin overrides it with a reason, recorded in the audit row. Audited.
 */
export async function updateSlaPolicies(
  db: Db,
  actor: Actor,
  changes: PolicyInput[],
  now: Date,
  opts: { overrideReason?: string } = {},
): Promise<PolicyUpdateResult> {
  requireAdmin(actor);
  const overrideReason = opts.overrideReason?.trim() || null;
  return db.transaction(async (tx): Promise<PolicyUpdateResult> => {
    const before = await loadSlaPolicies(tx);
    const changed = changes.filter((c) => {
      const old = before[c.type];
      return old.targetWorkingDays !== c.targetWorkingDays || old.dueWorkingDays !== c.dueWorkingDays;
    });
    const over = changed.filter((c) => c.dueWorkingDays > PUBLISHED_PROMISE_WORKING_DAYS);
    if (over.length > 0 && !overrideReason) return { ok: false, error: "policy_over_promise", types: over.map((c) => c.type) };
    for (const c of changed) {
      const old = before[c.type];
      await tx
        .insert(slaPolicies)
        .values({ ...c, updatedAt: now, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: slaPolicies.type,
          set: { targetWorkingDays: c.targetWorkingDays, dueWorkingDays: c.dueWorkingDays, updatedAt: now, updatedBy: actor.id },
        });
      const beyond = c.dueWorkingDays > PUBLISHED_PROMISE_WORKING_DAYS;
      await appendAudit(tx, {
        actorId: actor.id,
        action: beyond ? "sla_policy.override" : "sla_policy.update",
        entity: "sla_policy",
        entityId: c.type,
        data: {
          before: old,
          after: { targetWorkingDays: c.targetWorkingDays, dueWorkingDays: c.dueWorkingDays },
          ...(beyond ? { override: { promiseWorkingDays: PUBLISHED_PROMISE_WORKING_DAYS, reason: overrideReason } } : {}),
        },
        now,
      });
    }
    return { ok: true, changed: changed.length };
  });
}
