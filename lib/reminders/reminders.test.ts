import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { notices, outbox, type Request } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { shanghaiDateOf, startOfShanghaiDay, type WorkingDayIndex } from "@/lib/sla";
import { createPatient, createStaff, fileRequest, requestAwaitingAnswer, step, type TestPatient, type TestStaff } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb, type TestDb } from "@/test/db";
import { digestData, sendDailyDigest } from "./digest";
import { scanReminders } from "./scan";
import { noticeEmail } from "./wording";

const now = testNow();
const siteUrl = "https://privacy.example";
let t: TestDb;
let app: DbHandle;
let db: Db;
let index: WorkingDayIndex;
let patient: TestPatient;
let agent: TestStaff;
let manager: TestStaff;
let otherManager: TestStaff;

beforeAll(async () => {
  t = await createTestDb();
  // Reminders run in the worker, as the app's restricted role.
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
  index = await loadWorkingDayIndex(db);
  patient = await createPatient(db, { now });
  agent = await createStaff(db, "agent", { now });
  manager = await createStaff(db, "manager", { now });
  otherManager = await createStaff(db, "manager", { now, locale: "en" });
}, 120_000);
afterAll(async () => {
  if (app !== t.handle) await app.close();
  await t.cleanup();
});

const noticesOf = (requestId: string) => db.select().from(notices).where(eq(notices.requestId, requestId)).orderBy(notices.createdAt);
const mailTo = (email: string, requestId: string | null) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "email"), eq(outbox.recipient, email), requestId ? eq(outbox.requestId, requestId) : undefined));
/** 10:00 in Shanghai on `date`. */
const tenOn = (date: string) => new Date(startOfShanghaiDay(date).getTime() + 10 * 3_600_000);

let filedCount = 0;
async function claimedComplaint(): Promise<Request> {
  filedCount += 1;
  const filed = await fileRequest(db, patient, { type: "complaint", description: `提醒测试 ${filedCount}：客服没有回复我的问题` }, { now });
  return step(db, agent.actor, filed.ref, { kind: "claim" }, now);
}

describe("staff reminders", () => {
  it("an at-risk request produces one reminder to its assignee, by e-mail too; scanning again adds none", async () => {
    const r = await claimedComplaint();
    expect(await scanReminders({ db, now, index, siteUrl })).toMatchObject({ atRisk: expect.any(Number) });
    expect(await noticesOf(r.id)).toHaveLength(0); // on track when filed

    const dueDay = tenOn(r.dueDate);
    await scanReminders({ db, now: dueDay, index, siteUrl });
    await scanReminders({ db, now: new Date(dueDay.getTime() + 3_600_000), index, siteUrl });
    const told = await noticesOf(r.id);
    expect(told.map((n) => [n.kind, n.userId])).toEqual([["at_risk", agent.actor.id]]);
    expect(told[0]!.data).toMatchObject({ ref: r.ref, type: "complaint", dueDate: r.dueDate, days: 0, unassigned: false });

    const mails = await mailTo(agent.email, r.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload).toMatchObject({ subject: `【临近期限】申请 ${r.ref} 还剩 0 个工作日` });
    expect(mails[0]!.body).toContain(`${siteUrl}/queue/${r.ref}`);
    expect(mails[0]!.body).toContain(agent.actor.displayName);
  });

  it("an at-risk request nobody holds goes to every manager instead", async () => {
    const r = await fileRequest(db, patient, { type: "complaint", description: "提醒测试：无人处理" }, { now });
    await scanReminders({ db, now: tenOn(r.dueDate), index, siteUrl });
    const told = await noticesOf(r.id);
    expect(told.map((n) => n.userId).sort()).toEqual([manager.actor.id, otherManager.actor.id].sort());
    expect(told.every((n) => n.kind === "at_risk" && (n.data as { unassigned: boolean }).unassigned)).toBe(true);
  });

  it("an overdue request produces one escalation per manager, each in their language, once", async () => {
    const r = await claimedComplaint();
    const late = new Date(r.dueAt.getTime() + 3_600_000);
    await scanReminders({ db, now: late, index, siteUrl });
    await scanReminders({ db, now: new Date(late.getTime() + 86_400_000), index, siteUrl });
    const overdue = (await noticesOf(r.id)).filter((n) => n.kind === "overdue");
    expect(overdue.map((n) => n.userId).sort()).toEqual([manager.actor.id, otherManager.actor.id].sort());
    expect(overdue[0]!.data).toMatchObject({ ref: r.ref, assignee: agent.actor.displayName });
    const [zh] = await mailTo(manager.email, r.id);
    const [en] = await mailTo(otherManager.email, r.id);
    expect(zh!.payload).toMatchObject({ subject: `【已逾期】申请 ${r.ref} 已过答复期限` });
    expect(en!.payload).toMatchObject({ subject: `[Overdue] Request ${r.ref} is past its deadline` });
    expect(en!.body).toContain(`Assigned to: ${agent.actor.displayName}`);
  });

  it("a disabled manager is told nothing", async () => {
    const { users } = await import("@/db/schema");
    const gone = await createStaff(db, "manager", { now });
    await db.update(users).set({ disabledAt: now }).where(eq(users.id, gone.actor.id));
    const r = await claimedComplaint();
    await scanReminders({ db, now: new Date(r.dueAt.getTime() + 60_000), index, siteUrl });
    expect((await noticesOf(r.id)).some((n) => n.userId === gone.actor.id)).toBe(false);
  });
});

