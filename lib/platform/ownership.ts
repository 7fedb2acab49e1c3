import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { accounts, automatedDecisions } from "@/db/schema";
import { selectOwned, wholeAccount } from "@/lib/categories/records";
import { CANCELLATION_BLOCKERS, entryOf, REGISTRY, type CancellationBlocker } from "@/lib/categories/registry";
import { isUuid } from "@/lib/domain";
import type { DataCategory } from "@/lib/requests/categories";
import { asSubject, type Subject } from "./subject";

const SERIAL = /^\d{1,18}$/;

/**
 * Which of `ids` (of one category) are records of the subject: the account holder's own (a bare account id means
 * them), or one 就诊人's of that account. Malformed ids, and another person's records, are simply not owned.
 */
export async function ownedIds(conn: Conn, subject: Subject | string, category: DataCategory, ids: string[]): Promise<Set<string>> {
  const entry = entryOf(category);
  const valid = entry.id.kind === "serial" ? ids.filter((id) => SERIAL.test(id)).map(Number) : ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await selectOwned(conn, entry, asSubject(subject), { id: entry.id.column }, { where: inArray(entry.id.column, valid) });
  return new Set(rows.map((r) => String(r.id)));
}

/** Whether the decision was made about the subject: automated decisions are the account holder's only. */
export async function ownsDecision(conn: Conn, subject: Subject | string, decisionId: string): Promise<boolean> {
  const { accountId, patientId } = asSubject(subject);
  if (!isUuid(decisionId) || patientId !== null) return false;
  const [row] = await conn
    .select({ id: automatedDecisions.id })
    .from(automatedDecisions)
    .where(and(eq(automatedDecisions.id, decisionId), eq(automatedDecisions.accountId, accountId)));
  return Boolean(row);
}

export async function accountByPhone(conn: Conn, phone: string) {
  const [row] = await conn
    .select()
    .from(accounts)
    .where(and(eq(accounts.phone, phone), eq(accounts.status, "active")));
  return row ?? null;
}

export type { CancellationBlocker };

/**
 * What stops an account from being closed now (policy §8.5), per the registry's `blocksCancellation`: an
 * unfinished consultation (the account holder's or a 就诊人's of the account), an undelivered order, a balance.
 */
export async function cancellationBlockers(conn: Conn, accountId: string): Promise<CancellationBlocker[]> {
  const found = new Set<CancellationBlocker>();
  for (const entry of REGISTRY) {
    if (!entry.blocksCancellation) continue;
    const [row] = await selectOwned(
      conn,
      entry,
      wholeAccount(accountId),
      { n: sql<number>`count(*)::int` },
      { where: entry.blocksCancellation.when },
    );
    if (Number(row?.n ?? 0) > 0) found.add(entry.blocksCancellation.blocker);
  }
  return CANCELLATION_BLOCKERS.filter((b) => found.has(b));
}
