/**
 * The request page's and the template editor's server actions as Next calls them, with the session and the
 * database swapped for a test user and a test database: the role is checked before anything else.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, replyTemplates, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";

const state = vi.hoisted(() => ({
  db: undefined as unknown,
  user: undefined as { id: string; role: string } | undefined,
  sessions: {} as Record<string, string>,
}));
vi.mock("@/lib/auth/options", () => ({ authOptions: {} }));
vi.mock("next-auth", () => ({
  // A real session row per user, as a sign-in starts it, so getActor checks it as it checks any.
  getServerSession: async () => {
    if (!state.user) return null;
    const { startSession } = await import("@/lib/auth/sessions");
    state.sessions[state.user.id] ??= await startSession(state.db as Db, state.user.id, new Date());
    return { user: { id: state.user.id, role: state.user.role, sv: 0, sid: state.sessions[state.user.id] } };
  },
}));
vi.mock("next-intl/server", async (original) => ({ ...(await original<object>()), getLocale: async () => "zh-CN" }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/db/client", async (original) => ({ ...(await original<object>()), getDb: async () => state.db }));

const { claimAction, assignAction, noteAction, refuseAction } = await import("@/app/(staff)/queue/[ref]/actions");
const { saveTemplateAction } = await import("@/app/(staff)/queue/templates/actions");
const { listReplyTemplates } = await import("./reply-templates");

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, agent: Actor, manager: Actor;
beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "1";
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  state.db = db;
  patient = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
  manager = await makeUser(db, "manager");
});
afterAll(() => cleanup());
beforeEach(() => {
  state.user = undefined;
});

const form = (fields: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
  return f;
};
const as = (who: Actor | undefined) => {
  state.user = who && { id: who.id, role: who.role };
};
const digestOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { digest?: string }).digest;
  }
  return "resolved";
};

describe("staff server actions", () => {
  it("answer a patient 403 and a signed-out visitor a redirect to staff sign-in, writing nothing", async () => {
    const r = await makeRequest(db, patient);
    as(patient);
    for (const action of [claimAction, noteAction, refuseAction]) {
      expect(await digestOf(action(form({ ref: r.ref, version: 0, body: "x", reason: "impractical", explanation: "x" })))).toBe(
        "NEXT_HTTP_ERROR_FALLBACK;403",
      );
    }
    as(undefined);
    expect(await digestOf(claimAction(form({ ref: r.ref, version: 0 })))).toMatch(/^NEXT_REDIRECT;.*\/staff\/signin/);
    const [row] = await db.select().from(requests).where(eq(requests.id, r.id));
    expect(row!.version).toBe(0);
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, r.id))).toEqual([]);
  });

  it("let agents claim, and only managers assign or edit templates", async () => {
    const r = await makeRequest(db, patient);
    as(agent);
    expect(await claimAction(form({ ref: r.ref, version: 0 }))).toMatchObject({ ok: true, message: "staff.done.claim" });
    expect(await digestOf(assignAction(form({ ref: r.ref, version: 1, assigneeId: manager.id })))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    const [template] = await listReplyTemplates(db, agent, "access");
    expect(await digestOf(saveTemplateAction(form({ id: template!.id, title: "x", body: "y" })))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");

    as(manager);
    expect(await assignAction(form({ ref: r.ref, version: 1, assigneeId: manager.id }))).toMatchObject({ ok: true });
    expect(await saveTemplateAction(form({ id: template!.id, title: "", body: "y" }))).toMatchObject({
      ok: false,
      fieldErrors: { title: "required" },
    });
    expect(await saveTemplateAction(form({ id: template!.id, title: "标题", body: "正文 {ref}" }))).toMatchObject({ ok: true });
    const [saved] = await db.select().from(replyTemplates).where(eq(replyTemplates.id, template!.id));
    expect(saved).toMatchObject({ title: "标题", body: "正文 {ref}" });
  });
});
