/**
 * POST /api/requests as a client calls it, with the session and the database swapped for a test patient and a
 * test database: the portal form's definition (lib/requests/submit-action.ts) answered as HTTP statuses.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
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
vi.mock("@/db/client", async (original) => ({ ...(await original<object>()), getDb: async () => state.db }));

const { POST } = await import("./route");

const post = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://localhost/api/requests", {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
  );

let db: Db;
let cleanup: () => Promise<void>;
let patient: Actor, other: Actor;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  state.db = db;
  patient = await makeUser(db, "patient");
  other = await makeUser(db, "patient");
});
afterAll(() => cleanup());

describe("POST /api/requests", () => {
  it("is 401 signed out and 403 for staff", async () => {
    state.user = undefined;
    expect((await post({})).status).toBe(401);
    const agent = await makeUser(db, "agent");
    state.user = agent;
    expect((await post({})).status).toBe(403);
  });

  it("is 401 once the session has ended, though its cookie still decodes", async () => {
    const { endSession } = await import("@/lib/auth/sessions");
    const leaving = await makeUser(db, "patient");
    state.user = leaving;
    const body = { type: "complaint", idempotencyKey: randomUUID(), description: `API ${randomUUID()}` };
    expect((await post(body)).status).toBe(201);
    await endSession(db, state.sessions[leaving.id]!, new Date());
    expect((await post({ ...body, idempotencyKey: randomUUID() })).status).toBe(401);
  });

  it("files once: 201 with the reference, 200 for a retry with the same key, 409 for the same question again", async () => {
    state.user = patient;
    const body = { type: "complaint", idempotencyKey: randomUUID(), description: `API ${randomUUID()}` };
    const first = await post(body);
    expect(first.status).toBe(201);
    const filed = (await first.json()) as { ref: string; dueDate: string; replayed: boolean };
    expect(filed.ref).toMatch(/^DSR-\d{4}-\d{6,}$/);
    expect(filed).toMatchObject({ replayed: false });
    expect(filed).not.toHaveProperty("ok");

    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ ref: filed.ref, replayed: true });

    const again = await post({ ...body, idempotencyKey: randomUUID() });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ ok: false, error: "duplicate", params: { request: filed.ref } });
  });

  it("is 400 for bad input with the field's code, and for a body that is not JSON; 413 for a huge one", async () => {
    state.user = patient;
    const bad = await post({ type: "complaint", idempotencyKey: randomUUID(), description: "" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { description: "required" } });
    const notJson = await post("{");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: "invalid_input" });
    expect((await post({ description: "x".repeat(100_001) })).status).toBe(413);
  });

  it("is 422 for a check that failed: a complaint about someone else's request is not_yours", async () => {
    const theirs = await makeRequest(db, other);
    state.user = patient;
    const res = await post({ type: "complaint", idempotencyKey: randomUUID(), relatedRequestRef: theirs.ref, description: "不是我的申请" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, error: "not_yours" });
  });
});
