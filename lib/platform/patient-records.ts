import "server-only";
import { asc, desc, eq, gte } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { addresses, automatedDecisions, consents, realNameVerifications, type ConsentKey } from "@/db/schema";
import { CONSENT_KEYS } from "@/db/schema/platform";
import { recordsPatients, selectOwned } from "@/lib/categories/records";
import { REGISTRY, type Entry } from "@/lib/categories/registry";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isPatient } from "@/lib/policy";
import type { CorrectableField, DataCategory } from "@/lib/requests/categories";
import { familyMemberSubject } from "./family-members";
import { accountByPhone, cancellationBlockers, type CancellationBlocker } from "./ownership";
import { accountHolder, type Subject } from "./subject";

/**
 * The signed-in patient's own hospital records, as the request forms offer them: only through this module, only
 * the actor's own account (found by the phone they signed in with), and only what a form needs. ID numbers
 * leave it masked — with the last four characters hidden too, since they are what the real-name check asks.
 */

/** 110105196803126687 → 110***************: nothing of the part the real-name check asks for. */
export function maskIdForPatient(id: string): string {
  return id.length > 3 ? `${id.slice(0, 3)}${"*".repeat(id.length - 3)}` : "***";
}

export type CorrectableValue = {
  field: CorrectableField;
  recordId: string;
  /** The value as stored (gender as "male"/"female", dates as YYYY-MM-DD); "" when empty. */
  current: string;
  /** Which address, for address fields: the default one first. */
  addressIndex?: number;
};

export type RecordItem = {
  id: string;
  /** Words from the record itself (department and complaint, pharmacy…), shown as text. */
  title: string;
  detail?: string;
  /** A photo's kind, "tongue" or "face". */
  kind?: string;
  at: string | null;
  /** Held for a legal retention period after an earlier deletion: kept, restricted, deletable from this date. */
  restrictedUntil: string | null;
};

export type PatientRecords = {
  hasAccount: boolean;
  realName: { realName: string; idNumberMasked: string } | null;
  correctable: CorrectableValue[];
  addressCount: number;
  consents: { key: ConsentKey; granted: boolean; changedAt: string }[];
  decisions: { id: string; kind: string; outcome: string; decidedAt: string }[];
  /** Single records a deletion may name, per category. */
  items: Partial<Record<DataCategory, RecordItem[]>>;
  blockers: CancellationBlocker[];
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The subject's records of a category as its registry entry's `view` lists them: newest first, restricted ones marked. */
async function viewItems(conn: Conn, entry: Entry, subject: Subject, now: Date): Promise<RecordItem[]> {
  const view = entry.view!;
  const restriction = entry.restriction;
  const rows = await selectOwned(
    conn,
    entry,
    subject,
    {
      fields: view.select,
      id: entry.id.column,
      ...(restriction ? { restrictedAt: restriction.restrictedAt, deletableAfter: restriction.deletableAfter } : {}),
    },
    {
      where: view.recent ? gte(view.recent.column, new Date(now.getTime() - view.recent.days * 86_400_000)) : undefined,
      order: view.order,
      limit: view.recent?.limit,
    },
  );
  return rows.map((r) => {
    const item = view.item(r.fields as Record<string, unknown>);
    const restrictedAt = r.restrictedAt as Date | null | undefined;
    return { id: String(r.id), ...item, at: iso(item.at), restrictedUntil: restrictedAt ? ((r.deletableAfter as string | null) ?? "") : null };
  });
}

const EMPTY: PatientRecords = {
  hasAccount: false,
  realName: null,
  correctable: [],
  addressCount: 0,
  consents: [],
  decisions: [],
  items: {},
  blockers: [],
};

/**
 * The signed-in patient's own records, or, with `patientId`, those of a 就诊人 of their account (policy §3.3): only
 * the 就诊人's single records (their medical records); the account's real-name record, fields, addresses,
 * consents, decisions and what stops it closing are the account holder's, not theirs. A 就诊人 of another account
 * (or a made-up id) is not found.
 */
export async function loadPatientRecords(conn: Conn, actor: Actor, now = new Date(), opts: { patientId?: string } = {}): Promise<PatientRecords> {
  if (!isPatient(actor.role)) throw new ForbiddenError("patients only");
  const account = actor.phone ? await accountByPhone(conn, actor.phone) : null;
  if (opts.patientId !== undefined) {
    const member = account ? await familyMemberSubject(conn, account.id, opts.patientId, now) : null;
    if (!member) throw new NotFoundError("patient");
    const viewed = REGISTRY.filter((e) => e.view && recordsPatients(e));
    const lists = await Promise.all(viewed.map((e) => viewItems(conn, e, member.subject, now)));
    return {
      ...EMPTY,
      hasAccount: true,
      items: Object.fromEntries(viewed.map((e, i) => [e.category, lists[i]!])) as Partial<Record<DataCategory, RecordItem[]>>,
    };
  }
  if (!account) return EMPTY;
  const id = account.id;
  const viewed = REGISTRY.filter((e) => e.view);

  const [realName, addressRows, consentRows, decisionRows, blockers, ...lists] = await Promise.all([
    conn.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, id)),
    conn.select().from(addresses).where(eq(addresses.accountId, id)).orderBy(desc(addresses.isDefault), asc(addresses.id)),
    conn.select().from(consents).where(eq(consents.accountId, id)),
    conn.select().from(automatedDecisions).where(eq(automatedDecisions.accountId, id)).orderBy(desc(automatedDecisions.decidedAt)),
    cancellationBlockers(conn, id),
    ...viewed.map((e) => viewItems(conn, e, accountHolder(id), now)),
  ]);

  const rn = realName[0];
  const correctable: CorrectableValue[] = [
    { field: "account.nickname", recordId: id, current: account.nickname },
    { field: "account.gender", recordId: id, current: account.gender ?? "" },
    { field: "account.birthDate", recordId: id, current: account.birthDate ?? "" },
    { field: "account.email", recordId: id, current: account.email ?? "" },
  ];
  if (rn) correctable.push({ field: "real_name.realName", recordId: rn.id, current: rn.realName });
  addressRows.forEach((a, i) => {
    const fields = {
      recipientName: a.recipientName,
      phone: a.phone,
      province: a.province,
      city: a.city,
      district: a.district,
      detail: a.detail,
      postalCode: a.postalCode ?? "",
    };
    for (const [f, v] of Object.entries(fields))
      correctable.push({ field: `address.${f}` as CorrectableField, recordId: a.id, current: v, addressIndex: i });
  });

  const granted = new Map(consentRows.map((c) => [c.key, c]));

  return {
    hasAccount: true,
    realName: rn ? { realName: rn.realName, idNumberMasked: maskIdForPatient(rn.idNumber) } : null,
    correctable,
    addressCount: addressRows.length,
    // Every key the platform asks for, in a fixed order; a key never asked counts as not granted.
    consents: CONSENT_KEYS.map((key) => {
      const c = granted.get(key);
      return { key, granted: c?.granted ?? false, changedAt: iso(c?.changedAt) ?? "" };
    }),
    decisions: decisionRows.map((d) => ({ id: d.id, kind: d.kind, outcome: d.outcome, decidedAt: d.decidedAt.toISOString() })),
    items: Object.fromEntries(viewed.map((e, i) => [e.category, lists[i]!])) as Partial<Record<DataCategory, RecordItem[]>>,
    blockers,
  };
}
