import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
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
  type Request,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { maskIdNumber } from "@/lib/identity/real-name";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { DATA_CATEGORIES } from "./categories";
import { isStaff } from "./staff-roles";

/**
 * The subject's hospital records that matter for the request (read-only, from the `platform` schema, only rows
 * of the subject's own account): the asked-for categories for access, portability and deletion; the fields for a
 * correction; the consents; the account for a cancellation; the decision for an explanation.
 */

/** Record categories, named as the app files them (lib/requests/categories.ts) plus automated decisions. */
export const RECORD_CATEGORIES = [...DATA_CATEGORIES, "automated_decisions"] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Older requests (and the demo seed) name categories by table. */
const ALIASES: Record<string, RecordCategory> = {
  accounts: "account",
  real_name_verifications: "real_name",
  consultation_photos: "photos",
};

export function recordCategoryOf(raw: string): RecordCategory | null {
  const c = ALIASES[raw] ?? raw;
  return (RECORD_CATEGORIES as readonly string[]).includes(c) ? (c as RecordCategory) : null;
}

type Counted = { category: RecordCategory; total: number; restricted: number | null };

async function countOf(conn: Conn, table: PgTable, accountCol: PgColumn, accountId: string, restrictedCol?: PgColumn) {
  const [row] = await conn
    .select({
      total: count(),
      restricted: restrictedCol ? sql<number>`count(${restrictedCol})::int` : sql<null>`null`,
    })
    .from(table)
    .where(eq(accountCol, accountId));
  return { total: row?.total ?? 0, restricted: (row?.restricted as number | null) ?? null };
}

async function countCategory(conn: Conn, accountId: string, category: RecordCategory): Promise<Counted> {
  const c = (v: { total: number; restricted: number | null }): Counted => ({ category, ...v });
  switch (category) {
    case "account":
      return c(await countOf(conn, accounts, accounts.id, accountId));
    case "real_name":
      return c(await countOf(conn, realNameVerifications, realNameVerifications.accountId, accountId));
    case "consultations":
      return c(await countOf(conn, consultations, consultations.accountId, accountId, consultations.restrictedAt));
    case "appointments":
      return c(await countOf(conn, appointments, appointments.accountId, accountId, appointments.restrictedAt));
    case "photos": {
      const [row] = await conn
        .select({ total: count(), restricted: sql<number>`count(${consultationPhotos.restrictedAt})::int` })
        .from(consultationPhotos)
        .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
        .where(eq(consultations.accountId, accountId));
      return c({ total: row?.total ?? 0, restricted: row?.restricted ?? 0 });
    }
    case "prescriptions":
      return c(await countOf(conn, prescriptions, prescriptions.accountId, accountId, prescriptions.restrictedAt));
    case "bank_cards":
      return c(await countOf(conn, bankCards, bankCards.accountId, accountId));
    case "orders":
      return c(await countOf(conn, orders, orders.accountId, accountId, orders.restrictedAt));
    case "addresses":
      return c(await countOf(conn, addresses, addresses.accountId, accountId));
    case "consents":
      return c(await countOf(conn, consents, consents.accountId, accountId));
    case "automated_decisions":
      return c(await countOf(conn, automatedDecisions, automatedDecisions.accountId, accountId));
    case "browsing_logs":
      return c(await countOf(conn, browsingLogs, browsingLogs.accountId, accountId));
  }
}

/** Correctable fields: `record.field` (as filed by the app, or by table and column in older requests). */
const FIELD_SOURCES: Record<string, { column: PgColumn; table: PgTable; id: PgColumn; owner: (accountId: string) => SQL }> = {};
function field(key: string, table: PgTable, column: PgColumn, id: PgColumn, owner: (accountId: string) => SQL) {
  FIELD_SOURCES[key] = { table, column, id, owner };
}
field("account.nickname", accounts, accounts.nickname, accounts.id, (a) => eq(accounts.id, a));
field("account.gender", accounts, accounts.gender, accounts.id, (a) => eq(accounts.id, a));
field("account.birthDate", accounts, accounts.birthDate, accounts.id, (a) => eq(accounts.id, a));
field("account.email", accounts, accounts.email, accounts.id, (a) => eq(accounts.id, a));
field("real_name.realName", realNameVerifications, realNameVerifications.realName, realNameVerifications.id, (a) => eq(realNameVerifications.accountId, a));
for (const f of ["recipientName", "phone", "province", "city", "district", "detail", "postalCode"] as const) {
  field(`address.${f}`, addresses, addresses[f], addresses.id, (a) => eq(addresses.accountId, a));
}
field("consultation.chiefComplaint", consultations, consultations.chiefComplaint, consultations.id, (a) => eq(consultations.accountId, a));

