import { z } from "zod";
import { getDb } from "@/db/client";
import { CANCELLATION_BLOCKERS } from "@/lib/categories/registry";
import { PATIENT_RELATIONSHIPS } from "@/lib/domain/values";
import { env } from "@/lib/env";
import { shanghaiDateOf, startOfShanghaiDay } from "@/lib/sla";
import { logUnexpected } from "@/lib/errors";
import { eq } from "drizzle-orm";
import { requests } from "@/db/schema";
import { loadWorkingDayIndex } from "@/lib/calendar/queries";
import { sendDailyDigest } from "@/lib/reminders/digest";
import { PATIENT_WAITING_REMINDERS, scanReminders } from "@/lib/reminders/scan";
import {
  answeredQuestion,
  createPatient,
  createStaff,
  fileRequest,
  loadPatient,
  requestAwaitingAnswer,
  step,
  type TestPatient,
  type TestStaff,
} from "@/lib/testing/factories";

/**
 * Test data for the browser tests, made by the same factories as the integration tests (lib/testing/factories.ts):
 * each spec creates its own patient, staff member or request instead of relying on the demo's. Exists only when
 * the server runs with E2E_FIXTURES=1 and DEMO_MODE=1 (the Playwright config sets both; never set them in
 * production) and answers only the machine itself; everywhere else it is a plain 404.
 */
const Phone = z.string().regex(/^1\d{10}$/);
const Inputs = {
  patient: z.object({
    blocker: z.enum(CANCELLATION_BLOCKERS).optional(),
    records: z.boolean().optional(),
    realName: z.boolean().optional(),
    locale: z.enum(["zh-CN", "en"]).optional(),
    /** 就诊人 of the account, each by relationship and age in whole years today. */
    familyMembers: z
      .array(z.object({ relationship: z.enum(PATIENT_RELATIONSHIPS), age: z.number().int().min(0).max(110) }))
      .max(3)
      .optional(),
  }),
  staff: z.object({ role: z.enum(["agent", "manager", "admin"]) }),
  /** A request of the patient with `phone` (or of a new one) that an agent claimed and paused with a question. */
  "request-awaiting-answer": z.object({ phone: Phone.optional(), question: z.string().min(1).max(500) }),
  /** A request a new agent claimed, scanned for reminders on its due date: at risk, so the agent is reminded. */
  "request-at-risk": z.object({}),
  /** A request a new agent claimed, scanned the day after its due date: overdue, so a new manager is told. */
  "request-overdue": z.object({}),
  /** The managers' daily digest, sent to a new manager at 09:00 of the next working day. */
  "daily-digest": z.object({}),
  /** The reminder scan for request `ref` (waiting on its patient) as it runs 5 working days after the pause. */
  "waiting-reminder": z.object({ ref: z.string().regex(/^DSR-\d{4}-\d{6}$/) }),
  /** A general question of the patient with `phone` that an agent answered: a closed request. */
  "request-answered": z.object({ phone: Phone, description: z.string().min(1).max(500), reply: z.string().min(1).max(500) }),
} as const;

type Fixture = keyof typeof Inputs;
type Input<F extends Fixture> = z.infer<(typeof Inputs)[F]>;
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** How a browser test signs in as a staff member a fixture made. */
const credentials = (s: TestStaff) => ({ email: s.email, password: s.password, name: s.actor.displayName });

const shown = (p: TestPatient) => ({
  phone: p.phone,
  name: p.name,
  last4: p.last4,
  email: p.email,
  familyMembers: p.familyMembers.map((f) => ({ name: f.name, relationship: f.relationship })),
});

