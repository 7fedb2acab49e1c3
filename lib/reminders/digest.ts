import "server-only";
import { and, asc, count, inArray, isNull, sql } from "drizzle-orm";
import { OPEN_STATUSES, requests } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { slaBounds, slaConditions } from "@/lib/requests/sla-sql";
import { shanghaiDateOf, shanghaiDayNumberOf, slaStatus } from "@/lib/sla";
import { deliverNotice } from "./notify";
import { activeManagers, reminderColumns, type ReminderContext } from "./scan";
import type { DigestData } from "./wording";

/** How many of the most urgent open requests the digest names. */
export const DIGEST_URGENT = 10;

/** Where the open requests stand at `now`: counts by SLA state, and the most urgent (earliest due, clock running). */
export async function digestData(ctx: ReminderContext): Promise<DigestData> {
  const { db, now } = ctx;
  const index = ctx.index ?? (await loadWorkingDayIndex(db));
  const sla = slaConditions(slaBounds(index, now));
  const open = inArray(requests.status, [...OPEN_STATUSES]);
  const [row] = await db
    .select({
      total: count(),
      on_track: sql<number>`count(*) filter (where ${sla.on_track})::int`,
      at_risk: sql<number>`count(*) filter (where ${sla.at_risk})::int`,
      overdue: sql<number>`count(*) filter (where ${sla.overdue})::int`,
      waiting: sql<number>`count(*) filter (where ${requests.status} = 'awaiting_requester')::int`,
    })
    .from(requests)
    .where(open);
  const urgent = await db
    .select(reminderColumns)
    .from(requests)
    .where(and(open, isNull(requests.pausedAt)))
    .orderBy(asc(requests.dueAt), asc(requests.ref))
    .limit(DIGEST_URGENT);
  return {
    date: shanghaiDateOf(now),
    counts: {
      total: row?.total ?? 0,
      on_track: row?.on_track ?? 0,
      at_risk: row?.at_risk ?? 0,
      overdue: row?.overdue ?? 0,
      waiting: row?.waiting ?? 0,
    },
    urgent: urgent.map((u) => ({ ref: u.ref, type: u.type, dueDate: u.dueDate, state: slaStatus(u, now, index).state })),
  };
}

/**
 * The managers' daily digest (09:00 Shanghai, lib/jobs/schedules.ts), on working days only: in-app and by e-mail,
 * once per manager and day however often it runs.
 */
export async function sendDailyDigest(ctx: ReminderContext): Promise<{ sent: number; workingDay: boolean; overdue: number; atRisk: number }> {
  const index = ctx.index ?? (await loadWorkingDayIndex(ctx.db));
  if (!index.isWorkingDayNumber(shanghaiDayNumberOf(ctx.now))) return { sent: 0, workingDay: false, overdue: 0, atRisk: 0 };
  const data = await digestData({ ...ctx, index });
  let sent = 0;
  for (const user of await activeManagers(ctx.db, ctx.managers)) {
    sent += await deliverNotice(ctx.db, ctx, { user, kind: "digest", requestId: null, onceKey: data.date, data, at: ctx.now });
  }
  return { sent, workingDay: true, overdue: data.counts.overdue, atRisk: data.counts.at_risk };
}
