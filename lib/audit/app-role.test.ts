/**
 * The role the app works as (db/app-role.ts): it appends to the audit log and reads it, and everything else it
 * needs works; changing, deleting or truncating audit rows, winding back its sequence or switching its triggers
 * off is refused by the database itself.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAppRole } from "@/db/app-role";
import type { Db, DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditLog } from "@/db/schema";
import { createPatient, fileRequest } from "@/lib/testing/factories";
import { testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { appendAudit } from "./log";
import { verifyAuditChain } from "./verify";

const now = testNow();
let app: DbHandle;
let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDb();
  app = await asAppRole(t.handle, t.databaseUrl);
  db = app.db;
  cleanup = async () => {
    if (app !== t.handle) await app.close();
    await t.cleanup();
  };
});
afterAll(() => cleanup());

/** The database's refusal of `statement` as the app role (null: it ran). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string | null> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(statement);
    });
    return null;
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause;
    return cause?.message ?? (e as Error).message;
  }
}

describe("the app's database role", () => {
  it("is not the owner, and does the app's work: a patient, a request, its audit rows, a verified chain", async () => {
    const [who] = rowsOf<{ name: string }>(await db.execute(sql`select current_user as name`));
    expect(who!.name).toBe("dsr_app");
    const patient = await createPatient(db, { now });
    const filed = await fileRequest(db, patient, { type: "access", categories: ["account"] }, { now });
    expect(filed.ref).toMatch(/^DSR-/);
    await db.transaction((tx) => appendAudit(tx, { actorId: null, action: "request.view", entity: "request", entityId: filed.ref, now }));
    expect((await db.select().from(auditLog)).length).toBeGreaterThan(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("cannot change, delete or truncate audit rows, wind back their sequence, or switch the append-only triggers off", async () => {
    expect(await refusal(sql`update dsr.audit_log set action = 'rewritten'`)).toMatch(/permission denied/);
    expect(await refusal(sql`delete from dsr.audit_log`)).toMatch(/permission denied/);
    expect(await refusal(sql`truncate dsr.audit_log`)).toMatch(/permission denied/);
    expect(await refusal(sql`alter table dsr.audit_log disable trigger audit_log_append_only`)).toMatch(/must be owner/);
    expect(await refusal(sql`select setval(pg_get_serial_sequence('dsr.audit_log', 'id'), 1)`)).toMatch(/permission denied/);
    expect(await refusal(sql`drop table dsr.audit_log`)).toMatch(/must be owner/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