/** A birth date `age` years before `now` (Shanghai), a little after the day so the age is whole on any day. */
function bornYearsAgo(now: Date, age: number): string {
  const today = shanghaiDateOf(now);
  const [y, m] = today.split("-").map(Number) as [number, number];
  // The first of the month before this one, `age` years back: `age` whole years old today, a birthday passed.
  const month = m === 1 ? 12 : m - 1;
  const year = (m === 1 ? y - 1 : y) - age;
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

async function make(fixture: Fixture, input: Record<string, unknown>) {
  const db = await getDb();
  const now = new Date();
  switch (fixture) {
    case "patient": {
      const { familyMembers, ...opts } = input as Input<"patient">;
      const members = (familyMembers ?? []).map((f) => ({ relationship: f.relationship, birthDate: bornYearsAgo(now, f.age) }));
      return shown(await createPatient(db, { now, ...opts, familyMembers: members }));
    }
    case "staff": {
      const s = await createStaff(db, (input as Input<"staff">).role, { now });
      return { email: s.email, password: s.password, name: s.actor.displayName };
    }
    case "request-awaiting-answer": {
      const { phone, question } = input as Input<"request-awaiting-answer">;
      const patient = phone ? await loadPatient(db, phone) : await createPatient(db, { now });
      if (!patient) return null;
      const staff = await createStaff(db, "agent", { now });
      const r = await requestAwaitingAnswer(db, patient, staff.actor, {
        now,
        input: { type: "deletion", categories: ["photos"], ground: "no_longer_necessary" },
        question,
      });
      return { ...shown(patient), ref: r.ref, staff: credentials(staff) };
    }
    case "request-at-risk": {
      const patient = await createPatient(db, { now });
      const staff = await createStaff(db, "agent", { now });
      const filed = await fileRequest(db, patient, { type: "complaint", description: `提醒测试 ${staff.actor.displayName}` }, { now });
      const r = await step(db, staff.actor, filed.ref, { kind: "claim" }, now);
      const dueDay = new Date(startOfShanghaiDay(r.dueDate).getTime() + 10 * 3_600_000);
      await scanReminders({ db, now: dueDay, siteUrl: "http://localhost", only: [r.id] });
      return { ref: r.ref, staff: credentials(staff) };
    }
    case "request-overdue": {
      const patient = await createPatient(db, { now });
      const [agent, manager] = [await createStaff(db, "agent", { now }), await createStaff(db, "manager", { now })];
      const filed = await fileRequest(db, patient, { type: "complaint", description: `逾期测试 ${agent.actor.displayName}` }, { now });
      const r = await step(db, agent.actor, filed.ref, { kind: "claim" }, now);
      const dayAfter = new Date(startOfShanghaiDay(r.dueDate).getTime() + 34 * 3_600_000);
      await scanReminders({ db, now: dayAfter, siteUrl: "http://localhost", only: [r.id], managers: [manager.actor.id] });
      return { ref: r.ref, agent: credentials(agent), manager: credentials(manager) };
    }
    case "daily-digest": {
      const manager = await createStaff(db, "manager", { now });
      const day = (await loadWorkingDayIndex(db)).addWorkingDays(shanghaiDateOf(now), 1);
      const at = new Date(startOfShanghaiDay(day).getTime() + 9 * 3_600_000);
      const report = await sendDailyDigest({ db, now: at, siteUrl: "http://localhost", managers: [manager.actor.id] });
      return { sent: report.sent, manager: credentials(manager) };
    }
    case "waiting-reminder": {
      const [r] = await db
        .select()
        .from(requests)
        .where(eq(requests.ref, (input as Input<"waiting-reminder">).ref));
      if (!r?.pausedAt) return null;
      const index = await loadWorkingDayIndex(db);
      const day = index.addWorkingDays(shanghaiDateOf(r.pausedAt), PATIENT_WAITING_REMINDERS[0]);
      const report = await scanReminders({
        db,
        now: new Date(startOfShanghaiDay(day).getTime() + 10 * 3_600_000),
        index,
        siteUrl: "http://localhost",
        only: [r.id],
      });
      return { ref: r.ref, ...report };
    }
    case "request-answered": {
      const { phone, description, reply } = input as Input<"request-answered">;
      const patient = await loadPatient(db, phone);
      if (!patient) return null;
      const staff = await createStaff(db, "agent", { now });
      const r = await answeredQuestion(db, patient, staff.actor, { now, description, reply });
      return { ref: r.ref };
    }
  }
}

export async function POST(req: Request, { params }: { params: Promise<{ fixture: string }> }) {
  const { fixture } = await params;
  const e = env();
  const open = e.E2E_FIXTURES === "1" && e.DEMO_MODE === "1" && LOOPBACK.has(req.headers.get("x-dsr-client-ip") ?? "");
  if (!open || !(fixture in Inputs)) {
    return new Response(null, { status: 404 });
  }
  const schema: z.ZodType<Record<string, unknown>> = Inputs[fixture as Fixture];
  const parsed = schema.safeParse(await req.json().catch(() => ({})));
  if (!parsed.success) return Response.json({ error: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  try {
    const made = await make(fixture as Fixture, parsed.data);
    return made ? Response.json(made, { status: 201 }) : Response.json({ error: "no_such_patient" }, { status: 404 });
  } catch (e) {
    return Response.json({ error: "unexpected", ref: logUnexpected(e, { route: `POST /api/e2e/${fixture}` }) }, { status: 500 });
  }
}
