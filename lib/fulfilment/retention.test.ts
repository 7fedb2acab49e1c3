import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, auditLog, browsingLogs, consultations } from "@/db/schema";
import { entryOf, TRANSCRIPT_RETENTION, type Retention } from "@/lib/categories/registry";
import { SCHEDULES } from "@/lib/jobs/schedules";
import { addCalendarDays } from "@/lib/sla";
import { createTestDb } from "@/test/db";
import { addCalendarMonths, deletableAfter, retentionCutoff } from "./data-map";
import { purgeExpiredRetention } from "./retention";

/**
 * The retention purge's periods: every retention stated in years or months ends on the same calendar date that many
 * years or months later (Shanghai dates; a 29 February becomes 28 February), whether it holds whole records, a column
 * held apart (transcripts), or is a maximum (browsing logs). Every instant here is a fixed one the test names: these
 * are the dates the rule is about.
 */
let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup?.());

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe("calendar periods", () => {
  it("a period in years ends on the same date N years later; 29 February on 28 February of a common year", () => {
    expect(deletableAfter(TRANSCRIPT_RETENTION, "2023-06-10")).toBe("2026-06-10");
    expect(deletableAfter(TRANSCRIPT_RETENTION, "2024-02-29")).toBe("2027-02-28");
    expect(deletableAfter({ ...TRANSCRIPT_RETENTION, years: 4 }, "2024-02-29")).toBe("2028-02-29");
    expect(deletableAfter({ ...TRANSCRIPT_RETENTION, years: 15 }, "2024-02-29")).toBe("2039-02-28");
    expect(addCalendarMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addCalendarMonths("2026-01-15", -13)).toBe("2024-12-15");
  });

  it("the purge's cutoff is exactly the dates whose period has ended (deletableAfter < today), around 29 February too", () => {
    const periods: Retention[] = [TRANSCRIPT_RETENTION, entryOf("browsing_logs").retention!, { ...TRANSCRIPT_RETENTION, years: 15 }];
    for (const retention of periods) {
      for (let today = "2027-02-20"; today <= "2027-03-05"; today = addCalendarDays(today, 1)) {
        const cutoff = retentionCutoff(retention, today);
        const span = (retention.years ?? 0) * 366 + (retention.months ?? 0) * 31 + 40;
        for (let d = addCalendarDays(today, -span); d <= today; d = addCalendarDays(d, 1)) {
          expect(d < cutoff, `${d} on ${today}`).toBe(deletableAfter(retention, d) < today);
        }
      }
      for (const today of ["2028-02-28", "2028-02-29", "2028-03-01"]) {
        const cutoff = retentionCutoff(retention, today);
        expect(deletableAfter(retention, cutoff) >= today && deletableAfter(retention, addCalendarDays(cutoff, -1)) < today).toBe(true);
      }
    }
  });
});

describe("transcripts", () => {
  it("are cleared the day after their third anniversary, not after 3×365+1 days", async () => {
    const held = (startedAt: string) => ({
      accountId: null,
      doctorName: "王医生",
      department: "中医内科",
      status: "finished",
      chiefComplaint: "失眠",
      transcript: "医生：最近睡得怎样？",
      startedAt: at(startedAt),
      restrictedAt: at("2026-01-05T10:00:00"),
      deletableAfter: "2045-01-01",
    });
    const [leap, june] = await db
      .insert(consultations)
      .values([held("2024-02-29T10:00:00"), held("2023-06-10T23:30:00")])
      .returning({ id: consultations.id });
    const listed = async (now: string) => (await purgeExpiredRetention(db, { apply: false, now: at(now) })).transcripts;

    // Started on 29 Feb 2024: kept through 28 Feb 2027, cleared from 1 Mar 2027.
    expect(await listed("2027-02-28T23:00:00")).not.toContain(leap!.id);
    expect(await listed("2027-03-01T03:00:00")).toContain(leap!.id);
    // Started on 10 June 2023 (Shanghai; 15:30 UTC): kept through 10 June 2026, cleared from 11 June.
    expect(await listed("2026-06-10T23:00:00")).not.toContain(june!.id);
    expect(await listed("2026-06-11T03:00:00")).toContain(june!.id);

    const applied = await purgeExpiredRetention(db, { apply: true, now: at("2027-03-01T03:00:00") });
    expect(applied.transcripts).toEqual(expect.arrayContaining([leap!.id, june!.id]));
    const after = await db
      .select({ id: consultations.id, transcript: consultations.transcript })
      .from(consultations)
      .where(inArray(consultations.id, [leap!.id, june!.id]));
    expect(after.map((c) => c.transcript)).toEqual([null, null]);
  });
});

describe("browsing logs", () => {
  it("are deleted on the day they turn one month old (policy §10.2), audited, and counted in a dry run", async () => {
    const [account] = await db.insert(accounts).values({ nickname: "浏览日志测试" }).returning({ id: accounts.id });
    const log = (occurredAt: string) => ({
      accountId: account!.id,
      page: "/doctors",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      occurredAt: at(occurredAt),
    });
    const rows = await db
      .insert(browsingLogs)
      .values([
        log("2026-10-20T23:30:00"), // Shanghai 20 Oct: gone on 20 Nov
        log("2026-10-21T00:30:00"), // Shanghai 21 Oct (still 20 Oct in UTC): gone on 21 Nov
        log("2027-01-31T12:00:00"), // 31 Jan: its month ends on 28 Feb
        log("2026-11-19T12:00:00"), // recent
      ])
      .returning({ id: browsingLogs.id });
    const [oct20, oct21, jan31, recent] = rows.map((r) => String(r.id));
    const listed = async (now: string) => (await purgeExpiredRetention(db, { apply: false, now: at(now) })).browsing_logs;

    expect(await listed("2026-11-19T03:00:00")).not.toContain(oct20);
    expect(await listed("2026-11-20T03:00:00")).toContain(oct20);
    expect(await listed("2026-11-20T03:00:00")).not.toContain(oct21);
    expect(await listed("2026-11-21T03:00:00")).toEqual(expect.arrayContaining([oct20, oct21]));
    expect(await listed("2027-02-27T03:00:00")).not.toContain(jan31);
    expect(await listed("2027-02-28T03:00:00")).toContain(jan31);

    // The scheduled job's dry run reports how many it would delete, and deletes nothing.
    const dry = await SCHEDULES.retentionPurge.run({ db, now: at("2026-11-21T03:00:00"), dryRun: true });
    expect(dry).toMatchObject({ applied: false, browsing_logs: 2 });
    expect(await db.select().from(browsingLogs).where(eq(browsingLogs.accountId, account!.id))).toHaveLength(4);

    const applied = await purgeExpiredRetention(db, { apply: true, now: at("2026-11-21T03:00:00") });
    expect(applied.browsing_logs).toEqual([oct20, oct21]);
    const left = await db.select({ id: browsingLogs.id }).from(browsingLogs).where(eq(browsingLogs.accountId, account!.id));
    expect(left.map((r) => String(r.id)).sort()).toEqual([jan31, recent].sort());
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "retention.purge"), eq(auditLog.entity, "browsing_logs")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toMatchObject({ ids: [oct20, oct21], today: "2026-11-21" });
  });
});
