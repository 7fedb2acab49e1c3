import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { applyTransition } from "@/lib/requests/transitions";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { latestOutbox } from "./queries";

let db: Db;
let cleanup: () => Promise<void>;
let alice: Actor, agent: Actor;
const now = testNow();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  alice = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
});
afterAll(() => cleanup());

describe("the demo outbox (/dev/outbox)", () => {
  it("shows each SMS once, though a request's SMS is also written as an in-portal notice", async () => {
    const r = await makeRequest(db, alice, { receivedAt: daysFrom(now, -3) });
    const claimed = await applyTransition(db, agent, { ref: r.ref, version: 0, action: { kind: "claim" } }, daysFrom(now, -2));
    expect(claimed.ok).toBe(true);
    const paused = await applyTransition(
      db,
      agent,
      { ref: r.ref, version: 1, action: { kind: "pause", reason: "clarification", message: "请说明要删除哪些照片" } },
      daysFrom(now, -1),
    );
    expect(paused.ok).toBe(true);
    // The pause wrote the SMS and its in-portal copy, with the same text.
    const written = await db.select({ channel: outbox.channel, body: outbox.body }).from(outbox);
    const smsBodies = written.filter((m) => m.channel === "sms").map((m) => m.body);
    expect(smsBodies.length).toBeGreaterThan(0);
    expect(written.filter((m) => m.channel === "portal").map((m) => m.body)).toEqual(expect.arrayContaining(smsBodies));

    const all = await latestOutbox(db, { limit: 50 });
    expect(all.map((m) => m.channel)).not.toContain("portal");
    expect(all.map((m) => m.body).sort()).toEqual([...smsBodies].sort());
    expect(new Set(all.map((m) => m.body)).size).toBe(all.length);
    const mine = await latestOutbox(db, { recipient: alice.phone!, limit: 50 });
    expect(mine.map((m) => m.body).sort()).toEqual([...smsBodies].sort());
  });
});