describe("the patient, when a question waits on them", () => {
  it("is reminded at 5 and at 10 working days of the same pause, in-app and by SMS, each once", async () => {
    const r = await requestAwaitingAnswer(db, patient, agent.actor, {
      now,
      input: { type: "complaint", description: "提醒测试：等待患者" },
      question: "请告诉我们是哪一次问诊。",
    });
    const day = (n: number) => tenOn(index.addWorkingDays(shanghaiDateOf(now), n));
    await scanReminders({ db, now: day(4), index, siteUrl });
    expect(await noticesOf(r.id)).toHaveLength(0);
    await scanReminders({ db, now: day(5), index, siteUrl });
    await scanReminders({ db, now: day(6), index, siteUrl });
    let told = await noticesOf(r.id);
    expect(told.map((n) => [n.kind, n.userId, (n.data as { days: number }).days])).toEqual([["waiting_on_patient", patient.actor.id, 5]]);
    await scanReminders({ db, now: day(10), index, siteUrl });
    await scanReminders({ db, now: day(11), index, siteUrl });
    told = await noticesOf(r.id);
    expect(told.map((n) => (n.data as { days: number }).days)).toEqual([5, 10]);
    const sms = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.requestId, r.id), eq(outbox.template, "request_waiting")));
    expect(sms.map((m) => [m.channel, m.recipient])).toEqual([
      ["sms", patient.actor.phone],
      ["sms", patient.actor.phone],
    ]);
    expect(sms[0]!.body).toContain(`${r.ref} 已等待您回复 5 个工作日`);
    // Staff are not e-mailed about the patient's side.
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.requestId, r.id), eq(outbox.channel, "email"))),
    ).toHaveLength(0);
  });

  it("an answered question is not a waiting one", async () => {
    const r = await requestAwaitingAnswer(db, patient, agent.actor, {
      now,
      input: { type: "complaint", description: "提醒测试：已回复" },
      question: "请补充说明。",
    });
    await step(db, agent.actor, r.ref, { kind: "resume" }, now);
    await scanReminders({ db, now: tenOn(index.addWorkingDays(shanghaiDateOf(now), 6)), index, siteUrl });
    expect((await noticesOf(r.id)).filter((n) => n.kind === "waiting_on_patient")).toHaveLength(0);
  });
});