/** "accounts.nickname" → "account.nickname", "consultations.chief_complaint" → "consultation.chiefComplaint". */
export function normaliseField(raw: string): string {
  const [record = "", column = ""] = raw.split(".", 2);
  const rec = { accounts: "account", addresses: "address", consultations: "consultation", real_name_verifications: "real_name" }[record] ?? record;
  const col = column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  return `${rec}.${col}`;
}

async function liveValue(conn: Conn, accountId: string, rawField: string, recordId: string): Promise<string | null> {
  const src = FIELD_SOURCES[normaliseField(rawField)];
  if (!src || !/^[0-9a-f-]{36}$/i.test(recordId)) return null;
  const [row] = await conn
    .select({ value: sql<string | null>`${src.column}::text` })
    .from(src.table)
    .where(and(eq(src.id, recordId), src.owner(accountId)));
  return row ? (row.value ?? "") : null;
}

export type PlatformRecords = {
  account: { nickname: string; status: string; createdAt: Date; cancelledAt: Date | null; balanceCents: number } | null;
  realName: { realName: string; idNumberMasked: string; verifiedAt: Date } | null;
  categories: (Counted & { raw: string })[];
  unknownCategories: string[];
  corrections: { field: string; recordId: string; filedCurrent: string; requested: string; live: string | null }[];
  consents: { key: string; granted: boolean; changedAt: Date; asked: boolean }[];
  decisions: { id: string; kind: string; outcome: string; decidedAt: Date; asked: boolean }[];
  cancellationBlockers: string[];
  relatedRequestRef: string | null;
};

const empty = (): PlatformRecords => ({
  account: null,
  realName: null,
  categories: [],
  unknownCategories: [],
  corrections: [],
  consents: [],
  decisions: [],
  cancellationBlockers: [],
  relatedRequestRef: null,
});

/** The records relevant to the request's type; nothing when the platform does not know the subject. */
export async function platformRecordsFor(
  conn: Conn,
  actor: Actor,
  r: Pick<Request, "type" | "scope" | "subjectAccountId">,
): Promise<PlatformRecords> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const scope = r.scope ?? {};
  const out: PlatformRecords = { ...empty(), relatedRequestRef: typeof scope.relatedRequestRef === "string" ? scope.relatedRequestRef : null };
  const accountId = r.subjectAccountId;
  if (!accountId) return out;

  const [account] = await conn
    .select({ nickname: accounts.nickname, status: accounts.status, createdAt: accounts.createdAt, cancelledAt: accounts.cancelledAt, balanceCents: accounts.balanceCents })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  out.account = account ?? null;
  const [rn] = await conn
    .select({ realName: realNameVerifications.realName, idNumber: realNameVerifications.idNumber, verifiedAt: realNameVerifications.verifiedAt })
    .from(realNameVerifications)
    .where(eq(realNameVerifications.accountId, accountId));
  out.realName = rn ? { realName: rn.realName, idNumberMasked: maskIdNumber(rn.idNumber), verifiedAt: rn.verifiedAt } : null;

  if (r.type === "access" || r.type === "portability" || r.type === "deletion") {
    for (const raw of scope.categories ?? []) {
      const category = recordCategoryOf(raw);
      if (category) out.categories.push({ ...(await countCategory(conn, accountId, category)), raw });
      else out.unknownCategories.push(raw);
    }
  }
  if (r.type === "correction") {
    for (const c of scope.corrections ?? []) {
      out.corrections.push({
        field: c.field,
        recordId: c.recordId,
        filedCurrent: c.current ?? "",
        requested: c.requested ?? "",
        live: await liveValue(conn, accountId, c.field, c.recordId),
      });
    }
  }
  if (r.type === "consent") {
    const asked = new Set(scope.consents ?? []);
    const rows = await conn
      .select({ key: consents.key, granted: consents.granted, changedAt: consents.changedAt })
      .from(consents)
      .where(eq(consents.accountId, accountId))
      .orderBy(consents.key);
    out.consents = rows.map((x) => ({ ...x, asked: asked.has(x.key) }));
  }
  if (r.type === "automated_decision") {
    const rows = await conn
      .select({ id: automatedDecisions.id, kind: automatedDecisions.kind, outcome: automatedDecisions.outcome, decidedAt: automatedDecisions.decidedAt })
      .from(automatedDecisions)
      .where(eq(automatedDecisions.accountId, accountId))
      .orderBy(desc(automatedDecisions.decidedAt))
      .limit(20);
    out.decisions = rows.map((x) => ({ ...x, asked: x.id === scope.decisionId }));
  }
  if (r.type === "cancellation") out.cancellationBlockers = await cancellationBlockers(conn, accountId);
  return out;
}
