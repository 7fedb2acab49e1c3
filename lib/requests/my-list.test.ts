import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { makeRequest, makeUser } from "@/test/fixtures";
import { listMyRequests } from "./queries";

let db: Db;
let cleanup: () => Promise<void>;
let alice: Actor, bob: Actor, agent: Actor;
const now = testNow();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  alice = await makeUser(db, "patient");
  bob = await makeUser(db, "patient");
  agent = await makeUser(db, "agent");
});
afterAll(() => cleanup());

describe("a patient's list of requests", () => {
  it("puts what waits on the patient first (with what is needed), then open requests, then closed ones; newest first within each", async () => {
    // Filed one a day, oldest first: the newest request is a closed one, the oldest waits on the patient.
    const at = (n: number) => daysFrom(now, n - 20);
    const question = await makeRequest(db, alice, {
      receivedAt: at(1),
      extra: { status: "awaiting_requester", pauseReason: "clarification", pausedAt: at(2) },
    });
    const proof = await makeRequest(db, alice, {
      receivedAt: at(2),
      extra: { status: "awaiting_requester", pauseReason: "identity", pausedAt: at(3) },
    });
    const openOld = await makeRequest(db, alice, { receivedAt: at(3), extra: { status: "in_progress" } });
    const fee = await makeRequest(db, alice, {
      receivedAt: at(4),
      extra: { status: "awaiting_requester", pauseReason: "fee", pausedAt: at(5), isRepeat: true, feeStatus: "quoted", feeAmount: "30.00" },
    });
    const openNew = await makeRequest(db, alice, { receivedAt: at(5) });
    const completed = await makeRequest(db, alice, { receivedAt: at(6), extra: { status: "completed", closedAt: at(8), outcome: "fulfilled" } });
    const withdrawn = await makeRequest(db, alice, { receivedAt: at(7), extra: { status: "withdrawn", closedAt: at(8) } });
    await makeRequest(db, bob, { receivedAt: at(9), extra: { status: "awaiting_requester", pauseReason: "clarification", pausedAt: at(9) } });

    const list = await listMyRequests(db, alice);
    expect(list.map((r) => [r.ref, r.action])).toEqual([
      [fee.ref, "fee"],
      [proof.ref, "proof"],
      [question.ref, "answer"],
      [openNew.ref, null],
      [openOld.ref, null],
      [withdrawn.ref, null],
      [completed.ref, null],
    ]);
    expect(list.find((r) => r.ref === withdrawn.ref)?.status).toBe("withdrawn");
  });

  it("is for patients only", async () => {
    await expect(listMyRequests(db, agent)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