describe("the managers' daily digest", () => {
  it("counts the open requests by state and names the most urgent first; one per manager and working day", async () => {
    const workday = tenOn(index.isWorkingDay(shanghaiDateOf(now)) ? shanghaiDateOf(now) : index.addWorkingDays(shanghaiDateOf(now), 1));
    const data = await digestData({ db, now: workday, index, siteUrl });
    expect(data.counts.total).toBe(data.counts.on_track + data.counts.at_risk + data.counts.overdue);
    expect(data.counts.total).toBeGreaterThan(0);
    expect(data.urgent.length).toBeLessThanOrEqual(10);
    const dues = data.urgent.map((u) => u.dueDate);
    expect(dues).toEqual([...dues].sort());

    const first = await sendDailyDigest({ db, now: workday, index, siteUrl });
    const again = await sendDailyDigest({ db, now: new Date(workday.getTime() + 3_600_000), index, siteUrl });
    expect(first).toMatchObject({ workingDay: true, sent: 2 });
    expect(again.sent).toBe(0);
    const digests = await db.select().from(notices).where(eq(notices.kind, "digest"));
    expect(digests.map((d) => d.userId).sort()).toEqual([manager.actor.id, otherManager.actor.id].sort());
    const [mail] = await mailTo(manager.email, null).then((rows) => rows.filter((m) => m.template === "digest"));
    expect(mail!.body).toContain(`未结申请共 ${data.counts.total} 件`);
    expect(mail!.body).toContain(data.urgent[0]!.ref);
  });

  it("sends nothing on a day off", async () => {
    let d = shanghaiDateOf(now);
    while (index.isWorkingDay(d)) d = shanghaiDateOf(new Date(startOfShanghaiDay(d).getTime() + 36 * 3_600_000));
    expect(await sendDailyDigest({ db, now: tenOn(d), index, siteUrl })).toMatchObject({ workingDay: false, sent: 0 });
  });
});

describe("wording", () => {
  it("an e-mail says only what the notice recorded, in the reader's language", () => {
    const data = { ref: "DSR-2026-000042", type: "deletion", dueDate: "2026-12-04", days: 1, unassigned: false };
    const zh = noticeEmail("at_risk", data, { name: "王芳", locale: "zh-CN", siteUrl: "https://p.example/" });
    expect(zh.subject).toBe("【临近期限】申请 DSR-2026-000042 还剩 1 个工作日");
    expect(zh.text).toContain("王芳，您好：");
    expect(zh.text).toContain("删除个人信息");
    expect(zh.text).toContain("2026年12月4日");
    expect(zh.text).toContain("https://p.example/queue/DSR-2026-000042");
    const en = noticeEmail("at_risk", data, { name: "Fang Wang", locale: "en", siteUrl: "https://p.example" });
    expect(en.subject).toBe("[Due soon] Request DSR-2026-000042 has 1 working day left");
    expect(en.text).toContain("Dec 4, 2026");
  });
});

describe("reading notices", () => {
  it("a staff member sees and marks read only their own reminders; another's is not found, a patient is refused", async () => {
    const { performAction } = await import("@/lib/actions/perform");
    const { markNoticeReadDefinition, unreadStaffNotices } = await import("./queries");
    const r = await claimedComplaint();
    await scanReminders({ db, now: tenOn(r.dueDate), index, siteUrl, only: [r.id] });
    const mine = await unreadStaffNotices(db, agent.actor);
    const notice = mine.rows.find((n) => n.data.ref === r.ref)!;
    expect(notice.kind).toBe("at_risk");
    const opts = { db, now, locale: "zh-CN" as const };
    expect(await performAction(markNoticeReadDefinition, manager.actor, { id: notice.id }, opts)).toMatchObject({ ok: false, error: "not_found" });
    expect(await performAction(markNoticeReadDefinition, patient.actor, { id: notice.id }, opts)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await performAction(markNoticeReadDefinition, agent.actor, { id: "not-an-id" }, opts)).toMatchObject({
      ok: false,
      error: "invalid_input",
    });
    expect(await performAction(markNoticeReadDefinition, agent.actor, { id: notice.id }, opts)).toMatchObject({ ok: true });
    expect((await unreadStaffNotices(db, agent.actor)).rows.some((n) => n.id === notice.id)).toBe(false);
    await expect(unreadStaffNotices(db, patient.actor)).rejects.toThrow();
  });

  it("a patient sees the reminder of the question still waiting on them, not once they have answered", async () => {
    const { waitingReminders } = await import("./queries");
    const other = await createPatient(db, { now });
    const r = await requestAwaitingAnswer(db, other, agent.actor, {
      now,
      input: { type: "complaint", description: "提醒测试：患者页面" },
      question: "请补充时间。",
    });
    await scanReminders({ db, now: tenOn(index.addWorkingDays(shanghaiDateOf(now), 5)), index, siteUrl, only: [r.id] });
    expect((await waitingReminders(db, other.actor)).map((n) => n.data.ref)).toEqual([r.ref]);
    expect((await waitingReminders(db, patient.actor)).some((n) => n.requestId === r.id)).toBe(false);
    await step(db, agent.actor, r.ref, { kind: "resume" }, now);
    expect(await waitingReminders(db, other.actor)).toEqual([]);
  });
});
