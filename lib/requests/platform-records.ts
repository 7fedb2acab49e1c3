import "server-only";
import { and, count, desc, eq, getTableName, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Conn } from "@/db/client";
import {
  accounts,
  addresses,
  automatedDecisions,
  consents,
  consultations,
  patients,
  realNameVerifications,
  type PatientRelationship,
  type Request,
} from "@/db/schema";
import { selectOwned } from "@/lib/categories/records";
import { entryOf, REGISTRY } from "@/lib/categories/registry";
import { isUuid } from "@/lib/domain";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { maskIdNumber } from "@/lib/identity/real-name";
import { cancellationBlockers } from "@/lib/platform/ownership";
import { subjectOf, type Subject } from "@/lib/platform/subject";
import { isStaff } from "@/lib/policy";
import { DATA_CATEGORIES } from "./categories";

/**
 * The subject's hospital records that matter for the request (read-only, from the `platform` schema, only rows
 * of the subject's own account, and of the 就诊人 it is about when it is one): the asked-for categories for access, portability and deletion; the fields for a
 * correction; the consents; the account for a cancellation; the decision for an explanation.
 */

/** Record categories, named as the app files them (lib/requests/categories.ts) plus automated decisions. */
export const RECORD_CATEGORIES = [...DATA_CATEGORIES, "automated_decisions"] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Older requests (and the demo seed) name categories by table: each registry entry's table name. */
const ALIASES: Record<string, RecordCategory> = Object.fromEntries(
  REGISTRY.filter((e) => getTableName(e.table) !== e.category).map((e) => [getTableName(e.table), e.category]),
);

export function recordCategoryOf(raw: string): RecordCategory | null {
  const c = ALIASES[raw] ?? raw;
  return (RECORD_CATEGORIES as readonly string[]).includes(c) ? (c as RecordCategory) : null;
}

type Counted = { category: RecordCategory; total: number; restricted: number | null };

/** How many records of the category the subject has, and how many of them are restricted (null: it has no restriction). */
async function countCategory(conn: Conn, subject: Subject, category: RecordCategory): Promise<Counted> {
  if (category === "automated_decisions") {
    // Not a data category: the decisions a request for an explanation is about (the account holder's only).
    if (subject.patientId !== null) return { category, total: 0, restricted: null };
    const [row] = await conn.select({ total: count() }).from(automatedDecisions).where(eq(automatedDecisions.accountId, subject.accountId));
    return { category, total: row?.total ?? 0, restricted: null };
  }
  const entry = entryOf(category);
  const restriction = entry.restriction;
  const [row] = await selectOwned(conn, entry, subject, {
    total: count(),
    restricted: restriction ? sql<number>`count(${restriction.restrictedAt})::int` : sql<null>`null`,
  });
  return { category, total: Number(row?.total ?? 0), restricted: (row?.restricted as number | null) ?? null };
}

/** Correctable fields: `record.field` (as filed by the app, or by table and column in older requests). */
const FIELD_SOURCES: Record<string, { column: PgColumn; table: PgTable; id: PgColumn; owner: (subject: Subject) => SQL }> = {};
function field(key: string, table: PgTable, column: PgColumn, id: PgColumn, owner: (subject: Subject) => SQL) {
  FIELD_SOURCES[key] = { table, column, id, owner };
}
/** The account, its real-name record and addresses are the account holder's: no 就诊人's field. */
const holders = (of: (accountId: string) => SQL) => (s: Subject) => (s.patientId === null ? of(s.accountId) : sql`false`);
field(
  "account.nickname",
  accounts,
  accounts.nickname,
  accounts.id,
  holders((a) => eq(accounts.id, a)),
);
field(
  "account.gender",
  accounts,
  accounts.gender,
  accounts.id,
  holders((a) => eq(accounts.id, a)),
);
field(
  "account.birthDate",
  accounts,
  accounts.birthDate,
  accounts.id,
  holders((a) => eq(accounts.id, a)),
);
field(
  "account.email",
  accounts,
  accounts.email,
  accounts.id,
  holders((a) => eq(accounts.id, a)),
);
field(
  "real_name.realName",
  realNameVerifications,
  realNameVerifications.realName,
  realNameVerifications.id,
  holders((a) => eq(realNameVerifications.accountId, a)),
);
for (const f of ["recipientName", "phone", "province", "city", "district", "detail", "postalCode"] as const) {
  field(
    `address.${f}`,
    addresses,
    addresses[f],
    addresses.id,
    holders((a) => eq(addresses.accountId, a)),
  );
}
field("consultation.chiefComplaint", consultations, consultations.chiefComplaint, consultations.id, (s) =>
  and(eq(consultations.accountId, s.accountId), s.patientId === null ? isNull(consultations.patientId) : eq(consultations.patientId, s.patientId))!,
);

/** "accounts.nickname" → "account.nickname", "consultations.chief_complaint" → "consultation.chiefComplaint". */
export function normaliseField(raw: string): string {
  const [record = "", column = ""] = raw.split(".", 2);
  const rec = { accounts: "account", addresses: "address", consultations: "consultation", real_name_verifications: "real_name" }[record] ?? record;
  const col = column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  return `${rec}.${col}`;
}

