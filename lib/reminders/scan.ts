import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { notices, OPEN_STATUSES, requests, users } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { asLocale } from "@/lib/i18n/locales";
import { slaBounds, slaConditions } from "@/lib/requests/sla-sql";
import { shanghaiDateOf, shanghaiDayNumberOf, slaStatus, type WorkingDayIndex } from "@/lib/sla";
import { outboxSmsSender } from "@/lib/sms/sender";
import { deliverNotice, type NoticeInput } from "./notify";

/** The patient is reminded when a question has waited on them this many working days. */
export const PATIENT_WAITING_REMINDERS = [5, 10] as const;

export type ReminderContext = {
  db: Db;
  now: Date;
  index?: WorkingDayIndex;
  siteUrl: string;
  /** Only these requests (the browser tests' own); unset: every open request. */
  only?: string[];
  /** Only these managers are told (the browser tests' own); unset: every active manager. */
  managers?: string[];
};

const OPEN = inArray(requests.status, [...OPEN_STATUSES]);

/** What a reminder names of a request, and what its SLA state is computed from (lib/sla `slaStatus`). */
export const reminderColumns = {
  id: requests.id,
  ref: requests.ref,
  type: requests.type,
  status: requests.status,
  dueDate: requests.dueDate,
  dueAt: requests.dueAt,
  targetDate: requests.targetDate,
  closedAt: requests.closedAt,
  pausedAt: requests.pausedAt,
};
const assignee = alias(users, "assignee");

/** The staff who are told of overdue requests and unassigned ones at risk, and get the digest. */
export async function activeManagers(db: Db, only?: string[]) {
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, "manager"), isNull(users.disabledAt), only ? inArray(users.id, only) : undefined))
    .orderBy(asc(users.createdAt));
}

/** Not yet told of this state: for an assigned request its assignee, else anyone (the managers). */
const notTold = (kind: "at_risk" | "overdue", toAssignee: boolean) =>
  sql`not exists (select 1 from ${notices} n where n.request_id = ${requests.id} and n.kind = ${kind} and n.once_key = ${requests.id}::text || ':' || ${requests.dueDate}::text${
    toAssignee ? sql` and (${requests.assigneeId} is null or n.user_id = ${requests.assigneeId})` : sql``
  })`;

/**
 * One pass over the open requests (every 15 minutes, lib/jobs/schedules.ts): the assignee hears when a request
 * becomes at risk (managers, when nobody holds it); managers hear when it becomes overdue; the patient hears when a
 * question has waited on them 5 and 10 working days. Each notice is written once for the request and the state it
 * announces (its due date, or the pause), in-app and by e-mail or SMS, in one transaction per notice.
 */
export async function scanReminders(ctx: ReminderContext) {
  const { db, now } = ctx;
  const index = ctx.index ?? (await loadWorkingDayIndex(db));
  const bounds = slaBounds(index, now);
  const sla = slaConditions(bounds);
  const managers = await activeManagers(db, ctx.managers);
  const only = ctx.only ? inArray(requests.id, ctx.only) : undefined;
  const columns = {
    ...reminderColumns,
    assigneeId: requests.assigneeId,
    assigneeName: assignee.displayName,
  };
  let atRisk = 0;
  let overdue = 0;
  let waiting = 0;

  // At risk while the clock runs (a paused request waits on the patient, not on staff).
  const risky = await db
    .select({
      ...columns,
      assigneeEmail: assignee.email,
      assigneeLocale: assignee.locale,
      assigneeActive: sql<boolean>`${assignee.disabledAt} is null`,
    })
    .from(requests)
    .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
    .where(and(OPEN, isNull(requests.pausedAt), sla.at_risk, notTold("at_risk", true), only))
    .orderBy(asc(requests.dueAt));
  for (const r of risky) {
    const { workingDaysLeft } = slaStatus(r, now, index);
    const data = { ref: r.ref, type: r.type, dueDate: r.dueDate, days: workingDaysLeft, unassigned: !r.assigneeId };
    const to =
      r.assigneeId && r.assigneeActive
        ? [{ id: r.assigneeId, email: r.assigneeEmail, displayName: r.assigneeName ?? "", locale: r.assigneeLocale ?? "zh-CN" }]
        : managers;
    for (const user of to) {
      atRisk += await deliverNotice(db, ctx, { user, kind: "at_risk", requestId: r.id, onceKey: `${r.id}:${r.dueDate}`, data, at: now });
    }
  }

  // Overdue, to every manager (whoever holds it, and whether or not it is paused now).
  const late = await db
    .select(columns)
    .from(requests)
    .leftJoin(assignee, eq(assignee.id, requests.assigneeId))
    .where(and(OPEN, sla.overdue, notTold("overdue", false), only))
    .orderBy(asc(requests.dueAt));
  for (const r of late) {
    const data = { ref: r.ref, type: r.type, dueDate: r.dueDate, assignee: r.assigneeName ?? null };
    for (const user of managers) {
      overdue += await deliverNotice(db, ctx, { user, kind: "overdue", requestId: r.id, onceKey: `${r.id}:${r.dueDate}`, data, at: now });
    }
  }

  // A question waiting on the patient: at 5 and at 10 working days of the same pause.
  const first = PATIENT_WAITING_REMINDERS[0];
  const waitingRows = await db
    .select({
      id: requests.id,
      ref: requests.ref,
      type: requests.type,
      pausedAt: requests.pausedAt,
      locale: requests.locale,
      userId: users.id,
      phone: users.phone,
      displayName: users.displayName,
      userLocale: users.locale,
    })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.requesterId))
    .where(
      and(
        eq(requests.status, "awaiting_requester"),
        isNotNull(requests.pausedAt),
        isNull(users.disabledAt),
        lt(requests.pausedAt, new Date(now.getTime() - first * 86_400_000)),
        only,
      ),
    );
  const today = shanghaiDayNumberOf(now);
  for (const r of waitingRows) {
    const pausedAt = r.pausedAt!;
    const days = index.workingDaysBetweenDayNumbers(shanghaiDayNumberOf(pausedAt), today);
    // Only the highest step reached: a pause found late (after 12 days) sends one reminder, not two at once.
    const reached = PATIENT_WAITING_REMINDERS.filter((d) => days >= d).at(-1);
    if (!reached) continue;
    const user = { id: r.userId, email: null, displayName: r.displayName, locale: r.userLocale };
    const notice: NoticeInput = {
      user,
      kind: "waiting_on_patient",
      requestId: r.id,
      onceKey: `${r.id}:${pausedAt.getTime()}:${reached}`,
      data: { ref: r.ref, type: r.type, days: reached, since: shanghaiDateOf(pausedAt) },
      at: now,
      sms: r.phone
        ? {
            phone: r.phone,
            template: "request_waiting",
            params: { ref: r.ref, days: String(reached) },
            locale: asLocale(r.locale),
            requestId: r.id,
            at: now,
          }
        : undefined,
    };
    waiting += await deliverNotice(db, ctx, notice, outboxSmsSender);
  }
  return { atRisk, overdue, waitingOnPatient: waiting };
}
