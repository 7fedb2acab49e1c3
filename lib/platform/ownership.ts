import { and, eq, inArray, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import {
  accounts,
  addresses,
  appointments,
  automatedDecisions,
  bankCards,
  browsingLogs,
  consents,
  consultationPhotos,
  consultations,
  orders,
  prescriptions,
  realNameVerifications,
} from "@/db/schema";
import type { DataCategory } from "@/lib/requests/categories";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which of `ids` (of one category) are records of `accountId`. Malformed ids are simply not owned. */
export async function ownedIds(conn: Conn, accountId: string, category: DataCategory, ids: string[]): Promise<Set<string>> {
  if (category === "browsing_logs") {
    const numeric = ids.filter((id) => /^\d{1,18}$/.test(id)).map(Number);
    if (numeric.length === 0) return new Set();
    const rows = await conn
      .select({ id: browsingLogs.id })
      .from(browsingLogs)
      .where(and(eq(browsingLogs.accountId, accountId), inArray(browsingLogs.id, numeric)));
    return new Set(rows.map((r) => String(r.id)));
  }
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Set();
  const byAccount = {
    account: [accounts, accounts.id, accounts.id],
    real_name: [realNameVerifications, realNameVerifications.id, realNameVerifications.accountId],
    consultations: [consultations, consultations.id, consultations.accountId],
    appointments: [appointments, appointments.id, appointments.accountId],
    prescriptions: [prescriptions, prescriptions.id, prescriptions.accountId],
    bank_cards: [bankCards, bankCards.id, bankCards.accountId],
    orders: [orders, orders.id, orders.accountId],
    addresses: [addresses, addresses.id, addresses.accountId],
    consents: [consents, consents.id, consents.accountId],
  } as const;
  if (category === "photos") {
    const rows = await conn
      .select({ id: consultationPhotos.id })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(and(eq(consultations.accountId, accountId), inArray(consultationPhotos.id, valid)));
    return new Set(rows.map((r) => r.id));
  }
  const [table, idColumn, accountColumn] = byAccount[category];
  const rows = await conn
    .select({ id: idColumn })
    .from(table)
    .where(and(eq(accountColumn, accountId), inArray(idColumn, valid)));
  return new Set(rows.map((r) => r.id as string));
}

export async function ownsDecision(conn: Conn, accountId: string, decisionId: string): Promise<boolean> {
  if (!UUID.test(decisionId)) return false;
  const [row] = await conn
    .select({ id: automatedDecisions.id })
    .from(automatedDecisions)
    .where(and(eq(automatedDecisions.id, decisionId), eq(automatedDecisions.accountId, accountId)));
  return Boolean(row);
}

export async function accountByPhone(conn: Conn, phone: string) {
  const [row] = await conn.select().from(accounts).where(and(eq(accounts.phone, phone), eq(accounts.status, "active")));
  return row ?? null;
}

export type CancellationBlocker = "unfinished_consultation" | "undelivered_order" | "balance";

/** What stops an account from being closed now (policy §8.5): unfinished consultations or orders, a balance. */
export async function cancellationBlockers(conn: Conn, accountId: string): Promise<CancellationBlocker[]> {
  const [account] = await conn.select({ balance: accounts.balanceCents }).from(accounts).where(eq(accounts.id, accountId));
  const [open] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(consultations)
    .where(and(eq(consultations.accountId, accountId), eq(consultations.status, "ongoing")));
  const [undelivered] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.status, ["pending_payment", "paid", "shipped"])));
  const blockers: CancellationBlocker[] = [];
  if ((open?.n ?? 0) > 0) blockers.push("unfinished_consultation");
  if ((undelivered?.n ?? 0) > 0) blockers.push("undelivered_order");
  if ((account?.balance ?? 0) !== 0) blockers.push("balance");
  return blockers;
}