async function liveValue(conn: Conn, subject: Subject, rawField: string, recordId: string): Promise<string | null> {
  const src = FIELD_SOURCES[normaliseField(rawField)];
  if (!src || !isUuid(recordId)) return null;
  const [row] = await conn
    .select({ value: sql<string | null>`${src.column}::text` })
    .from(src.table)
    .where(and(eq(src.id, recordId), src.owner(subject)));
  return row ? (row.value ?? "") : null;
}

export type PlatformRecords = {
  account: { nickname: string; status: string; createdAt: Date; cancelledAt: Date | null; balanceCents: number } | null;
  realName: { realName: string; idNumberMasked: string; verifiedAt: Date } | null;
  /** The 就诊人 the request is about (a family member the account consults for), or null for the account holder. */
  patient: { name: string; relationship: PatientRelationship; gender: string | null; birthDate: string; idNumberMasked: string | null } | null;
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
  patient: null,
  categories: [],
  unknownCategories: [],
  corrections: [],
  consents: [],
  decisions: [],
  cancellationBlockers: [],
  relatedRequestRef: null,
});

/**
 * The records relevant to the request's type; nothing when the platform does not know the subject. For a 就诊人
 * (a family member the account consults for) only their own records: the account is shown as the one consulting
 * for them; its real-name record, consents and decisions are the account holder's, not theirs.
 */
export async function platformRecordsFor(
  conn: Conn,
  actor: Actor,
  r: Pick<Request, "type" | "scope" | "subjectAccountId"> & Partial<Pick<Request, "subjectPatientId">>,
): Promise<PlatformRecords> {
  if (!isStaff(actor.role)) throw new ForbiddenError("staff only");
  const scope = r.scope ?? {};
  const out: PlatformRecords = { ...empty(), relatedRequestRef: typeof scope.relatedRequestRef === "string" ? scope.relatedRequestRef : null };
  const subject = subjectOf({ subjectAccountId: r.subjectAccountId, subjectPatientId: r.subjectPatientId ?? null });
  if (!subject) return out;
  const accountId = subject.accountId;

  const [account] = await conn
    .select({
      nickname: accounts.nickname,
      status: accounts.status,
      createdAt: accounts.createdAt,
      cancelledAt: accounts.cancelledAt,
      balanceCents: accounts.balanceCents,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  out.account = account ?? null;
  if (subject.patientId === null) {
    const [rn] = await conn
      .select({ realName: realNameVerifications.realName, idNumber: realNameVerifications.idNumber, verifiedAt: realNameVerifications.verifiedAt })
      .from(realNameVerifications)
      .where(eq(realNameVerifications.accountId, accountId));
    out.realName = rn ? { realName: rn.realName, idNumberMasked: maskIdNumber(rn.idNumber), verifiedAt: rn.verifiedAt } : null;
  } else {
    const [p] = await conn
      .select({
        name: patients.name,
        relationship: patients.relationship,
        gender: patients.gender,
        birthDate: patients.birthDate,
        idNumber: patients.idNumber,
      })
      .from(patients)
      .where(and(eq(patients.id, subject.patientId), eq(patients.accountId, accountId)));
    out.patient = p
      ? {
          name: p.name,
          relationship: p.relationship,
          gender: p.gender,
          birthDate: p.birthDate,
          idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
        }
      : null;
  }

  if (r.type === "access" || r.type === "portability" || r.type === "deletion") {
    for (const raw of scope.categories ?? []) {
      const category = recordCategoryOf(raw);
      if (category) out.categories.push({ ...(await countCategory(conn, subject, category)), raw });
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
        live: await liveValue(conn, subject, c.field, c.recordId),
      });
    }
  }
  if (r.type === "consent") {
    const asked = new Set(scope.consents ?? []);
    const rows = (await selectOwned(
      conn,
      entryOf("consents"),
      subject,
      { key: consents.key, granted: consents.granted, changedAt: consents.changedAt },
      { order: [consents.key] },
    )) as { key: string; granted: boolean; changedAt: Date }[];
    out.consents = rows.map((x) => ({ ...x, asked: asked.has(x.key) }));
  }
  if (r.type === "automated_decision" && subject.patientId === null) {
    const rows = await conn
      .select({
        id: automatedDecisions.id,
        kind: automatedDecisions.kind,
        outcome: automatedDecisions.outcome,
        decidedAt: automatedDecisions.decidedAt,
      })
      .from(automatedDecisions)
      .where(eq(automatedDecisions.accountId, accountId))
      .orderBy(desc(automatedDecisions.decidedAt))
      .limit(20);
    out.decisions = rows.map((x) => ({ ...x, asked: x.id === scope.decisionId }));
  }
  if (r.type === "cancellation") out.cancellationBlockers = await cancellationBlockers(conn, accountId);
  return out;
}
